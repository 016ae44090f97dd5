import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from thermometer.advice.models import FeedbackAnswer, FeedbackInvitation
from thermometer.live.models import LiveParticipant
from thermometer.participants.models import Participant
from thermometer.privacy import housekeeping
from thermometer.privacy.models import PurgeRecord
from thermometer.privacy.purge import inventory, purge_scan
from thermometer.questionnaires.models import Answer, Invitation, Response
from thermometer.scans.models import Scan
from thermometer.scans.retention import retention_ends


def _named(scan) -> bool:
    from thermometer.privacy.purge import _participants

    return _participants(scan).exists()


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Scan.objects.get(slug="demo-thermometer")


def test_a_new_scan_takes_its_retention_from_the_method(scan, lead):
    from thermometer.testing import factories

    assert scan.retention_months == 12
    raad = factories.make_scan(lead=lead, method="raad_in_positie", title="Raad")
    assert raad.retention_months == 24
    assert retention_ends(scan) == datetime.date(2027, 11, 2)


def test_purge_removes_personal_data_and_keeps_the_aggregate_results(demo, client):
    before = dict((step.key, count) for step, count in inventory(demo))
    assert before["participants"] and before["free_text"] and before["transcripts"]
    tokens = list(
        Invitation.objects.filter(questionnaire__scan=demo).values_list("token", flat=True)
    )
    feedback_tokens = list(
        FeedbackInvitation.objects.filter(round__scan=demo).values_list("token", flat=True)
    )
    closed_answers = Answer.objects.filter(response__questionnaire__scan=demo).exclude(
        item__type__in=("open", "reverse_check")
    )
    kept, responses = closed_answers.count(), Response.objects.filter(questionnaire__scan=demo)
    response_count = responses.count()
    supports = list(
        FeedbackAnswer.objects.filter(invitation__round__scan=demo).values_list(
            "support", flat=True
        )
    )

    entry = purge_scan(demo)

    assert all(count == 0 for _, count in inventory(demo))
    assert entry.counts == before and entry.reason == PurgeRecord.Reason.RETENTION
    assert not _named(demo)
    assert Participant.objects.filter(scan=demo).count() == 88  # pseudonyms stay
    assert closed_answers.count() == kept and responses.count() == response_count
    assert not Answer.objects.filter(
        response__questionnaire__scan=demo, item__type__in=("open", "reverse_check")
    ).exists()
    assert sorted(
        FeedbackAnswer.objects.filter(invitation__round__scan=demo).values_list(
            "support", flat=True
        ),
        key=str,
    ) == sorted(supports, key=str)
    assert not demo.sources.filter(kind__in=("interview", "session")).exists()
    assert demo.sources.filter(kind="document").exists()
    demo.refresh_from_db()
    assert demo.personal_data_purged_at is not None
    # Every personal link now opens nothing.
    assert client.get(reverse("respond:start", args=[tokens[0]])).status_code == 404
    assert client.get(reverse("feedback:start", args=[feedback_tokens[0]])).status_code == 404


def test_purge_empties_device_names_of_live_sessions(db):
    call_command("load_demo", verbosity=0)
    raad = Scan.objects.get(slug="demo-raad")
    assert LiveParticipant.objects.filter(session__scan=raad).exclude(name="").exists()
    purge_scan(raad)
    assert not LiveParticipant.objects.filter(session__scan=raad).exclude(name="").exists()


def test_housekeeping_purges_only_scans_whose_retention_ended(demo):
    others = Scan.objects.exclude(pk=demo.pk)
    day = retention_ends(demo)
    assert demo not in housekeeping.due_scans(day - datetime.timedelta(days=1))
    listed = housekeeping.dry_run(day)
    assert demo in [scan for scan, _ in listed]
    assert _named(demo)  # dry run
    done = housekeeping.run(day)
    assert done["scans"] >= 1
    assert not _named(demo)
    # Purged once: the next day finds nothing more to do for it.
    assert demo not in housekeeping.due_scans(day + datetime.timedelta(days=1))
    for other in others:
        if retention_ends(other) > day:
            assert other.personal_data_purged_at is None


def test_purge_command_lists_first_and_changes_nothing_on_a_dry_run(demo, capsys):
    Scan.objects.filter(pk=demo.pk).update(start_date=datetime.date(2020, 1, 1))
    call_command("purge_personal_data", "--dry-run")
    out = capsys.readouterr().out
    assert demo.title in out and "Er is niets veranderd" in out
    assert _named(demo)
    call_command("purge_personal_data")
    assert "Scans opgeschoond: 1" in capsys.readouterr().out
    assert not _named(demo)
    assert PurgeRecord.objects.filter(scan=demo, reason="retention").count() == 1
    assert demo.audit_events.filter(event="personal_data_expired").count() == 1


def test_one_scan_that_fails_to_purge_keeps_neither_the_others_nor_the_cleanup_back(
    demo, monkeypatch, caplog
):
    day = retention_ends(demo) + datetime.timedelta(days=1)
    Scan.objects.exclude(pk=demo.pk).update(start_date=demo.start_date)  # all due that day
    due = housekeeping.due_scans(day)
    assert len(due) >= 2
    first = due[0]
    real = housekeeping.purge_scan

    def purge_scan(scan, **kwargs):
        if scan.pk == first.pk:
            raise OSError("schijf vol")
        return real(scan, **kwargs)

    monkeypatch.setattr(housekeeping, "purge_scan", purge_scan)
    cleaned = []
    monkeypatch.setattr(
        housekeeping.cleanup, "clean", lambda: cleaned.append(1) or {"uploads": 0, "reports": 0}
    )
    done = housekeeping.run(day)
    assert done["failed"] == 1 and done["scans"] == len(due) - 1
    assert cleaned == [1]
    assert f"scan {first.pk} failed" in caplog.text
    first.refresh_from_db()
    assert first.personal_data_purged_at is None  # tried again the next round
    for scan in due[1:]:
        scan.refresh_from_db()
        assert scan.personal_data_purged_at is not None


def test_the_purge_command_says_in_dutch_when_a_scan_could_not_be_purged(demo, monkeypatch):
    Scan.objects.filter(pk=demo.pk).update(start_date=datetime.date(2020, 1, 1))

    def purge_scan(scan, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(housekeeping, "purge_scan", purge_scan)
    with pytest.raises(CommandError, match=r"Bij \d+ scans? is het opschonen mislukt"):
        call_command("purge_personal_data")
    assert _named(Scan.objects.get(pk=demo.pk))
