"""Chart 4, the matrix: goals × actors, each cell its light's colour with its grade and
the light's word."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.core.charts import (
    NONE,
    OUTLINE,
    Chart,
    Table,
    light_fill,
    light_ink,
    spec,
    tooltip,
)
from thermometer.core.lights import colour_name
from thermometer.reports.narrative import join

from .style import grade


def _cell_value(cell: dict, method) -> dict:
    score, colour = cell["score"], cell["light"]["colour"]
    return {
        "goal": method.goals.get(cell["goal"], cell["goal"]),
        "actor": method.actors.get(cell["actor"], cell["actor"]),
        "mean": score["mean"] if score else None,
        "n": score["n"] if score else 0,
        "light": colour or NONE,
        "label": [
            grade(score["mean"]) if score else _("too few answers"),
            colour_name(colour),
        ],
    }


def _rows(result: dict, method, goals: list[str], actors: list[str]) -> list[list[str]]:
    by_key = {(cell["goal"], cell["actor"]): cell for cell in result["matrix"]}
    rows = []
    for goal in goals:
        row = [method.goals.get(goal, goal)]
        for actor in actors:
            cell = by_key.get((goal, actor))
            if cell is None:
                row.append("—")
                continue
            shown = grade(cell["score"]["mean"]) if cell["score"] else _("too few answers")
            row.append(f"{shown} ({colour_name(cell['light']['colour'])})")
        rows.append(row)
    return rows


def _description(values: list[dict]) -> str:
    if not values:
        return _("No cells to show.")
    red = [v for v in values if v["light"] == "red"]
    graded = sorted((v for v in values if v["mean"] is not None), key=lambda v: v["mean"])
    description = ngettext(
        "%(red)d of %(total)d cells is red",
        "%(red)d of %(total)d cells are red",
        len(red),
    ) % {"red": len(red), "total": len(values)}
    if red:
        description += ": " + join([f"{v['goal']} × {v['actor']}" for v in red])
    description += "."
    if graded:
        lowest = graded[0]
        description += " " + _("The lowest grade is %(grade)s, for %(goal)s × %(actor)s.") % {
            "grade": grade(lowest["mean"]),
            "goal": lowest["goal"],
            "actor": lowest["actor"],
        }
    suppressed = len(values) - len(graded)
    if suppressed:
        description += " " + ngettext(
            "%(count)d cell has too few answers for a grade.",
            "%(count)d cells have too few answers for a grade.",
            suppressed,
        ) % {"count": suppressed}
    return description


def _layers(goal_names: list[str], actor_names: list[str]) -> list[dict]:
    x = {
        "field": "actor",
        "type": "nominal",
        "sort": actor_names,
        "title": None,
        "axis": {"orient": "top", "labelAngle": 0, "domain": False, "ticks": False},
    }
    y = {
        "field": "goal",
        "type": "nominal",
        "sort": goal_names,
        "title": None,
        "axis": {"domain": False, "ticks": False},
    }
    cell = {
        "mark": {"type": "rect", "stroke": OUTLINE, "strokeWidth": 1},
        "encoding": {
            "x": x,
            "y": y,
            "fill": light_fill(),
            "tooltip": tooltip(
                ("goal", _("Goal")), ("actor", _("Actor")), ("label", _("Grade")), ("n", "n")
            ),
        },
    }
    words = {
        "mark": {"type": "text", "fontSize": 13, "lineHeight": 17, "baseline": "middle"},
        "encoding": {"x": x, "y": y, "text": {"field": "label"}, "color": light_ink()},
    }
    return [cell, words]


def matrix_heatmap(result: dict, method) -> Chart:
    """Goals × actors: each cell its light's colour with its grade and the light's word."""
    goals = list(dict.fromkeys(cell["goal"] for cell in result["matrix"]))
    actors = list(dict.fromkeys(cell["actor"] for cell in result["matrix"]))
    goal_names = [method.goals.get(g, g) for g in goals]
    actor_names = [method.actors.get(a, a) for a in actors]
    values = [_cell_value(cell, method) for cell in result["matrix"]]
    description = _description(values)
    drawn = spec(description, values, height={"step": 56}, layer=_layers(goal_names, actor_names))
    table = Table(
        _("Goals × actors"), [_("Goal"), *actor_names], _rows(result, method, goals, actors)
    )
    return Chart("matrix", _("Goals × actors"), description, drawn, table)
