"""The Thermometer report's text as plain data: the introduction, the answer per goal
with its findings numbered in order of printing, the other findings, and the
conclusion (the sentences themselves are written by ``narrative``)."""

from django.db.models import Count

from thermometer.goals.models import EffectQuote
from thermometer.participants.models import Participant
from thermometer.reports import narrative


def _brief(scan, advice_part: dict) -> dict:
    """The assignment as step 1 recorded it: areas, period, questions, steps. The
    client's officials are not named: the report goes round, names are not needed."""
    version = advice_part["version"]
    return {
        "policy_areas": scan.policy_area_labels(),
        "start": scan.start_date,
        "end": version["frozen_at"].date() if version and version["final"] else None,
        "questions": [q.text for q in scan.client_questions.all()],
        "steps": [step.name for step in scan.method.steps],
    }


def _participation(scan) -> list[dict]:
    """Participants per layer of the chain, top first; counts, never names."""
    counts = dict(
        Participant.objects.filter(scan=scan).values_list("layer").annotate(n=Count("id"))
    )
    return [
        {"label": name, "n": counts[key]}
        for key, name in scan.method.layers.items()
        if key in counts
    ]


def _question_goals(scan) -> list[tuple[int, set]]:
    """Per client question (numbered from 1) the goals it asks about: those of the
    intended effects taken from it, else the goals it names, else all of them."""
    method = scan.method
    linked: dict = {}
    for question, goal in EffectQuote.objects.filter(
        effect__scan=scan, client_question__isnull=False
    ).values_list("client_question", "effect__goal"):
        linked.setdefault(question, set()).add(goal)
    found = []
    for number, question in enumerate(scan.client_questions.all(), start=1):
        named = {
            key for key, name in method.goals.items() if name.casefold() in question.text.casefold()
        }
        goals = (linked.get(question.pk) or named) & set(method.goals)
        found.append((number, goals or set(method.goals)))
    return found


class _Numbering:
    """The findings as the report prints them, numbered in that order; every quote once
    (``seen`` holds the quotes printed so far)."""

    def __init__(self):
        self.seen: set = set()
        self.numbered: dict[str, int] = {}

    def write(self, findings: list[dict]) -> list[dict]:
        prose = []
        for finding in findings:
            number = len(self.numbered) + 1
            self.numbered[finding["uuid"]] = number
            prose.append(narrative.finding_prose(finding, number, self.seen))
        return prose


def _goal_answers(scan, gathered: dict, result: dict, questions, numbering) -> tuple[list, list]:
    """(per goal its verdict, per goal its answer with its own findings)."""
    presented, trails, findings = gathered["presented"], gathered["trails"], gathered["findings"]
    thresholds = presented["thresholds"]
    triangles = {t["goal"]: t for t in presented["triangles"]}
    chains = {c["goal"]: c for c in presented["chains"]}
    goals, answers = [], []
    for index, (key, name) in enumerate(scan.method.goals.items()):
        chain = chains.get(name, {"rows": [], "worst": None})
        own = [f for f in findings if f["goal"] == key]
        rows = [
            r
            for r in trails["rows"]
            if r["goal"] == name and not narrative.effect_in_finding(r, own)
        ]
        colour, layer = narrative.goal_verdict(chain, thresholds)
        score = result["goal_scores"].get(key)
        goals.append(
            {
                "key": key,
                "name": name,
                "score": score,
                "worst": chain.get("worst"),
                "colour": colour,
                "layer": layer,
            }
        )
        prose = numbering.write(own)
        numbers = [n for n, keys in questions if key in keys]
        paragraphs = narrative.goal_paragraphs(
            name, chain, triangles.get(name), score, thresholds, numbers, rows
        )
        answers.append(
            {"key": key, "name": name, "chart": index, "paragraphs": paragraphs, "findings": prose}
        )
    return goals, answers


def _link_recommendations(advice_part: dict, numbering) -> None:
    """Each recommendation with the numbers of its findings; the minority's needs and
    reasons as they are printed (a need already quoted is left out)."""
    numbered, seen = numbering.numbered, numbering.seen
    for rec in advice_part["recommendations"]:
        rec["finding_numbers"] = [
            numbered[f["uuid"]] for f in rec.get("findings", []) if f["uuid"] in numbered
        ]
        for support in [rec["support"]] if rec.get("support") else []:
            for minority in support["minority"]:
                minority["needs"] = [n for n in minority["needs"] if narrative.plain(n) not in seen]
                seen.update(narrative.plain(n) for n in minority["needs"][:3])
        for record in rec["minority_records"]:
            record["reason_sentence"] = narrative.sentence(record["reason"])


def _introduction(scan, header: dict, advice_part: dict, figures: dict) -> dict:
    brief = _brief(scan, advice_part)
    return {
        "assignment": narrative.assignment(header, brief),
        "questions_lead": narrative.questions_lead(brief["questions"]),
        "questions": brief["questions"],
        "approach": narrative.approach(brief),
        "participation": narrative.participation(_participation(scan), figures),
    }


def report_text(scan, header, gathered, advice_part, result, figures) -> dict:
    """The report's text: introduction, the answer per goal, the conclusion.
    ``gathered``: the presented analysis, the trails and the findings."""
    introduction = _introduction(scan, header, advice_part, figures)
    questions = _question_goals(scan)
    numbering = _Numbering()
    goals, answers = _goal_answers(scan, gathered, result, questions, numbering)
    others = numbering.write(
        [f for f in gathered["findings"] if f["uuid"] not in numbering.numbered]
    )
    _link_recommendations(advice_part, numbering)
    presented = gathered["presented"]
    return {
        "introduction": introduction,
        "answers": answers,
        "other_findings": others,
        "conclusion": narrative.conclusion(
            goals,
            presented["triangles"],
            gathered["trails"]["rows"],
            presented["themes"],
            advice_part,
            questions,
        ),
    }
