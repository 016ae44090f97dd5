"""The Vega-Lite building blocks every chart of the product shares: a ``Chart`` with its
text alternative and its table, the colours of the lights and the actors, and the spec
builder. Pure; the charts themselves live with the app that draws them (reports,
finances) and are rendered alike in the browser (vega-embed) and on paper (vl-convert)."""

from dataclasses import dataclass, field

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

# The colours of thermometer.css (.light--*): each fill with a text colour of enough
# contrast (WCAG 1.4.3), and a dark outline so a pale fill still stands out (1.4.11).
NONE = "none"
FILL = {"red": "#a30000", "amber": "#f2b100", "green": "#1e6b1e", NONE: "#f3f3f3"}
INK = {"red": "#ffffff", "amber": "#2b1a00", "green": "#ffffff", NONE: "#4a4a4a"}
# Pale tints for the threshold bands behind grades.
BAND = {"red": "#f8dede", "amber": "#fdf1cc", "green": "#dcefdc"}
OUTLINE = "#1a1a1a"
TEXT = "#1a1a1a"
# Actors: dark, distinct from the lights, each at least 4.5:1 on white.
ACTOR_COLOURS = ("#1f4e79", "#6a3d9a", "#00666e", "#7a4b00")
ACTOR_SHAPES = ("circle", "square", "triangle-up", "diamond")


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]  # display strings; the first cell of a row is its header


@dataclass(frozen=True)
class Chart:
    key: str  # a slug, unique on a page
    title: str
    description: str  # the text alternative: what the chart shows, in words
    spec: dict = field(repr=False)  # Vega-Lite v6, JSON-ready, data inline
    table: Table = field(repr=False)


def spec(description: str, values: list[dict], *, height, layer: list[dict], **rest) -> dict:
    width = rest.pop("width", "container")
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": width,
        "height": height,
        # A container-wide chart fits its whole picture, axis labels included, in the width.
        **({"autosize": {"type": "fit-x", "contains": "padding"}} if width == "container" else {}),
        "data": {"values": values},
        "layer": layer,
        "config": {
            "view": {"stroke": None},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": TEXT},
            "text": {"fontSize": 12},
        },
        # The bands, lights, verdicts and actors each have their own colours.
        "resolve": {"scale": {"fill": "independent", "color": "independent"}},
        **rest,
    }


# Channels every chart builds alike ------------------------------------------------------


def nominal(field_name: str, colours: dict[str, str]) -> dict:
    """A colour channel for ``field_name``: each value its colour, no legend."""
    return {
        "field": field_name,
        "type": "nominal",
        "scale": {"domain": list(colours), "range": list(colours.values())},
        "legend": None,
    }


def light_fill(field_name: str = "light") -> dict:
    """The fill of a mark that carries a light (a colour name or ``NONE``)."""
    return nominal(field_name, FILL)


def light_ink(field_name: str = "light") -> dict:
    """The text colour on a mark that ``light_fill`` filled."""
    return nominal(field_name, INK)


def series_channels(field_name: str, names: list[str]) -> tuple[dict, dict]:
    """(colour, shape) channels that tell series (actors, regions) apart by both, no
    legend: the names stand beside the marks."""

    def channel(marks: tuple[str, ...]) -> dict:
        scale = {"domain": list(names), "range": list(marks[: len(names)])}
        return {"field": field_name, "type": "nominal", "scale": scale, "legend": None}

    return channel(ACTOR_COLOURS), channel(ACTOR_SHAPES)


def tooltip(*fields: tuple[str, str]) -> list[dict]:
    """A tooltip of (field, title) pairs."""
    return [{"field": name, "title": title} for name, title in fields]
