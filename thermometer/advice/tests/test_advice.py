"""Recommendations, versions, the feedback round and its bad links, consolidation,
discussion and presentation."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thermometer.advice import services
from thermometer.advice.consolidation import LEVELS
from thermometer.advice.models import AdviceVersion, FeedbackAnswer, MinorityRecord
from thermometer.advice.reading import consolidation_for
from thermometer.testing import factories

DATA = {
    "title": "Bedoeling in contracten",
    "text": "Neem de bedoeling op in elk contract.",
    "goal": "self_reliance",
    "priority": "hoog",
    "horizon": "kort",
    "owner_layer": "opdrachtgeving",
}


def test_two_advisers_never_overwrite_each_other(scan, lead, organisation):
    colleague = factories.adviser(organisation, email="collega@example.org")
    rec = services.add_recommendation(scan, DATA, user=lead)
    opened = rec.revision
    services.update_recommendation(
        rec, {**DATA, "text": "Versie van A."}, revision=opened, user=lead
    )
    with pytest.raises(services.Conflict) as clash:
        services.update_recommendation(
            rec, {**DATA, "text": "Versie van B."}, revision=opened, user=colleague
        )
    assert clash.value.current.text == "Versie van A."
    rec.refresh_from_db()
    assert rec.text == "Versie van A." and rec.revision == opened + 1


def test_the_edit_page_shows_the_other_change_on_conflict(lead_client, scan, lead):
    rec = services.add_recommendation(scan, DATA, user=lead)
    url = reverse("advice:edit", kwargs={"slug": scan.slug, "rec_uuid": rec.uuid})
    stale = {**DATA, "text": "Mijn tekst.", "theme": "", "revision": rec.revision}
    services.update_recommendation(
        rec, {**DATA, "text": "Hun tekst."}, revision=rec.revision, user=lead
    )
    response = lead_client.post(url, stale)
    assert response.status_code == 409
    assert "Hun tekst." in response.text and "Mijn tekst." in response.text
    rec.refresh_from_db()
    assert rec.text == "Hun tekst."
    # Saving again, now against their revision, goes through.
    again = lead_client.post(url, {**stale, "revision": rec.revision})
    assert again.status_code == 302
    rec.refresh_from_db()
    assert rec.text == "Mijn tekst."


@pytest.mark.parametrize(
    "bad",
    [{"title": ""}, {"goal": "geluk"}, {"priority": "urgent"}, {"owner_layer": "hemel"}],
)
def test_bad_recommendations_are_refused(scan, lead, bad):
    with pytest.raises(services.AdviceError):
        services.add_recommendation(scan, {**DATA, **bad}, user=lead)
    assert not scan.recommendations.exists()


def test_versions_are_frozen_and_the_final_one_locks(scan, lead):
    rec = services.add_recommendation(scan, DATA, user=lead)
    v1 = services.freeze(scan, user=lead)
    with pytest.raises(ValueError):
        v1.note = "anders"
        v1.save()
    services.update_recommendation(
        rec, {**DATA, "text": "Scherper."}, revision=rec.revision, user=lead
    )
    assert (
        AdviceVersion.objects.get(number=1).snapshot["recommendations"][0]["text"] == DATA["text"]
    )
    final = services.freeze(scan, user=lead, final=True)
    assert final.number == 2 and services.is_locked(scan)
    rec.refresh_from_db()
    with pytest.raises(services.AdviceError):
        services.update_recommendation(rec, DATA, revision=rec.revision, user=lead)
    with pytest.raises(services.AdviceError):
        services.freeze(scan, user=lead)
    with pytest.raises(services.AdviceError):  # not without a reason
        services.reopen(scan, user=lead, reason=" ")
    services.reopen(scan, user=lead, reason="De raad vraagt een extra aanbeveling")
    assert "extra aanbeveling" in str(scan.audit_events.first())
    services.update_recommendation(rec, DATA, revision=rec.revision, user=lead)
    assert services.freeze(scan, user=lead).number == 3


def test_version_page_shows_a_word_level_diff(lead_client, scan, lead):
    rec = services.add_recommendation(scan, DATA, user=lead)
    services.freeze(scan, user=lead)
    services.update_recommendation(
        rec,
        {**DATA, "text": "Neem de bedoeling expliciet op in elk contract."},
        revision=rec.revision,
        user=lead,
    )
    services.freeze(scan, user=lead)
    page = lead_client.get(reverse("advice:version", kwargs={"slug": scan.slug, "number": 2}))
    assert re.search(r"<ins>\s*expliciet\s*</ins>", page.text)


def _round(scan, lead, **kw):
    services.add_recommendation(scan, DATA, user=lead)
    for number in range(1, 7):
        factories.ParticipantFactory(scan=scan, layer="uitvoering", number=number)
    version = services.freeze(scan, user=lead)
    return services.open_round(
        version, deadline=kw.get("deadline", timezone.now() + datetime.timedelta(days=7)), user=lead
    )


def test_a_round_invites_every_participant_once(scan, lead):
    feedback_round = _round(scan, lead)
    assert feedback_round.invitations.count() == 6
    assert len({i.token for i in feedback_round.invitations.all()}) == 6
    with pytest.raises(services.AdviceError):
        services.open_round(feedback_round.version, deadline=feedback_round.deadline, user=lead)


def test_feedback_pages_for_every_bad_link(client, scan, lead):
    feedback_round = _round(scan, lead)
    invitation = feedback_round.invitations.first()
    assert client.get(reverse("feedback:start", kwargs={"token": "nope"})).status_code == 404
    form = reverse("feedback:form", kwargs={"token": invitation.token})
    assert client.get(form).status_code == 200
    services.submit_feedback(invitation)
    used = client.get(form)
    assert used.status_code == 200
    assert "al verstuurd" in used.text or "already sent" in used.text
    other = feedback_round.invitations.exclude(pk=invitation.pk).first()
    services.close_round(feedback_round, user=lead)
    closed = client.get(reverse("feedback:form", kwargs={"token": other.token}))
    assert closed.status_code == 410


def test_a_feedback_link_closes_at_its_deadline(client, scan, lead):
    deadline = datetime.datetime(2026, 11, 27, 16, tzinfo=datetime.UTC)
    with time_machine.travel(deadline - datetime.timedelta(days=7), tick=False) as clock:
        feedback_round = _round(scan, lead, deadline=deadline)
        invitation = feedback_round.invitations.first()
        form = reverse("feedback:form", kwargs={"token": invitation.token})
        assert client.get(form).status_code == 200
        clock.move_to(deadline - datetime.timedelta(minutes=1))
        assert client.get(form).status_code == 200
        clock.move_to(deadline)
        assert client.get(form).status_code == 410
        with pytest.raises(services.AdviceError, match="toekomst"):  # a deadline ahead
            services.open_round(feedback_round.version, deadline=deadline, user=lead)


def test_a_half_filled_feedback_is_kept_and_explained(client, scan, lead):
    feedback_round = _round(scan, lead)
    invitation = feedback_round.invitations.first()
    (rec,) = feedback_round.version.snapshot["recommendations"]
    key = rec["uuid"]
    url = reverse("feedback:form", kwargs={"token": invitation.token})
    response = client.post(url, {f"needs-{key}": "Meer tijd", "send": "1"})
    assert response.status_code == 400
    answer = FeedbackAnswer.objects.get()
    assert answer.needs == "Meer tijd" and answer.support is None
    invitation.refresh_from_db()
    assert invitation.submitted_at is None
    done = client.post(url, {f"support-{key}": "1", f"needs-{key}": "Meer tijd", "send": "1"})
    assert done.status_code == 302
    invitation.refresh_from_db()
    assert invitation.submitted_at is not None
    # A double submit changes nothing.
    again = client.post(url, {f"support-{key}": "5", "send": "1"})
    assert again.status_code == 200
    assert FeedbackAnswer.objects.get().support == 1


def test_autosave_keeps_one_recommendation_and_refuses_others(client, scan, lead):
    feedback_round = _round(scan, lead)
    invitation = feedback_round.invitations.first()
    (rec,) = feedback_round.version.snapshot["recommendations"]
    url = reverse("feedback:autosave", kwargs={"token": invitation.token, "rec_uuid": rec["uuid"]})
    assert client.post(url, {f"support-{rec['uuid']}": "4"}).status_code == 200
    assert FeedbackAnswer.objects.get().support == 4
    foreign = reverse(
        "feedback:autosave",
        kwargs={"token": invitation.token, "rec_uuid": "00000000-0000-0000-0000-000000000000"},
    )
    assert client.post(foreign, {}).status_code == 404


def test_consolidation_and_the_minority_record_reach_the_next_version(lead_client, scan, lead):
    feedback_round = _round(scan, lead)
    (rec,) = feedback_round.version.snapshot["recommendations"]
    for index, invitation in enumerate(feedback_round.invitations.all()):
        support = 1 if index < 2 else 5
        services.save_feedback(
            invitation,
            rec["uuid"],
            support=support,
            needs="Scholing eerst" if index < 2 else "",
            comment="",
        )
        services.submit_feedback(invitation)
    page = lead_client.get(
        reverse(
            "advice:consolidation", kwargs={"slug": scan.slug, "round_uuid": feedback_round.uuid}
        )
    )
    assert "Scholing eerst" in page.text
    group = scan.method.layers["uitvoering"]
    lead_client.post(
        reverse("advice:minority", kwargs={"slug": scan.slug, "round_uuid": feedback_round.uuid}),
        {
            "recommendation": rec["uuid"],
            "group": group,
            "view": "Eerst scholing voor het wijkteam",
            "decision": "partly",
            "reason": "scholing is toegevoegd aan de eerste fase",
        },
    )
    assert MinorityRecord.objects.get().decision == "partly"
    version = services.freeze(scan, user=lead, final=True)
    (kept,) = version.snapshot["minority"]
    assert kept["view"] == "Eerst scholing voor het wijkteam" and kept["group"] == group


def test_support_per_actor_counts_each_sender_with_their_own_actor(scan, lead):
    # Five people of the execution layer, of whom three are residents (an ervaringsdeskundige
    # in the wijkteam, say): the actor table follows the participants, as the
    # questionnaire analysis does, not the layer's usual actor.
    services.add_recommendation(scan, DATA, user=lead)
    for number in range(1, 9):
        actor = "inwoner" if number <= 5 else "professional"
        factories.ParticipantFactory(scan=scan, layer="uitvoering", actor=actor, number=number)
    version = services.freeze(scan, user=lead)
    feedback_round = services.open_round(
        version, deadline=timezone.now() + datetime.timedelta(days=7), user=lead
    )
    (rec,) = feedback_round.version.snapshot["recommendations"]
    for invitation in feedback_round.invitations.all():
        support = 2 if invitation.actor == "inwoner" else 5
        services.save_feedback(invitation, rec["uuid"], support=support, needs="", comment="")
        services.submit_feedback(invitation)
    (item,) = consolidation_for(feedback_round, scan)
    (row,) = item["actors"]  # the three professionals stay below the minimum of 5
    assert row["label"] == scan.method.actors["inwoner"]
    assert row["counts"][LEVELS.index(2)] == 5


def test_discussion_and_presentation(scan, lead):
    rec = services.add_recommendation(scan, DATA, user=lead)
    note = services.add_discussion_note(
        scan, date=datetime.date(2026, 11, 20), text="Besproken.", recommendations=[rec], user=lead
    )
    assert list(note.recommendations.all()) == [rec]
    with pytest.raises(services.AdviceError):
        services.record_presentation(scan, kind="symposium", date=datetime.date.today(), user=lead)
    services.freeze(scan, user=lead, final=True)
    shown = services.record_presentation(
        scan, kind="symposium", date=datetime.date(2026, 12, 1), user=lead
    )
    assert shown.version.number == 1


def test_links_are_emailed_once_to_those_with_an_address(
    scan, lead, mailoutbox, django_capture_on_commit_callbacks
):
    feedback_round = _round(scan, lead)
    with_mail = feedback_round.invitations.select_related("participant")[:2]
    for number, invitation in enumerate(with_mail):
        invitation.participant.email = f"deelnemer{number}@example.org"
        invitation.participant.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_links(feedback_round, user=lead) == 2
    assert len(mailoutbox) == 2
    token = with_mail[0].token
    assert any(token in message.body for message in mailoutbox)
    assert "concept" in mailoutbox[0].subject.lower()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_links(feedback_round, user=lead) == 0  # never twice
    assert len(mailoutbox) == 2
    services.close_round(feedback_round, user=lead)
    with pytest.raises(services.AdviceError):
        services.email_links(feedback_round, user=lead)


# --- how many queries --------------------------------------------------------------------


def _reading(queries, table: str) -> list:
    return [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]


def test_the_overview_reads_the_working_copy_once(lead_client, scan, lead):
    services.add_recommendation(scan, DATA, user=lead)
    services.freeze(scan, user=lead)
    with CaptureQueriesContext(connection) as queries:
        page = lead_client.get(reverse("advice:overview", kwargs={"slug": scan.slug}))
    assert page.status_code == 200 and DATA["title"] in page.text
    assert len(_reading(queries, "advice_recommendation")) == 1
    assert len(_reading(queries, "advice_adviceversion")) == 1


def test_changing_a_recommendation_reuses_the_scan(lead_client, scan, lead):
    rec = services.add_recommendation(scan, DATA, user=lead)
    url = reverse("advice:edit", kwargs={"slug": scan.slug, "rec_uuid": rec.uuid})
    with CaptureQueriesContext(connection) as queries:
        response = lead_client.post(url, {**DATA, "theme": "", "revision": rec.revision})
    assert response.status_code == 302
    assert len(_reading(queries, "scans_scan")) == 1  # the scan the view was asked for
    # The posted form's choices and the links kept; no form with the initial values.
    assert len(_reading(queries, "findings_finding")) == 2


def test_freezing_reads_the_latest_version_once(scan, lead):
    services.add_recommendation(scan, DATA, user=lead)
    with CaptureQueriesContext(connection) as queries:
        services.freeze(scan, user=lead, final=True)
    assert len(_reading(queries, "advice_adviceversion")) == 1
    with CaptureQueriesContext(connection) as queries:
        services.reopen(scan, user=lead, reason="Nieuwe cijfers")
    assert len(_reading(queries, "advice_adviceversion")) == 1


def test_a_participant_is_marked_started_once(scan, lead):
    feedback_round = _round(scan, lead)
    invitation = feedback_round.invitations.first()
    (rec,) = feedback_round.version.snapshot["recommendations"]
    with CaptureQueriesContext(connection) as queries:
        for support in (4, 5):
            services.save_feedback(invitation, rec["uuid"], support=support, needs="", comment="")
    started = [q for q in queries if q["sql"].startswith('UPDATE "advice_feedbackinvitation"')]
    assert len(started) == 1
    invitation.refresh_from_db()
    assert invitation.started_at is not None


def test_emailed_links_are_marked_in_one_update(scan, lead, django_capture_on_commit_callbacks):
    feedback_round = _round(scan, lead)
    for number, invitation in enumerate(feedback_round.invitations.select_related("participant")):
        invitation.participant.email = f"deelnemer{number}@example.org"
        invitation.participant.save()
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        assert services.email_links(feedback_round, user=lead) == 6
    marked = [q for q in queries if q["sql"].startswith('UPDATE "advice_feedbackinvitation"')]
    assert len(marked) == 1
    assert not feedback_round.invitations.filter(emailed_at__isnull=True).exists()


def test_the_feedback_page_says_why_no_round_can_be_opened(lead_client, scan):
    factories.ParticipantFactory(scan=scan, number=1)
    url = reverse("advice:feedback", kwargs={"slug": scan.slug})
    assert "Leg een conceptversie" in lead_client.get(url).content.decode()
    factories.concept_advice_in_feedback(scan)
    page = lead_client.get(url).content.decode()
    assert "Leg een conceptversie" not in page and "nieuwe conceptversie" in page
    services.freeze(scan, user=scan.created_by, final=True)
    page = lead_client.get(url).content.decode()
    assert "Leg een conceptversie" not in page and "Het advies is definitief" in page
