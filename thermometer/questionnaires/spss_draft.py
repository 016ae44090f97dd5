"""The questions an SPSS file describes, for a draft questionnaire (pure).

Variable label → question text (without its "[code]"), value labels → options, or the
method's scale when the labels are that scale's points; a set of 0/1 variables that share
a code ("[zw13] … [vervoer]") → one multiple choice question. What cannot be a question
is listed with the reason.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .constants import ItemType
from .spss_matching import id_variable, is_dont_know, label_parts, text_key


@dataclass
class DraftItem:
    key: str
    type: str
    text: str
    scale: str = ""
    options: list = field(default_factory=list)  # [{"label", "label_en"}]


def _is_dichotomy(variable) -> bool:
    return (
        not variable.is_string
        and bool(variable.value_labels)
        and set(variable.value_labels) <= {0.0, 1.0}
        and bool(label_parts(variable.label)[2])
    )


def _scale_of(variable, scales: dict) -> dict | None:
    points = {
        text_key(label) for label in variable.value_labels.values() if not is_dont_know(label)
    }
    for scale in scales.values():
        if scale.get("type") not in (ItemType.AGREEMENT, ItemType.GRADE):
            continue
        if points == {text_key(o["label"]) for o in scale.get("options", [])}:
            return scale
    return None


def _option(label: str) -> dict:
    return {"label": label, "label_en": label}


def _item_of(variable, key: str, text: str, scales: dict) -> DraftItem | str:
    """The question a variable asks, or why it is not one."""
    if variable.is_string:
        return DraftItem(key, ItemType.OPEN, text)
    if not variable.value_labels:
        return _("no value labels: a number, not the answer to a question")
    scale = _scale_of(variable, scales)
    if scale:
        return DraftItem(key, scale["type"], text, scale=scale["key"])
    options = [_option(variable.value_labels[code]) for code in sorted(variable.value_labels)]
    return DraftItem(key, ItemType.SINGLE_CHOICE, text, options=options)


def plan_draft(variables: list, scales: dict) -> tuple[list[DraftItem], list]:
    """(questions, [(variable name, reason not taken over)])."""
    respondent = id_variable(variables)
    coded = [v for v in variables if label_parts(v.label)[0]]
    uses_codes = len(coded) * 2 >= len(variables)
    parts: dict = {}
    for variable in variables:
        if _is_dichotomy(variable):
            parts.setdefault(label_parts(variable.label)[0], []).append(variable)
    items, skipped, keys, consumed = [], [], set(), set()
    for variable in variables:
        if variable.name in consumed:
            continue
        code, text, option = label_parts(variable.label)
        if variable.name == respondent:
            skipped.append((variable.name, _("respondent number: kept with each response")))
            continue
        if uses_codes and not code:
            skipped.append((variable.name, _("no question code in its label: not a question")))
            continue
        key = _unique((code or variable.name)[:80], keys)
        group = parts.get(code, []) if code else []
        if len(group) > 1 and any(v is variable for v in group):
            consumed.update(v.name for v in group)
            options = [_option(label_parts(v.label)[2]) for v in group]
            items.append(DraftItem(key, ItemType.MULTIPLE_CHOICE, text or key, options=options))
            continue
        found = _item_of(variable, key, (f"{text} [{option}]" if option else text) or key, scales)
        if isinstance(found, str):
            keys.discard(key.casefold())
            skipped.append((variable.name, found))
        else:
            items.append(found)
    return items, skipped


def _unique(key: str, keys: set) -> str:
    unique, number = key, 2
    while unique.casefold() in keys:
        unique, number = f"{key[:76]}_{number}", number + 1
    keys.add(unique.casefold())
    return unique
