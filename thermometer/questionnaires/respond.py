"""A respondent's way through a questionnaire: start, answer page by page, submit."""

import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from thermometer.core.fixed_sql import FixedSelect, FixedUpdate, FixedUpsert, Part
from thermometer.participants.models import Participant
from thermometer.scans.models import Scan
from thermometer.scans.retention import retention_ends

from .answers import AnswerError, clean_answer
from .constants import ItemType
from .models import Answer, Invitation, Questionnaire, Response

# Only what a respondent page uses, in one query written once (see core.fixed_sql).
_INVITATION = FixedSelect(
    [
        Part(Invitation, "i", ("id", "token", "questionnaire_id", "participant_id")),
        Part(
            Questionnaire,
            "q",
            (
                "id",
                "scan_id",
                "name",
                "intro",
                "intro_en",
                "status",
                "opens_at",
                "closes_at",
                "locked_at",
            ),
        ),
        Part(Participant, "p", ("id", "layer", "actor")),
        Part(
            Response,
            "r",
            (
                "id",
                "questionnaire_id",
                "invitation_id",
                "layer",
                "actor",
                "language",
                "consent_at",
                "submitted_at",
                "last_page",
            ),
        ),
    ],
    joins="{i} i JOIN {q} q ON q.id = i.questionnaire_id JOIN {p} p ON p.id = i.participant_id"
    " LEFT JOIN {r} r ON r.invitation_id = i.id",
    where="i.token = %s",
)


def find_invitation(token: str) -> Invitation | None:
    """The invitation with its questionnaire, participant and response, in one query."""
    if not token or len(token) > 64:
        return None
    rows = _INVITATION.rows([token])
    if not rows:
        return None
    invitation, questionnaire, participant, response = rows[0]
    Invitation.questionnaire.field.set_cached_value(invitation, questionnaire)
    Invitation.participant.field.set_cached_value(invitation, participant)
    # As select_related does: a missing response is remembered as missing.
    Invitation.response.related.set_cached_value(invitation, response)
    if response is not None:
        Response.questionnaire.field.set_cached_value(response, questionnaire)
        Response.invitation.field.set_cached_value(response, invitation)
    return invitation


# What respondent pages need of the scan. The scales come from the frozen method
# version; the municipality's name may be a minute behind an adviser's edit.
_scan_facts: dict[int, tuple[float, dict]] = {}
FACTS_SECONDS = 60


def scan_facts(scan_id: int) -> dict:
    now = time.monotonic()
    hit = _scan_facts.get(scan_id)
    if hit and now - hit[0] < FACTS_SECONDS:
        return hit[1]

    scan = Scan.objects.select_related("municipality", "method_version").get(pk=scan_id)
    facts = {
        "municipality": scan.municipality,
        "scales": {s["key"]: s for s in scan.method.data.get("scales", [])},
        "retention_ends": retention_ends(scan),
    }
    if len(_scan_facts) > 1000:
        _scan_facts.clear()
    _scan_facts[scan_id] = (now, facts)
    return facts


# Questions of a locked questionnaire never change (edits are refused), so each
# process keeps them once instead of asking the database on every page.
_locked_items: dict[tuple, list] = {}


def items_of(questionnaire) -> list:
    if not questionnaire.is_locked:
        return list(questionnaire.items.all())
    key = (questionnaire.pk, questionnaire.locked_at)
    if key not in _locked_items:
        if len(_locked_items) > 500:
            _locked_items.clear()
        _locked_items[key] = list(questionnaire.items.all())
    return _locked_items[key]


def one_statement():
    """Where a single write that may clash runs: in autocommit mode the statement is
    its own transaction, so BEGIN and COMMIT would only cost two round trips; inside
    an outer transaction a savepoint keeps a clash from breaking it."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def start_response(invitation, language: str = "nl", consent_at=None) -> Response:
    """The invitation's response, created on first visit (safe against two tabs at once)."""
    try:
        return invitation.response
    except Response.DoesNotExist:
        pass
    try:
        with one_statement():
            return Response.objects.create(
                questionnaire=invitation.questionnaire,
                invitation=invitation,
                layer=invitation.participant.layer,
                actor=invitation.participant.actor,
                language=language,
                consent_at=consent_at,
            )
    except IntegrityError:
        return Response.objects.get(invitation=invitation)


def move_to(response, page: int) -> None:
    """Remember the page the respondent went to, where the link resumes."""
    response.last_page, response.updated_at = page, timezone.now()
    _MOVE.run((response.last_page, response.updated_at), (response.pk,))


def page_numbers(questionnaire) -> list[int]:
    return sorted({item.page for item in items_of(questionnaire)})


def scales_of(questionnaire) -> dict:
    return scan_facts(questionnaire.scan_id)["scales"]


def field_name(item) -> str:
    return f"a-{item.key}"


_UPSERT_ANSWERS = FixedUpsert(
    Answer,
    fields=("response", "item", "value", "dont_know", "language", "updated_at"),
    unique=("response", "item"),
    update=("value", "dont_know", "language", "updated_at"),
)
_MOVE = FixedUpdate(Response, ("last_page", "updated_at"), where="id = %s")
_SUBMIT = FixedUpdate(Response, ("submitted_at",), where="id = %s AND submitted_at IS NULL")


@dataclass
class PageResult:
    errors: dict = field(default_factory=dict)  # item key -> the value that was refused
    reasons: dict = field(default_factory=dict)  # item key -> why ("choice", "too_long")
    saved: int = 0


def save_answers(response, items, data) -> PageResult:
    """Store the posted page: the form always holds the whole page, so a question left
    empty clears its answer; a refused value leaves the stored answer alone.

    Written without reading first: one delete for the emptied questions and one upsert
    for the rest, so a second tab storing the same page at once cannot collide. Only
    when both run do they need a transaction of their own."""
    result = PageResult()
    if response.submitted_at:
        return result
    scales = scales_of(response.questionnaire)
    now = timezone.now()
    rows, emptied = [], []
    for item in items:
        raw = data.getlist(field_name(item))
        try:
            cleaned = clean_answer(
                item.type,
                raw,
                scale=scales.get(item.scale),
                n_options=len(item.options),
                date_format=item.date_format,
            )
        except AnswerError as refused:
            result.errors[item.key] = raw
            result.reasons[item.key] = refused.reason
            continue
        if cleaned.empty:
            emptied.append(item.pk)
            continue
        rows.append(
            (response.pk, item.pk, cleaned.value, cleaned.dont_know, response.language, now)
        )
    with transaction.atomic() if emptied and rows else nullcontext():
        if emptied:
            Answer.objects.filter(response=response, item_id__in=emptied).delete()
        _UPSERT_ANSWERS.run(rows)
    result.saved = len(rows)
    return result


_ANSWERS = FixedSelect(
    [Part(Answer, "a", ("item_id", "value", "dont_know"))],
    joins="{a} a",
    where="a.response_id = %s",
)


class StoredAnswer(NamedTuple):
    item_id: int
    value: object
    dont_know: bool


def answers_of(response) -> dict:
    """The response's stored answers by question id (what a page shows): plain records,
    since a page only reads them."""
    return {row[0]: StoredAnswer(*row) for row in _ANSWERS.values([response.pk])}


def unanswered(response) -> list:
    answered = answers_of(response)
    return [item for item in items_of(response.questionnaire) if item.pk not in answered]


def submit(response) -> bool:
    """Submit once; a second submit (double click, second tab) changes nothing."""
    now = timezone.now()
    updated = _SUBMIT.run((now,), (response.pk,))
    if updated:
        response.submitted_at = now
    else:  # submitted before, in another tab: keep the first moment
        response.refresh_from_db(fields=["submitted_at"])
    return bool(updated)


def initial_values(items, answers: dict) -> dict:
    """What to show in the form: the stored answers (``answers_of``), as the form posts them."""
    values = {}
    for item in items:
        answer = answers.get(item.pk)
        if answer is None:
            continue
        if answer.dont_know:
            values[item.key] = ["dont_know"]
        elif item.type == ItemType.MULTIPLE_CHOICE:
            values[item.key] = [str(v) for v in answer.value]
        else:
            values[item.key] = [str(answer.value)]
    return values
