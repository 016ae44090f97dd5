import factory

from thermometer.participants.models import Participant


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    number = factory.Sequence(lambda n: n + 1)
    layer = "uitvoering"
    actor = "professional"
    organisation = "Wijkteam (fictief)"
