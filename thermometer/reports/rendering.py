"""The report as a file: PDF (WeasyPrint) and self-contained HTML from one template,
DOCX (python-docx) from the same content. Charts are the same Vega-Lite specs the web
overview draws, rendered on the server (SVG for PDF and HTML, PNG for Word)."""

from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from . import content as report_content
from . import svg

CSS = Path(__file__).parent / "static" / "reports" / "report.css"


@lru_cache(maxsize=1)
def _css() -> str:
    return CSS.read_text(encoding="utf-8")


def svgs(content: dict) -> dict:
    return {chart.key: svg.to_svg(chart) for chart in report_content.all_charts(content)}


def build_html(content: dict) -> str:
    """One standalone HTML document: inline CSS and inline SVG charts, no requests."""
    with translation.override("nl"):
        template = {
            "journey": "reports/report_journey.html",
            "framework": "reports/report_framework.html",
        }.get(content["kind"], "reports/report.html")
        return render_to_string(template, {"c": content, "svgs": svgs(content), "css": _css()})


class RenderError(RuntimeError):
    """The file could not be made; the message is Dutch and meant for the user."""


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as error:  # WeasyPrint needs Pango from the operating system
        raise RenderError(
            "PDF kan niet worden gemaakt: de systeembibliotheek Pango ontbreekt "
            "(installeer libpango-1.0-0 en libpangoft2-1.0-0)."
        ) from error
    return HTML(string=html).write_pdf()


def warm_up() -> None:
    """Start the engines a first report would start (WeasyPrint with the report's fonts,
    vl-convert's JavaScript engine, python-docx), so the first report a person asks for
    takes as long as the next; the worker calls this when it starts."""
    from . import word  # noqa: F401 - importing python-docx is part of the cost

    chart = svg.warm_up()
    # The faces and parts a report uses: headings, bold, italic, a table, an SVG chart.
    body = (
        "<h1>Thermometer</h1><h2>Eigen kracht</h2><p><strong>7,5</strong> <em>n 30</em></p>"
        f"<table><caption>Laag</caption><tr><th>Bestuur</th><td>7,5</td></tr></table>{chart}"
    )
    html_to_pdf(f"<html><head><style>{_css()}</style></head><body>{body}</body></html>")


def render_pdf(content: dict) -> bytes:
    return html_to_pdf(build_html(content))


def render_html(content: dict) -> bytes:
    return build_html(content).encode("utf-8")


def render_docx(content: dict) -> bytes:
    from .word import BUILDERS

    with translation.override("nl"):
        return BUILDERS.get(content["kind"], BUILDERS["thermometer"])(content)


RENDERERS = {"pdf": render_pdf, "docx": render_docx, "html": render_html}


def render(content: dict, fmt: str) -> bytes:
    return RENDERERS[fmt](content)
