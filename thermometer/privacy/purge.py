"""Deleting or irreversibly anonymising a scan's personal data when its retention ends.

What goes: names, e-mail addresses and organisations of participants, every personal
or open link (the token), free-text answers and feedback remarks (they may identify
someone), interview and group-session transcripts with their passages and codings,
the names devices chose in live sessions, share links and rendered reports (they may
quote people). What stays: pseudonyms (D001 …), layers and actors, closed answers,
support per recommendation, codings of documents, findings and advice — the
aggregate results. ``inventory`` says what a purge would do without doing it (the
dry run); ``purge_scan`` does it and leaves a ``PurgeRecord``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thermometer.advice.models import FeedbackAnswer, FeedbackInvitation
from thermometer.audit.events import record as audit
from thermometer.core.files import delete_after_commit
from thermometer.live.models import LiveParticipant
from thermometer.participants.models import Participant
from thermometer.questionnaires.models import Answer, Invitation, OpenLink, Response, new_token
from thermometer.sources.services import remove_sources

from .models import PurgeRecord

# Answers that can identify a person: own words, and dates (a birth date, a date of an event).
FREE_TEXT_TYPES = ("open", "reverse_check", "date")
TRANSCRIPT_KINDS = ("interview", "session")
# A purged feedback link gets a fresh random token nobody was given, marked so it is
# not counted again (":" is not in a link's alphabet).
PURGED = "purged:"


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    rows: Callable  # scan -> the queryset of what this step deletes or anonymises


def _participants(scan):
    named = ~Q(name="") | ~Q(email="") | ~Q(organisation="") | Q(identity_key__isnull=False)
    return Participant.objects.filter(named, scan=scan)


def _links(scan):
    return Invitation.objects.filter(questionnaire__scan=scan)


def _open_links(scan):
    return OpenLink.objects.filter(questionnaire__scan=scan)


def _free_text(scan):
    return Answer.objects.filter(response__questionnaire__scan=scan, item__type__in=FREE_TEXT_TYPES)


def _feedback_remarks(scan):
    return FeedbackAnswer.objects.filter(invitation__round__scan=scan).filter(
        ~Q(needs="") | ~Q(comment="")
    )


def _feedback_links(scan):
    return FeedbackInvitation.objects.filter(round__scan=scan).exclude(token__startswith=PURGED)


def _transcripts(scan):
    return scan.sources.filter(kind__in=TRANSCRIPT_KINDS)


def _device_names(scan):
    return LiveParticipant.objects.filter(session__scan=scan).exclude(name="")


def _share_links(scan):
    return scan.share_links.all()


def _reports(scan):
    return scan.reports.all()


STEPS = [
    Step(
        "participants",
        _("Participants: name, e-mail address and organisation removed"),
        _participants,
    ),
    Step("links", _("Personal questionnaire links made unusable"), _links),
    Step("open_links", _("Open questionnaire links removed"), _open_links),
    Step("free_text", _("Answers to open questions deleted"), _free_text),
    Step(
        "feedback_remarks", _("Remarks and needs in the feedback round deleted"), _feedback_remarks
    ),
    Step("feedback_links", _("Personal feedback links made unusable"), _feedback_links),
    Step("transcripts", _("Interview and group-session transcripts deleted"), _transcripts),
    Step("device_names", _("Names chosen in live sessions removed"), _device_names),
    Step("share_links", _("Share links of the overview removed"), _share_links),
    Step("reports", _("Rendered reports deleted (they can be made again)"), _reports),
]


def inventory(scan) -> list[tuple[Step, int]]:
    """What a purge of ``scan`` would delete or anonymise, counted (the dry run)."""
    return [(step, step.rows(scan).count()) for step in STEPS]


@transaction.atomic
def purge_scan(scan, *, by=None, reason=PurgeRecord.Reason.RETENTION) -> PurgeRecord:
    """Delete or anonymise the scan's personal data; aggregate results stay."""
    counts = {step.key: count for step, count in inventory(scan)}
    _participants(scan).update(name="", email="", organisation="", identity_key=None)
    # Responses outlive their link: detach them, then the tokens can go.
    Response.objects.filter(questionnaire__scan=scan).update(invitation=None)
    _links(scan).delete()
    _open_links(scan).delete()
    _free_text(scan).delete()
    _feedback_remarks(scan).update(needs="", comment="")

    links = list(_feedback_links(scan).only("pk"))
    for link in links:
        link.token = PURGED + new_token()
    FeedbackInvitation.objects.bulk_update(links, ["token"], batch_size=500)
    remove_sources(_transcripts(scan))
    _device_names(scan).update(name="")
    _share_links(scan).delete()
    delete_after_commit(report.file for report in _reports(scan))
    _reports(scan).delete()
    scan.personal_data_purged_at = timezone.now()
    scan.save(update_fields=["personal_data_purged_at"])

    entry = record(scan, reason, counts, by=by)
    automatic = not getattr(by, "is_authenticated", False)
    audit("personal_data_expired" if automatic else "personal_data_purged", user=by, scan=scan)
    return entry


def record(scan, reason, counts: dict, *, by=None, subject: str = "") -> PurgeRecord:
    return PurgeRecord.objects.create(
        organisation=scan.organisation if scan is not None else None,
        scan=scan,
        scan_title=scan.title if scan is not None else "",
        reason=reason,
        subject=subject,
        counts=counts,
        by=by if getattr(by, "is_authenticated", False) else None,
        by_label=str(by) if getattr(by, "is_authenticated", False) else "",
    )
