"""Questionnaires of a scan, generated from its method's templates."""

from django.db import transaction

from thermometer.audit.events import record

from .constants import ItemSource, ItemType
from .models import Item, Questionnaire


def item_fields(spec: dict, order: int) -> dict:
    return {
        "key": spec["key"],
        "order": order,
        "page": spec.get("page", 1),
        "type": spec["type"],
        "text": spec["text"],
        "text_en": spec.get("text_en", ""),
        "goal": spec.get("goal", ""),
        "dimension": spec.get("dimension", ""),
        "scale": spec.get("scale", ""),
        "options": [
            {"label": label, "label_en": label_en}
            for label, label_en in zip(
                spec.get("options", []),
                spec.get("options_en", spec.get("options", [])),
                strict=True,
            )
        ],
        "source": ItemSource.METHOD,
        "code": spec.get("code", ""),
        "note": spec.get("note", ""),
    }


def _create(scan, template: dict, order: int, *, user, client_questions=()) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        scan=scan,
        template_key=template["key"],
        name=template["name"],
        intro=template["intro"],
        intro_en=template.get("intro_en", ""),
        language_level=template.get("language_level", ""),
        audience_layers=template.get("audience", {}).get("layers", []),
        audience_actors=template.get("audience", {}).get("actors", []),
        order=order,
    )
    items = [
        Item(questionnaire=questionnaire, **item_fields(spec, index))
        for index, spec in enumerate(template["items"])
    ]
    last_page = max((item.page for item in items), default=0) + 1
    items += [
        Item(
            questionnaire=questionnaire,
            key=f"client_{question.pk}",
            order=len(items) + offset,
            page=last_page,
            type=ItemType.OPEN,
            text=question.text,
            source=ItemSource.CLIENT,
        )
        for offset, question in enumerate(client_questions)
    ]
    Item.objects.bulk_create(items)
    record("questionnaire_created", user=user, scan=scan, name=questionnaire.name)
    return questionnaire


@transaction.atomic
def generate_questionnaires(scan, *, user) -> list[Questionnaire]:
    """Create the questionnaires the method defines that the scan does not have yet.

    Idempotent: a questionnaire made earlier (and perhaps edited) is left alone. The
    client's own questions from step 1 are added as open questions on a last page.
    Optional templates (a standard questionnaire) are left to ``add_optional_questionnaire``.
    """
    existing = set(scan.questionnaires.values_list("template_key", flat=True))
    created = []
    questions = list(scan.client_questions.all())
    for index, template in enumerate(scan.method.data.get("questionnaire_templates", [])):
        if template["key"] in existing or template.get("optional"):
            continue
        created.append(_create(scan, template, index, user=user, client_questions=questions))
    return created


def optional_templates(scan) -> list[dict]:
    """The method's optional questionnaires this scan does not have yet."""
    existing = set(scan.questionnaires.values_list("template_key", flat=True))
    return [
        template
        for template in scan.method.data.get("questionnaire_templates", [])
        if template.get("optional") and template["key"] not in existing
    ]


@transaction.atomic
def add_optional_questionnaire(scan, key: str, *, user) -> Questionnaire | None:
    """Add one optional questionnaire as published (no client questions: it stays comparable).

    None when the method has no such optional template or the scan has it already.
    """
    template = next((t for t in optional_templates(scan) if t["key"] == key), None)
    if template is None:
        return None
    return _create(scan, template, scan.questionnaires.count(), user=user)
