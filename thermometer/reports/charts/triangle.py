"""Chart 3, the triangle: per goal the grades of the actors (inwoner, professional,
gemeente) side by side, each named; the largest divergence in the description."""

from django.utils.translation import gettext as _

from thermometer.core.charts import Chart, Table, series_channels, spec, tooltip

from .style import bands, grade, grade_axis, labels, side


def _actors(result: dict) -> list[str]:
    return list(dict.fromkeys(a for t in result["triangles"] for a in t["actors"]))


def _mark(goal: str, actor: str, score: dict, method) -> dict:
    name = method.actors.get(actor, actor)
    return {
        "goal": goal,
        "actor": name,
        "mean": score["mean"],
        "low": score["low"],
        "high": score["high"],
        "n": score["n"],
        "label": f"{name} {grade(score['mean'])}",
        "side": side(score["mean"], method),
    }


def _values_and_rows(result: dict, method) -> tuple[list[dict], list[list[str]]]:
    values, rows, actors = [], [], _actors(result)
    for t in result["triangles"]:
        goal = method.goals.get(t["goal"], t["goal"])
        row = [goal]
        for actor in actors:
            score = t["actors"].get(actor)
            row.append(grade(score["mean"]) if score else _("too few answers"))
            if score:
                values.append(_mark(goal, actor, score, method))
        divergence = t["divergence"]
        row.append(grade(divergence["gap"]) if divergence else "—")
        rows.append(row)
    return values, rows


def _description(result: dict, method) -> str:
    found = [t for t in result["triangles"] if t["divergence"]]
    if not found:
        return _("Too few answers to compare the actors on any goal.")
    t = max(found, key=lambda t: t["divergence"]["gap"])
    first, second = t["divergence"]["first"], t["divergence"]["second"]
    return _(
        "The views lie furthest apart on %(goal)s: %(first)s gives %(first_grade)s and "
        "%(second)s %(second_grade)s, %(gap)s points apart."
    ) % {
        "goal": method.goals.get(t["goal"], t["goal"]),
        "first": method.actors.get(first, first),
        "first_grade": grade(t["actors"][first]["mean"]),
        "second": method.actors.get(second, second),
        "second_grade": grade(t["actors"][second]["mean"]),
        "gap": grade(t["divergence"]["gap"]),
    }


def _layers(result: dict, method, actor_names: list[str]) -> list[dict]:
    goals = [method.goals.get(t["goal"], t["goal"]) for t in result["triangles"]]
    y = {"field": "goal", "type": "nominal", "sort": goals, "title": None}
    y_offset = {"field": "actor", "type": "nominal", "sort": actor_names}
    x = grade_axis(method)
    # Colour and shape per actor, and the actor's name beside each dot.
    colour, shape = series_channels("actor", actor_names)
    rule = {
        "mark": {"type": "rule", "strokeWidth": 2},
        "encoding": {
            "y": y,
            "yOffset": y_offset,
            "x": {**x, "field": "low"},
            "x2": {"field": "high"},
            "color": colour,
        },
    }
    point = {
        "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1},
        "encoding": {
            "y": y,
            "yOffset": y_offset,
            "x": {**x, "field": "mean"},
            "color": colour,
            "shape": shape,
            "tooltip": tooltip(("goal", _("Goal")), ("label", _("Grade")), ("n", "n")),
        },
    }
    return [
        *bands(method, "x"),
        rule,
        point,
        *labels(x, {"y": y, "yOffset": y_offset}, fontSize=11),
    ]


def triangle(result: dict, method) -> Chart:
    """Per goal the grades of the actors (inwoner, professional, gemeente) side by side,
    each bar named; the largest divergence in the description."""
    actor_names = [method.actors.get(a, a) for a in _actors(result)]
    values, rows = _values_and_rows(result, method)
    description = _description(result, method)
    drawn = spec(
        description,
        values,
        height={"step": 20},  # per actor: with yOffset the step is the offset's
        layer=_layers(result, method, actor_names),
    )
    table = Table(
        _("Grade per goal and actor"),
        [_("Goal"), *actor_names, _("Largest difference")],
        rows,
    )
    return Chart(
        "triangle",
        _("The triangle: residents, professionals and municipality"),
        description,
        drawn,
        table,
    )
