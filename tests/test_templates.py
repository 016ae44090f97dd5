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
