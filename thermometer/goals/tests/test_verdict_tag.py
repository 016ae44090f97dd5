"""A trail verdict is drawn as a light with its word, the colour from the one mapping."""

from django.template import Context, Template
from django.utils import translation

from thermometer.goals.constants import Verdict


def _drawn(value) -> str:
    return Template("{% load verdicts %}{% verdict v %}").render(Context({"v": value}))


def test_each_verdict_has_its_light_and_dutch_word():
    with translation.override("nl"):
        assert _drawn("found") == f'<span class="light light--green">{Verdict.FOUND.label}</span>'
        assert _drawn("weakened").startswith('<span class="light light--amber">')
        assert _drawn("lost").startswith('<span class="light light--red">')
        assert str(Verdict.FOUND.label) != "Found"  # the Dutch word, not the msgid


def test_no_verdict_is_shown_as_lost():
    assert _drawn(None) == _drawn("lost")
