"""Chart 5, the theme lights: each theme with its light as a coloured disc, the light's
word (and grade) beside it. ``lights_spec`` draws the Tweedaagse scan's lights too."""

from django.utils.translation import gettext as _

from thermometer.core.charts import NONE, OUTLINE, TEXT, Chart, Table, light_fill, spec
from thermometer.core.lights import colour_name
from thermometer.reports.narrative import join

from .style import STEP, count, grade


def _description(values: list[dict]) -> str:
    parts = []
    for colour in ("red", "amber", "green", None):
        names = [v["theme"] for v in values if v["light"] == (colour or NONE)]
        if names:
            parts.append(f"{colour_name(colour).capitalize()}: {join(names)}.")
    return " ".join(parts) if parts else _("No themes to show.")


def lights_spec(values: list[dict]) -> tuple[str, dict]:
    """The description and spec of themes with a light each: ``values`` holds per theme
    {"theme", "light" (a colour or NONE), "label"}; a disc in its colour, its word beside."""
    description = _description(values)
    y = {
        "field": "theme",
        "type": "nominal",
        "sort": [v["theme"] for v in values],
        "title": None,
        "axis": {"domain": False, "ticks": False},
    }
    disc = {
        "type": "point",
        "filled": True,
        "size": 320,
        "opacity": 1,
        "stroke": OUTLINE,
        "strokeWidth": 1,
    }
    layer = [
        {"mark": disc, "encoding": {"y": y, "x": {"value": 14}, "fill": light_fill()}},
        {
            "mark": {"type": "text", "align": "left", "x": 32, "color": TEXT, "fontSize": 13},
            "encoding": {"y": y, "text": {"field": "label"}},
        },
    ]
    return description, spec(description, values, height={"step": STEP}, layer=layer)


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
                count(score),
                _("%(positive)d positive, %(negative)d negative, %(neutral)d neutral") % counts,
            ]
        )
    description, drawn = lights_spec(values)
    table = Table(
        _("Traffic lights per theme"),
        [_("Theme"), _("Light"), _("Grade"), _("Answers"), _("Judged codings")],
        rows,
    )
    return Chart("theme-lights", _("Traffic lights per theme"), description, drawn, table)
