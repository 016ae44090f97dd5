"""A respondent's way through a questionnaire: start, answer page by page, submit."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from .answers import AnswerError, clean_answer
from .constants import ItemType
from .models import Answer, Invitation, Response


def find_invitation(token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("questionnaire__scan__method_version", "participant")
        .filter(token=token)
        .first()
    )


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
    return sorted(set(questionnaire.items.values_list("page", flat=True)))


def scales_of(questionnaire) -> dict:
    return {s["key"]: s for s in questionnaire.scan.method.data.get("scales", [])}


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
    existing = {a.item_id: a for a in response.answers.select_for_update()}
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
                answer.delete()
            continue
        if answer is None:
            Answer.objects.create(
                response=response,
                item=item,
                value=cleaned.value,
                dont_know=cleaned.dont_know,
                language=response.language,
            )
        elif (answer.value, answer.dont_know) != (cleaned.value, cleaned.dont_know):
            answer.value, answer.dont_know = cleaned.value, cleaned.dont_know
            answer.language = response.language
            answer.save(update_fields=["value", "dont_know", "language", "updated_at"])
        result.saved += 1
    Response.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return result


def unanswered(response) -> list:
    answered = set(response.answers.values_list("item_id", flat=True))
    return [item for item in response.questionnaire.items.all() if item.pk not in answered]


@transaction.atomic
def submit(response) -> bool:
    """Submit once; a second submit (double click, second tab) changes nothing."""
    updated = Response.objects.filter(pk=response.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now()
    )
    response.refresh_from_db(fields=["submitted_at"])
    return bool(updated)


def initial_values(response, items) -> dict:
    """What to show in the form: the stored answers, as the form posts them."""
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
