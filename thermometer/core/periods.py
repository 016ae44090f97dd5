"""Periods as people and CBS write them: a year, a half year, a quarter or a month.

Pure. Used by the monitoring of a steering framework, the measurement imports and the
StatLine client (``core.statline``), so it lives in the core.

``parse_period`` reads what people and CBS write for a period and returns a ``Period``:

=========  =========================================  ==========  ==============
kind       accepted (case and spaces do not matter)   ``code``    ``label`` (nl)
=========  =========================================  ==========  ==============
year       2025, 2025JJ00                             2025        2025
half       2025-H1, 2025H1, 2025 HJ1, 2025HJ01, H1    2025-H1     2025 HJ1
           2025
quarter    2025-Q3, 2025Q3, 2025 K3, 2025-KW3,        2025-Q3     2025 K3
           2025KW03, Q3 2025, K3-2025
month      2025-03, 2025-3, 2025/03, 03-2025,         2025-03     maart 2025
           2025MM03
=========  =========================================  ==========  ==============

``code`` is what is stored (``Measurement.period``); ``label`` is what is shown and
follows the active language (the quarter and half-year patterns are msgids
"%(year)d Q%(number)d" and "%(year)d H%(number)d"; the month name is Django's own).
``cbs_code`` is StatLine's key ("2025KW03"). Other CBS period kinds (G2, SJ, X0, ...)
are refused. Years run from 1900 to 2100. Periods sort by ``sort_key``:
(year, first month, last month).

``add_months`` counts calendar months from a day (a scan's retention, ``scans.retention``).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

YEAR, HALF, QUARTER, MONTH = "year", "half", "quarter", "month"
KINDS = (YEAR, HALF, QUARTER, MONTH)
_SPAN = {YEAR: 12, HALF: 6, QUARTER: 3, MONTH: 1}
_COUNT = {YEAR: 0, HALF: 2, QUARTER: 4, MONTH: 12}
FIRST_YEAR, LAST_YEAR = 1900, 2100
SHOWN = 40  # a quoted input is cut to this many characters


@dataclass(frozen=True)
class Period:
    year: int
    kind: str  # "year", "half", "quarter" or "month"
    number: int  # 0 for a year; 1-2, 1-4 or 1-12 otherwise

    def __post_init__(self):
        if self.kind not in _SPAN:
            raise ValueError(f"Unknown period kind {self.kind!r}")
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValueError(f"Year out of range: {self.year}")
        if self.kind == YEAR and self.number != 0:
            raise ValueError("A year has number 0")
        if self.kind != YEAR and not 1 <= self.number <= _COUNT[self.kind]:
            raise ValueError(f"No {self.kind} {self.number}")

    @property
    def first_month(self) -> int:
        return 1 if self.kind == YEAR else (self.number - 1) * _SPAN[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.first_month + _SPAN[self.kind] - 1

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.first_month, self.last_month)

    @property
    def code(self) -> str:
        """Canonical and stored: "2025", "2025-H1", "2025-Q3", "2025-03"."""
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}-{'H' if self.kind == HALF else 'Q'}{self.number}"

    @property
    def cbs_code(self) -> str:
        """StatLine's period key: "2025JJ00", "2025HJ01", "2025KW03", "2025MM03"."""
        infix = {YEAR: "JJ", HALF: "HJ", QUARTER: "KW", MONTH: "MM"}[self.kind]
        return f"{self.year}{infix}{self.number:02d}"

    @property
    def label(self) -> str:
        """For display in the active language: "2025", "2025 HJ1", "2025 K3", "maart 2025"."""
        values = {"year": self.year, "number": self.number}
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == HALF:
            # Translators: a half year, e.g. "2025 HJ1" in Dutch.
            return _("%(year)d H%(number)d") % values
        if self.kind == QUARTER:
            # Translators: a quarter, e.g. "2025 K3" in Dutch.
            return _("%(year)d Q%(number)d") % values
        # Translators: a month, e.g. "maart 2025" in Dutch.
        return _("%(month)s %(year)d") % {"month": MONTHS[self.number], "year": self.year}

    def __str__(self) -> str:
        return self.code


_PATTERNS = [
    (re.compile(r"(\d{4})JJ00"), YEAR),
    (re.compile(r"(\d{4})HJ(\d\d)"), HALF),
    (re.compile(r"(\d{4})KW(\d\d)"), QUARTER),
    (re.compile(r"(\d{4})MM(\d\d)"), MONTH),
    (re.compile(r"(\d{4})"), YEAR),
    (re.compile(r"(\d{4})[-/]?(?:HJ|H)0?(\d)"), HALF),
    (re.compile(r"(\d{4})[-/]?(?:KW|Q|K)0?(\d)"), QUARTER),
    (re.compile(r"(\d{4})[-/](\d{1,2})"), MONTH),
]
_REVERSED = [
    (re.compile(r"(?:HJ|H)0?(\d)[-/]?(\d{4})"), HALF),
    (re.compile(r"(?:KW|Q|K)0?(\d)[-/]?(\d{4})"), QUARTER),
    (re.compile(r"(\d{1,2})[-/](\d{4})"), MONTH),
]


def parse_period(text: "str | int | Period") -> Period:
    """A period from its written form (see the module docstring); ``ValueError`` otherwise."""
    if isinstance(text, Period):
        return text
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise ValueError(_not_a_period(str(text)))
    raw = str(text).strip()
    if not raw:
        raise ValueError(_("The period is empty."))
    compact = re.sub(r"\s+", "", raw).upper()
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(compact)
        if match:
            year, number = int(match[1]), int(match[2]) if match.lastindex == 2 else 0
            return _period(raw, year, kind, number)
    for pattern, kind in _REVERSED:
        match = pattern.fullmatch(compact)
        if match:
            return _period(raw, int(match[2]), kind, int(match[1]))
    raise ValueError(_not_a_period(raw))


def _period(raw: str, year: int, kind: str, number: int) -> Period:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            _("“%(text)s”: the year must lie between %(first)d and %(last)d.")
            % {"text": _shown(raw), "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if kind != YEAR and not 1 <= number <= _COUNT[kind]:
        messages = {
            HALF: _("“%(text)s”: a year has half years 1 and 2."),
            QUARTER: _("“%(text)s”: a year has quarters 1 to 4."),
            MONTH: _("“%(text)s”: a year has months 1 to 12."),
        }
        raise ValueError(messages[kind] % {"text": _shown(raw)})
    return Period(year, kind, number)


def _not_a_period(raw: str) -> str:
    return _(
        "“%(text)s” is not a period. Write a year (2025), a half year (2025-H1), "
        "a quarter (2025-Q3) or a month (2025-03)."
    ) % {"text": _shown(raw)}


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def kind_label(kind: str) -> str:
    return {YEAR: _("year"), HALF: _("half year"), QUARTER: _("quarter"), MONTH: _("month")}[kind]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
