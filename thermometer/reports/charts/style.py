"""What the charts of a scan share beyond ``core.charts``: labels formatted the Dutch way
(comma decimal, set here and not by Vega, so they do not depend on the renderer's
locale), and the method's grade scale with its light thresholds as bands and the
labels beside an interval."""

import textwrap

from django.utils.translation import gettext as _

from thermometer.core.charts import BAND, TEXT, nominal
from thermometer.core.formatting import decimal, signed_change

LINES = "split(datum.label, '\\n')"  # an axis label on the lines that wrap made
STEP = 34  # pixels per row of a chart with one row per goal, theme or effect


# Formatting ---------------------------------------------------------------------------


def grade(value: float | None) -> str:
    return decimal(value)


def interval(score: dict | None) -> str:
    return "—" if not score else f"{grade(score['low'])}–{grade(score['high'])}"


def interval_header() -> str:
    return _("90%% interval") % {}  # the msgid of the analysis page's tables


def count(score: dict | None) -> str:
    return "—" if not score else str(score["n"])


def change(loss: float | None) -> str:
    return signed_change(loss)


def wrap(text: str, width: int, lines: int) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, joined by "\\n"
    (an axis splits them with ``LINES``); the rest cut off with an ellipsis."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def slug(key: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in key.lower()).strip("-")


# The grade scale ------------------------------------------------------------------------


def scale(method) -> tuple[float, float, dict]:
    score = method.data["score"]
    return score["min"], score["max"], score["traffic_lights"]


def grade_axis(method) -> dict:
    low, high, _thresholds = scale(method)
    return {
        "type": "quantitative",
        "scale": {"domain": [low, high], "zero": False, "nice": False},
        "axis": {
            "title": _("Grade 1–10"),
            "values": list(range(int(low), int(high) + 1)),
            "format": "d",
        },
    }


def _band_values(method) -> list[dict]:
    low, high, thresholds = scale(method)
    red, green = thresholds["red_below"], thresholds["green_from"]
    return [
        {"band": "red", "from": low, "to": red, "word": _("red below %s") % grade(red)},
        {"band": "amber", "from": red, "to": green, "word": ""},  # between the two
        {"band": "green", "from": green, "to": high, "word": _("green from %s") % grade(green)},
    ]


def bands(method, channel: str) -> list[dict]:
    """The method's light thresholds as pale bands along ``channel`` (x or y), each with
    its word at the edge of the plot, so the bands never speak by colour alone."""
    values = _band_values(method)
    axis = grade_axis(method)
    if channel == "x":  # words above the plot, centred on their band
        place = {"y": {"value": 0}}
        mark = {"baseline": "bottom", "align": "center", "dy": -4}
    else:  # words right of the plot, beside their band
        place = {"x": {"value": "width"}}
        mark = {"baseline": "middle", "align": "left", "dx": 6}
    return [
        {
            "data": {"values": values},
            "mark": {"type": "rect"},
            "encoding": {
                channel: {**axis, "field": "from"},
                f"{channel}2": {"field": "to"},
                "fill": nominal("band", BAND),
            },
        },
        {
            "data": {"values": values},
            "transform": [
                {"filter": "datum.word"},
                {"calculate": "(datum.from + datum.to) / 2", "as": "middle"},
            ],
            "mark": {"type": "text", "fontSize": 11, "color": TEXT, **mark},
            "encoding": {channel: {**axis, "field": "middle"}, **place, "text": {"field": "word"}},
        },
    ]


def side(mean: float, method) -> str:
    """Where a grade's label goes: right of its interval in the lower half of the scale,
    left of it in the upper half, so that it stays inside the plot on a narrow screen."""
    low, high, _thresholds = scale(method)
    return "right" if mean <= (low + high) / 2 else "left"


def labels(x: dict, encoding: dict, *, left_colour: dict | None = None, **mark) -> list[dict]:
    """Text layers for the ``label`` field beside the interval (``low``–``high``), on the
    side that ``side`` chose (``side`` field)."""
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
