import datetime

from django.urls import reverse
from django.utils import translation

from thermometer.scans.constants import StepStatus
from thermometer.scans.models import Scan
from thermometer.testing import factories


def _create(client, **overrides):
    data = {
        "title": "Thermometer Noordoostpolder 2026",
        "municipality": "GM0171",
        "method_version": factories.method_version().pk,
        "organisation": factories.OrganisationFactory(name="Adviesbureau A").pk,
        "start_date": "2026-11-02",
        "policy_areas": ["jeugd", "wmo"],
        "client_questions": "Werkt de toegang?\n\nWaar lekt het budget?",
    }
    data.update(overrides)
    return client.post(reverse("scans:create"), data)


def test_adviser_creates_a_scan_and_is_sent_to_its_planning(lead_client, lead):
    response = _create(lead_client)
    scan = Scan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scans:planning", kwargs={"slug": scan.slug})
    assert scan.municipality.name == "Noordoostpolder"
    assert [q.text for q in scan.client_questions.all()] == [
        "Werkt de toegang?",
        "Waar lekt het budget?",
    ]
    assert scan.method_version.slug == "thermometer"
    assert scan.step_states.count() == len(scan.method.steps)


def test_municipality_is_found_by_name_or_by_list_label(lead_client):
    _create(lead_client, municipality="noordoostpolder")
    _create(lead_client, municipality="Wassenaar (GM0629)", title="Tweede")
    assert sorted(Scan.objects.values_list("municipality__code", flat=True)) == [
        "GM0171",
        "GM0629",
    ]


def test_unknown_or_ambiguous_municipality_gets_a_dutch_message(lead_client):
    with translation.override("nl"):
        unknown = _create(lead_client, municipality="Atlantis").content.decode()
        ambiguous = _create(lead_client, municipality="Berg").content.decode()
    assert "Geen gemeente gevonden bij “Atlantis”" in unknown
    assert "meerdere gemeenten" in ambiguous
    assert not Scan.objects.exists()


def test_other_policy_area_needs_a_description(lead_client):
    with translation.override("nl"):
        page = _create(lead_client, policy_areas=["other"]).content.decode()
    assert "Beschrijf het andere beleidsterrein." in page
    assert not Scan.objects.exists()


def test_planning_can_be_suggested_from_a_new_start_date_and_saved(lead_client, scan):
    url = reverse("scans:planning", kwargs={"slug": scan.slug})
    page = lead_client.post(url, {"suggest-start_date": "2027-01-04"}).content.decode()
    assert 'value="2027-01-04"' in page
    assert not scan.step_states.filter(planned_date__year=2027).exists()
    dates = {s.key: datetime.date(2027, 1, 4 + i) for i, s in enumerate(scan.method.steps)}
    response = lead_client.post(url, {k: v.isoformat() for k, v in dates.items()})
    assert response.status_code == 302
    assert {s.step_key: s.planned_date for s in scan.step_states.all()} == dates


def test_planning_refuses_a_step_dated_before_the_previous_one(lead_client, scan):
    steps = scan.method.steps
    data = {s.key: f"2027-01-{10 + i:02d}" for i, s in enumerate(steps)}
    data[steps[1].key] = "2027-01-01"
    with translation.override("nl"):
        page = lead_client.post(reverse("scans:planning", kwargs={"slug": scan.slug}), data)
    assert page.status_code == 200
    assert f"Deze datum ligt vóór de datum van stap “{steps[0].name}”." in page.content.decode()


def test_step_page_shows_checklist_and_advances(lead_client, scan):
    step = scan.method.steps[0]
    url = reverse("scans:step", kwargs={"slug": scan.slug, "step_key": step.key})
    page = lead_client.get(url).content.decode()
    for item in step.checklist:
        assert item["label"] in page
    lead_client.post(
        reverse("scans:step_transition", kwargs={"slug": scan.slug, "step_key": step.key}),
        {"action": "start"},
    )
    assert scan.step_states.get(step_key=step.key).status == StepStatus.BUSY


def test_checklist_toggle_by_htmx_returns_the_item(lead_client, scan):
    step = scan.method.steps[0]
    item = step.checklist[0]
    url = reverse("scans:checklist_toggle", kwargs={"slug": scan.slug, "step_key": step.key})
    response = lead_client.post(url, {"item": item["key"], "done": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith("<li")
    assert "checked" in html
    assert scan.checklist_ticks.count() == 1


def test_unknown_step_or_item_is_404(lead_client, scan):
    assert lead_client.get(f"/scans/{scan.slug}/steps/nope/").status_code == 404
    url = reverse(
        "scans:checklist_toggle", kwargs={"slug": scan.slug, "step_key": scan.method.steps[0].key}
    )
    assert lead_client.post(url, {"item": "nope", "done": "1"}).status_code == 404


def test_client_comments_on_a_step(client, scan, client_user):
    client.force_login(client_user)
    step = scan.method.steps[0]
    client.post(
        reverse("scans:comment_add", kwargs={"slug": scan.slug, "step_key": step.key}),
        {"text": "Neem schuldhulp mee."},
    )
    page = client.get(reverse("scans:step", kwargs={"slug": scan.slug, "step_key": step.key}))
    assert "Neem schuldhulp mee." in page.content.decode()


def test_history_reads_as_dutch_sentences(lead_client, scan):
    with translation.override("nl"):
        page = lead_client.get(reverse("scans:history", kwargs={"slug": scan.slug}))
    assert f"Lea Lead heeft het onderzoek “{scan.title}” aangemaakt." in page.content.decode()


def test_lead_adds_a_colleague_to_the_team(lead_client, scan, organisation):
    colleague = factories.adviser(organisation, email="c@example.org")
    lead_client.post(
        reverse("scans:member_add", kwargs={"slug": scan.slug}),
        {"user": colleague.pk, "role": "adviser"},
    )
    assert scan.members.filter(user=colleague, role="adviser").exists()


def test_outsider_cannot_be_added_to_the_team(lead_client, scan, outsider):
    lead_client.post(
        reverse("scans:member_add", kwargs={"slug": scan.slug}),
        {"user": outsider.pk, "role": "adviser"},
    )
    assert not scan.members.filter(user=outsider).exists()
