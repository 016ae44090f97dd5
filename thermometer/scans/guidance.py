"""What a step still needs, in words, with where to do it: the "Volgende stap" panel on
the scan overview and on every step page.

``facts`` counts what the scan holds, each count asked the first time a step needs it;
``missing`` turns those counts into hints for one step of any of the three methods. A
step whose hints are all met gets none; the panel then says the step can be marked
done.

The facts about other apps' work (documents read, questionnaires open, codings, …) are
registered by those apps, so that ``scans`` imports none of them."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.core.registry import put


@dataclass(frozen=True)
class Hint:
    text: str  # what is missing
    url: str
    label: str  # where to do it


def _count(key: str, rows) -> Callable:
    return lambda scan: {key: rows(scan).count()}


# Facts that are one count each of what ``scans`` reaches through its own relations.
_COUNTED: dict[str, Callable] = {
    "client_questions": lambda scan: scan.client_questions,
    "participants": lambda scan: scan.participants,
    "intended_effects": lambda scan: scan.intended_effects,
    "findings": lambda scan: scan.findings,
    "recommendations": lambda scan: scan.recommendations,
    "feedback_rounds": lambda scan: scan.feedback_rounds,
    "discussion_notes": lambda scan: scan.discussion_notes,
    "reports": lambda scan: scan.reports.filter(status="done"),
    "journey_steps": lambda scan: scan.journey_steps,
}
# Each fact and the query that gives it (some queries give several facts at once). The
# apps above ``scans`` add theirs with ``register_facts`` in their ``AppConfig.ready``.
_QUERIES: dict[str, Callable] = {
    **{key: _count(key, rows) for key, rows in _COUNTED.items()},
    "min_group_size": lambda scan: {"min_group_size": scan.method.min_group_size},
}


def register_facts(keys: Iterable[str], query: Callable) -> None:
    """Let ``query(scan)`` give the facts ``keys`` (a dict with at least those keys):
    how an app above ``scans`` tells the guidance what a scan holds of its work."""
    for key in keys:
        put(_QUERIES, key, query, "guidance fact")


class Facts(dict):
    """The counts the hints are made from, each asked of the database the first time a
    step needs it: a step page asks for two or three, not for all of them."""

    def __init__(self, scan):
        super().__init__()
        self.scan = scan

    def __missing__(self, key: str):
        self.update(_QUERIES[key](self.scan))
        return self[key]


def facts(scan) -> Facts:
    return Facts(scan)


# Each step's checks: ``need(condition, text, url name, label)`` adds a hint when the
# condition holds. Grouped per method, in the order of its steps.
Need = Callable[[bool, str, str, str], None]


def _scope_needs(f: dict, need: Need) -> None:
    need(
        not f["client_questions"],
        _("The client's own questions are not written down yet."),
        "scans:edit",
        _("Change details"),
    )
    need(
        not f["participants"],
        _("Nobody takes part yet."),
        "participants:list",
        _("Participants"),
    )
    need(not f["documents"], _("No documents yet."), "sources:list", _("Documents"))


def _goals_needs(f: dict, need: Need) -> None:
    need(not f["read"], _("No document has been read yet."), "sources:list", _("Documents"))
    need(
        not f["intended_effects"],
        _("No intended effects are recorded in the goal tree yet."),
        "goals:tree",
        _("Goals and intended effects"),
    )


def _triangle_needs(f: dict, need: Need) -> None:
    need(
        not f["questionnaires"],
        _("No questionnaires have been made yet."),
        "questionnaires:list",
        _("Questionnaires"),
    )
    need(
        f["questionnaires"] and not f["questionnaires_open"] and not f["responses"],
        _("No questionnaire is open for answers yet."),
        "questionnaires:list",
        _("Questionnaires"),
    )
    if f["responses"] < f["min_group_size"]:
        need(
            True,
            ngettext(
                "%(n)s questionnaire has come back; results show from %(min)s per group.",
                "%(n)s questionnaires have come back; results show from %(min)s per group.",
                f["responses"],
            )
            % {"n": f["responses"], "min": f["min_group_size"]},
            "questionnaires:list",
            _("Questionnaires"),
        )
    need(not f["codings"], _("Nothing has been coded yet."), "coding:codebook", _("Codebook"))


def _matrix_needs(f: dict, need: Need) -> None:
    need(
        not f["findings"],
        _("No findings have been written yet."),
        "findings:overview",
        _("Matrix and findings"),
    )
    need(not f["recommendations"], _("No recommendations yet."), "advice:overview", _("Advice"))


def _feedback_needs(f: dict, need: Need) -> None:
    need(
        not f["advice_versions"],
        _("The concept advice has not been frozen as a version yet."),
        "advice:overview",
        _("Advice"),
    )
    need(
        f["advice_versions"] and not f["feedback_rounds"],
        _("The feedback round has not been opened yet."),
        "advice:feedback",
        _("Feedback round"),
    )


def _discussion_needs(f: dict, need: Need) -> None:
    need(
        not f["discussion_notes"],
        _("The discussion with the client has not been recorded yet."),
        "advice:discussion",
        _("Discussion with the client"),
    )


def _presentation_needs(f: dict, need: Need) -> None:
    need(
        not f["final_versions"],
        _("The advice has no final version yet."),
        "advice:overview",
        _("Advice"),
    )
    _report_needs(f, need)


def _analysis_needs(f: dict, need: Need) -> None:
    need(
        not f["values"],
        _("No values have been taken from the council's documents yet."),
        "frameworks:documents",
        _("What the council already decided"),
    )


def _session_values_needs(f: dict, need: Need) -> None:
    need(
        not f["values"],
        _("The framework has no values yet: hold the first work session."),
        "frameworks:overview",
        _("Steering framework"),
    )


def _session_results_needs(f: dict, need: Need) -> None:
    need(
        not f["results"] or not f["criteria"],
        _("The framework has no results and criteria yet: hold the second work session."),
        "frameworks:overview",
        _("Steering framework"),
    )


def _framework_needs(f: dict, need: Need) -> None:
    need(
        f["criteria"] > f["indicators"],
        _("Not every criterion has an indicator yet."),
        "frameworks:framework",
        _("The framework and its indicators"),
    )
    need(
        not f["decided"],
        _("The council's decision has not been recorded yet."),
        "frameworks:overview",
        _("Steering framework"),
    )


def _monitoring_needs(f: dict, need: Need) -> None:
    need(
        not f["measurements"],
        _("No measurements yet."),
        "frameworks:monitoring",
        _("Monitoring"),
    )


def _preparation_needs(f: dict, need: Need) -> None:
    need(
        not f["journey_steps"],
        _("The household's journey has no steps yet."),
        "journeys:edit",
        _("Adapt the household and the journey"),
    )


def _day1_journey_needs(f: dict, need: Need) -> None:
    need(
        not f["observations"],
        _("No pain points or good practices have been collected yet."),
        "journeys:overview",
        _("Journey and lights"),
    )


def _day2_governance_needs(f: dict, need: Need) -> None:
    need(
        not f["checklist_answers"],
        _("The checklist per theme has not been answered yet."),
        "journeys:checklist",
        _("Day 2: the checklist per theme"),
    )


def _report_needs(f: dict, need: Need) -> None:
    need(
        not f["reports"],
        _("No report has been made yet."),
        "reports:overview",
        _("Digital overview"),
    )


_STEP_NEEDS: dict[str, Callable[[dict, Need], None]] = {
    # the Thermometer
    "scope": _scope_needs,
    "goals": _goals_needs,
    "triangle": _triangle_needs,
    "matrix": _matrix_needs,
    "feedback": _feedback_needs,
    "discussion": _discussion_needs,
    "presentation": _presentation_needs,
    # Raad in positie (the steering framework)
    "analysis": _analysis_needs,
    "session_values": _session_values_needs,
    "session_results": _session_results_needs,
    "framework": _framework_needs,
    "monitoring": _monitoring_needs,
    # the two-day scan (the household journey)
    "preparation": _preparation_needs,
    "day1_journey": _day1_journey_needs,
    "day2_governance": _day2_governance_needs,
    "report": _report_needs,
}


def missing(step_key: str, f: dict, slug: str) -> list[Hint]:
    """What ``step_key`` still needs, given the scan's ``facts``."""
    hints: list[Hint] = []

    def need(condition: bool, text: str, name: str, label: str) -> None:
        if condition:
            hints.append(Hint(text, reverse(name, kwargs={"slug": slug}), label))

    check = _STEP_NEEDS.get(step_key)
    if check is not None:
        check(f, need)
    return hints


def panel(scan, overview, step=None) -> dict:
    """The panel for the step page ``step``, or for the scan overview (the first step
    not done); ``overview`` is the steps with their status (``context.step_overview``)."""
    done = {entry["step"].key for entry in overview if entry["status"] == "done"}
    if step is None:
        step = next((e["step"] for e in overview if e["step"].key not in done), None)
    if step is None:
        return {"step": None, "hints": [], "all_done": True}
    return {
        "step": step,
        "hints": [] if step.key in done else missing(step.key, facts(scan), scan.slug),
        "done": step.key in done,
        "all_done": False,
    }
