"""Chart 1, the thermometers: per goal its overall grade as a bar from the bottom of the
scale, with its 90% interval and the method's light thresholds as bands behind it."""

from django.utils.translation import gettext as _

from thermometer.analysis.measures import light
from thermometer.core.charts import OUTLINE, Chart, Table, light_fill, light_ink, spec, tooltip
from thermometer.core.lights import colour_name
from thermometer.reports.narrative import join

from .style import STEP, bands, grade, grade_axis, interval, interval_header, labels, scale, side


def goal_grades(result: dict, method) -> dict[str, dict | None]:
    """Goal key -> the goal's grade over all its answers in the reporting groups (as the
    analysis computed and rounded it), or None when no group has enough answers."""
    return {goal: result["goal_scores"].get(goal) for goal in (c["goal"] for c in result["chains"])}


def _graded(result: dict, method) -> tuple[list[dict], list[list[str]], list[str]]:
    """(the marks of the graded goals, the table's rows, the goals with too few answers)."""
    _bottom, _top, thresholds = scale(method)
    values, rows, suppressed = [], [], []
    for key, score in goal_grades(result, method).items():
        name = method.goals.get(key, key)
        if score is None:
            rows.append([name, _("too few answers"), "—", "—", colour_name(None)])
            suppressed.append(name)
            continue
        colour = light(score["mean"], thresholds["red_below"], thresholds["green_from"])
        values.append(
            {
                "goal": name,
                "mean": score["mean"],
                "low": score["low"],
                "high": score["high"],
                "n": score["n"],
                "light": colour,
                "label": f"{grade(score['mean'])} · {colour_name(colour)}",
                "side": side(score["mean"], method),
            }
        )
        rows.append(
            [name, grade(score["mean"]), interval(score), str(score["n"]), colour_name(colour)]
        )
    return values, rows, suppressed


def _description(values: list[dict], suppressed: list[str]) -> str:
    shown = sorted(values, key=lambda v: v["mean"])
    if not shown:
        description = _("No goal has enough answers for a grade.")
    elif len(shown) == 1:
        v = shown[0]
        description = _("%(goal)s scores %(grade)s (%(light)s).") % {
            "goal": v["goal"],
            "grade": grade(v["mean"]),
            "light": colour_name(v["light"]),
        }
    else:
        lowest, highest = shown[0], shown[-1]
        description = _(
            "%(lowest)s scores lowest with %(low)s (%(low_light)s), "
            "%(highest)s highest with %(high)s (%(high_light)s)."
        ) % {
            "lowest": lowest["goal"],
            "low": grade(lowest["mean"]),
            "low_light": colour_name(lowest["light"]),
            "highest": highest["goal"],
            "high": grade(highest["mean"]),
            "high_light": colour_name(highest["light"]),
        }
    if suppressed:
        description += " " + _("Too few answers for a grade: %(goals)s.") % {
            "goals": join(suppressed)
        }
    return description


def _layers(result: dict, method) -> list[dict]:
    bottom, _top, _thresholds = scale(method)
    goals = [method.goals.get(c["goal"], c["goal"]) for c in result["chains"]]
    y = {"field": "goal", "type": "nominal", "sort": goals, "title": None}
    x = grade_axis(method)
    bar = {
        "mark": {"type": "bar", "stroke": OUTLINE, "strokeWidth": 1, "height": 14},
        "encoding": {
            "y": y,
            "x": {**x, "field": "mean"},
            "x2": {"datum": bottom},
            "fill": light_fill(),
            "tooltip": tooltip(("goal", _("Goal")), ("label", _("Grade")), ("n", "n")),
        },
    }
    rule = {
        "mark": {"type": "rule", "color": OUTLINE, "strokeWidth": 2},
        "encoding": {"y": y, "x": {**x, "field": "low"}, "x2": {"field": "high"}},
    }
    # Left of the interval the label stands on the bar: in the bar's ink.
    return [*bands(method, "x"), bar, rule, *labels(x, {"y": y}, left_colour=light_ink())]


def thermometers(result: dict, method) -> Chart:
    """Per goal its overall grade as a bar from the bottom of the scale, with its 90%
    interval and the method's light thresholds as bands behind it."""
    values, rows, suppressed = _graded(result, method)
    description = _description(values, suppressed)
    drawn = spec(description, values, height={"step": STEP}, layer=_layers(result, method))
    table = Table(
        _("Grade per goal"),
        [_("Goal"), _("Grade"), interval_header(), _("Answers"), _("Light")],
        rows,
    )
    return Chart("thermometers", _("Grade per goal"), description, drawn, table)
