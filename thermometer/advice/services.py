"""The advice of a scan: recommendations (edited without lost updates), versions frozen
as they go out, the feedback round, minority records, discussion and presentation.
Every change is audited."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.core.tasks import send_email

from . import versioning
from .constants import Horizon, MinorityDecision, Priority, Support, VersionStatus
from .models import (
    AdviceVersion,
    DiscussionNote,
    FeedbackAnswer,
    FeedbackInvitation,
    FeedbackRound,
    MinorityRecord,
    Presentation,
    Recommendation,
)

EDITABLE = ("title", "text", "goal", "theme", "priority", "horizon", "owner_layer")


class AdviceError(ValueError):
    """A change that cannot be made; the message is Dutch and meant for the user."""


@dataclass
class Conflict(Exception):
    """Someone else changed the recommendation since it was opened."""

    current: Recommendation


def latest_version(scan) -> AdviceVersion | None:
    return scan.advice_versions.order_by("-number").first()


def _locks(latest: AdviceVersion | None) -> bool:
    return latest is not None and latest.locks_advice


def is_locked(scan) -> bool:
    """The final version is out: changing the advice means starting a new version."""
    return _locks(latest_version(scan))


def _check_open(scan) -> AdviceVersion | None:
    """Refuse a change to locked advice; else the latest version (None before the first)."""
    latest = latest_version(scan)
    if _locks(latest):
        raise AdviceError(_("The advice is final and locked. Start a new version to change it."))
    return latest


def _clean(scan, data: dict) -> dict:
    method = scan.method
    cleaned = {key: (data.get(key) or "").strip() for key in EDITABLE}
    if not cleaned["title"] or not cleaned["text"]:
        raise AdviceError(_("A recommendation needs a title and a text."))
    if cleaned["goal"] and cleaned["goal"] not in method.goals:
        raise AdviceError(_("Choose one of the method's goals, or none."))
    if cleaned["theme"] and cleaned["theme"] not in method.themes:
        raise AdviceError(_("Choose one of the method's themes, or none."))
    if cleaned["priority"] not in Priority.values:
        raise AdviceError(_("Choose a priority: high, medium or low."))
    if cleaned["horizon"] not in Horizon.values:
        raise AdviceError(_("Choose a horizon."))
    if cleaned["owner_layer"] not in method.layers:
        raise AdviceError(_("Choose the layer that owns the recommendation."))
    return cleaned


def _findings(scan, findings):
    findings = list(findings or [])
    if any(f.scan_id != scan.pk for f in findings):
        raise AdviceError(_("A finding of another scan cannot be linked."))
    return findings


@transaction.atomic
def add_recommendation(scan, data: dict, *, user, findings=()) -> Recommendation:
    _check_open(scan)
    cleaned = _clean(scan, data)
    findings = _findings(scan, findings)
    order = scan.recommendations.aggregate(m=Max("order"))["m"]
    recommendation = Recommendation.objects.create(
        scan=scan, **cleaned, order=0 if order is None else order + 1, updated_by=user
    )
    recommendation.findings.set(findings)
    record("recommendation_added", user=user, scan=scan, title=recommendation.title)
    return recommendation


@transaction.atomic
def update_recommendation(
    recommendation, data: dict, *, revision: int, user, findings=()
) -> Recommendation:
    """Save the adviser's edit of the version they opened (``revision``).

    If someone saved in between, nothing is written and ``Conflict`` carries the
    current text, so the second adviser sees the other's change."""
    scan = recommendation.scan
    _check_open(scan)
    cleaned = _clean(scan, data)
    findings = _findings(scan, findings)
    changed = Recommendation.objects.filter(pk=recommendation.pk, revision=revision).update(
        **cleaned, revision=F("revision") + 1, updated_by=user, updated_at=timezone.now()
    )
    if not changed:
        raise Conflict(Recommendation.objects.get(pk=recommendation.pk))
    recommendation.refresh_from_db()
    recommendation.findings.set(findings)
    record("recommendation_changed", user=user, scan=scan, title=recommendation.title)
    return recommendation


@transaction.atomic
def remove_recommendation(recommendation, *, user) -> None:
    _check_open(recommendation.scan)
    record(
        "recommendation_removed",
        user=user,
        scan=recommendation.scan,
        title=recommendation.title,
    )
    recommendation.delete()


@transaction.atomic
def move_recommendation(recommendation, direction: str, *, user) -> None:
    """Move one place up or down in the adviser's order."""
    scan = recommendation.scan
    _check_open(scan)
    ordered = list(scan.recommendations.order_by("order", "id"))
    index = ordered.index(recommendation)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        if item.order != position:
            Recommendation.objects.filter(pk=item.pk).update(order=position)
    record("recommendations_reordered", user=user, scan=scan)


def minority_records(scan) -> list[dict]:
    names = dict(MinorityDecision.choices)
    return [
        {
            "recommendation": str(m.recommendation),
            "group": m.group,
            "view": m.view,
            "decision": m.decision,
            "decision_label": str(names[m.decision]),
            "reason": m.reason,
        }
        for m in MinorityRecord.objects.filter(scan=scan)
    ]


def working_copy(scan):
    """The recommendations in the adviser's order, with their findings and evidence."""
    return scan.recommendations.prefetch_related("findings__evidence").order_by("order", "id")


def current_snapshot(scan, recommendations=None) -> dict:
    """The working copy as a snapshot, for freezing and for the diff against the last.

    ``recommendations``: the ``working_copy`` when the caller has it already."""
    if recommendations is None:
        recommendations = working_copy(scan)
    return versioning.snapshot(
        [
            {
                "uuid": r.uuid,
                **{f: getattr(r, f) for f in EDITABLE},
                "findings": [
                    {"uuid": str(f.uuid), "text": f.text, "evidence": len(f.evidence.all())}
                    for f in r.findings.all()
                ],
            }
            for r in recommendations
        ],
        minority_records(scan),
    )


@transaction.atomic
def freeze(scan, *, user, final: bool = False, note: str = "") -> AdviceVersion:
    """Freeze the working copy into the next version (a concept, or the final one)."""
    latest = _check_open(scan)
    snapshot = current_snapshot(scan)
    if not snapshot["recommendations"]:
        raise AdviceError(_("Write at least one recommendation before freezing a version."))
    version = AdviceVersion.objects.create(
        scan=scan,
        number=(latest.number + 1) if latest else 1,
        status=VersionStatus.FINAL if final else VersionStatus.CONCEPT,
        snapshot=snapshot,
        note=note.strip(),
        frozen_by=user,
    )
    record(
        "advice_final" if final else "advice_frozen",
        user=user,
        scan=scan,
        number=version.number,
    )
    return version


@transaction.atomic
def reopen(scan, *, user, reason: str) -> None:
    """After the final version: allow changes again, towards a next version; by a
    person, for a reason the history keeps."""
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise AdviceError(_("Say why the final advice is opened for a new version."))
    latest = latest_version(scan)
    if not _locks(latest):
        raise AdviceError(_("The advice is not locked."))
    latest.reopened_at = timezone.now()
    latest.save(update_fields=["reopened_at"])
    record(
        "advice_reopened_because",
        user=user,
        scan=scan,
        number=latest.number + 1,
        reason=reason,
    )


# --- the feedback round ------------------------------------------------------------------


@transaction.atomic
def open_round(version, *, deadline, user) -> FeedbackRound:
    """A feedback round on a concept version, with a personal link for every participant."""
    scan = version.scan
    if version.is_final:
        raise AdviceError(_("Feedback is asked on a concept, not on the final advice."))
    if deadline <= timezone.now():
        raise AdviceError(_("The deadline must lie in the future."))
    if FeedbackRound.objects.filter(scan=scan, closed_at__isnull=True).exists():
        raise AdviceError(_("A feedback round is already open; close it first."))
    participants = list(scan.participants.all())
    if not participants:
        raise AdviceError(_("The scan has no participants to ask for feedback."))
    try:
        with transaction.atomic():
            feedback_round = FeedbackRound.objects.create(
                scan=scan, version=version, deadline=deadline, opened_by=user
            )
    except IntegrityError:
        raise AdviceError(_("This version already had a feedback round.")) from None
    FeedbackInvitation.objects.bulk_create(
        FeedbackInvitation(round=feedback_round, participant=p, layer=p.layer, actor=p.actor)
        for p in participants
    )
    record(
        "feedback_opened",
        user=user,
        scan=scan,
        number=version.number,
        count=len(participants),
    )
    return feedback_round


@transaction.atomic
def close_round(feedback_round, *, user) -> None:
    if feedback_round.closed_at is not None:
        return
    feedback_round.closed_at = timezone.now()
    feedback_round.save(update_fields=["closed_at"])
    record("feedback_closed", user=user, scan=feedback_round.scan)


@transaction.atomic
def email_links(feedback_round, *, user) -> int:
    """Mail each participant with an e-mail address their personal link, once."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    if not feedback_round.accepts_feedback():
        raise AdviceError(_("The feedback round is closed; no links are sent any more."))
    invitations = (
        feedback_round.invitations.select_related("participant")
        .exclude(participant__email="")
        .filter(emailed_at__isnull=True)
    )
    now, emailed = timezone.now(), []
    for invitation in invitations.select_for_update(of=("self",)):
        context = {
            "municipality": feedback_round.scan.municipality,
            "deadline": feedback_round.deadline,
            "link": settings.SITE_URL.rstrip("/")
            + reverse("feedback:start", kwargs={"token": invitation.token}),
        }
        with translation.override("nl"):
            subject = " ".join(render_to_string("advice/mail/link_subject.txt", context).split())
            body = render_to_string("advice/mail/link.txt", context)
        to = [invitation.participant.email]
        transaction.on_commit(lambda s=subject, b=body, t=to: send_email.enqueue(s, b, t))
        emailed.append(invitation.pk)
    if emailed:
        FeedbackInvitation.objects.filter(pk__in=emailed).update(emailed_at=now)
        record("feedback_links_emailed", user=user, scan=feedback_round.scan, count=len(emailed))
    return len(emailed)


def find_invitation(token: str) -> FeedbackInvitation | None:
    return (
        FeedbackInvitation.objects.select_related("round__version", "round__scan__municipality")
        .filter(token=token)
        .first()
    )


def save_feedback(invitation, recommendation_uuid: str, *, support, needs, comment) -> None:
    """Keep a participant's reaction to one recommendation (autosave; repeatable)."""
    known = {r["uuid"] for r in invitation.round.version.snapshot["recommendations"]}
    if recommendation_uuid not in known:
        raise AdviceError(_("This recommendation is not part of the advice."))
    if support not in (None, *Support.values):
        raise AdviceError(_("Choose one of the five answers."))
    FeedbackAnswer.objects.update_or_create(
        invitation=invitation,
        recommendation=recommendation_uuid,
        defaults={"support": support, "needs": needs.strip(), "comment": comment.strip()},
    )
    mark_started(invitation)


def mark_started(invitation) -> None:
    """The participant opened the form or answered: kept the first time only."""
    if invitation.started_at is None:
        now = timezone.now()
        FeedbackInvitation.objects.filter(pk=invitation.pk, started_at__isnull=True).update(
            started_at=now
        )
        invitation.started_at = now


def submit_feedback(invitation) -> bool:
    """Send the feedback; a second submit changes nothing (returns False)."""
    return bool(
        FeedbackInvitation.objects.filter(pk=invitation.pk, submitted_at__isnull=True).update(
            submitted_at=timezone.now()
        )
    )


@transaction.atomic
def record_minority(
    scan, *, recommendation, group, view, decision, reason, feedback_round, user
) -> MinorityRecord:
    if decision not in MinorityDecision.values:
        raise AdviceError(_("Choose what was done with the minority view."))
    if not view.strip() or not reason.strip():
        raise AdviceError(_("Summarise the minority view and give the reason for the decision."))
    known = {r["uuid"] for r in feedback_round.version.snapshot["recommendations"]}
    if str(recommendation) not in known:
        raise AdviceError(_("This recommendation is not part of the advice."))
    kept, _created = MinorityRecord.objects.update_or_create(
        scan=scan,
        recommendation=recommendation,
        group=group,
        round=feedback_round,
        defaults={
            "view": view.strip(),
            "decision": decision,
            "reason": reason.strip(),
            "decided_by": user,
        },
    )
    record(
        "minority_recorded",
        user=user,
        scan=scan,
        group=group,
        decision=MinorityDecision(decision).label.lower(),
    )
    return kept


# --- steps 6 and 7 -------------------------------------------------------------------------


@transaction.atomic
def add_discussion_note(scan, *, date, text, decisions="", recommendations=(), user):
    if not text.strip():
        raise AdviceError(_("Write the notes of the discussion."))
    recommendations = list(recommendations)
    if any(r.scan_id != scan.pk for r in recommendations):
        raise AdviceError(_("A recommendation of another scan cannot be linked."))
    note = DiscussionNote.objects.create(
        scan=scan, date=date, text=text.strip(), decisions=decisions.strip(), author=user
    )
    note.recommendations.set(recommendations)
    record("discussion_noted", user=user, scan=scan, date=date.isoformat())
    return note


@transaction.atomic
def record_presentation(scan, *, kind, date, audience="", notes="", user) -> Presentation:
    latest = latest_version(scan)
    if latest is None or not latest.is_final:
        raise AdviceError(_("Freeze the final advice before recording its presentation."))
    presentation = Presentation.objects.create(
        scan=scan,
        version=latest,
        kind=kind,
        date=date,
        audience=audience.strip(),
        notes=notes.strip(),
        recorded_by=user,
    )
    record("advice_presented", user=user, scan=scan, number=latest.number)
    return presentation
