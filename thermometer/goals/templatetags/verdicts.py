"""``{% verdict value %}``: a trail verdict (found, weakened, lost) as a light with its
word, the colour from ``constants.VERDICT_LIGHT``."""

from django import template

from thermometer.core.lights import mark
from thermometer.goals.constants import VERDICT_LIGHT, Verdict

register = template.Library()


@register.simple_tag
def verdict(value):
    # Nothing found at all is lost, as the matcher says when no passage carries the effect.
    shown = Verdict(value) if value in Verdict.values else Verdict.LOST
    return mark(VERDICT_LIGHT[shown], shown.label)
