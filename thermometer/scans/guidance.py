"""What a step still needs, in words, with where to do it: the "Volgende stap" panel on
the scan overview and on every step page.

``facts`` counts what the scan holds in a handful of queries; ``missing`` (pure) turns
those counts into hints for one step of any of the three methods. A step whose hints
are all met gets none; the panel then says the step can be marked done."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Hint:
    text: str  # what is missing
    url: str
    label: str  # where to do it


def facts(scan) -> dict:
    """The counts the hints are made from."""
    from thermometer.coding.models import Coding
    from thermometer.questionnaires.models import Response

    sources = scan.sources.aggregate(
        documents=Count("pk", filter=Q(kind="document")),
        read=Count("pk", filter=Q(kind="document", status="done")),
        conversations=Count("pk", filter=~Q(kind="document")),
    )
    questionnaires = scan.questionnaires.aggregate(
        made=Count("pk"), open=Count("pk", filter=Q(status="open"))
    )
    versions = scan.advice_versions.aggregate(
        made=Count("pk"), final=Count("pk", filter=Q(status="final"))
    )
    counts = {
        **sources,
        "questionnaires": questionnaires["made"],
        "questionnaires_open": questionnaires["open"],
        "advice_versions": versions["made"],
        "final_versions": versions["final"],
        "client_questions": scan.client_questions.count(),
        "participants": scan.participants.count(),
        "responses": Response.objects.filter(
            questionnaire__scan=scan, submitted_at__isnull=False
        ).count(),
        "codings": Coding.objects.filter(code__scan=scan).count(),
        "intended_effects": scan.intended_effects.count(),
        "findings": scan.findings.count(),
        "recommendations": scan.recommendations.count(),
        "feedback_rounds": scan.feedback_rounds.count(),
        "discussion_notes": scan.discussion_notes.count(),
        "reports": scan.reports.filter(status="done").count(),
        "min_group_size": scan.method.min_group_size,
    }
    kind = scan.method.data["kind"]
    if kind == "raad_in_positie":
        from thermometer.frameworks.models import Decision, Indicator, Measurement

        items = scan.framework.exclude(status__in=("parked", "merged"))
        counts.update(
            values=items.filter(level="value").count(),
            results=items.filter(level="result").count(),
            criteria=items.filter(level="criterion").count(),
            indicators=Indicator.objects.filter(criterion__scan=scan).count(),
            decided=Decision.objects.filter(scan=scan).exists(),
            measurements=Measurement.objects.filter(indicator__criterion__scan=scan).count(),
        )
    if kind == "tweedaagse_scan":
        from thermometer.journeys.models import ChecklistAnswer, Observation

        counts.update(
            journey_steps=scan.journey_steps.count(),
            observations=Observation.objects.filter(step__scan=scan).count(),
            checklist_answers=ChecklistAnswer.objects.filter(scan=scan).count(),
        )
    return counts


def missing(step_key: str, f: dict, slug: str) -> list[Hint]:
    """What ``step_key`` still needs, given the scan's ``facts``."""

    def to(name: str) -> str:
        return reverse(name, kwargs={"slug": slug})

    hints: list[Hint] = []

    def need(condition: bool, text: str, name: str, label: str) -> None:
        if condition:
            hints.append(Hint(text, to(name), label))

    if step_key == "scope":
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
    elif step_key == "goals":
        need(not f["read"], _("No document has been read yet."), "sources:list", _("Documents"))
        need(
            not f["intended_effects"],
            _("No intended effects are recorded in the goal tree yet."),
            "goals:tree",
            _("Goals and intended effects"),
        )
    elif step_key == "triangle":
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
            hints.append(
                Hint(
                    ngettext(
                        "%(n)s questionnaire has come back; results show from %(min)s per group.",
                        "%(n)s questionnaires have come back; results show from %(min)s per group.",
                        f["responses"],
                    )
                    % {"n": f["responses"], "min": f["min_group_size"]},
                    to("questionnaires:list"),
                    _("Questionnaires"),
                )
            )
        need(not f["codings"], _("Nothing has been coded yet."), "coding:codebook", _("Codebook"))
    elif step_key == "matrix":
        need(
            not f["findings"],
            _("No findings have been written yet."),
            "findings:overview",
            _("Matrix and findings"),
        )
        need(not f["recommendations"], _("No recommendations yet."), "advice:overview", _("Advice"))
    elif step_key == "feedback":
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
    elif step_key == "discussion":
        need(
            not f["discussion_notes"],
            _("The discussion with the client has not been recorded yet."),
            "advice:discussion",
            _("Discussion with the client"),
        )
    elif step_key == "presentation":
        need(
            not f["final_versions"],
            _("The advice has no final version yet."),
            "advice:overview",
            _("Advice"),
        )
        need(
            not f["reports"],
            _("No report has been made yet."),
            "reports:overview",
            _("Digital overview"),
        )
    elif step_key == "analysis":
        need(
            not f["values"],
            _("No values have been taken from the council's documents yet."),
            "frameworks:documents",
            _("What the council already decided"),
        )
    elif step_key == "session_values":
        need(
            not f["values"],
            _("The framework has no values yet: hold the first work session."),
            "frameworks:overview",
            _("Steering framework"),
        )
    elif step_key == "session_results":
        need(
            not f["results"] or not f["criteria"],
            _("The framework has no results and criteria yet: hold the second work session."),
            "frameworks:overview",
            _("Steering framework"),
        )
    elif step_key == "framework":
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
    elif step_key == "monitoring":
        need(
            not f["measurements"],
            _("No measurements yet."),
            "frameworks:monitoring",
            _("Monitoring"),
        )
    elif step_key == "preparation":
        need(
            not f["journey_steps"],
            _("The household's journey has no steps yet."),
            "journeys:edit",
            _("Adapt the household and the journey"),
        )
    elif step_key == "day1_journey":
        need(
            not f["observations"],
            _("No pain points or good practices have been collected yet."),
            "journeys:overview",
            _("Journey and lights"),
        )
    elif step_key == "day2_governance":
        need(
            not f["checklist_answers"],
            _("The checklist per theme has not been answered yet."),
            "journeys:checklist",
            _("Day 2: the checklist per theme"),
        )
    elif step_key == "report":
        need(
            not f["reports"],
            _("No report has been made yet."),
            "reports:overview",
            _("Digital overview"),
        )
    return hints


def panel(scan, states, step=None) -> dict:
    """The panel for the step page ``step``, or for the scan overview (the first step
    not done); the method's steps with their ``states`` (StepState per key)."""

    def done(key) -> bool:
        return getattr(states.get(key), "status", None) == "done"

    if step is None:
        step = next((s for s in scan.method.steps if not done(s.key)), None)
    if step is None:
        return {"step": None, "hints": [], "all_done": True}
    return {
        "step": step,
        "hints": [] if done(step.key) else missing(step.key, facts(scan), scan.slug),
        "done": done(step.key),
        "all_done": False,
    }
