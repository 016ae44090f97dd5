"""The report of the demo scan, end to end, beside WeasyPrint alone.

``pdf_s``: gathering the report's content from the database, rendering its charts
(vl-convert) and its HTML, and WeasyPrint making the PDF. ``docx_s``: the same content
as a Word document with python-docx (charts as PNG). ``weasyprint_s``: WeasyPrint alone
on the already-built HTML of the same report. Target: ``pdf_s`` at most 1.5 ×
``weasyprint_s``; DOCX under 2 s.

Each figure is the median of ``RUNS`` runs after one warm-up run (imports and the start
of vl-convert's JavaScript engine are paid once per worker process, and reported as
``first_pdf_s``). Before every timed run the chart caches are emptied, so each run
renders its charts as a new advice version would.
"""

import statistics
import time

from django.core.management import call_command
from django.utils import translation

from thermometer.demo.demo_data import DEMO_SLUG
from thermometer.reports import svg
from thermometer.reports.content import report_content
from thermometer.reports.rendering import build_html, html_to_pdf, render_docx
from thermometer.scans.models import Scan

RUNS = 3


def _clear_chart_caches():
    svg._render.cache_clear()
    svg._render_png.cache_clear()


def _timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _pdf(scan):
    with translation.override("nl"):
        return html_to_pdf(build_html(report_content(scan)))


def _docx(scan):
    with translation.override("nl"):
        return render_docx(report_content(scan))


def run() -> dict:
    call_command("load_demo", verbosity=0)
    scan = Scan.objects.get(slug=DEMO_SLUG)
    first_pdf_s, pdf = _timed(lambda: _pdf(scan))
    _docx(scan)
    pdf_times, docx_times, weasy_times = [], [], []
    for _ in range(RUNS):
        _clear_chart_caches()
        seconds, pdf = _timed(lambda: _pdf(scan))
        pdf_times.append(seconds)
        _clear_chart_caches()
        seconds, docx = _timed(lambda: _docx(scan))
        docx_times.append(seconds)
    with translation.override("nl"):
        html = build_html(report_content(scan))
    for _ in range(RUNS):
        seconds, _pdf_bytes = _timed(lambda: html_to_pdf(html))
        weasy_times.append(seconds)
    pdf_s = statistics.median(pdf_times)
    docx_s = statistics.median(docx_times)
    weasyprint_s = statistics.median(weasy_times)
    return {
        "scan": DEMO_SLUG,
        "runs": RUNS,
        "pdf_s": round(pdf_s, 3),
        "docx_s": round(docx_s, 3),
        "weasyprint_s": round(weasyprint_s, 3),
        "pdf_over_weasyprint": round(pdf_s / weasyprint_s, 2),
        "first_pdf_s": round(first_pdf_s, 3),
        "pdf_bytes": len(pdf),
        "docx_bytes": len(docx),
        "html_bytes": len(html),
        "target_pdf_met": pdf_s <= 1.5 * weasyprint_s,
        "target_docx_met": docx_s < 2.0,
    }
