"""factory_boy factories; traits name the domain states tests need."""

import datetime

import factory
from django.contrib.auth import get_user_model

from thermometer.methods.models import MethodVersion
from thermometer.municipalities.models import Municipality
from thermometer.organisations.constants import OrganisationRole
from thermometer.organisations.models import Membership, Organisation
from thermometer.participants.models import Participant
from thermometer.scans import services
from thermometer.scans.constants import ScanRole

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Adviesbureau {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def organisation(self, create, extracted, **kwargs):
        """``UserFactory(organisation=org, role=...)`` makes the user a member."""
        if extracted is not None:
            Membership.objects.create(
                user=self, organisation=extracted, role=kwargs.get("role", OrganisationRole.ADVISER)
            )
        self.save()


def adviser(organisation=None, **kwargs):
    return UserFactory(organisation=organisation or OrganisationFactory(), **kwargs)


def client_user(organisation, **kwargs):
    return UserFactory(
        organisation=organisation, organisation__role=OrganisationRole.CLIENT, **kwargs
    )


def method_version(slug="thermometer") -> MethodVersion:
    return max(MethodVersion.objects.filter(slug=slug), key=lambda m: m.version_key)


def municipality(code="GM0171") -> Municipality:
    return Municipality.objects.get(code=code)


def make_scan(
    *,
    lead=None,
    organisation=None,
    method="thermometer",
    title="Thermometer Noordoostpolder",
    start_date=datetime.date(2026, 11, 2),
    municipality_code="GM0171",
    **kwargs,
):
    """A scan as an adviser creates it through the UI (with its step states and audit)."""
    if lead is None:
        lead = adviser(organisation)
    organisation = organisation or lead.memberships.first().organisation
    return services.create_scan(
        user=lead,
        organisation=organisation,
        municipality=municipality(municipality_code),
        method_version=method_version(method),
        title=title,
        policy_areas=kwargs.pop("policy_areas", ["jeugd", "wmo"]),
        start_date=start_date,
        **kwargs,
    )


def add_to_team(scan, user, role: ScanRole):
    return services.add_member(scan, user, role, user=scan.created_by)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    number = factory.Sequence(lambda n: n + 1)
    layer = "uitvoering"
    actor = "professional"
    organisation = "Wijkteam (fictief)"


def document(
    scan,
    text="Visie (fictief)\n\nWij willen dat inwoners meedoen.",
    name="visie.txt",
    place="visie",
):
    """A read document with passages, as after upload and the background task."""
    from thermometer.sources.services import add_documents
    from thermometer.sources.tasks import extract_source

    (added,) = add_documents(scan, [(name, text.encode())], place=place, user=scan.created_by)
    extract_source.call(added.source.pk)
    added.source.refresh_from_db()
    return added.source


def coded_document(scan):
    """A read document whose first passage is coded with the goal Eigen kracht."""
    from thermometer.coding.services import code_passage, seed_codebook

    source = document(scan)
    seed_codebook(scan)
    code_passage(source.passages.first(), scan.codes.get(key="self_reliance"), user=scan.created_by)
    return source


def concept_advice_in_feedback(scan, titles=("Bedoeling in contracten",), days=7):
    """Recommendations frozen as concept version 1, with a feedback round open to every
    participant of the scan."""
    from django.utils import timezone

    from thermometer.advice import services as advice

    for title in titles:
        advice.add_recommendation(
            scan,
            {
                "title": title,
                "text": f"{title}: neem de bedoeling op.",
                "priority": "hoog",
                "horizon": "kort",
                "owner_layer": "opdrachtgeving",
            },
            user=scan.created_by,
        )
    version = advice.freeze(scan, user=scan.created_by)
    return advice.open_round(
        version, deadline=timezone.now() + datetime.timedelta(days=days), user=scan.created_by
    )
