"""Code colours without inline style attributes (the CSP allows none): one <style>
element with the request's nonce, a class per colour used on the page."""

import re

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()
HEX = re.compile(r"#[0-9a-fA-F]{6}")


@register.filter
def colour_class(colour: str) -> str:
    """The class of a code's colour: ``code-colour-1f5fa6``."""
    return f"code-colour-{colour.lstrip('#').lower()}" if HEX.fullmatch(colour or "") else ""


@register.simple_tag(takes_context=True)
def code_colour_styles(context, colours):
    """``{% code_colour_styles colours %}``: the rules for these colours (hex strings; a
    value that is not one is left out, so nothing but a colour reaches the CSS)."""
    wanted = sorted({c.lower() for c in colours if HEX.fullmatch(c or "")})
    if not wanted:
        return ""
    rules = format_html_join(
        "",
        ".{}{{--code-colour:{}}}",
        ((colour_class(c), c) for c in wanted),
    )
    return format_html('<style nonce="{}">{}</style>', context.get("csp_nonce", ""), rules)


@register.filter
def colours_of(codings) -> list[str]:
    """The colours of the codes of ``codings``."""
    return [c.code.colour for c in codings]


@register.filter
def tree_colours(rows) -> list[str]:
    """The colours of the codes in the codebook's rows."""
    return [row["code"].colour for row in rows]
