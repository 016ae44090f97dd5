"""The household and journey are made when a scan is created (or by the data migration
for older scans), never by a page or a report that reads them."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from thermometer.audit.models import AuditEvent
from thermometer.journeys import services
from thermometer.journeys.models import HelpQuestion, Household, HouseholdMember, JourneyStep
from thermometer.live import services as live
from thermometer.reports.content import report_content
from thermometer.scans import seeding
from thermometer.testing import factories
from thermometer.testing.queries import no_writes

migration = importlib.import_module("thermometer.journeys.migrations.0002_seed_journeys")


@pytest.fixture
def tweedaagse(lead, organisation):
    return factories.make_scan(
        lead=lead, organisation=organisation, method="tweedaagse_scan", title="Tweedaagse Hoorn"
    )


def _rows(scan) -> tuple[int, int, int, int]:
    return (
        Household.objects.filter(scan=scan).count(),
        HouseholdMember.objects.filter(household__scan=scan).count(),
        HelpQuestion.objects.filter(household__scan=scan).count(),
        JourneyStep.objects.filter(scan=scan).count(),
    )


def _unseeded(scan):
    """A scan as one made before journeys were seeded with the scan."""
    Household.objects.filter(scan=scan).delete()
    JourneyStep.objects.filter(scan=scan).delete()
    AuditEvent.objects.filter(scan=scan, event="journey_seeded").delete()
    return scan


def test_a_new_tweedaagse_scan_has_its_household_and_journey_once(tweedaagse):
    method = tweedaagse.method.data
    persona = method["persona"]
    expected = (1, len(persona["members"]), len(persona["help_questions"]), 7)
    assert _rows(tweedaagse) == expected and len(method["journey_steps"]) == 7
    assert tweedaagse.household.name == "Familie Hermans"
    # Part of creating the scan, which its one event records.
    events = AuditEvent.objects.filter(scan=tweedaagse).values_list("event", flat=True)
    assert list(events) == ["scan_created"]
    # The seeders run again (a second call) make nothing twice.
    seeding.seed(tweedaagse)
    assert _rows(tweedaagse) == expected
    assert services.seed(tweedaagse, user=tweedaagse.created_by) == tweedaagse.household
    assert list(AuditEvent.objects.filter(scan=tweedaagse).values_list("event", flat=True)) == [
        "scan_created"
    ]


def test_seeding_a_scan_made_without_a_journey_records_it(tweedaagse, lead):
    _unseeded(tweedaagse)
    services.seed(tweedaagse, user=lead)
    assert _rows(tweedaagse) == (1, 5, 4, 7)
    event = AuditEvent.objects.get(scan=tweedaagse, event="journey_seeded")
    assert event.user == lead and event.data == {"household": "Familie Hermans", "steps": "7"}
    assert str(event) == (
        "Het gezin “Familie Hermans” en de klantreis (7 stappen) zijn overgenomen uit de methode."
    )


def test_a_method_without_a_journey_gives_no_household(scan):
    assert _rows(scan) == (0, 0, 0, 0)
    assert not AuditEvent.objects.filter(scan=scan, event="journey_seeded").exists()


@pytest.mark.parametrize("name", ["journeys:overview", "journeys:edit", "journeys:checklist"])
def test_the_journey_pages_only_read(lead_client, tweedaagse, name):
    url = reverse(name, kwargs={"slug": tweedaagse.slug})
    with no_writes():
        page = lead_client.get(url)
    assert page.status_code == 200


def test_the_room_and_the_device_only_read(lead_client, tweedaagse, lead):
    session = live.open_session(
        tweedaagse, kind="journey", title="Klantreis", votes_per_person=2, user=lead
    )
    room = reverse("journeys:room", kwargs={"slug": tweedaagse.slug, "session_uuid": session.uuid})
    with no_writes():
        assert lead_client.get(room).status_code == 200


def test_a_scan_without_a_journey_shows_an_empty_state_and_stays_without(lead_client, tweedaagse):
    _unseeded(tweedaagse)
    for name in ("journeys:overview", "journeys:edit"):
        with no_writes():
            page = lead_client.get(reverse(name, kwargs={"slug": tweedaagse.slug}))
        assert "Deze scan heeft geen gezin en geen klantreis." in page.text
    assert _rows(tweedaagse) == (0, 0, 0, 0)


def test_building_the_tweedaagse_report_only_reads(tweedaagse):
    with no_writes():
        content = report_content(tweedaagse)
    assert content["household"]["name"] == "Familie Hermans"
    assert len(content["household"]["members"]) == 5  # the family Hermans and grandma
    _unseeded(tweedaagse)
    with no_writes():
        empty = report_content(tweedaagse)
    assert empty["household"]["members"] == [] and empty["steps"] == []
    assert _rows(tweedaagse) == (0, 0, 0, 0)


def test_the_migration_seeds_an_old_scan_and_leaves_the_others(tweedaagse, scan):
    _unseeded(tweedaagse)
    migration.seed_journeys(apps, None)
    assert _rows(tweedaagse) == (1, 5, 4, 7)
    assert (
        tweedaagse.journey_steps.first().name == tweedaagse.method.data["journey_steps"][0]["name"]
    )
    event = AuditEvent.objects.get(scan=tweedaagse, event="journey_seeded")
    assert event.user is None and event.organisation == tweedaagse.organisation
    assert "(7 stappen)" in str(event)
    # The Thermometer follows no household; running it again makes nothing twice.
    migration.seed_journeys(apps, None)
    assert _rows(tweedaagse) == (1, 5, 4, 7) and _rows(scan) == (0, 0, 0, 0)
    assert AuditEvent.objects.filter(event="journey_seeded", scan=tweedaagse).count() == 1


def test_adapting_the_journey_is_saved_with_its_event(lead_client, tweedaagse):
    url = reverse("journeys:edit", kwargs={"slug": tweedaagse.slug})
    page = lead_client.get(url)
    data = {}
    for formset in (page.context["member_forms"], page.context["step_forms"]):
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset:
            for field in form:
                value = field.value()
                data[field.html_name] = "" if value is None else value
    data["steps-0-involved"] = "Wijkteam, Sociaal loket"
    response = lead_client.post(url, data)
    assert response.status_code == 302
    first = tweedaagse.journey_steps.order_by("order").first()
    assert first.involved == "Wijkteam, Sociaal loket"
    assert AuditEvent.objects.filter(scan=tweedaagse, event="journey_edited").count() == 1
