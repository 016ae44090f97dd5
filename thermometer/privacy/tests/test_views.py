import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from thermometer.audit.models import AuditEvent, SecurityEvent
from thermometer.organisations.models import Membership
from thermometer.participants.models import Participant
from thermometer.privacy.models import PrivacySettings, PurgeRecord
from thermometer.privacy.subjects import reference
from thermometer.questionnaires.models import Invitation, Response
from thermometer.scans.models import Scan
from thermometer.testing import factories


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Scan.objects.get(slug="demo-thermometer")


@pytest.fixture
def lead(demo):
    return demo.created_by


def _answered(scan) -> Invitation:
    return (
        Invitation.objects.filter(questionnaire__scan=scan, response__answers__isnull=False)
        .select_related("participant")
        .first()
    )


def test_privacy_page_shows_retention_and_what_its_end_deletes(client, demo, lead):
    client.force_login(lead)
    page = client.get(reverse("privacy:overview", args=[demo.slug])).content.decode()
    assert "Bewaartermijn" in page and "Antwoorden op open vragen verwijderd" in page
    assert reverse("privacy:register", args=[demo.slug]) in page


def test_retention_is_changed_in_the_scan_settings(client, demo, lead):
    client.force_login(lead)
    url = reverse("scans:edit", args=[demo.slug])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(municipality=demo.municipality.label, retention_months="0")
    page = client.post(url, data)
    assert page.status_code == 200 and "retention_months" in page.context["form"].errors
    data["retention_months"] = "3"
    assert client.post(url, data).status_code == 302
    demo.refresh_from_db()
    assert demo.retention_months == 3


def test_a_respondent_finds_the_statement_with_date_contact_and_their_reference(client, demo):
    invitation = _answered(demo)
    page = client.get(reverse("privacy:respondent_statement", args=[invitation.token]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "privacy@example.org" in text and "Autoriteit Persoonsgegevens" in text
    assert reference(invitation.participant, invitation.token) in text
    assert "Gemeente Wassenaar" in text  # the controller: the scan's municipality
    assert client.get(reverse("privacy:respondent_statement", args=["x" * 32])).status_code == 404


def test_feedback_and_live_sessions_have_the_statement_too(client, demo):
    from thermometer.advice.models import FeedbackInvitation
    from thermometer.live.models import LiveSession

    feedback = FeedbackInvitation.objects.filter(round__scan=demo).first()
    page = client.get(reverse("privacy:feedback_statement", args=[feedback.token]))
    assert page.status_code == 200
    session = LiveSession.objects.first()
    page = client.get(reverse("privacy:live_statement", args=[session.code]))
    assert page.status_code == 200 and "Autoriteit Persoonsgegevens" in page.content.decode()


def test_the_statements_live_beside_the_links_they_belong_to():
    assert reverse("privacy:respondent_statement", args=["abc"]) == "/v/abc/privacy/"
    assert reverse("privacy:feedback_statement", args=["abc"]) == "/t/abc/privacy/"
    assert reverse("privacy:live_statement", args=["ABC"]) == "/s/ABC/privacy/"


def test_an_unknown_link_gets_the_page_of_where_it_came_from(client, db):
    respondent = client.get("/v/" + "x" * 32 + "/privacy/")
    assert respondent.status_code == 404
    assert "questionnaires/respond/invalid.html" in [t.name for t in respondent.templates]
    feedback = client.get("/t/" + "x" * 32 + "/privacy/")
    assert feedback.status_code == 404
    assert "advice/feedback/invalid.html" in [t.name for t in feedback.templates]
    live = client.get("/s/ABCABCABC/privacy/")
    assert live.status_code == 404 and "live/code.html" in [t.name for t in live.templates]
    assert all("no-store" in r["Cache-Control"] for r in (respondent, feedback, live))


def test_a_respondent_reads_the_statement_in_the_language_they_chose(client, demo):
    invitation = _answered(demo)
    url = reverse("privacy:respondent_statement", args=[invitation.token])
    assert '<h1 class="utrecht-heading-1">Privacyverklaring</h1>' in client.get(url).text
    client.post(reverse("respond:language", args=[invitation.token]), {"language": "en"})
    page = client.get(url).text
    assert '<h1 class="utrecht-heading-1">Privacy statement</h1>' in page
    assert reverse("respond:start", args=[invitation.token]) in page  # the way back


def test_a_request_by_reference_shows_exports_and_erases_one_person(client, demo, lead):
    client.force_login(lead)
    invitation = _answered(demo)
    person = invitation.participant
    code = reference(person, invitation.token)
    url = reverse("privacy:requests", args=[demo.slug])
    wrong = client.post(url, {"who": person.pseudonym + "-AAAAAA"})
    assert wrong.context["held"] is None and wrong.context["form"].errors
    found = client.post(url, {"who": code.lower()})
    assert found.context["person"] == person

    export = client.post(reverse("privacy:export", args=[demo.slug]), {"person": person.uuid})
    data = json.loads(export.content)
    assert export["Content-Disposition"].startswith("attachment")
    assert data["pseudonym"] == person.pseudonym and data["questionnaires"][0]["answers"]
    assert SecurityEvent.objects.filter(kind="subject_exported", what=person.pseudonym).exists()
    assert AuditEvent.objects.filter(scan=demo, event="subject_exported").exists()

    erase = reverse("privacy:erase", args=[demo.slug])
    client.post(erase, {"person": person.uuid})  # not confirmed: nothing happens
    assert Participant.objects.filter(pk=person.pk).exists()
    client.post(erase, {"person": person.uuid, "confirm": "on"})
    assert not Participant.objects.filter(pk=person.pk).exists()
    assert not Response.objects.filter(invitation__token=invitation.token).exists()
    record = PurgeRecord.objects.get(reason="erasure", scan=demo)
    assert record.subject == person.pseudonym and record.counts["responses"] == 1
    # A double submit finds nobody and says so; nothing breaks.
    again = client.post(erase, {"person": person.uuid, "confirm": "on"}, follow=True)
    assert "niet meer in de scan" in again.content.decode()


def test_a_personal_link_finds_the_person_but_only_in_its_own_scan(demo, lead):
    from thermometer.privacy.subjects import find_subject

    invitation = _answered(demo)
    assert find_subject(demo, f"https://x.example/v/{invitation.token}/") == invitation.participant
    other = factories.make_scan(lead=lead, organisation=demo.organisation, title="Ander")
    assert find_subject(other, invitation.token) is None
    assert find_subject(demo, "\x00D001") is None and find_subject(demo, "") is None


def test_purge_now_asks_for_confirmation(client, demo, lead):
    client.force_login(lead)
    url = reverse("privacy:purge", args=[demo.slug])
    assert client.post(url, {}).status_code == 200
    assert demo.participants.exclude(organisation="").exists()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert not demo.participants.exclude(organisation="").exists()
    history = client.get(reverse("scans:history", args=[demo.slug])).content.decode()
    assert "persoonsgegevens van de scan verwijderd of anoniem gemaakt" in history


def test_deleting_a_scan_removes_it_and_keeps_a_record(client, demo, lead, organisation=None):
    client.force_login(lead)
    url = reverse("privacy:delete", args=[demo.slug])
    assert client.post(url, {"title": "iets anders"}).status_code == 200
    assert Scan.objects.filter(pk=demo.pk).exists()
    title, pk = demo.title, demo.pk
    assert client.post(url, {"title": title}).status_code == 302
    assert not Scan.objects.filter(pk=pk).exists()
    assert not AuditEvent.objects.filter(scan_id=pk).exists()
    record = PurgeRecord.objects.get(reason="scan_deleted")
    assert record.scan_title == title and record.counts["participants"] == 88
    assert SecurityEvent.objects.filter(kind="scan_deleted", what=title).exists()
    assert client.get(reverse("scans:detail", args=[demo.slug])).status_code == 404


def test_only_an_administrator_reads_the_security_log_and_sets_privacy(client, demo, lead):
    organisation = demo.organisation
    colleague = Membership.objects.exclude(user=lead).filter(organisation=organisation).first()
    settings_url = reverse("privacy:organisation_settings", args=[organisation.uuid])
    log_url = reverse("privacy:security_log", args=[organisation.uuid])
    client.force_login(colleague.user)
    assert client.get(settings_url).status_code == 404
    assert client.get(log_url).status_code == 404
    client.force_login(lead)
    assert settings_url in client.get(reverse("scans:list")).content.decode()
    page = client.get(log_url)
    assert page.status_code == 200 and "Ingelogd" in page.content.decode()
    download = client.get(log_url + "?format=csv")
    assert download["Content-Type"] == "text/csv" and b"gebeurtenis" in download.content
    client.post(settings_url, {"contact": "avg@gemeente.example", "legal_basis": "public_task"})
    assert PrivacySettings.objects.get(organisation=organisation).contact == "avg@gemeente.example"
    outsider = factories.adviser(email="elders@example.org")
    client.force_login(outsider)
    assert client.get(log_url).status_code == 404


def test_register_downloads_as_spreadsheet(client, demo, lead):
    client.force_login(lead)
    url = reverse("privacy:register", args=[demo.slug])
    page = client.get(url).content.decode()
    assert "Bewaartermijn" in page and "privacy@example.org" in page
    xlsx = client.get(url + "?format=xlsx")
    assert xlsx.content[:2] == b"PK"
    csv = client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "Verwerkingsverantwoordelijke" in csv
