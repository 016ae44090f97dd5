"""A light (red, amber, green) in words and as a mark: one place for every page, chart
and report, so a colour is named the same everywhere."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

COLOURS = ("red", "amber", "green")


def colour_name(colour: str | None) -> str:
    """The colour's word; "no light" where there is none."""
    return {"red": _("red"), "amber": _("amber"), "green": _("green")}.get(colour, _("no light"))


def mark(colour: str | None, words: str | None = None) -> str:
    """The light as HTML: a coloured mark with ``words`` (the colour's name by default),
    so the colour is never the only carrier of its meaning."""
    css = colour if colour in COLOURS else "none"
    return format_html(
        '<span class="light light--{}">{}</span>',
        css,
        colour_name(colour) if words is None else words,
    )
