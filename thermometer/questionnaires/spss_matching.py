"""Which variables of an SPSS file answer which questions, and how their codes read (pure).

A variable answers a question when its name, or the code in brackets at the start of its
label ("[wl02.0] Ik voel me thuis…", the VNG Burgerpeiling convention), is the question's
key, compared without case and punctuation. Codes are read through the value labels:
a label is matched to the question's scale point or option by its text, so a scale that
runs the other way round (1 = helemaal eens) still lands on the right answer.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .constants import ItemType

LABEL_CODE = re.compile(r"^\s*\[(?P<code>[^\]]+)\]\s*(?P<text>.*?)\s*$", re.S)
OPTION_SUFFIX = re.compile(r"^(?P<text>.*?)\s*\[(?P<option>[^\]]+)\]\s*$", re.S)
DONT_KNOW_WORDS = ("weetniet", "weetiknie", "geenmening", "dontknow")
ID_NAMES = {"respondent", "respondentnummer", "respnr", "respondentid", "id", "responseid"}
SCALE_TYPES = {ItemType.AGREEMENT: "agreement5", ItemType.GRADE: "grade10"}


def code_key(text: str) -> str:
    """ "wl02.0", "WL02_0" and "wl02 0" are the same code."""
    return re.sub(r"[^0-9a-z]+", "_", text.casefold()).strip("_")


def text_key(text: str) -> str:
    """ "Niet eens, niet oneens" and "niet eens / niet oneens" are the same answer."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def is_dont_know(label: str) -> bool:
    key = text_key(label)
    return any(word in key for word in DONT_KNOW_WORDS) or key.startswith("nvt")


def label_parts(label: str) -> tuple[str, str, str]:
    """(code, question text, option) of a label like "[zw13] Waarmee … ? [vervoer]"."""
    found = LABEL_CODE.match(label or "")
    if not found:
        return "", (label or "").strip(), ""
    text, option = found["text"], ""
    suffix = OPTION_SUFFIX.match(text)
    if suffix:
        text, option = suffix["text"], suffix["option"].strip()
    return found["code"].strip(), text.strip(), option


def question_code(item) -> str:
    """The item's code in a standard questionnaire, where it has one."""
    return getattr(item, "code", "") or ""


def id_variable(variables) -> str | None:
    """The variable that numbers the respondents, if the file has one."""
    for variable in variables:
        if code_key(variable.name).replace("_", "") in ID_NAMES:
            return variable.name
    return None


@dataclass
class Match:
    item: object
    variables: list  # one, or one per option for a multiple choice question
    codes: dict = field(default_factory=dict)  # per variable: {code: (value, dont_know) | None}
    options: list = field(default_factory=list)  # per variable: option index (multiple choice)


@dataclass
class Matching:
    matches: list
    unmatched: list  # (variable name, reason)
    missing_items: list  # keys of questions no variable answers

    @property
    def matched_variables(self) -> int:
        return sum(len(m.variables) for m in self.matches)


def _scale_codes(variable, scale: dict) -> dict:
    by_label = {text_key(o["label"]): o["value"] for o in scale.get("options", [])}
    values = {o["value"] for o in scale.get("options", [])}
    dont_know = scale.get("dont_know")
    codes = {}
    for code, label in variable.value_labels.items():
        if is_dont_know(label) or (dont_know and text_key(label) == text_key(dont_know["label"])):
            codes[code] = (None, True)
        elif text_key(label) in by_label:
            codes[code] = (by_label[text_key(label)], False)
        else:
            codes[code] = None  # labelled, but not a point of this scale
    if not variable.value_labels:
        codes = {float(v): (v, False) for v in values}
    return codes


def _choice_codes(variable, item) -> dict:
    by_label = {text_key(o["label"]): i for i, o in enumerate(item.options)}
    by_label.update({text_key(o.get("label_en") or ""): i for i, o in enumerate(item.options)})
    by_label.pop("", None)
    if not variable.value_labels:
        return {float(i + 1): (i, False) for i in range(len(item.options))}
    codes = {}
    for code, label in variable.value_labels.items():
        if text_key(label) in by_label:
            codes[code] = (by_label[text_key(label)], False)
        elif is_dont_know(label):
            codes[code] = (None, True)
        else:
            codes[code] = None
    return codes


def _single_match(variable, item, scales) -> Match:
    if item.type in SCALE_TYPES:
        scale = scales.get(item.scale or SCALE_TYPES[item.type], {})
        return Match(item, [variable], {variable.name: _scale_codes(variable, scale)})
    if item.type == ItemType.SINGLE_CHOICE:
        return Match(item, [variable], {variable.name: _choice_codes(variable, item)})
    return Match(item, [variable], {variable.name: {}})  # open: text as it is


def _option_index(variable, item, position: int) -> int | None:
    option = label_parts(variable.label)[2]
    labels = [text_key(o["label"]) for o in item.options]
    if option and text_key(option) in labels:
        return labels.index(text_key(option))
    suffix = re.search(r"_(\d+)$", variable.name)
    number = int(suffix[1]) if suffix else position + 1
    return number - 1 if 0 < number <= len(item.options) else None


def _multiple_match(variables, item) -> tuple[Match | None, list]:
    indices, unmatched = [], []
    kept = []
    for position, variable in enumerate(variables):
        index = _option_index(variable, item, position)
        if index is None or index in indices:
            unmatched.append((variable.name, _("matches no option of question %s") % item.key))
            continue
        indices.append(index)
        kept.append(variable)
    if not kept:
        return None, unmatched
    return Match(item, kept, {v.name: {} for v in kept}, indices), unmatched


def match_variables(variables, items, scales: dict, skip=()) -> Matching:
    """Pair the file's variables with the questionnaire's questions."""
    by_key = {code_key(item.key): item for item in items}
    # A standard questionnaire's own code (VNG "wl02_0") goes before the key.
    by_key.update({code_key(question_code(item)): item for item in items if question_code(item)})
    groups: dict = {}  # item key -> variables, in file order
    unmatched = []
    for variable in variables:
        if variable.name in skip:
            continue
        item = by_key.get(code_key(variable.name))
        if item is None:
            item = by_key.get(code_key(label_parts(variable.label)[0]))
        if item is None:
            unmatched.append((variable.name, _("no question with this code")))
            continue
        groups.setdefault(item.key, []).append(variable)
    matches = []
    items_by_key = {item.key: item for item in items}
    for key, found in groups.items():
        item = items_by_key[key]
        if item.type == ItemType.MULTIPLE_CHOICE:
            match, refused = _multiple_match(found, item)
            unmatched += refused
            if match:
                matches.append(match)
            continue
        names = {code_key(key), code_key(question_code(item))}
        exact = [v for v in found if code_key(v.name) in names] or found[:1]
        matches.append(_single_match(exact[0], item, scales))
        unmatched += [
            (v.name, _("question %s is already answered by another variable") % key)
            for v in found
            if v is not exact[0]
        ]
    missing = [item.key for item in items if item.key not in groups]
    return Matching(matches, unmatched, missing)


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _read_coded(variable, codes: dict, value):
    """(value, dont_know) for a coded variable, or the Dutch reason it is refused."""
    if value in codes and codes[value] is not None:
        return codes[value]
    if value in codes or value in variable.value_labels:
        return _("%(var)s has value %(value)s (“%(label)s”), which matches no answer") % {
            "var": variable.name,
            "value": _number(value),
            "label": variable.value_labels.get(value, ""),
        }
    return _("%(var)s has value %(value)s, which is not in its value labels") % {
        "var": variable.name,
        "value": _number(value),
    }


def _read_open(variable, value) -> tuple:
    if isinstance(value, float):
        return variable.value_labels.get(value) or _number(value), False
    return str(value)[:5000], False


def _read_multiple(match, row) -> tuple | str | None:
    chosen, answered = [], False
    for variable, index in zip(match.variables, match.options, strict=True):
        value = row.get(variable.name)
        if value is None:
            continue
        answered = True
        label = variable.value_labels.get(value, "") if isinstance(value, float) else ""
        if value == 1 or (isinstance(value, str) and value.strip()):
            chosen.append(index)
        elif value == 0 or is_dont_know(label):
            continue
        else:
            return _("%(var)s has value %(value)s, which is neither 0 nor 1") % {
                "var": variable.name,
                "value": _number(value),
            }
    return (sorted(chosen), False) if answered else None


def read_row(matching: Matching, row: dict) -> tuple[list, list]:
    """([(item, value, dont_know)], [reason]) for one row of the file."""
    answers, reasons = [], []
    for match in matching.matches:
        if match.item.type == ItemType.MULTIPLE_CHOICE:
            found = _read_multiple(match, row)
        else:
            variable = match.variables[0]
            value = row.get(variable.name)
            coded = match.item.type in SCALE_TYPES or match.item.type == ItemType.SINGLE_CHOICE
            if value is None:
                found = None
            elif coded and isinstance(value, float):
                found = _read_coded(variable, match.codes[variable.name], value)
            elif coded:
                found = _("%(var)s holds text where a number is expected") % {"var": variable.name}
            else:
                found = _read_open(variable, value)
        if isinstance(found, str):
            reasons.append(found)
        elif found is not None:
            answers.append((match.item, *found))
    return answers, reasons
