"""The Tweedaagse scan's light per theme, drawn as the Thermometer's theme lights."""

from django.utils.translation import gettext as _

from thermometer.core.charts import NONE, Chart, Table
from thermometer.core.formatting import decimal
from thermometer.core.lights import colour_name

from .theme_lights import lights_spec


def journey_lights(entries: list[dict]) -> Chart:
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
    description, drawn = lights_spec(values)
    table = Table(
        _("Traffic light per theme"),
        [_("Theme"), _("Light"), _("Share yes"), _("Weighted pain points"), _("Why")],
        rows,
    )
    return Chart("journey-lights", _("Traffic light per theme"), description, drawn, table)
