"""One number per fact: a goal × actor grade of the demo reads the same on the analysis
page, the matrix cell, the digital overview (page and chart), and the HTML, PDF and
DOCX report. It is rounded once, where the analysis computes it."""

import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from thermometer.analysis.services import analysis_for
from thermometer.core.formatting import decimal
from thermometer.reports import charts
from thermometer.reports.content import report_content
from thermometer.reports.rendering import build_html, render_docx, render_pdf
from thermometer.scans.models import Scan

GRADE = re.compile(r"\b\d{1,2},\d\b")


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return Scan.objects.get(slug="demo-thermometer")


def _values(spec: dict) -> list[dict]:
    found = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        found += _values(layer)
    return found


def _pdf_text(pdf: bytes) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", " ", text)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_goal_actor_grade_reads_the_same_everywhere(client, demo):
    result = analysis_for(demo)
    cells = [c for c in result["matrix"] if c["score"]]
    assert len(cells) >= 6
    # Rounded once: what is stored is what is read.
    for cell in cells:
        assert cell["score"]["mean"] == float(decimal(cell["score"]["mean"]).replace(",", "."))

    client.force_login(demo.created_by)
    method = demo.method
    heatmap = {
        (v["goal"], v["actor"]): v for v in _values(charts.matrix_heatmap(result, method).spec)
    }
    content = report_content(demo)
    report = _text(build_html(content))
    from docx import Document

    docx = " ".join(p.text for p in Document(io.BytesIO(render_docx(content))).paragraphs)
    analysis_page = _text(
        client.get(reverse("analysis:overview", args=[demo.slug])).content.decode()
    )
    overview = _text(client.get(reverse("reports:overview", args=[demo.slug])).content.decode())
    pdf = _pdf_text(render_pdf(content))
    for cell in cells:
        shown = decimal(cell["score"]["mean"])
        page = client.get(
            reverse("findings:cell", args=[demo.slug, cell["goal"], cell["actor"]])
        ).content.decode()
        assert shown in _text(page), (cell["goal"], cell["actor"])
        assert shown in analysis_page
        assert shown in report and shown in docx and shown in pdf and shown in overview
        key = (method.goals[cell["goal"]], method.actors[cell["actor"]])
        # The chart draws the stored value and labels it with the same text.
        assert heatmap[key]["mean"] == cell["score"]["mean"] and shown in heatmap[key]["label"]
