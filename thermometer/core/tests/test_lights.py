"""A light is named in one place (``core.lights``) for every page, chart and report."""

from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from thermometer.core.lights import colour_name, mark

APPS = Path(__file__).resolve().parents[2]


def test_a_light_is_drawn_with_its_word_in_dutch():
    with translation.override("nl"):
        assert colour_name("amber") == "oranje" and colour_name(None) == "geen licht"
        html = Template("{% load lights %}{% light colour %}").render(Context({"colour": "red"}))
        assert html == '<span class="light light--red">rood</span>'
        assert mark("purple") == '<span class="light light--none">geen licht</span>'


def test_words_given_to_a_light_are_escaped():
    assert mark("green", "<b>Gevonden</b>") == (
        '<span class="light light--green">&lt;b&gt;Gevonden&lt;/b&gt;</span>'
    )


def test_no_template_spells_out_the_colour_words_itself():
    spelled = [
        str(path.relative_to(APPS))
        for path in APPS.rglob("*.html")
        if any(
            f'translate "{word}"' in path.read_text(encoding="utf-8")
            for word in ("red", "amber", "green", "no light")
        )
    ]
    assert spelled == []
