"""Every LimeSurvey question type is read: as an item, or listed as not imported."""

from thermometer.questionnaires.limesurvey.mapping import plan_items
from thermometer.questionnaires.limesurvey.parse import parse_lss

TYPES = "L!OGY5MPTSUNDKQ;:ABCEFH1RX*I|"
ARRAYS = set("ABCEFH1")
WITH_SUBQUESTIONS = set("MPKQ;:") | ARRAYS
WITH_OPTIONS = set("L!OFH1R")


def _row(tag, fields: dict) -> str:
    return f"<row>{''.join(f'<{k}><![CDATA[{v}]]></{k}>' for k, v in fields.items())}</row>"


def synthetic_lss() -> bytes:
    questions, subs, l10n, answers, answer_l10n = [], [], [], [], []
    next_id = 1000
    for order, kind in enumerate(TYPES, start=1):
        qid = order
        questions.append(
            _row(
                "row",
                {
                    "qid": qid,
                    "parent_qid": 0,
                    "sid": 1,
                    "gid": 1,
                    "type": kind,
                    "title": f"Q{order}",
                    "other": "N",
                    "question_order": order,
                },
            )
        )
        l10n.append(
            _row("row", {"id": qid, "qid": qid, "question": f"Vraag {kind}", "language": "nl"})
        )
        if kind in WITH_SUBQUESTIONS:
            for n in (1, 2):
                next_id += 1
                subs.append(
                    _row(
                        "row",
                        {
                            "qid": next_id,
                            "parent_qid": qid,
                            "sid": 1,
                            "gid": 1,
                            "type": "T",
                            "title": f"SQ{n}",
                            "question_order": n,
                            "scale_id": 0,
                        },
                    )
                )
                l10n.append(
                    _row(
                        "row",
                        {"id": next_id, "qid": next_id, "question": f"Deel {n}", "language": "nl"},
                    )
                )
        if kind in WITH_OPTIONS:
            for n in (1, 2, 3):
                next_id += 1
                answers.append(
                    _row(
                        "row",
                        {
                            "aid": next_id,
                            "qid": qid,
                            "code": f"A{n}",
                            "sortorder": n,
                            "scale_id": 0,
                        },
                    )
                )
                answer_l10n.append(
                    _row(
                        "row",
                        {"id": next_id, "aid": next_id, "answer": f"Optie {n}", "language": "nl"},
                    )
                )

    def table(name, rows):
        return f"<{name}><rows>{''.join(rows)}</rows></{name}>"

    return (
        "<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>600</DBVersion>"
        "<languages><language>nl</language></languages>"
        + table("groups", [_row("row", {"gid": 1, "sid": 1, "group_order": 1})])
        + table("questions", questions)
        + table("subquestions", subs)
        + table("question_l10ns", l10n)
        + table("answers", answers)
        + table("answer_l10ns", answer_l10n)
        + table("surveys", [_row("row", {"sid": 1})])
        + "</document>"
    ).encode()


def test_every_question_type_is_read_and_none_is_silently_dropped():
    survey = parse_lss(synthetic_lss())
    assert len(survey.questions) == len(TYPES)
    plan = plan_items(survey)
    covered = {key.split("_")[0] for key in (item.key for item in plan.items)}
    covered |= {code for code, _kind, _why in plan.skipped}
    assert covered == {f"Q{n}" for n in range(1, len(TYPES) + 1)}
    skipped_types = {kind for _code, kind, _why in plan.skipped}
    assert skipped_types == {"X", "*", "I"}
    by_key = {item.key: item for item in plan.items}
    assert by_key["Q1"].type == "single_choice" and len(by_key["Q1"].options) == 3
    assert by_key["Q6"].type == "agreement"  # 5-point choice
    assert by_key["Q7"].type == "multiple_choice"
    array_a = f"Q{TYPES.index('A') + 1}"
    assert by_key[f"{array_a}_SQ1"].type == "agreement"
    array_b = f"Q{TYPES.index('B') + 1}"
    assert by_key[f"{array_b}_SQ2"].type == "grade"
    ranking = f"Q{TYPES.index('R') + 1}"
    assert by_key[ranking].type == "open" and by_key[ranking].note
