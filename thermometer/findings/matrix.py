"""The adviser's words beside the computed matrix: intended effects from the goal tree,
actions, and findings per cell."""

from collections import Counter

from django.urls import reverse

from thermometer.finances.services import analysis_if_any

from .constants import Subject
from .models import Finding, MatrixCell
from .options import finance_row


def cell_effects(scan, goal: str, actor: str) -> list:
    """The goal's intended effects meant for this actor or for everyone."""
    return [
        effect
        for effect in scan.intended_effects.filter(goal=goal).prefetch_related("quotes")
        if effect.actor in ("", actor)
    ]


def annotate_matrix(analysis: dict, scan, finances: dict | None = None) -> dict:
    """Add each cell's intended effects, actions, finding count and page, each theme's
    finding count, and the financial figures to the row of the method's finances goal, to
    the presented analysis (``analysis.presentation.present``). ``finances``: the scan's
    financial analysis where the caller has it already, else it is looked up."""
    effects = list(scan.intended_effects.all())
    actions = {(c.goal, c.actor): c.actions for c in MatrixCell.objects.filter(scan=scan)}
    counts, theme_counts = Counter(), Counter()
    for subject, goal, actor, theme in Finding.objects.filter(scan=scan).values_list(
        "subject", "goal", "actor", "theme"
    ):
        if subject == Subject.CELL:
            counts[(goal, actor)] += 1
        theme_counts[theme] += 1
    for row in analysis["matrix"]:
        for cell in row["cells"]:
            key = (cell["goal"], cell["actor"])
            cell["effects"] = [
                e.statement for e in effects if e.goal == key[0] and e.actor in ("", key[1])
            ]
            cell["actions"] = actions.get(key, "")
            cell["finding_count"] = counts[key]
            cell["url"] = reverse(
                "findings:cell", kwargs={"slug": scan.slug, "goal": key[0], "actor": key[1]}
            )
    for theme in analysis["themes"]:
        theme["finding_count"] = theme_counts[theme["theme"]]
    goal, figures = finance_row(finances or analysis_if_any(scan))
    for row in analysis["matrix"]:
        row["figures"] = figures if row["cells"] and row["cells"][0]["goal"] == goal else []
    if figures:
        analysis["finances_url"] = reverse("finances:overview", kwargs={"slug": scan.slug})
    return analysis
