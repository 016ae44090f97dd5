"""Date and time answers: stored as ISO text, shown and exported in the question's format.

A format is written the LimeSurvey way (``dd-mm-yyyy``, ``HH:MM``, ``d.m.yyyy HH:MM``):
d/dd day, m/mm month, yy/yyyy year, H/HH hour, M/MM minute. Stored values are ISO
(``2026-03-31``, ``14:05`` or ``2026-03-31T14:05``), the same as a browser's date, time
and datetime-local fields post, so a value reads the same whatever format it was
shown in.
"""

import re
from datetime import date, datetime, time

TOKEN = re.compile(r"yyyy|yy|dd|d|mm|m|HH|H|MM|M")
PARSE = {"yyyy": "%Y", "yy": "%y", "dd": "%d", "d": "%d", "mm": "%m", "m": "%m"}
PARSE |= {"HH": "%H", "H": "%H", "MM": "%M", "M": "%M"}
DEFAULT_FORMAT = "dd-mm-yyyy"


def kind_of(fmt: str) -> str:
    """ "date", "time" or "datetime": what the format asks of the respondent."""
    tokens = set(TOKEN.findall(fmt or DEFAULT_FORMAT))
    has_date = bool(tokens & {"yyyy", "yy", "dd", "d", "mm", "m"})
    has_time = bool(tokens & {"HH", "H", "MM", "M"})
    if has_date and has_time:
        return "datetime"
    return "time" if has_time else "date"


def input_type(fmt: str) -> str:
    """The HTML input that asks for this format."""
    return {"date": "date", "time": "time", "datetime": "datetime-local"}[kind_of(fmt)]


def _iso(moment: datetime, kind: str) -> str:
    if kind == "time":
        return moment.strftime("%H:%M")
    if kind == "date":
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%dT%H:%M")


def parse_iso(value: str, fmt: str) -> str | None:
    """``value`` as stored for a question of format ``fmt``, or None if it is no such value.

    Takes what a browser posts and what LimeSurvey stores (``2026-03-31 00:00:00``)."""
    value = (value or "").strip()
    kind = kind_of(fmt)
    try:
        if kind == "time" and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", value):
            return time.fromisoformat(value.zfill(5) if len(value) < 5 else value).strftime("%H:%M")
        moment = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return None
    return _iso(moment, kind)


def parse_formatted(value: str, fmt: str) -> str | None:
    """``value`` written in ``fmt`` itself (as an export with formatted dates holds it)."""
    pattern = TOKEN.sub(lambda m: PARSE[m.group(0)], re.sub("%", "%%", fmt or DEFAULT_FORMAT))
    try:
        moment = datetime.strptime((value or "").strip(), pattern)
    except ValueError:
        return None
    return _iso(moment, kind_of(fmt))


def read_value(value: str, fmt: str) -> str | None:
    return parse_iso(value, fmt) or parse_formatted(value, fmt)


def display(stored: str, fmt: str) -> str:
    """A stored ISO value written in the question's format."""
    fmt = fmt or DEFAULT_FORMAT
    try:
        if kind_of(fmt) == "time":
            moment = datetime.combine(date(2000, 1, 1), time.fromisoformat(stored))
        else:
            moment = datetime.fromisoformat(stored)
    except (TypeError, ValueError):
        return str(stored)
    parts = {
        "yyyy": f"{moment.year:04d}",
        "yy": f"{moment.year % 100:02d}",
        "dd": f"{moment.day:02d}",
        "d": str(moment.day),
        "mm": f"{moment.month:02d}",
        "m": str(moment.month),
        "HH": f"{moment.hour:02d}",
        "H": str(moment.hour),
        "MM": f"{moment.minute:02d}",
        "M": str(moment.minute),
    }
    return TOKEN.sub(lambda m: parts[m.group(0)], fmt)
