"""Scans, made as an adviser makes them (``scans.services.create_scan``: step states,
the lead on the team, the audit event), and brought to the states tests need."""

import datetime

import factory

from thermometer.methods.models import MethodVersion
from thermometer.municipalities.models import Municipality
from thermometer.questionnaires.generation import generate_questionnaires
from thermometer.scans import services
from thermometer.scans.constants import ScanRole
from thermometer.scans.models import Scan

from .accounts import adviser
from .advice import advise
from .coding import coded_document
from .participants import ParticipantFactory


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


class ScanFactory(factory.Factory):
    """``ScanFactory()``: a Thermometer scan of Noordoostpolder by a new adviser (see
    ``make_scan``; ``lead``, ``organisation``, ``method``, ``title``, ``start_date`` and
    ``municipality_code`` as there).

    Traits and states, applied in this order:

    - ``raad=True`` / ``tweedaagse=True``: the method De Raad in positie or the
      Tweedaagse scan;
    - ``questionnaires=True``: the method's questionnaires generated;
    - ``participants=3``: that many participants (``participants__layer=...``);
    - ``coded=True``: a read document whose first passage is coded with Eigen kracht;
    - ``advice="concept" | "feedback" | "final"``: a recommendation frozen as concept
      version 1, that concept in a feedback round (a participant added if there is
      none), or frozen as the final, locked advice.
    """

    class Meta:
        model = Scan

    lead = None
    organisation = None
    method = "thermometer"
    title = "Thermometer Noordoostpolder"
    start_date = datetime.date(2026, 11, 2)
    municipality_code = "GM0171"

    class Params:
        raad = factory.Trait(method="raad_in_positie", title="Raad in positie Noordoostpolder")
        tweedaagse = factory.Trait(method="tweedaagse_scan", title="Tweedaagse Noordoostpolder")

    @classmethod
    def _create(cls, model_class, **kwargs):
        return make_scan(**kwargs)

    @factory.post_generation
    def questionnaires(scan, create, extracted, **kwargs):
        if extracted:
            generate_questionnaires(scan, user=scan.created_by)

    @factory.post_generation
    def participants(scan, create, extracted, **kwargs):
        for _ in range(extracted or 0):
            ParticipantFactory(scan=scan, **kwargs)

    @factory.post_generation
    def coded(scan, create, extracted, **kwargs):
        if extracted:
            coded_document(scan)

    @factory.post_generation
    def advice(scan, create, extracted, **kwargs):
        if extracted:
            advise(scan, extracted)
