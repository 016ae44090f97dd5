"""LimeSurvey questions as Thermometer items, and LimeSurvey answers as stored values.

Pure. Every LimeSurvey question type is read; what has no equivalent becomes open
text, and what cannot be a question at all (a text display, an equation) is listed
as not imported, with the reason — never silently dropped. Item texts are Dutch where
the survey has Dutch, otherwise in the survey's own base language; English is kept
as the English text.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thermometer.questionnaires import dates
from thermometer.questionnaires.constants import ItemType

from .parse import Question, Survey

SINGLE = {"L", "!", "O", "G", "Y"}
FIXED_OPTIONS = {
    "G": [("F", "Vrouw", "Female"), ("M", "Man", "Male")],
    "Y": [("Y", "Ja", "Yes"), ("N", "Nee", "No")],
    "C": [("Y", "Ja", "Yes"), ("U", "Weet niet", "Uncertain"), ("N", "Nee", "No")],
    "E": [("I", "Meer", "Increase"), ("S", "Gelijk", "Same"), ("D", "Minder", "Decrease")],
}
OPEN = {"T", "S", "U", "N", "R", "|"}
YES = {"y", "yes", "ja", "1"}
PER_SUBQUESTION_OPEN = {"Q", "K", ";", ":"}
ARRAYS = {"A", "B", "C", "E", "F", "H", "1"}
NOT_A_QUESTION = {
    "X": _("a text display without a question"),
    "*": _("a calculation (equation)"),
    "I": _("a language switch"),
}


class AnswerRefused(ValueError):
    """A value in a response that the question cannot hold; ``reason`` is for the user."""

    def __init__(self, value: str, reason: str):
        super().__init__(value)
        self.value, self.reason = value, reason


def _as_text(kind: str) -> str:
    return _("LimeSurvey type %(type)s taken over as open text") % {"type": kind}


@dataclass
class ItemPlan:
    key: str
    type: str
    text: str
    text_en: str = ""
    options: list = field(default_factory=list)  # [{"label", "label_en"}]
    scale: str = ""
    # How to read the answer from a response row (SGQA field names).
    read: str = "text"  # text | code | int | multi | rank | date
    fields: list = field(default_factory=list)
    codes: list = field(default_factory=list)
    note: str = ""
    headers: list = field(default_factory=list)  # names this column has in CSV exports
    date_format: str = ""


@dataclass
class Plan:
    items: list
    skipped: list  # (code, type, reason)


class _Texts:
    """Picks an element's texts: Dutch, else the survey's base language; and English."""

    def __init__(self, survey: Survey):
        self.order = ("nl", survey.base_language, "en")

    def one(self, texts: dict, fallback: str) -> str:
        for language in self.order:
            if texts.get(language):
                return texts[language]
        return next((t for t in texts.values() if t), fallback)

    def pair(self, texts: dict, fallback: str) -> tuple[str, str]:
        text = self.one(texts, fallback)
        english = texts.get("en", "")
        return text, english if english != text else ""

    @staticmethod
    def every(texts: dict) -> list[str]:
        return list(dict.fromkeys(t for t in texts.values() if t))


def _choices(q: Question, texts: _Texts) -> tuple[list, list]:
    if q.type in FIXED_OPTIONS:
        fixed = FIXED_OPTIONS[q.type]
        return [c for c, _nl, _en in fixed], [{"label": nl, "label_en": en} for _c, nl, en in fixed]
    codes, options = [], []
    for option in q.options:
        if option.scale_id:
            continue
        label, label_en = texts.pair(option.texts, option.code)
        codes.append(option.code)
        options.append({"label": label, "label_en": label_en or label})
    return codes, options


def _headers(code: str, question_texts: list[str], sub=None, sub_texts=()) -> list[list[str]]:
    if sub is None:
        return [[code, *question_texts]]
    names = [f"{code}[{sub}]"]
    names += [f"{t} [{s}]" for t in question_texts for s in sub_texts]
    return [names]


def _single(q: Question, survey: Survey, texts: _Texts) -> list[ItemPlan]:
    text, text_en = texts.pair(q.texts, q.code)
    codes, options = _choices(q, texts)
    if q.other:
        codes.append("-oth-")
        options.append({"label": "Anders", "label_en": "Other"})
    return [
        ItemPlan(
            q.code,
            ItemType.SINGLE_CHOICE,
            text,
            text_en,
            options,
            read="code",
            fields=[survey.sgqa(q)],
            codes=codes,
            headers=_headers(q.code, texts.every(q.texts)),
        )
    ]


def _multiple(q: Question, survey: Survey, texts: _Texts) -> list[ItemPlan]:
    text, text_en = texts.pair(q.texts, q.code)
    options = []
    for s in q.subquestions:
        label, label_en = texts.pair(s.texts, s.code)
        options.append({"label": label, "label_en": label_en or label})
    return [
        ItemPlan(
            q.code,
            ItemType.MULTIPLE_CHOICE,
            text,
            text_en,
            options,
            read="multi",
            fields=[survey.sgqa(q) + s.code for s in q.subquestions],
            codes=[s.code for s in q.subquestions],
            headers=[
                _headers(q.code, texts.every(q.texts), s.code, texts.every(s.texts) or [s.code])[0]
                for s in q.subquestions
            ],
            note=_("choices with comments: only the choices") if q.type == "P" else "",
        )
    ]


def _array_row(q: Question, s, survey: Survey, texts: _Texts) -> ItemPlan:
    text, text_en = texts.pair(q.texts, q.code)
    sub_text, sub_en = texts.pair(s.texts, s.code)
    plan = ItemPlan(
        f"{q.code}_{s.code}",
        ItemType.SINGLE_CHOICE,
        f"{text} — {sub_text}",
        f"{text_en} — {sub_en}" if text_en else "",
        fields=[survey.sgqa(q) + s.code + ("#0" if q.type == "1" else "")],
        headers=_headers(q.code, texts.every(q.texts), s.code, texts.every(s.texts) or [s.code]),
    )
    if q.type == "A":
        plan.type, plan.scale, plan.read = ItemType.AGREEMENT, "agreement5", "int"
    elif q.type == "B":
        plan.type, plan.scale, plan.read = ItemType.GRADE, "grade10", "int"
    else:
        plan.codes, plan.options = _choices(q, texts)
        plan.read = "code"
        plan.note = _("the second scale is not taken over") if q.type == "1" else ""
    return plan


def _per_subquestion(q: Question, survey: Survey, texts: _Texts) -> list[ItemPlan]:
    if q.type in ARRAYS:
        return [_array_row(q, s, survey, texts) for s in q.subquestions if not s.scale_id]
    text, text_en = texts.pair(q.texts, q.code)
    plans = []
    for s in q.subquestions:
        sub_text, sub_en = texts.pair(s.texts, s.code)
        plans.append(
            ItemPlan(
                f"{q.code}_{s.code}",
                ItemType.OPEN,
                f"{text} — {sub_text}",
                f"{text_en} — {sub_en}" if text_en else "",
                read="text",
                fields=[survey.sgqa(q) + s.code],
                headers=_headers(
                    q.code, texts.every(q.texts), s.code, texts.every(s.texts) or [s.code]
                ),
                note=_as_text(q.type),
            )
        )
    return plans


def _five_point(q: Question, survey: Survey, texts: _Texts) -> list[ItemPlan]:
    text, text_en = texts.pair(q.texts, q.code)
    return [
        ItemPlan(
            q.code,
            ItemType.AGREEMENT,
            text,
            text_en,
            scale="agreement5",
            read="int",
            fields=[survey.sgqa(q)],
            headers=_headers(q.code, texts.every(q.texts)),
        )
    ]


def _date(q: Question, survey: Survey, texts: _Texts) -> list[ItemPlan]:
    text, text_en = texts.pair(q.texts, q.code)
    fmt = (q.attributes.get("date_format") or "").strip() or survey.date_format
    return [
        ItemPlan(
            q.code,
            ItemType.DATE,
            text,
            text_en,
            read="date",
            fields=[survey.sgqa(q)],
            headers=_headers(q.code, texts.every(q.texts)),
            date_format=fmt,
        )
    ]


def _open(q: Question, survey: Survey, texts: _Texts) -> list[ItemPlan]:
    text, text_en = texts.pair(q.texts, q.code)
    ranked = q.type == "R"
    sgqa = survey.sgqa(q)
    return [
        ItemPlan(
            q.code,
            ItemType.OPEN,
            text,
            text_en,
            options=[{"label": texts.one(o.texts, o.code)} for o in q.options] if ranked else [],
            read="rank" if ranked else "text",
            fields=[sgqa + str(i + 1) for i in range(len(q.options))] if ranked else [sgqa],
            codes=[o.code for o in q.options],
            headers=_headers(q.code, texts.every(q.texts)),
            note="" if q.type in ("T", "S", "U") else _as_text(q.type),
        )
    ]


def _planner(kind: str):
    if kind in SINGLE:
        return _single
    if kind in ("M", "P"):
        return _multiple
    if kind == "5":
        return _five_point
    if kind == "D":
        return _date
    if kind in ARRAYS or kind in PER_SUBQUESTION_OPEN:
        return _per_subquestion
    return _open


def plan_items(survey: Survey) -> Plan:
    texts = _Texts(survey)
    items, skipped = [], []
    for q in survey.questions:
        if q.type in NOT_A_QUESTION:
            skipped.append((q.code, q.type, NOT_A_QUESTION[q.type]))
            continue
        items.extend(_planner(q.type)(q, survey, texts))
    return Plan(items=items, skipped=skipped)


def _chosen(plan: ItemPlan, values: list[str]):
    chosen = [
        i
        for i, v in enumerate(values)
        if v.casefold() in YES or (v and v.casefold() == plan.options[i]["label"].casefold())
    ]
    return (chosen, False) if chosen else None


def _code(plan: ItemPlan, value: str):
    # Exports hold answer codes or, with "full answers", the answer texts.
    if value in plan.codes:
        return plan.codes.index(value), False
    labels = [o["label"].casefold() for o in plan.options]
    english = [o.get("label_en", "").casefold() for o in plan.options]
    for candidates in (labels, english):
        if value.casefold() in candidates:
            return candidates.index(value.casefold()), False
    raise AnswerRefused(value, gettext("it is not one of the question's options"))


def read_answer(plan: ItemPlan, row: dict):
    """(value, dont_know) for one item from one response row, or None if unanswered.

    ``AnswerRefused`` when the value does not fit the question."""
    values = [(row.get(f) or "").strip() for f in plan.fields]
    if plan.read == "multi":
        return _chosen(plan, values)
    if plan.read == "rank":
        labels = dict(zip(plan.codes, (o["label"] for o in plan.options), strict=False))
        ranked = [labels.get(v, v) for v in values if v]
        return ("; ".join(ranked), False) if ranked else None
    value = values[0] if values else ""
    if not value:
        return None
    if plan.read == "code":
        return _code(plan, value)
    if plan.read == "int":
        try:
            return int(float(value.replace(",", "."))), False
        except ValueError:
            raise AnswerRefused(value, gettext("it is not a number")) from None
    if plan.read == "date":
        stored = dates.read_value(value, plan.date_format)
        if stored is None:
            raise AnswerRefused(
                value,
                gettext("it is not a date or time in the format %(format)s")
                % {"format": plan.date_format},
            )
        return stored, False
    return value, False
