"""Raw responses, pseudonymised, as a table — with the minimum group size applied.

Respondents get a code per export (R001…) that does not lead back to a
participant; layers too small to show are merged upward or left out.
"""

from collections import Counter

from django.utils.translation import gettext as _

from thermometer.core.spreadsheets import Sheet, csv_bytes, xlsx_bytes

from . import dates
from .anonymity import group_label, reporting_groups
from .constants import ItemType
from .models import Response


def _cell(item, answer, scales, dont_know_label):
    if answer is None:
        return ""
    if answer.dont_know:
        return dont_know_label
    if item.type in (ItemType.SINGLE_CHOICE,):
        return item.options[answer.value]["label"]
    if item.type == ItemType.MULTIPLE_CHOICE:
        return "; ".join(item.options[i]["label"] for i in answer.value)
    if item.type == ItemType.DATE:
        return dates.display(answer.value, item.date_format)
    return answer.value


def _response_rows(responses, groups: dict, method, items, raw_answers: bool):
    """A row per shown response and the number left out (its group too small)."""
    actor_counts = Counter(r.actor for r in responses)
    rows, omitted = [], 0
    for number, response in enumerate(responses, start=1):
        group = groups.get(response.layer)
        if group is None:
            omitted += 1
            continue
        answers = {a.item_id: a for a in response.answers.all()}
        actor = (
            method.actors.get(response.actor, response.actor)
            if actor_counts[response.actor] >= method.min_group_size
            else ""
        )
        rows.append(
            [
                f"R{number:03d}",
                group_label(group, method.layers),
                actor,
                response.language,
                response.submitted_at.date().isoformat(),
            ]
            + [
                answers.get(item.pk)
                if raw_answers
                else _cell(item, answers.get(item.pk), {}, _("don't know"))
                for item in items
            ]
        )
    return rows, omitted


def _table_notes(groups: dict, method, omitted: int) -> list[str]:
    """The minimum group size, the layers reported together and what was left out."""
    merged = sorted({g for g in groups.values() if g and len(g) > 1})
    notes = [
        _("Minimum group size: %(n)d.") % {"n": method.min_group_size},
        *[
            _("Reported together: %(group)s.") % {"group": group_label(g, method.layers)}
            for g in merged
        ],
    ]
    if omitted:
        notes.append(
            _("%(n)d responses left out: their group is smaller than the minimum.") % {"n": omitted}
        )
    return notes


def response_table(questionnaire, *, raw_answers=False) -> dict:
    """Header, rows and notes for the submitted responses of ``questionnaire``.

    With ``raw_answers`` an item's cell is its ``Answer`` (or None) instead of the text a
    spreadsheet shows, so the SPSS writer codes the same selection of the same columns."""
    method = questionnaire.scan.method
    responses = list(
        Response.objects.filter(questionnaire=questionnaire, submitted_at__isnull=False)
        .prefetch_related("answers")
        .order_by("uuid")
    )
    counts = Counter(r.layer for r in responses)
    groups = reporting_groups(counts, list(method.layers), method.min_group_size)
    items = list(questionnaire.items.all())
    header = [_("respondent"), _("group"), _("actor"), _("language"), _("sent")] + [
        item.key for item in items
    ]
    rows, omitted = _response_rows(responses, groups, method, items, raw_answers)
    questions = [(item.key, item.text) for item in items]
    return {
        "header": header,
        "rows": rows,
        "notes": _table_notes(groups, method, omitted),
        "questions": questions,
        "items": items,
        "name": questionnaire.name,
        "scales": {scale["key"]: scale for scale in method.data.get("scales", [])},
    }


def to_csv(table: dict) -> bytes:
    return csv_bytes(table["header"], table["rows"])


def to_xlsx(table: dict) -> bytes:
    """Answers, the questions behind the column keys, and the notes; every cell through
    the one writer that neutralises formulas (``core.spreadsheets``)."""
    return xlsx_bytes(
        [
            Sheet(_("Answers"), [table["header"], *table["rows"]], freeze="B2"),
            Sheet(_("Questions"), [[_("column"), _("question")], *table["questions"]]),
            Sheet(_("Notes"), [[note] for note in table["notes"]]),
        ]
    )
