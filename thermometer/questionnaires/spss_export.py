"""The pseudonymised response table of ``export.response_table`` as an SPSS .sav file.

The same responses and columns as the spreadsheet export, coded the way SPSS users
expect: answers as numbers with value labels, question texts as variable labels
("[key] text", as in the VNG Burgerpeiling format), "don't know" as a labelled code
declared missing, a multiple choice question as one 0/1 variable per option.
"""

import datetime

from django.utils.translation import gettext as _

from .constants import ItemType
from .spss import Column, variable_name, write_sav
from .spss_matching import question_code

DONT_KNOW_CODE = 99
META_COLUMNS = 5  # respondent, group, actor, language, sent: see export.response_table
DEFAULT_SCALE = {ItemType.AGREEMENT: "agreement5", ItemType.GRADE: "grade10"}


def _coded(values: list) -> tuple[list, dict]:
    """Texts as codes 1..n in the order first seen, with the texts as value labels."""
    codes = {}
    for value in values:
        if value not in ("", None) and value not in codes:
            codes[value] = float(len(codes) + 1)
    return [codes.get(v) for v in values], {code: text for text, code in codes.items()}


def _meta_columns(header, rows, taken) -> list[Column]:
    respondent, group, actor, language, sent = header[:META_COLUMNS]
    columns = [Column(variable_name(respondent, taken), respondent, [r[0] for r in rows], "text")]
    for index, title in ((1, group), (2, actor), (3, language)):
        values, labels = _coded([r[index] for r in rows])
        columns.append(Column(variable_name(title, taken), title, values, value_labels=labels))
    dates = [datetime.date.fromisoformat(r[4]) for r in rows]
    columns.append(Column(variable_name(sent, taken), sent, dates, "date", measure="scale"))
    return columns


def _scale_column(item, answers, scale, name) -> Column:
    labels = {float(o["value"]): o["label"] for o in scale.get("options", [])}
    values = []
    for answer in answers:
        if answer is None or (answer.value is None and not answer.dont_know):
            values.append(None)
        elif answer.dont_know:
            values.append(float(DONT_KNOW_CODE))
        else:
            values.append(float(answer.value))
    missing = []
    if scale.get("dont_know") or any(a is not None and a.dont_know for a in answers):
        labels[float(DONT_KNOW_CODE)] = (scale.get("dont_know") or {}).get("label") or _(
            "don't know"
        )
        missing = [DONT_KNOW_CODE]
    measure = "ordinal" if item.type == ItemType.AGREEMENT else "scale"
    return Column(name, f"[{item.key}] {item.text}", values, "number", labels, measure, missing)


def _choice_column(item, answers, name) -> Column:
    labels = {float(i + 1): o["label"] for i, o in enumerate(item.options)}
    values = []
    for answer in answers:
        if answer is None or answer.value is None:
            values.append(float(DONT_KNOW_CODE) if answer and answer.dont_know else None)
        else:
            values.append(float(answer.value + 1))
    missing = []
    if any(v == DONT_KNOW_CODE for v in values):
        labels[float(DONT_KNOW_CODE)], missing = _("don't know"), [DONT_KNOW_CODE]
    return Column(name, f"[{item.key}] {item.text}", values, "number", labels, "nominal", missing)


def _multiple_columns(item, answers, taken) -> list[Column]:
    labels = {0.0: _("not chosen"), 1.0: _("chosen")}
    columns = []
    for index, option in enumerate(item.options):
        values = [
            None if answer is None or answer.value is None else float(index in answer.value)
            for answer in answers
        ]
        columns.append(
            Column(
                variable_name(f"{question_code(item) or item.key}_{index + 1}", taken),
                f"[{item.key}] {item.text} [{option['label']}]",
                values,
                "number",
                dict(labels),
            )
        )
    return columns


def _item_columns(item, answers, scales, taken) -> list[Column]:
    if item.type == ItemType.MULTIPLE_CHOICE:
        return _multiple_columns(item, answers, taken)
    name = variable_name(question_code(item) or item.key, taken)
    if item.type in DEFAULT_SCALE:
        scale = scales.get(item.scale or DEFAULT_SCALE[item.type], {})
        return [_scale_column(item, answers, scale, name)]
    if item.type == ItemType.SINGLE_CHOICE:
        return [_choice_column(item, answers, name)]
    texts = [None if a is None or a.value is None else str(a.value) for a in answers]
    return [Column(name, f"[{item.key}] {item.text}", texts, "text")]


def to_sav(table: dict) -> bytes:
    """``table`` from ``response_table(questionnaire, raw_answers=True)``."""
    taken: set = set()
    rows = table["rows"]
    columns = _meta_columns(table["header"], rows, taken)
    for index, item in enumerate(table["items"], start=META_COLUMNS):
        columns += _item_columns(item, [row[index] for row in rows], table["scales"], taken)
    return write_sav(columns, file_label=table["name"], notes=table["notes"])
