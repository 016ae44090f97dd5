"""A chart as SVG for the reports: the same Vega-Lite spec the browser draws, rendered
on the server by vl-convert (Vega in an embedded JavaScript engine, no network).

Paper has no container to fit, so the spec gets a fixed width; text is set in a sans-serif
family that the machine has (Liberation Sans or DejaVu Sans on Debian), so vl-convert
measures the labels with the font the reader sees. The SVG carries the chart's title and
text alternative (``<title>``, ``<desc>``, ``role="img"``, ``aria-label``).
The first render in a process starts vl-convert's engine (about 0.4 s); after that a
chart takes 30–90 ms on one core, and the same spec again comes from the cache.
"""

import copy
import json
import re
from functools import lru_cache
from html import escape

from thermometer.core.charts import Chart

PAPER_WIDTH = 480
# vl-convert's bundled Vega-Lite closest to the npm one (6.5) in package.json.
VL_VERSION = "6.4"
FONT = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"
FORMAT_LOCALE = "nl-NL"


def paper_spec(spec: dict, width: int = PAPER_WIDTH) -> dict:
    """The spec with a fixed width (instead of the web's "container") and the paper font."""
    spec = copy.deepcopy(spec)
    if spec.get("width") == "container":
        # core.charts.spec already fits such a spec's whole picture, axis labels included,
        # in its width (autosize fit-x, contains padding): now ``width`` wide.
        spec["width"] = width
    config = spec.setdefault("config", {})
    config["font"] = FONT
    config.setdefault("background", "white")
    return spec


@lru_cache(maxsize=128)
def _render(spec_json: str) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(
        json.loads(spec_json), vl_version=VL_VERSION, format_locale=FORMAT_LOCALE
    )


def warm_up() -> str:
    """Start vl-convert's engine with a chart of one bar (about 0.4 s, once a process);
    the SVG, for warming the PDF engine with it too."""
    spec = {"mark": "bar", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x"}}}
    return _render(json.dumps(paper_spec(spec), sort_keys=True))


def _accessible(svg: str, title: str, description: str) -> str:
    """Give the root element ``role="img"`` and an ``aria-label``, and ``<title>`` and
    ``<desc>`` as its first children (what screen readers and PDF tagging read)."""
    match = re.search(r"<svg\b[^>]*>", svg)
    if match is None:
        return svg
    tag = match.group(0)
    tag = re.sub(r'\s(role|aria-label|aria-roledescription)="[^"]*"', "", tag)
    label = escape(description, quote=True)
    tag = tag[:-1].rstrip("/") + f' role="img" aria-label="{label}">'
    inner = f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    return svg[: match.start()] + tag + inner + svg[match.end() :]


def to_svg(chart: Chart, width: int = PAPER_WIDTH) -> str:
    """The chart as a standalone SVG string, at ``width`` pixels wide."""
    spec_json = json.dumps(paper_spec(chart.spec, width), sort_keys=True, ensure_ascii=False)
    return _accessible(_render(spec_json), chart.title, chart.description)


@lru_cache(maxsize=128)
def _render_png(spec_json: str, scale: float) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(
        json.loads(spec_json), vl_version=VL_VERSION, format_locale=FORMAT_LOCALE, scale=scale
    )


def to_png(chart: Chart, width: int = PAPER_WIDTH, scale: float = 2.0) -> bytes:
    """The chart as PNG (for Word, which does not take SVG everywhere)."""
    spec_json = json.dumps(paper_spec(chart.spec, width), sort_keys=True, ensure_ascii=False)
    return _render_png(spec_json, scale)
