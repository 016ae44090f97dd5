"""Requests of a person whose data a scan holds (a participant or a respondent): find
them, show or export everything held about them, or erase it.

A respondent has no account; the privacy statement behind their personal link shows
them a reference (their pseudonym and six characters derived from their link), which
proves they hold the link without it having to be sent around."""

import re

from django.db import transaction
from django.utils.crypto import salted_hmac

from thermometer.advice.models import FeedbackAnswer, FeedbackInvitation
from thermometer.audit import security
from thermometer.audit.events import record as audit
from thermometer.questionnaires.models import Answer, Invitation, Response

from .models import PurgeRecord
from .purge import FREE_TEXT_TYPES, record

PSEUDONYM = re.compile(r"^D(\d{1,6})(?:-([A-Z0-9]{6}))?$")
LINK = re.compile(r"(?:/(?:v|t)/)?([A-Za-z0-9_\-]{20,64})/?$")


def reference(participant, token: str) -> str:
    """The respondent's reference: their pseudonym and a check derived from their link."""
    check = salted_hmac("privacy.subject", token, algorithm="sha256").hexdigest()[:6].upper()
    return f"{participant.pseudonym}-{check}"


def _tokens(participant) -> list[str]:
    tokens = list(participant.invitations.values_list("token", flat=True))
    tokens += FeedbackInvitation.objects.filter(participant=participant).values_list(
        "token", flat=True
    )
    return tokens


def find_subject(scan, text: str):
    """The participant of ``scan`` that ``text`` names: a pseudonym (D017), a reference
    (D017-7F3K9Q) or a personal link (the address or its token); None if none."""
    text = (text or "").strip()
    found = PSEUDONYM.match(text.upper())
    if found:
        participant = scan.participants.filter(number=int(found.group(1))).first()
        if participant is None or found.group(2) is None:
            return participant
        matches = any(reference(participant, t) == text.upper() for t in _tokens(participant))
        return participant if matches else None
    link = LINK.search(text)
    if not link:
        return None
    token = link.group(1)
    for model, scan_path in (
        (Invitation, "questionnaire__scan"),
        (FeedbackInvitation, "round__scan"),
    ):
        invitation = model.objects.filter(token=token, **{scan_path: scan}).first()
        if invitation is not None:
            return invitation.participant
    return None


def held_about(participant) -> dict:
    """Everything the scan holds about one person, as plain data (for the page and the
    export)."""
    responses = []
    for response in Response.objects.filter(invitation__participant=participant).select_related(
        "questionnaire"
    ):
        answers = [
            {"question": a.item.text, "answer": a.value}
            for a in response.answers.select_related("item").order_by("item__order", "item_id")
        ]
        responses.append(
            {
                "questionnaire": response.questionnaire.name,
                "started": response.started_at.isoformat(timespec="seconds"),
                "submitted": response.submitted_at.isoformat(timespec="seconds")
                if response.submitted_at
                else None,
                "consent": response.consent_at.isoformat(timespec="seconds")
                if response.consent_at
                else None,
                "answers": answers,
            }
        )
    titles = dict(participant.scan.recommendations.values_list("uuid", "title"))
    feedback = [
        {
            "recommendation": titles.get(a.recommendation, str(a.recommendation)),
            "support": a.get_support_display() if a.support is not None else None,
            "needs": a.needs,
            "comment": a.comment,
        }
        for a in FeedbackAnswer.objects.filter(invitation__participant=participant)
    ]
    return {
        "scan": participant.scan.title,
        "pseudonym": participant.pseudonym,
        "name": participant.name,
        "email": participant.email,
        "organisation": participant.organisation,
        "layer": participant.layer,
        "actor": participant.actor,
        "added": participant.created.isoformat(timespec="seconds"),
        "questionnaires": responses,
        "feedback": feedback,
        # Conversations they took part in: the transcripts hold their words too.
        "transcripts": [
            {"title": s.title, "consent_recorded": s.consent_recorded}
            for s in participant.sources.all()
        ],
    }


def exported(participant, *, user, request=None) -> dict:
    """``held_about``, logged as a download of personal data."""
    data = held_about(participant)
    audit("subject_exported", user=user, scan=participant.scan, pseudonym=participant.pseudonym)
    security.log(
        "subject_exported",
        request,
        user=user,
        scan=participant.scan,
        what=participant.pseudonym,
    )
    return data


@transaction.atomic
def erase(participant, *, user, request=None) -> PurgeRecord:
    """Erase one person: their participant record with their links, responses and
    answers, and feedback. Transcripts they took part in are not changed here (they hold
    others' words too); the page lists them so the adviser can delete or edit them."""
    scan = participant.scan
    responses = Response.objects.filter(invitation__participant=participant)
    counts = {
        "responses": responses.count(),
        "answers": Answer.objects.filter(response__in=responses).count(),
        "free_text": Answer.objects.filter(
            response__in=responses, item__type__in=FREE_TEXT_TYPES
        ).count(),
        "feedback": FeedbackAnswer.objects.filter(invitation__participant=participant).count(),
        "transcripts_left": participant.sources.count(),
    }
    pseudonym = participant.pseudonym
    responses.delete()
    participant.delete()
    audit("subject_erased", user=user, scan=scan, pseudonym=pseudonym)
    security.log("subject_erased", request, user=user, scan=scan, what=pseudonym)
    return record(scan, PurgeRecord.Reason.ERASURE, counts, by=user, subject=pseudonym)
