"""Numbers in the UI's language, rounded half up: the templates' ``floatformat`` for
Python code (Django's ``number_format`` cuts a float off instead: 8.27 would read "8,2")."""

from django.template.defaultfilters import floatformat


def decimal(value: float | None, places: int = 1) -> str:
    return "—" if value is None else str(floatformat(value, places))


def signed_change(loss: float | None) -> str:
    """A loss one layer down as a signed change: "−1,2", "+0,3" or "0,0"."""
    if loss is None:
        return "—"
    if decimal(abs(loss)) == decimal(0.0):
        return decimal(0.0)
    return ("−" if loss > 0 else "+") + decimal(abs(loss))
