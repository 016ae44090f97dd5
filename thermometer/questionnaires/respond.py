"""A respondent's way through a questionnaire: start, answer page by page, submit."""

import time
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from .answers import AnswerError, clean_answer
from .constants import ItemType
from .models import Answer, Invitation, Response


def find_invitation(token: str) -> Invitation | None:
    """The invitation with its questionnaire, participant and response, in one query."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("questionnaire", "participant", "response")
        # Only what a respondent page uses: fewer columns to read and turn into objects.
        .only(
            "token",
            "questionnaire__scan_id",
            "questionnaire__name",
            "questionnaire__intro",
            "questionnaire__intro_en",
            "questionnaire__status",
            "questionnaire__opens_at",
            "questionnaire__closes_at",
            "questionnaire__locked_at",
            "participant__layer",
            "participant__actor",
            "response__questionnaire_id",
            "response__invitation_id",
            "response__layer",
            "response__actor",
            "response__language",
            "response__consent_at",
            "response__submitted_at",
            "response__last_page",
        )
        .filter(token=token)
        .first()
    )


# What respondent pages need of the scan. The scales come from the frozen method
# version; the municipality's name may be a minute behind an adviser's edit.
_scan_facts: dict[int, tuple[float, dict]] = {}
FACTS_SECONDS = 60


def scan_facts(scan_id: int) -> dict:
    now = time.monotonic()
    hit = _scan_facts.get(scan_id)
    if hit and now - hit[0] < FACTS_SECONDS:
        return hit[1]
    from thermometer.scans.models import Scan

    scan = Scan.objects.select_related("municipality", "method_version").get(pk=scan_id)
    facts = {
        "municipality": scan.municipality,
        "scales": {s["key"]: s for s in scan.method.data.get("scales", [])},
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


def start_response(invitation, language: str = "nl") -> Response:
    """The invitation's response, created on first visit (safe against two tabs at once)."""
    try:
        return invitation.response
    except Response.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return Response.objects.create(
                questionnaire=invitation.questionnaire,
                invitation=invitation,
                layer=invitation.participant.layer,
                actor=invitation.participant.actor,
                language=language,
            )
    except IntegrityError:
        return Response.objects.get(invitation=invitation)


def page_numbers(questionnaire) -> list[int]:
    return sorted({item.page for item in items_of(questionnaire)})


def scales_of(questionnaire) -> dict:
    return scan_facts(questionnaire.scan_id)["scales"]


def field_name(item) -> str:
    return f"a-{item.key}"


@dataclass
class PageResult:
    errors: dict = field(default_factory=dict)  # item key -> the value that was refused
    saved: int = 0


@transaction.atomic
def save_answers(response, items, data) -> PageResult:
    """Store the posted page: the form always holds the whole page, so a question left
    empty clears its answer; a refused value leaves the stored answer alone."""
    result = PageResult()
    if response.submitted_at:
        return result
    scales = scales_of(response.questionnaire)
    existing = {
        a.item_id: a
        for a in response.answers.filter(item__in=[i.pk for i in items]).select_for_update()
    }
    new, changed, emptied = [], [], []
    for item in items:
        raw = data.getlist(field_name(item))
        try:
            cleaned = clean_answer(
                item.type, raw, scale=scales.get(item.scale), n_options=len(item.options)
            )
        except AnswerError:
            result.errors[item.key] = raw
            continue
        answer = existing.get(item.pk)
        if cleaned.empty:
            if answer is not None:
                emptied.append(answer.pk)
            continue
        if answer is None:
            new.append(
                Answer(
                    response=response,
                    item=item,
                    value=cleaned.value,
                    dont_know=cleaned.dont_know,
                    language=response.language,
                )
            )
        elif (answer.value, answer.dont_know) != (cleaned.value, cleaned.dont_know):
            answer.value, answer.dont_know = cleaned.value, cleaned.dont_know
            answer.language = response.language
            answer.updated_at = timezone.now()
            changed.append(answer)
        result.saved += 1
    if emptied:
        Answer.objects.filter(pk__in=emptied).delete()
    if new:
        # A second tab may have stored the same question a moment ago: keep one.
        Answer.objects.bulk_create(new, ignore_conflicts=True)
    if changed:
        Answer.objects.bulk_update(changed, ["value", "dont_know", "language", "updated_at"])
    return result


def unanswered(response) -> list:
    answered = set(response.answers.values_list("item_id", flat=True))
    return [item for item in items_of(response.questionnaire) if item.pk not in answered]


@transaction.atomic
def submit(response) -> bool:
    """Submit once; a second submit (double click, second tab) changes nothing."""
    updated = Response.objects.filter(pk=response.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now()
    )
    response.refresh_from_db(fields=["submitted_at"])
    return bool(updated)


def initial_values(response, items, answers=None) -> dict:
    """What to show in the form: the stored answers, as the form posts them."""
    if answers is None:
        answers = {a.item_id: a for a in response.answers.filter(item__in=items)}
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
