"""Cheap guards over every template file."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "thermometer"


def test_no_template_comment_runs_over_a_line():
    # Django's {# … #} is single-line: the rest of an unclosed one is printed on the page.
    unclosed = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\{#(?!.*#\})", line):
                unclosed.append(f"{path.relative_to(TEMPLATES)}:{number}")
    assert unclosed == []


def test_no_markup_in_a_page_title():
    # A tag inside {% block title %} shows as text in the browser's tab.
    found = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"\{% block title %\}(.*?)\{% endblock", text, re.DOTALL):
            if "<" in block:
                found.append(str(path.relative_to(TEMPLATES)))
    assert found == []


def test_dates_are_written_out_in_dutch():
    # One way of writing a date: "3 oktober 2026" ("j F Y", with "H:i" for a moment),
    # never "3 Oct 2026" or "03-10-2026"; "c" and "Y-m-d" are for machine-readable attributes.
    allowed = {"j F Y", "j F Y H:i", "j F Y H:i:s", "D j F Y", "j F Y, H:i", "c", "Y-m-d"}
    allowed |= {"H:i", "Y"}
    found = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text(encoding="utf-8")):
            if fmt not in allowed:
                found.append(f"{path.relative_to(TEMPLATES)}: {fmt}")
    assert found == []
