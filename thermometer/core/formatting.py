"""Numbers in the UI's language, rounded half up: the templates' ``floatformat`` for
Python code (Django's ``number_format`` cuts a float off instead: 8.27 would read "8,2")."""

from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat

# Grades, intervals and losses are read with one decimal: they are rounded to it once,
# where they are computed, so every page, chart, export and report shows the same value.
SHOWN_PLACES = 1


def rounded(value: float, places: int = SHOWN_PLACES) -> float:
    """``value`` rounded half up as it is written (3.65 -> 3.7, also where the float
    is 3.6499999…), the one rounding of a number a person reads."""
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def decimal(value: float | None, places: int = 1) -> str:
    return "—" if value is None else str(floatformat(value, places))


def signed_change(loss: float | None) -> str:
    """A loss one layer down as a signed change: "−1,2", "+0,3" or "0,0"."""
    if loss is None:
        return "—"
    if decimal(abs(loss)) == decimal(0.0):
        return decimal(0.0)
    return ("−" if loss > 0 else "+") + decimal(abs(loss))


def euros(value: float | None) -> str:
    """Whole euros with the thousands grouped as the language writes them: "€ 1.080.000"."""
    return "—" if value is None else f"€ {floatformat(value, '0g')}"
