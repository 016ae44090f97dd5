"""Numbers in the UI's language: rounded half up, as the templates' ``floatformat`` does
(Django's ``number_format`` cuts a float off instead: 8.27 would read "8,2")."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def decimal(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    step = Decimal(1).scaleb(-places)
    return number_format(Decimal(repr(value)).quantize(step, ROUND_HALF_UP), places)


def signed_change(loss: float | None) -> str:
    """A loss one layer down as a signed change: "−1,2", "+0,3" or "0,0"."""
    if loss is None:
        return "—"
    if decimal(abs(loss)) == decimal(0.0):
        return decimal(0.0)
    return ("−" if loss > 0 else "+") + decimal(abs(loss))
