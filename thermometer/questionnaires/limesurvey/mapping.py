"""LimeSurvey questions as Thermometer items, and LimeSurvey answers as stored values.

Pure. Every LimeSurvey question type is read; what has no equivalent becomes open
text, and what cannot be a question at all (a text display, an equation) is listed
as not imported, with the reason — never silently dropped.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from thermometer.questionnaires.constants import ItemType

from .parse import Question, Survey

SINGLE = {"L", "!", "O", "G", "Y"}
FIXED_OPTIONS = {
    "G": [("F", "Vrouw", "Female"), ("M", "Man", "Male")],
    "Y": [("Y", "Ja", "Yes"), ("N", "Nee", "No")],
    "C": [("Y", "Ja", "Yes"), ("U", "Weet niet", "Uncertain"), ("N", "Nee", "No")],
    "E": [("I", "Meer", "Increase"), ("S", "Gelijk", "Same"), ("D", "Minder", "Decrease")],
}
OPEN = {"T", "S", "U", "N", "D", "R", "|"}
YES = {"y", "yes", "ja", "1"}
PER_SUBQUESTION_OPEN = {"Q", "K", ";", ":"}
NOT_A_QUESTION = {
    "X": _("a text display without a question"),
    "*": _("a calculation (equation)"),
    "I": _("a language switch"),
}


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
    read: str = "text"  # text | code | int | multi
    fields: list = field(default_factory=list)
    codes: list = field(default_factory=list)
    note: str = ""
    headers: list = field(default_factory=list)  # names this column has in CSV exports


@dataclass
class Plan:
    items: list
    skipped: list  # (code, type, reason)


def _text(texts: dict, preferred=("nl",), fallback="") -> str:
    for language in preferred:
        if texts.get(language):
            return texts[language]
    return next((t for t in texts.values() if t), fallback)


def _pair(texts: dict, fallback: str) -> tuple[str, str]:
    text = _text(texts, ("nl", "en"), fallback)
    english = texts.get("en", "")
    return text, english if english != text else ""


def _options(question: Question, scale_id=0) -> tuple[list, list]:
    codes, options = [], []
    for option in question.options:
        if option.scale_id != scale_id:
            continue
        label, label_en = _pair(option.texts, option.code)
        codes.append(option.code)
        options.append({"label": label, "label_en": label_en or label})
    return codes, options


def plan_items(survey: Survey) -> Plan:
    items, skipped = [], []
    for q in survey.questions:
        sgqa = survey.sgqa(q)
        text, text_en = _pair(q.texts, q.code)
        heads = [q.code, text]
        if q.type in NOT_A_QUESTION:
            skipped.append((q.code, q.type, NOT_A_QUESTION[q.type]))
            continue
        if q.type in SINGLE:
            if q.type in FIXED_OPTIONS:
                codes = [c for c, _, _ in FIXED_OPTIONS[q.type]]
                options = [{"label": nl, "label_en": en} for _, nl, en in FIXED_OPTIONS[q.type]]
            else:
                codes, options = _options(q)
            if q.other:
                codes.append("-oth-")
                options.append({"label": "Anders", "label_en": "Other"})
            items.append(
                ItemPlan(
                    q.code,
                    ItemType.SINGLE_CHOICE,
                    text,
                    text_en,
                    options,
                    read="code",
                    fields=[sgqa],
                    codes=codes,
                    headers=[heads],
                )
            )
        elif q.type in ("M", "P"):
            options = [
                dict(zip(("label", "label_en"), _pair(s.texts, s.code), strict=True))
                for s in q.subquestions
            ]
            for option in options:
                option["label_en"] = option["label_en"] or option["label"]
            items.append(
                ItemPlan(
                    q.code,
                    ItemType.MULTIPLE_CHOICE,
                    text,
                    text_en,
                    options,
                    read="multi",
                    fields=[sgqa + s.code for s in q.subquestions],
                    codes=[s.code for s in q.subquestions],
                    headers=[
                        [f"{q.code}[{s.code}]", f"{text} [{_text(s.texts, ('nl', 'en'), s.code)}]"]
                        for s in q.subquestions
                    ],
                    note=_("choices with comments: only the choices") if q.type == "P" else "",
                )
            )
        elif q.type == "5":
            items.append(
                ItemPlan(
                    q.code,
                    ItemType.AGREEMENT,
                    text,
                    text_en,
                    scale="agreement5",
                    read="int",
                    fields=[sgqa],
                    headers=[heads],
                )
            )
        elif q.type in ("A", "B", "C", "E", "F", "H", "1"):
            for s in q.subquestions:
                if s.scale_id:
                    continue
                sub_text, sub_en = _pair(s.texts, s.code)
                key = f"{q.code}_{s.code}"
                full, full_en = f"{text} — {sub_text}", (f"{text_en} — {sub_en}" if text_en else "")
                head = [[f"{q.code}[{s.code}]", f"{text} [{sub_text}]"]]
                if q.type == "A":
                    items.append(
                        ItemPlan(
                            key,
                            ItemType.AGREEMENT,
                            full,
                            full_en,
                            scale="agreement5",
                            read="int",
                            fields=[sgqa + s.code],
                            headers=head,
                        )
                    )
                elif q.type == "B":
                    items.append(
                        ItemPlan(
                            key,
                            ItemType.GRADE,
                            full,
                            full_en,
                            scale="grade10",
                            read="int",
                            fields=[sgqa + s.code],
                            headers=head,
                        )
                    )
                else:
                    if q.type in FIXED_OPTIONS:
                        codes = [c for c, _, _ in FIXED_OPTIONS[q.type]]
                        options = [
                            {"label": nl, "label_en": en} for _, nl, en in FIXED_OPTIONS[q.type]
                        ]
                    else:
                        codes, options = _options(q)
                    field_name = sgqa + s.code + ("#0" if q.type == "1" else "")
                    items.append(
                        ItemPlan(
                            key,
                            ItemType.SINGLE_CHOICE,
                            full,
                            full_en,
                            options,
                            read="code",
                            fields=[field_name],
                            codes=codes,
                            headers=head,
                            note=_("the second scale is not taken over") if q.type == "1" else "",
                        )
                    )
        elif q.type in PER_SUBQUESTION_OPEN:
            for s in q.subquestions:
                sub_text, sub_en = _pair(s.texts, s.code)
                items.append(
                    ItemPlan(
                        f"{q.code}_{s.code}",
                        ItemType.OPEN,
                        f"{text} — {sub_text}",
                        f"{text_en} — {sub_en}" if text_en else "",
                        read="text",
                        fields=[sgqa + s.code],
                        headers=[[f"{q.code}[{s.code}]", f"{text} [{sub_text}]"]],
                        note=_as_text(q.type),
                    )
                )
        else:
            note = "" if q.type in ("T", "S", "U") else _as_text(q.type)
            ranked = q.type == "R"
            items.append(
                ItemPlan(
                    q.code,
                    ItemType.OPEN,
                    text,
                    text_en,
                    read="rank" if ranked else "text",
                    fields=[sgqa + str(i + 1) for i in range(len(q.options))] if ranked else [sgqa],
                    codes=[o.code for o in q.options],
                    headers=[heads],
                    note=note,
                )
            )
    return Plan(items=items, skipped=skipped)


def read_answer(plan: ItemPlan, row: dict):
    """(value, dont_know) for one item from one response row, or None if unanswered."""
    values = [(row.get(f) or "").strip() for f in plan.fields]
    if plan.read == "multi":
        chosen = [
            i
            for i, v in enumerate(values)
            if v.casefold() in YES or (v and v.casefold() == plan.options[i]["label"].casefold())
        ]
        return (chosen, False) if chosen else None
    if plan.read == "rank":
        labels = dict(zip(plan.codes, (o["label"] for o in plan.options), strict=False))
        ranked = [labels.get(v, v) for v in values if v]
        return ("; ".join(ranked), False) if ranked else None
    value = values[0] if values else ""
    if not value:
        return None
    if plan.read == "code":
        # Exports hold answer codes or, with "full answers", the answer texts.
        if value in plan.codes:
            return plan.codes.index(value), False
        labels = [o["label"].casefold() for o in plan.options]
        english = [o.get("label_en", "").casefold() for o in plan.options]
        for candidates in (labels, english):
            if value.casefold() in candidates:
                return candidates.index(value.casefold()), False
        raise ValueError(value)
    if plan.read == "int":
        return int(float(value)), False
    return value, False
