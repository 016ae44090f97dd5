"""The charts of the Tweedaagse scan (pure, like ``charts``): the family's journey with
the pain points and good practices per step, and the light per theme."""

from django.utils.translation import gettext as _

from thermometer.analysis.presentation import colour_name
from thermometer.core.charts import NONE, OUTLINE, TEXT, Chart, Table
from thermometer.core.charts import spec as _spec
from thermometer.core.formatting import decimal

from .charts import lights_spec


def journey(steps: list[dict]) -> Chart:
    """``steps``: in journey order, each {"name", "pain", "good"} (counts)."""
    values, rows = [], []
    pain_word, good_word = _("Pain points"), _("Good practices")
    for order, step in enumerate(steps, start=1):
        label = f"{order}. {step['name']}"
        values.append({"step": label, "kind": pain_word, "n": step["pain"], "order": order})
        values.append({"step": label, "kind": good_word, "n": step["good"], "order": order})
        rows.append([label, str(step["pain"]), str(step["good"])])
    worst = max(steps, key=lambda s: s["pain"], default=None)
    if worst and worst["pain"]:
        description = _(
            "Most pain points at the step “%(step)s” (%(n)s); %(total)s pain points and "
            "%(good)s good practices along %(steps)s steps."
        ) % {
            "step": worst["name"],
            "n": worst["pain"],
            "total": sum(s["pain"] for s in steps),
            "good": sum(s["good"] for s in steps),
            "steps": len(steps),
        }
    else:
        description = _("No pain points recorded yet.")
    x = {
        "field": "step",
        "type": "nominal",
        "sort": [f"{i}. {s['name']}" for i, s in enumerate(steps, start=1)],
        "title": None,
        "axis": {"labelAngle": -30, "labelLimit": 140},
    }
    colour = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": [pain_word, good_word], "range": ["#a30000", "#1e6b1e"]},
        "legend": {"orient": "top"},
    }
    spec = _spec(
        description,
        values,
        height=220,
        layer=[
            {
                "mark": {"type": "bar", "stroke": OUTLINE, "strokeWidth": 0.5},
                "encoding": {
                    "x": x,
                    "xOffset": {"field": "kind", "sort": [pain_word, good_word]},
                    "y": {"field": "n", "type": "quantitative", "title": _("Number")},
                    "color": colour,
                },
            },
            {
                "mark": {"type": "text", "dy": -6, "color": TEXT},
                "encoding": {
                    "x": x,
                    "xOffset": {"field": "kind", "sort": [pain_word, good_word]},
                    "y": {"field": "n", "type": "quantitative"},
                    "text": {"field": "n"},
                },
            },
        ],
    )
    table = Table(
        _("Pain points and good practices per step of the journey"),
        [_("Step"), pain_word, good_word],
        rows,
    )
    return Chart("journey", _("The journey of the household"), description, spec, table)


def lights(entries: list[dict]) -> Chart:
    """``entries``: per theme {"name", "colour", "share_yes", "weighted", "explanation"}."""
    values, rows = [], []
    for entry in entries:
        word = colour_name(entry["colour"])
        values.append({"theme": entry["name"], "light": entry["colour"] or NONE, "label": word})
        rows.append(
            [
                entry["name"],
                word,
                decimal(entry["share_yes"], 2) if entry["share_yes"] is not None else "—",
                decimal(entry["weighted"], 2),
                entry["explanation"],
            ]
        )
    description, spec = lights_spec(values)
    table = Table(
        _("Traffic light per theme"),
        [_("Theme"), _("Light"), _("Share yes"), _("Weighted pain points"), _("Why")],
        rows,
    )
    return Chart("journey-lights", _("Traffic light per theme"), description, spec, table)
