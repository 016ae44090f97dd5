"""Chart 2, the whisper chain: the goal's grade down the chain of reporting groups, the
link where most intent is lost marked."""

from django.utils.translation import gettext as _

from thermometer.core.charts import ACTOR_COLOURS, FILL, TEXT, Chart, Table, spec, tooltip
from thermometer.questionnaires.anonymity import group_label

from .style import bands, change, grade, grade_axis, interval, interval_header, slug


def _label(group: str, method) -> str:
    return group_label(tuple(group.split("+")), method.layers)


def _values(chain: dict, method) -> list[dict]:
    worst = chain["worst"]
    return [
        {
            "order": index,
            "group": _label(score["group"], method),
            "mean": score["mean"],
            "low": score["low"],
            "high": score["high"],
            "n": score["n"],
            "label": grade(score["mean"]),
            "worst": bool(worst) and score["group"] in (worst["upper"], worst["lower"]),
        }
        for index, score in enumerate(chain["scores"])
    ]


def _rows(chain: dict, method) -> list[list[str]]:
    losses = {link["lower"]: link["loss"] for link in chain["links"]}
    return [
        [
            _label(score["group"], method),
            grade(score["mean"]),
            interval(score),
            str(score["n"]),
            change(losses.get(score["group"])),
        ]
        for score in chain["scores"]
    ]


def _description(name: str, values: list[dict], worst: dict | None, method) -> str:
    if not values:
        return _("Too few answers on %(goal)s in any group for a whisper chain.") % {"goal": name}
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
            "upper": _label(worst["upper"], method),
            "lower": _label(worst["lower"], method),
            "loss": grade(worst["loss"]),
        }
    elif len(values) > 1:
        description += " " + _("For %(goal)s, no loss down the chain is measured.") % {"goal": name}
    return description


def _worst_note(values: list[dict], worst: dict | None, x: dict, y: dict) -> list[dict]:
    """The worst link as a thick dashed red line, its loss in words below it."""
    if not worst:
        return []
    line = {
        "transform": [{"filter": "datum.worst"}],
        "mark": {"type": "line", "color": FILL["red"], "strokeWidth": 5, "strokeDash": [6, 3]},
        "encoding": {"x": x, "y": {**y, "field": "mean"}},
    }
    last = max(v["order"] for v in values if v["worst"])
    words = {
        "transform": [{"filter": f"datum.order == {last}"}],
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
            "text": {"value": _("largest loss %s") % change(worst["loss"])},
        },
    }
    return [line, words]


def _layers(values: list[dict], worst: dict | None, method) -> list[dict]:
    x = {
        "field": "group",
        "type": "ordinal",
        "sort": [v["group"] for v in values],
        "title": None,
        "axis": {"labelAngle": -30, "labelAlign": "right", "labelLimit": 150},
    }
    y = grade_axis(method)
    mean = {"x": x, "y": {**y, "field": "mean"}}
    point = {"type": "point", "filled": True, "size": 70, "opacity": 1, "color": ACTOR_COLOURS[0]}
    return [
        *bands(method, "y"),
        {
            "mark": {"type": "rule", "color": "#595959", "strokeWidth": 1.5},
            "encoding": {"x": x, "y": {**y, "field": "low"}, "y2": {"field": "high"}},
        },
        {"mark": {"type": "line", "color": ACTOR_COLOURS[0], "strokeWidth": 2}, "encoding": mean},
        *_worst_note(values, worst, x, y),
        {
            "mark": point,
            "encoding": {
                **mean,
                "tooltip": tooltip(("group", _("Layer")), ("label", _("Grade")), ("n", "n")),
            },
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 7, "dy": -8, "color": TEXT},
            "encoding": {**mean, "text": {"field": "label"}},
        },
    ]


def whisper_chain(result: dict, method, goal: str) -> Chart:
    """The goal's grade down the chain of reporting groups, the worst link marked."""
    chain = next((c for c in result["chains"] if c["goal"] == goal), None)
    if chain is None:
        raise KeyError(goal)
    name = method.goals.get(goal, goal)
    values = _values(chain, method)
    description = _description(name, values, chain["worst"], method)
    drawn = spec(description, values, height=260, layer=_layers(values, chain["worst"], method))
    table = Table(
        _("%(goal)s: average grade down the chain") % {"goal": name},
        [_("Layer"), _("Grade"), interval_header(), _("Answers"), _("Change from the layer above")],
        _rows(chain, method),
    )
    return Chart(
        f"whisper-chain-{slug(goal)}",
        _("Whisper chain: %(goal)s") % {"goal": name},
        description,
        drawn,
        table,
    )
