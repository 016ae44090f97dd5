"""The scores and figures a finding can cite, read from the scan's computed analysis and
its financial figures."""

from django.utils.translation import gettext as _

from thermometer.finances import series
from thermometer.finances.services import analysis_if_any

from .constants import Subject


def _option(key: str, label: str, score: dict | None) -> dict:
    return {
        "key": key,
        "label": label,
        "mean": score["mean"] if score else None,
        "n": score["n"] if score else None,
        "low": score["low"] if score else None,
        "high": score["high"] if score else None,
    }


def score_options(result: dict, method, subject: str, goal="", actor="", theme="") -> list[dict]:
    """Every computed score about the subject that is shown (not suppressed)."""
    goals, actors, dimensions = method.goals, method.actors, method.dimensions
    options = []
    if subject == Subject.CELL:
        for cell in result["matrix"]:
            if (cell["goal"], cell["actor"]) == (goal, actor):
                options.append(
                    _option(
                        f"cell:{goal}:{actor}",
                        _("%(goal)s × %(actor)s: average grade")
                        % {"goal": goals[goal], "actor": actors[actor]},
                        cell["score"],
                    )
                )
        for row in result["temperature"]:
            if row["goal"] == goal:
                options.append(
                    _option(
                        f"temperature:{goal}:{row['dimension']}:{actor}",
                        _("%(goal)s, %(dimension)s, %(actor)s: grade")
                        % {
                            "goal": goals[goal],
                            "dimension": dimensions.get(row["dimension"], row["dimension"]),
                            "actor": actors[actor],
                        },
                        row["actors"].get(actor),
                    )
                )
    else:
        for row in result["themes"]:
            if row["theme"] == theme:
                options.append(
                    _option(
                        f"theme:{theme}",
                        _("%(theme)s: average grade of its measures")
                        % {"theme": method.themes[theme]},
                        row["score"],
                    )
                )
    return [option for option in options if option["mean"] is not None]


def finance_figures(scan) -> list[dict]:
    """Each financial figure of the scan a finding can cite, with the text it shows."""
    return series.citable(analysis_if_any(scan))


def finance_row(finances: dict | None) -> tuple[str | None, list[dict]]:
    """The goal whose matrix row shows the scan's figures (``finances``: the scan's
    ``finances.services.analysis_for``), and those figures."""
    if not finances:
        return None, []
    return finances["goal"], series.latest(finances)
