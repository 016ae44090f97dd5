"""The Tweedaagse scan's journey chart: the pain points and good practices the household's
session found per step of its journey."""

from django.utils.translation import gettext as _

from thermometer.core.charts import FILL, OUTLINE, TEXT, Chart, Table, spec


def _description(steps: list[dict]) -> str:
    worst = max(steps, key=lambda s: s["pain"], default=None)
    if not (worst and worst["pain"]):
        return _("No pain points recorded yet.")
    return _(
        "Most pain points at the step “%(step)s” (%(n)s); %(total)s pain points and "
        "%(good)s good practices along %(steps)s steps."
    ) % {
        "step": worst["name"],
        "n": worst["pain"],
        "total": sum(s["pain"] for s in steps),
        "good": sum(s["good"] for s in steps),
        "steps": len(steps),
    }


def _layers(steps: list[dict], kinds: list[str]) -> list[dict]:
    x = {
        "field": "step",
        "type": "nominal",
        "sort": [f"{i}. {s['name']}" for i, s in enumerate(steps, start=1)],
        "title": None,
        "axis": {"labelAngle": -30, "labelLimit": 140},
    }
    offset = {"field": "kind", "sort": kinds}
    colour = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": kinds, "range": [FILL["red"], FILL["green"]]},
        "legend": {"orient": "top"},
    }
    bars = {
        "mark": {"type": "bar", "stroke": OUTLINE, "strokeWidth": 0.5},
        "encoding": {
            "x": x,
            "xOffset": offset,
            "y": {"field": "n", "type": "quantitative", "title": _("Number")},
            "color": colour,
        },
    }
    counts = {
        "mark": {"type": "text", "dy": -6, "color": TEXT},
        "encoding": {
            "x": x,
            "xOffset": offset,
            "y": {"field": "n", "type": "quantitative"},
            "text": {"field": "n"},
        },
    }
    return [bars, counts]


def journey(steps: list[dict]) -> Chart:
    """``steps``: in journey order, each {"name", "pain", "good"} (counts)."""
    values, rows = [], []
    pain_word, good_word = _("Pain points"), _("Good practices")
    for order, step in enumerate(steps, start=1):
        label = f"{order}. {step['name']}"
        values.append({"step": label, "kind": pain_word, "n": step["pain"], "order": order})
        values.append({"step": label, "kind": good_word, "n": step["good"], "order": order})
        rows.append([label, str(step["pain"]), str(step["good"])])
    description = _description(steps)
    drawn = spec(description, values, height=220, layer=_layers(steps, [pain_word, good_word]))
    table = Table(
        _("Pain points and good practices per step of the journey"),
        [_("Step"), pain_word, good_word],
        rows,
    )
    return Chart("journey", _("The journey of the household"), description, drawn, table)
