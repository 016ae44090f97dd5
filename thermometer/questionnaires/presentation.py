"""Questions as the respondent page shows them, in the respondent's language."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import dates
from .answers import DONT_KNOW, MAX_OPEN_LENGTH
from .constants import ItemType
from .respond import field_name


def _label(entry: dict, language: str) -> str:
    return entry.get("label_en") if language == "en" and entry.get("label_en") else entry["label"]


def _refusal(reason: str) -> str:
    if reason == "too_long":
        return _(
            "This answer is longer than %(max)s characters and was not saved. Shorten it "
            "and it is saved again; your text is still here."
        ) % {"max": number_format(MAX_OPEN_LENGTH, force_grouping=True)}
    if reason == "date":
        return _("This answer could not be saved. Fill in a valid date or time.")
    return _("This answer could not be saved. Choose one of the options.")


def question_views(items, values: dict, errors: dict, scales: dict, language: str) -> list[dict]:
    """``errors``: item key -> why its posted value was refused (see answers.AnswerError)."""
    views = []
    for number, item in enumerate(items, start=1):
        chosen = values.get(item.key, [])
        options = []
        if item.type in (ItemType.AGREEMENT, ItemType.GRADE):
            scale = scales.get(item.scale, {})
            options = [(str(o["value"]), _label(o, language)) for o in scale.get("options", [])]
            if scale.get("dont_know"):
                options.append((DONT_KNOW, _label(scale["dont_know"], language)))
        elif item.type in (ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE):
            options = [(str(i), _label(o, language)) for i, o in enumerate(item.options)]
        views.append(
            {
                "item": item,
                "number": number,
                "name": field_name(item),
                "id": f"q-{item.key}",
                "text": item.text_in(language),
                "kind": {
                    ItemType.AGREEMENT: "radio",
                    ItemType.GRADE: "radio",
                    ItemType.SINGLE_CHOICE: "radio",
                    ItemType.MULTIPLE_CHOICE: "checkbox",
                    ItemType.DATE: "date",
                }.get(item.type, "text"),
                "input_type": dates.input_type(item.date_format)
                if item.type == ItemType.DATE
                else "",
                "format": item.date_format,
                "wide": item.type == ItemType.GRADE,
                "options": [
                    {"value": v, "label": label, "checked": v in chosen, "id": f"q-{item.key}-{v}"}
                    for v, label in options
                ],
                "text_value": chosen[0]
                if chosen and item.type in (ItemType.OPEN, ItemType.REVERSE_CHECK, ItemType.DATE)
                else "",
                "error": _refusal(errors[item.key]) if item.key in errors else "",
            }
        )
    return views


# Rendered choice questions of locked questionnaires, by question, language, choice and
# error: the same few variants are shown to every respondent of a group.
_rendered: dict = {}


def render_questions(questions: list[dict], language: str, *, cacheable: bool) -> None:
    """Add each question's markup as ``html`` (rendered once per variant when cacheable)."""
    from django.template.loader import get_template

    template = get_template("questionnaires/respond/_question.html")
    for question in questions:
        if not cacheable or question["kind"] in ("text", "date"):
            question["html"] = template.render({"q": question})
            continue
        key = (
            question["item"].pk,
            language,
            tuple(option["checked"] for option in question["options"]),
            str(question["error"]),
        )
        if key not in _rendered:
            if len(_rendered) > 20000:
                _rendered.clear()
            _rendered[key] = template.render({"q": question})
        question["html"] = _rendered[key]
