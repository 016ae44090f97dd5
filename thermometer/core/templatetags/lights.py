"""``{% light colour %}`` draws a light with its word; ``{{ colour|colour_name }}`` gives
the word alone (``core.lights``)."""

from django import template

from thermometer.core import lights

register = template.Library()


@register.simple_tag
def light(colour, words=None):
    return lights.mark(colour, words)


@register.filter
def colour_name(colour):
    return lights.colour_name(colour)
