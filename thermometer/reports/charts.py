"""The charts of the digital overview and the reports, as Vega-Lite specifications.

Pure: plain dicts in (the computed analysis of ``analysis.compute.analyse`` and a
method definition), a ``Chart`` out. One definition per chart: the browser draws the
spec with vega-embed (``static/reports/charts.js``), the reports render the same spec
to SVG on the server (``svg.to_svg``), so screen and paper show the same numbers.

Every chart carries its own text alternative (``description``: what the chart shows,
in words, computed from the data) and a table with the same numbers (``table``), and
no meaning rests on colour alone: each mark that carries a light or a verdict has its
word beside it. Labels in the charts are formatted here (Dutch: comma decimal), not by
Vega, so they do not depend on the renderer's locale.

``method`` is anything with the named sections of ``methods.definition.Method``
(``goals``, ``actors``, ``layers``, ``themes`` as key -> name, and ``data``).
"""

import textwrap

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.analysis.measures import light
from thermometer.analysis.presentation import colour_name
from thermometer.core.charts import (
    ACTOR_COLOURS,
    ACTOR_SHAPES,
    BAND,
    FILL,
    INK,
    NONE,
    OUTLINE,
    TEXT,
    Chart,
    Table,
)
from thermometer.core.charts import spec as _spec
from thermometer.core.formatting import decimal, signed_change
from thermometer.questionnaires.anonymity import group_label

from .narrative import join

# Trail verdicts of ``trail_grid`` (``found``, ``weakened``, ``lost`` as in
# goals.constants.Verdict) and the two states that are not a verdict.
FOUND, WEAKENED, LOST = "found", "weakened", "lost"
NO_DOCUMENTS, STATED = "no_documents", "stated"
STATED_FILL, STATED_INK = "#dde7f0", "#1f3a5a"

LINES = "split(datum.label, '\\n')"  # an axis label on the lines that _wrap made
STEP = 34  # pixels per row of a chart with one row per goal, theme or effect


# Formatting ---------------------------------------------------------------------------


def grade(value: float | None) -> str:
    return decimal(value)


def interval(score: dict | None) -> str:
    return "—" if not score else f"{grade(score['low'])}–{grade(score['high'])}"


def interval_header() -> str:
    return _("90%% interval") % {}  # the msgid of the analysis page's tables


def _count(score: dict | None) -> str:
    return "—" if not score else str(score["n"])


def _change(loss: float | None) -> str:
    return signed_change(loss)


def _wrap(text: str, width: int, lines: int) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, joined by "\\n"
    (an axis splits them with ``LINES``); the rest cut off with an ellipsis."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def _slug(key: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in key.lower()).strip("-")


# Building blocks ----------------------------------------------------------------------


def _scale(method) -> tuple[float, float, dict]:
    score = method.data["score"]
    return score["min"], score["max"], score["traffic_lights"]


def _grade_axis(method) -> dict:
    low, high, _thresholds = _scale(method)
    return {
        "type": "quantitative",
        "scale": {"domain": [low, high], "zero": False, "nice": False},
        "axis": {
            "title": _("Grade 1–10"),
            "values": list(range(int(low), int(high) + 1)),
            "format": "d",
        },
    }


def _bands(method, channel: str) -> list[dict]:
    """The method's light thresholds as pale bands along ``channel`` (x or y), each with
    its word at the edge of the plot, so the bands never speak by colour alone."""
    low, high, thresholds = _scale(method)
    red, green = thresholds["red_below"], thresholds["green_from"]
    bands = [
        {"band": "red", "from": low, "to": red, "word": _("red below %s") % grade(red)},
        {"band": "amber", "from": red, "to": green, "word": ""},  # between the two
        {"band": "green", "from": green, "to": high, "word": _("green from %s") % grade(green)},
    ]
    axis = _grade_axis(method)
    if channel == "x":  # words above the plot, centred on their band
        place = {"y": {"value": 0}}
        mark = {"baseline": "bottom", "align": "center", "dy": -4}
    else:  # words right of the plot, beside their band
        place = {"x": {"value": "width"}}
        mark = {"baseline": "middle", "align": "left", "dx": 6}
    return [
        {
            "data": {"values": bands},
            "mark": {"type": "rect"},
            "encoding": {
                channel: {**axis, "field": "from"},
                f"{channel}2": {"field": "to"},
                "fill": _nominal("band", BAND),
            },
        },
        {
            "data": {"values": bands},
            "transform": [
                {"filter": "datum.word"},
                {"calculate": "(datum.from + datum.to) / 2", "as": "middle"},
            ],
            "mark": {"type": "text", "fontSize": 11, "color": TEXT, **mark},
            "encoding": {channel: {**axis, "field": "middle"}, **place, "text": {"field": "word"}},
        },
    ]


def _side(mean: float, method) -> str:
    """Where a grade's label goes: right of its interval in the lower half of the scale,
    left of it in the upper half, so that it stays inside the plot on a narrow screen."""
    low, high, _thresholds = _scale(method)
    return "right" if mean <= (low + high) / 2 else "left"


def _labels(x: dict, encoding: dict, *, left_colour: dict | None = None, **mark) -> list[dict]:
    """Text layers for the ``label`` field beside the interval (``low``–``high``), on the
    side that ``_side`` chose (``side`` field)."""
    return [
        {
            "transform": [{"filter": "datum.side == 'right'"}],
            "mark": {"type": "text", "align": "left", "dx": 6, "color": TEXT, **mark},
            "encoding": {**encoding, "x": {**x, "field": "high"}, "text": {"field": "label"}},
        },
        {
            "transform": [{"filter": "datum.side == 'left'"}],
            "mark": {"type": "text", "align": "right", "dx": -6, "color": TEXT, **mark},
            "encoding": {
                **encoding,
                "x": {**x, "field": "low"},
                "text": {"field": "label"},
                **({"color": left_colour} if left_colour else {}),
            },
        },
    ]


def _nominal(field_name: str, colours: dict[str, str]) -> dict:
    """A colour channel for ``field_name``: each value its colour, no legend."""
    return {
        "field": field_name,
        "type": "nominal",
        "scale": {"domain": list(colours), "range": list(colours.values())},
        "legend": None,
    }


def _light_fill(field_name: str = "light") -> dict:
    return _nominal(field_name, FILL)


def _light_ink(field_name: str = "light") -> dict:
    return _nominal(field_name, INK)


# 1. Thermometers ------------------------------------------------------------------------


def goal_grades(result: dict, method) -> dict[str, dict | None]:
    """Goal key -> the goal's grade over all its answers in the reporting groups (as the
    analysis computed and rounded it), or None when no group has enough answers."""
    return {goal: result["goal_scores"].get(goal) for goal in (c["goal"] for c in result["chains"])}


def thermometers(result: dict, method) -> Chart:
    """Per goal its overall grade as a bar from the bottom of the scale, with its 90%
    interval and the method's light thresholds as bands behind it."""
    bottom, _top, thresholds = _scale(method)
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
                "side": _side(score["mean"], method),
            }
        )
        rows.append(
            [name, grade(score["mean"]), interval(score), str(score["n"]), colour_name(colour)]
        )
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
    goals = [method.goals.get(c["goal"], c["goal"]) for c in result["chains"]]
    y = {"field": "goal", "type": "nominal", "sort": goals, "title": None}
    x = _grade_axis(method)
    spec = _spec(
        description,
        values,
        height={"step": STEP},
        layer=[
            *_bands(method, "x"),
            {
                "mark": {"type": "bar", "stroke": OUTLINE, "strokeWidth": 1, "height": 14},
                "encoding": {
                    "y": y,
                    "x": {**x, "field": "mean"},
                    "x2": {"datum": bottom},
                    "fill": _light_fill(),
                    "tooltip": [
                        {"field": "goal", "title": _("Goal")},
                        {"field": "label", "title": _("Grade")},
                        {"field": "n", "title": "n"},
                    ],
                },
            },
            {
                "mark": {"type": "rule", "color": OUTLINE, "strokeWidth": 2},
                "encoding": {"y": y, "x": {**x, "field": "low"}, "x2": {"field": "high"}},
            },
            # Left of the interval the label stands on the bar: in the bar's ink.
            *_labels(x, {"y": y}, left_colour=_light_ink()),
        ],
    )
    table = Table(
        _("Grade per goal"),
        [_("Goal"), _("Grade"), interval_header(), _("Answers"), _("Light")],
        rows,
    )
    return Chart("thermometers", _("Grade per goal"), description, spec, table)


# 2. Whisper chain -----------------------------------------------------------------------


def whisper_chain(result: dict, method, goal: str) -> Chart:
    """The goal's grade down the chain of reporting groups, the worst link marked."""
    chain = next((c for c in result["chains"] if c["goal"] == goal), None)
    if chain is None:
        raise KeyError(goal)
    name = method.goals.get(goal, goal)

    def label(group: str) -> str:
        return group_label(tuple(group.split("+")), method.layers)

    losses = {link["lower"]: link["loss"] for link in chain["links"]}
    worst = chain["worst"]
    values = [
        {
            "order": index,
            "group": label(score["group"]),
            "mean": score["mean"],
            "low": score["low"],
            "high": score["high"],
            "n": score["n"],
            "label": grade(score["mean"]),
            "worst": bool(worst) and score["group"] in (worst["upper"], worst["lower"]),
        }
        for index, score in enumerate(chain["scores"])
    ]
    rows = [
        [
            label(score["group"]),
            grade(score["mean"]),
            interval(score),
            str(score["n"]),
            _change(losses.get(score["group"])),
        ]
        for score in chain["scores"]
    ]
    if not values:
        description = _("Too few answers on %(goal)s in any group for a whisper chain.") % {
            "goal": name
        }
    else:
        first, last = values[0], values[-1]
        description = _(
            "The grade for %(goal)s goes from %(first)s at %(top)s to %(last)s at %(bottom)s."
        ) % {
            "goal": name,
            "first": first["label"],
            "top": first["group"],
            "last": last["label"],
            "bottom": last["group"],
        }
        if worst:
            description += " " + _(
                "For %(goal)s, most intent is lost between %(upper)s and %(lower)s: "
                "%(loss)s points lower."
            ) % {
                "goal": name,
                "upper": label(worst["upper"]),
                "lower": label(worst["lower"]),
                "loss": grade(worst["loss"]),
            }
        elif len(values) > 1:
            description += " " + _("For %(goal)s, no loss down the chain is measured.") % {
                "goal": name
            }
    groups = [v["group"] for v in values]
    x = {
        "field": "group",
        "type": "ordinal",
        "sort": groups,
        "title": None,
        "axis": {"labelAngle": -30, "labelAlign": "right", "labelLimit": 150},
    }
    y = _grade_axis(method)
    worst_note = (
        [
            {
                "transform": [{"filter": "datum.worst"}],
                "mark": {
                    "type": "line",
                    "color": FILL["red"],
                    "strokeWidth": 5,
                    "strokeDash": [6, 3],
                },
                "encoding": {"x": x, "y": {**y, "field": "mean"}},
            },
            {
                "transform": [
                    {"filter": f"datum.order == {max(v['order'] for v in values if v['worst'])}"}
                ],
                "mark": {
                    "type": "text",
                    "align": "center",
                    "baseline": "top",
                    "dy": 14,
                    "fontWeight": "bold",
                    "color": FILL["red"],
                },
                "encoding": {
                    "x": x,
                    "y": {**y, "field": "low"},
                    "text": {
                        "value": _("largest loss %s") % _change(worst["loss"]),
                    },
                },
            },
        ]
        if worst
        else []
    )
    spec = _spec(
        description,
        values,
        height=260,
        layer=[
            *_bands(method, "y"),
            {
                "mark": {"type": "rule", "color": "#595959", "strokeWidth": 1.5},
                "encoding": {"x": x, "y": {**y, "field": "low"}, "y2": {"field": "high"}},
            },
            {
                "mark": {"type": "line", "color": ACTOR_COLOURS[0], "strokeWidth": 2},
                "encoding": {"x": x, "y": {**y, "field": "mean"}},
            },
            *worst_note,
            {
                "mark": {
                    "type": "point",
                    "filled": True,
                    "size": 70,
                    "opacity": 1,
                    "color": ACTOR_COLOURS[0],
                },
                "encoding": {
                    "x": x,
                    "y": {**y, "field": "mean"},
                    "tooltip": [
                        {"field": "group", "title": _("Layer")},
                        {"field": "label", "title": _("Grade")},
                        {"field": "n", "title": "n"},
                    ],
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 7, "dy": -8, "color": TEXT},
                "encoding": {"x": x, "y": {**y, "field": "mean"}, "text": {"field": "label"}},
            },
        ],
    )
    table = Table(
        _("%(goal)s: average grade down the chain") % {"goal": name},
        [_("Layer"), _("Grade"), interval_header(), _("Answers"), _("Change from the layer above")],
        rows,
    )
    return Chart(
        f"whisper-chain-{_slug(goal)}",
        _("Whisper chain: %(goal)s") % {"goal": name},
        description,
        spec,
        table,
    )


# 3. Triangle ----------------------------------------------------------------------------


def triangle(result: dict, method) -> Chart:
    """Per goal the grades of the actors (inwoner, professional, gemeente) side by side,
    each bar named; the largest divergence in the description."""
    actors = list(dict.fromkeys(a for t in result["triangles"] for a in t["actors"]))
    actor_names = [method.actors.get(a, a) for a in actors]
    values, rows = [], []
    for t in result["triangles"]:
        goal = method.goals.get(t["goal"], t["goal"])
        row = [goal]
        for actor in actors:
            score = t["actors"].get(actor)
            row.append(grade(score["mean"]) if score else _("too few answers"))
            if score:
                values.append(
                    {
                        "goal": goal,
                        "actor": method.actors.get(actor, actor),
                        "mean": score["mean"],
                        "low": score["low"],
                        "high": score["high"],
                        "n": score["n"],
                        "label": f"{method.actors.get(actor, actor)} {grade(score['mean'])}",
                        "side": _side(score["mean"], method),
                    }
                )
        divergence = t["divergence"]
        row.append(grade(divergence["gap"]) if divergence else "—")
        rows.append(row)
    found = [t for t in result["triangles"] if t["divergence"]]
    if not found:
        description = _("Too few answers to compare the actors on any goal.")
    else:
        t = max(found, key=lambda t: t["divergence"]["gap"])
        first, second = t["divergence"]["first"], t["divergence"]["second"]
        description = _(
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
    goals = [method.goals.get(t["goal"], t["goal"]) for t in result["triangles"]]
    y = {"field": "goal", "type": "nominal", "sort": goals, "title": None}
    y_offset = {"field": "actor", "type": "nominal", "sort": actor_names}
    x = _grade_axis(method)
    # Colour and shape per actor, and the actor's name beside each dot.
    colour = {
        "field": "actor",
        "type": "nominal",
        "scale": {"domain": actor_names, "range": list(ACTOR_COLOURS[: len(actor_names)])},
        "legend": None,
    }
    shape = {
        "field": "actor",
        "type": "nominal",
        "scale": {"domain": actor_names, "range": list(ACTOR_SHAPES[: len(actor_names)])},
        "legend": None,
    }
    spec = _spec(
        description,
        values,
        height={"step": 20},  # per actor: with yOffset the step is the offset's
        layer=[
            *_bands(method, "x"),
            {
                "mark": {"type": "rule", "strokeWidth": 2},
                "encoding": {
                    "y": y,
                    "yOffset": y_offset,
                    "x": {**x, "field": "low"},
                    "x2": {"field": "high"},
                    "color": colour,
                },
            },
            {
                "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1},
                "encoding": {
                    "y": y,
                    "yOffset": y_offset,
                    "x": {**x, "field": "mean"},
                    "color": colour,
                    "shape": shape,
                    "tooltip": [
                        {"field": "goal", "title": _("Goal")},
                        {"field": "label", "title": _("Grade")},
                        {"field": "n", "title": "n"},
                    ],
                },
            },
            *_labels(x, {"y": y, "yOffset": y_offset}, fontSize=11),
        ],
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
        spec,
        table,
    )


# 4. Matrix ------------------------------------------------------------------------------


def matrix_heatmap(result: dict, method) -> Chart:
    """Goals × actors: each cell its light's colour with its grade and the light's word."""
    goals = list(dict.fromkeys(cell["goal"] for cell in result["matrix"]))
    actors = list(dict.fromkeys(cell["actor"] for cell in result["matrix"]))
    goal_names = [method.goals.get(g, g) for g in goals]
    actor_names = [method.actors.get(a, a) for a in actors]
    values = []
    for cell in result["matrix"]:
        score, colour = cell["score"], cell["light"]["colour"]
        values.append(
            {
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
        )
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
    red = [v for v in values if v["light"] == "red"]
    graded = sorted((v for v in values if v["mean"] is not None), key=lambda v: v["mean"])
    if not values:
        description = _("No cells to show.")
    else:
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
    spec = _spec(
        description,
        values,
        height={"step": 56},
        layer=[
            {
                "mark": {"type": "rect", "stroke": OUTLINE, "strokeWidth": 1},
                "encoding": {
                    "x": x,
                    "y": y,
                    "fill": _light_fill(),
                    "tooltip": [
                        {"field": "goal", "title": _("Goal")},
                        {"field": "actor", "title": _("Actor")},
                        {"field": "label", "title": _("Grade")},
                        {"field": "n", "title": "n"},
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 13, "lineHeight": 17, "baseline": "middle"},
                "encoding": {
                    "x": x,
                    "y": y,
                    "text": {"field": "label"},
                    "color": _light_ink(),
                },
            },
        ],
    )
    table = Table(_("Goals × actors"), [_("Goal"), *actor_names], rows)
    return Chart("matrix", _("Goals × actors"), description, spec, table)


# 5. Theme lights ------------------------------------------------------------------------


def lights_spec(values: list[dict]) -> tuple[str, dict]:
    """The description and spec of themes with a light each: ``values`` holds per theme
    {"theme", "light" (a colour or NONE), "label"}; a disc in its colour, its word beside."""
    parts = []
    for colour in ("red", "amber", "green", None):
        names = [v["theme"] for v in values if v["light"] == (colour or NONE)]
        if names:
            parts.append(f"{colour_name(colour).capitalize()}: {join(names)}.")
    description = " ".join(parts) if parts else _("No themes to show.")
    y = {
        "field": "theme",
        "type": "nominal",
        "sort": [v["theme"] for v in values],
        "title": None,
        "axis": {"domain": False, "ticks": False},
    }
    spec = _spec(
        description,
        values,
        height={"step": STEP},
        layer=[
            {
                "mark": {
                    "type": "point",
                    "filled": True,
                    "size": 320,
                    "opacity": 1,
                    "stroke": OUTLINE,
                    "strokeWidth": 1,
                },
                "encoding": {"y": y, "x": {"value": 14}, "fill": _light_fill()},
            },
            {
                "mark": {"type": "text", "align": "left", "x": 32, "color": TEXT, "fontSize": 13},
                "encoding": {"y": y, "text": {"field": "label"}},
            },
        ],
    )
    return description, spec


def theme_lights(result: dict, method) -> Chart:
    """Each theme with its light as a coloured disc, the light's word and grade beside it."""
    values, rows = [], []
    for theme in result["themes"]:
        name = method.themes.get(theme["theme"], theme["theme"])
        colour, score, counts = theme["light"]["colour"], theme["score"], theme["assessments"]
        word = colour_name(colour)
        values.append(
            {
                "theme": name,
                "light": colour or NONE,
                "mean": score["mean"] if score else None,
                "n": score["n"] if score else 0,
                "label": word + (f" · {grade(score['mean'])}" if score else ""),
            }
        )
        rows.append(
            [
                name,
                word,
                grade(score["mean"]) if score else _("too few answers"),
                _count(score),
                _("%(positive)d positive, %(negative)d negative, %(neutral)d neutral") % counts,
            ]
        )
    description, spec = lights_spec(values)
    table = Table(
        _("Traffic lights per theme"),
        [_("Theme"), _("Light"), _("Grade"), _("Answers"), _("Judged codings")],
        rows,
    )
    return Chart("theme-lights", _("Traffic lights per theme"), description, spec, table)


# 6. Trail grid --------------------------------------------------------------------------


def trail_input(effect_trails, layers: list[tuple[str, str]]) -> list[dict]:
    """The plain input of ``trail_grid`` from ``goals.tracing.trails_for``: per effect its
    statement and per layer ``"stated"`` (the layer it was stated in), ``None`` (above
    it), ``"no_documents"`` or the verdict (confirmed, else suggested)."""
    rows = []
    for effect_trail in effect_trails:
        cells = {}
        for key, _name in layers:
            cell = effect_trail.cell(key)
            if key == effect_trail.effect.layer:
                cells[key] = STATED
            elif cell is None:
                cells[key] = None
            elif not cell.has_documents:
                cells[key] = NO_DOCUMENTS
            else:
                cells[key] = cell.verdict
        rows.append({"effect": effect_trail.effect.statement, "cells": cells})
    return rows


def _verdict_word(verdict: str | None) -> str:
    return {
        FOUND: _("Found"),
        WEAKENED: _("Weakened"),
        LOST: _("Lost"),
        NO_DOCUMENTS: _("No documents"),
        STATED: _("Stated here"),
    }.get(verdict, "—")


def trail_grid(trails: list[dict], layers: list[tuple[str, str]]) -> Chart:
    """Intended effects × layers, each cell its verdict as colour and word.

    ``trails``: ``[{"effect": statement, "cells": {layer_key: verdict}}]`` where a verdict
    is ``"found"``, ``"weakened"``, ``"lost"``, ``"no_documents"`` (no documents in that
    layer), ``"stated"`` (the layer the effect was stated in) or ``None`` (a layer above
    it: no cell); ``layers``: ``[(key, name)]`` in chain order (``tracing.trail_layers``).
    ``trail_input`` makes ``trails`` from ``tracing.trails_for``.
    """
    names = dict(layers)
    layer_names = [name for _key, name in layers]
    # Axis labels wrapped onto lines (split again by the axes' labelExpr), cells' words too.
    columns = {key: _wrap(name, 14, 3) for key, name in layers}
    values, rows, effect_labels = [], [], []
    for number, row in enumerate(trails, start=1):
        text = row["effect"]
        effect_label = _wrap(f"{number}. {text}", 34, 3)
        effect_labels.append(effect_label)
        rows.append([text, *(_verdict_word(row["cells"].get(key)) for key, _name in layers)])
        for key, name in layers:
            verdict = row["cells"].get(key)
            if verdict is None:
                continue
            values.append(
                {
                    "effect": effect_label,
                    "statement": text,
                    "column": columns[key],
                    "layer": name,
                    "verdict": verdict,
                    "label": _verdict_word(verdict),
                    "lines": _wrap(_verdict_word(verdict), 11, 2).split("\n"),
                }
            )
    lost, weakened = [], []
    for row in trails:
        order = [key for key, _name in layers]
        first_lost = next((k for k in order if row["cells"].get(k) == LOST), None)
        if first_lost:
            lost.append(
                _("“%(effect)s” in %(layer)s")
                % {"effect": row["effect"], "layer": names[first_lost]}
            )
        elif any(row["cells"].get(k) == WEAKENED for k in order):
            weakened.append(row["effect"])
    if not trails:
        description = _("No intended effects to trace.")
    else:
        description = ngettext(
            "%(lost)d of %(total)d intended effects is lost down the chain",
            "%(lost)d of %(total)d intended effects are lost down the chain",
            len(lost),
        ) % {"lost": len(lost), "total": len(trails)}
        description += (": " + "; ".join(lost) + ".") if lost else "."
        if weakened:
            description += " " + ngettext(
                "%(count)d more is weakened.", "%(count)d more are weakened.", len(weakened)
            ) % {"count": len(weakened)}
    fill = _nominal(
        "verdict",
        {
            FOUND: FILL["green"],
            WEAKENED: FILL["amber"],
            LOST: FILL["red"],
            NO_DOCUMENTS: FILL[NONE],
            STATED: STATED_FILL,
        },
    )
    ink = _nominal(
        "verdict",
        {
            FOUND: INK["green"],
            WEAKENED: INK["amber"],
            LOST: INK["red"],
            NO_DOCUMENTS: INK[NONE],
            STATED: STATED_INK,
        },
    )
    axis = {"labelExpr": LINES, "labelLineHeight": 14, "domain": False, "ticks": False}
    x = {
        "field": "column",
        "type": "nominal",
        "sort": list(columns.values()),
        "title": None,
        "scale": {"domain": list(columns.values())},
        "axis": {**axis, "orient": "bottom", "labelAngle": 0},
    }
    y = {
        "field": "effect",
        "type": "nominal",
        "sort": effect_labels,
        "title": None,
        "scale": {"domain": effect_labels},
        "axis": {**axis, "labelLimit": 0},
    }
    spec = _spec(
        description,
        values,
        # Wide enough for the words in the cells: scrolls on a phone, shrinks on paper.
        width={"step": 86},
        height={"step": 52},
        layer=[
            {
                "mark": {"type": "rect", "stroke": OUTLINE, "strokeWidth": 1},
                "encoding": {
                    "x": x,
                    "y": y,
                    "fill": fill,
                    "tooltip": [
                        {"field": "statement", "title": _("Intended effect")},
                        {"field": "layer", "title": _("Layer")},
                        {"field": "label", "title": _("Verdict")},
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 12, "baseline": "middle", "lineHeight": 14},
                "encoding": {"x": x, "y": y, "text": {"field": "lines"}, "color": ink},
            },
        ],
    )
    table = Table(
        _("Intended effects down the layers of the chain"),
        [_("Intended effect"), *layer_names],
        rows,
    )
    return Chart(
        "trail",
        _("Intended effects down the layers of the chain"),
        description,
        spec,
        table,
    )
