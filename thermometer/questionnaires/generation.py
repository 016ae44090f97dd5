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
    }


@transaction.atomic
def generate_questionnaires(scan, *, user) -> list[Questionnaire]:
    """Create the questionnaires the method defines that the scan does not have yet.

    Idempotent: a questionnaire made earlier (and perhaps edited) is left alone. The
    client's own questions from step 1 are added as open questions on a last page.
    """
    method = scan.method
    existing = set(scan.questionnaires.values_list("template_key", flat=True))
    created = []
    questions = list(scan.client_questions.all())
    for index, template in enumerate(method.data.get("questionnaire_templates", [])):
        if template["key"] in existing:
            continue
        questionnaire = Questionnaire.objects.create(
            scan=scan,
            template_key=template["key"],
            name=template["name"],
            intro=template["intro"],
            intro_en=template.get("intro_en", ""),
            language_level=template.get("language_level", ""),
            audience_layers=template.get("audience", {}).get("layers", []),
            audience_actors=template.get("audience", {}).get("actors", []),
            order=index,
        )
        items = [
            Item(questionnaire=questionnaire, **item_fields(spec, order))
            for order, spec in enumerate(template["items"])
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
            for offset, question in enumerate(questions)
        ]
        Item.objects.bulk_create(items)
        record("questionnaire_created", user=user, scan=scan, name=questionnaire.name)
        created.append(questionnaire)
    return created
