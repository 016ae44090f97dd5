"""Changing questionnaires and handing out links; each change is audited."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from thermometer.audit.events import record
from thermometer.core.tasks import send_email

from .constants import ItemSource, QuestionnaireStatus
from .models import Invitation, Item


class LockedError(Exception):
    """An open or closed questionnaire is locked: its questions no longer change."""


def _check_editable(questionnaire):
    if questionnaire.is_locked:
        raise LockedError


@transaction.atomic
def update_item(item, *, user, text: str, text_en: str, goal=None, dimension=None) -> None:
    """Reword a question, or map it onto a goal and dimension of the method.

    The mapping may change after opening (it is analysis, not what respondents
    see); the wording may not.
    """
    if (text, text_en) != (item.text, item.text_en):
        _check_editable(item.questionnaire)
    item.text, item.text_en = text, text_en
    if goal is not None:
        item.goal = goal
    if dimension is not None:
        item.dimension = dimension
    item.save(update_fields=["text", "text_en", "goal", "dimension"])
    record(
        "questionnaire_changed",
        user=user,
        scan=item.questionnaire.scan,
        name=item.questionnaire.name,
        change=f"vraag {item.key}",
    )


@transaction.atomic
def move_item(item, direction: int, *, user) -> None:
    """Swap the item with its neighbour on the same page (direction -1 up, +1 down)."""
    questionnaire = item.questionnaire
    _check_editable(questionnaire)
    items = list(questionnaire.items.filter(page=item.page))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for order, other in enumerate(items):
        other.order = order
    Item.objects.bulk_update(items, ["order"])
    record(
        "questionnaire_changed",
        user=user,
        scan=questionnaire.scan,
        name=questionnaire.name,
        change=f"volgorde {item.key}",
    )


@transaction.atomic
def remove_item(item, *, user) -> None:
    _check_editable(item.questionnaire)
    item.delete()
    record(
        "questionnaire_changed",
        user=user,
        scan=item.questionnaire.scan,
        name=item.questionnaire.name,
        change=f"vraag {item.key} verwijderd",
    )


@transaction.atomic
def add_item(
    questionnaire, *, user, type: str, text: str, text_en: str = "", page: int, options=()
):
    _check_editable(questionnaire)
    number = questionnaire.items.count() + 1
    key = f"custom_{number}"
    while questionnaire.items.filter(key=key).exists():
        number += 1
        key = f"custom_{number}"
    order = (questionnaire.items.filter(page=page).aggregate(n=Max("order"))["n"] or 0) + 1
    item = Item.objects.create(
        questionnaire=questionnaire,
        key=key,
        order=order,
        page=page,
        type=type,
        text=text,
        text_en=text_en,
        options=[{"label": o, "label_en": o} for o in options],
        source=ItemSource.ADVISER,
    )
    record(
        "questionnaire_changed",
        user=user,
        scan=questionnaire.scan,
        name=questionnaire.name,
        change=f"vraag {key} toegevoegd",
    )
    return item


@transaction.atomic
def open_questionnaire(questionnaire, *, user, opens_at=None, closes_at=None) -> None:
    """Open for answers and lock the questions, so every respondent answers the same."""
    questionnaire.status = QuestionnaireStatus.OPEN
    questionnaire.locked_at = questionnaire.locked_at or timezone.now()
    questionnaire.opens_at = opens_at
    questionnaire.closes_at = closes_at
    questionnaire.save()
    record("questionnaire_opened", user=user, scan=questionnaire.scan, name=questionnaire.name)


@transaction.atomic
def close_questionnaire(questionnaire, *, user) -> None:
    questionnaire.status = QuestionnaireStatus.CLOSED
    questionnaire.save(update_fields=["status"])
    record("questionnaire_closed", user=user, scan=questionnaire.scan, name=questionnaire.name)


def audience(questionnaire):
    """The scan's participants this questionnaire is meant for."""
    participants = questionnaire.scan.participants.all()
    if questionnaire.audience_layers:
        participants = participants.filter(layer__in=questionnaire.audience_layers)
    return participants


@transaction.atomic
def create_invitations(questionnaire, *, user) -> int:
    """A personal link for every participant of the audience who has none yet."""
    have = set(questionnaire.invitations.values_list("participant_id", flat=True))
    new = [
        Invitation(questionnaire=questionnaire, participant=p)
        for p in audience(questionnaire)
        if p.pk not in have
    ]
    try:
        with transaction.atomic():
            Invitation.objects.bulk_create(new)
    except IntegrityError:
        # A simultaneous request made some of them; make the rest one by one.
        for invitation in new:
            Invitation.objects.get_or_create(
                questionnaire=questionnaire, participant=invitation.participant
            )
    if new:
        record(
            "invitations_created",
            user=user,
            scan=questionnaire.scan,
            name=questionnaire.name,
            count=len(new),
        )
    return len(new)


def _mail_text(template: str, invitation, language: str = "nl") -> tuple[str, str]:
    from django.template.loader import render_to_string
    from django.utils import translation

    from .links import personal_link

    questionnaire = invitation.questionnaire
    context = {
        "questionnaire": questionnaire,
        "municipality": questionnaire.scan.municipality,
        "link": personal_link(invitation),
        "closes_at": questionnaire.closes_at,
        "participant": invitation.participant,
    }
    with translation.override(language):
        subject = render_to_string(f"questionnaires/mail/{template}_subject.txt", context)
        body = render_to_string(f"questionnaires/mail/{template}.txt", context)
    return " ".join(subject.split()), body


@transaction.atomic
def email_invitations(questionnaire, *, user, reminder: bool = False) -> int:
    """Queue an invitation (or reminder) for each link whose participant has an e-mail.

    An invitation goes once; a reminder only to those who have not sent their answers.
    """
    invitations = questionnaire.invitations.select_related("participant").exclude(
        participant__email=""
    )
    if reminder:
        invitations = invitations.filter(emailed_at__isnull=False).exclude(
            response__submitted_at__isnull=False
        )
    else:
        invitations = invitations.filter(emailed_at__isnull=True)
    now = timezone.now()
    sent = 0
    for invitation in invitations.select_for_update(of=("self",)):
        subject, body = _mail_text("reminder" if reminder else "invitation", invitation)
        to = [invitation.participant.email]
        transaction.on_commit(lambda s=subject, b=body, t=to: send_email.enqueue(s, b, t))
        if reminder:
            invitation.reminded_at = now
            invitation.save(update_fields=["reminded_at"])
        else:
            invitation.emailed_at = now
            invitation.save(update_fields=["emailed_at"])
        sent += 1
    if sent:
        record(
            "reminders_emailed" if reminder else "invitations_emailed",
            user=user,
            scan=questionnaire.scan,
            name=questionnaire.name,
            count=sent,
        )
    return sent
