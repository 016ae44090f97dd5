"""Live sessions (opened through the live service) and the devices that joined them."""

import factory

from thermometer.live import services
from thermometer.live.models import LiveParticipant, LiveSession


class LiveSessionFactory(factory.Factory):
    """``LiveSessionFactory(scan=scan)``: an open session as the adviser opens it
    (``live.services.open_session``, audited); ``kind`` picks the board ("journey",
    "framework_values", "framework_results"); ``closed=True`` closes it again."""

    class Meta:
        model = LiveSession

    scan = None
    kind = "journey"
    title = "Klantreis"
    votes_per_person = 3

    @classmethod
    def _create(cls, model_class, *, scan, user=None, **fields):
        return services.open_session(scan, user=user or scan.created_by, **fields)

    @factory.post_generation
    def closed(session, create, extracted, **kwargs):
        """``closed=True``: the session was opened and closed again."""
        if extracted:
            services.close_session(session, user=session.created_by)


class DeviceFactory(factory.django.DjangoModelFactory):
    """A device in a session, as a browser that joined it (without its browser session:
    join through ``live:join_code`` with a test client for that)."""

    class Meta:
        model = LiveParticipant

    session = None
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
