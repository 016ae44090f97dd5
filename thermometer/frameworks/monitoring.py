"""Periods, and an indicator's measurements against its norm: a traffic light and a trend.

Pure: plain values in, plain values out; no database. Messages and labels go through
gettext (English msgids, translated to Dutch in the app's catalogue).

Periods
-------
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

Status rules (``indicator_status``)
-----------------------------------
The measurements are sorted by period; ``latest`` is the last one, ``previous`` the one
before it (whatever the gap between them). All periods must be of one kind (an indicator
is measured per year, or per quarter, ...) and each period may occur once: otherwise
``ValueError`` (with a Dutch message the caller can show). A value or norm that is not
a finite number is refused the same way.

Trend (latest against previous): "flat" when the change is at most 1 % of the previous
value's magnitude (so from 0 only an unchanged 0 is flat), else "up" or "down"; ``None``
with fewer than two measurements.

Colour:

- No measurement: ``None``.
- ``at_least`` (the value should be at least the norm): green when value >= norm; amber
  when it falls short by at most ``tolerance`` x |norm| (for a positive norm: value >=
  norm x (1 - tolerance)); red when it falls short by more. With norm 0 (or tolerance 0)
  there is no amber band: any shortfall is red.
- ``at_most`` mirrors it: green when value <= norm; amber when it exceeds the norm by at
  most ``tolerance`` x |norm|; red beyond that; with norm 0 any excess is red.
- ``at_least``/``at_most`` without a norm: ``None`` (the explanation says the norm is
  missing). The trend does not change their colour.
- ``higher`` (rising is good) and ``lower`` (falling is good) ignore the norm: green when
  the trend goes the good way, red when it goes the wrong way, amber when flat or with
  only one measurement.

The boundaries belong to the better colour: exactly the norm is green, exactly the edge
of the band is amber (compared with a margin of 1e-9 against rounding).

``explanation`` is one sentence, e.g. in Dutch "2025: 12,4 % — norm ten minste 15 %:
rood (meer dan 10 % onder de norm)". Numbers are formatted for the active language:
values and the previous value with ``places`` decimals, the norm and the tolerance with
as many decimals as they need.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from thermometer.core.formatting import decimal

YEAR, HALF, QUARTER, MONTH = "year", "half", "quarter", "month"
KINDS = (YEAR, HALF, QUARTER, MONTH)
_SPAN = {YEAR: 12, HALF: 6, QUARTER: 3, MONTH: 1}
_COUNT = {YEAR: 0, HALF: 2, QUARTER: 4, MONTH: 12}
# An indicator's frequency (the method's keys) -> the kind of its periods.
KIND_FOR_FREQUENCY = {"yearly": YEAR, "half_yearly": HALF, "quarterly": QUARTER, "monthly": MONTH}
FIRST_YEAR, LAST_YEAR = 1900, 2100

GREEN, AMBER, RED = "green", "amber", "red"
UP, DOWN, FLAT = "up", "down", "flat"
# A change of at most this share of the previous value's magnitude is "flat".
FLAT_SHARE = 0.01
_MARGIN = 1e-9
SHOWN = 40  # a quoted input is cut to this many characters


class Direction(StrEnum):
    AT_LEAST = "at_least"  # value >= norm is on track
    AT_MOST = "at_most"  # value <= norm is on track
    HIGHER = "higher"  # rising is good; no norm needed
    LOWER = "lower"  # falling is good; no norm needed


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


# Status ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    colour: str | None  # "green", "amber", "red"; None without a measurement or norm
    latest: tuple[Period, float] | None
    previous: tuple[Period, float] | None
    trend: str | None  # "up", "down", "flat"; None with fewer than two measurements
    explanation: str
    series: tuple[tuple[Period, float], ...] = ()  # all measurements, oldest first

    @property
    def colour_label(self) -> str:
        """The colour in words, for those who do not see it ("groen", "oranje", "rood")."""
        if self.colour is None:
            return _("no colour")
        return _colour_word(self.colour)

    @property
    def trend_label(self) -> str:
        return {UP: _("rising"), DOWN: _("falling"), FLAT: _("about the same"), None: ""}[
            self.trend
        ]


def indicator_status(
    measurements: Iterable[tuple["str | Period", float]],
    norm: float | None,
    direction: str,
    tolerance: float = 0.1,
    *,
    unit: str = "",
    places: int = 1,
) -> Status:
    """The traffic light, trend and explanation of one indicator (rules: module docstring)."""
    try:
        direction = Direction(direction)
    except ValueError:
        raise ValueError(_("Unknown direction “%(value)s”.") % {"value": direction}) from None
    if not 0 <= tolerance < 1:
        raise ValueError(_("The tolerance must be at least 0 and less than 1."))
    if norm is not None:
        norm = _finite(norm)
    series = _series(measurements)
    if not series:
        return Status(None, None, None, None, _("No measurement yet."))

    latest = series[-1]
    previous = series[-2] if len(series) > 1 else None
    trend = _trend(previous[1], latest[1]) if previous else None

    def amount(value: float, decimals: int | None = None) -> str:
        return quantity(value, unit, places if decimals is None else decimals)

    head = {"period": latest[0].label, "value": amount(latest[1])}
    if direction in (Direction.HIGHER, Direction.LOWER):
        good = UP if direction == Direction.HIGHER else DOWN
        if trend is None:
            colour, reason = AMBER, _("only one measurement, no trend yet")
        else:
            colour = AMBER if trend == FLAT else GREEN if trend == good else RED
            before = {"previous": amount(previous[1]), "previous_period": previous[0].label}
            reason = {
                UP: _("up from %(previous)s in %(previous_period)s"),
                DOWN: _("down from %(previous)s in %(previous_period)s"),
                FLAT: _("about the same as %(previous)s in %(previous_period)s"),
            }[trend] % before
        rule = _("higher is better") if direction == Direction.HIGHER else _("lower is better")
        return Status(
            colour, latest, previous, trend, _sentence(head, rule, colour, reason), series
        )

    if norm is None:
        explanation = _("%(period)s: %(value)s — no norm has been set, so there is no colour.")
        return Status(None, latest, previous, trend, explanation % head, series)

    at_least = direction == Direction.AT_LEAST
    value = latest[1]
    shortfall = norm - value if at_least else value - norm
    banded = norm != 0 and tolerance > 0
    band = {"tolerance": _percent(tolerance)}
    if shortfall <= 0:
        colour = GREEN
        reason = _("at or above the norm") if at_least else _("at or below the norm")
    elif banded and shortfall / abs(norm) <= tolerance + _MARGIN:
        colour = AMBER
        reason = (
            _("below the norm, by at most %(tolerance)s")
            if at_least
            else _("above the norm, by at most %(tolerance)s")
        ) % band
    else:
        colour = RED
        if banded:
            reason = (
                _("more than %(tolerance)s below the norm")
                if at_least
                else _("more than %(tolerance)s above the norm")
            ) % band
        else:
            reason = _("below the norm") if at_least else _("above the norm")
    shown_norm = {"norm": amount(norm, _decimals_needed(norm))}
    rule = (_("norm at least %(norm)s") if at_least else _("norm at most %(norm)s")) % shown_norm
    return Status(colour, latest, previous, trend, _sentence(head, rule, colour, reason), series)


def _series(measurements) -> tuple[tuple[Period, float], ...]:
    points = sorted(
        ((parse_period(period), _finite(value)) for period, value in measurements),
        key=lambda point: point[0].sort_key,
    )
    kinds = sorted({period.kind for period, _value in points}, key=KINDS.index)
    if len(kinds) > 1:
        raise ValueError(
            _(
                "The measurements mix periods of different kinds (%(kinds)s); "
                "an indicator is measured per one kind of period."
            )
            % {"kinds": ", ".join(kind_label(kind) for kind in kinds)}
        )
    for (one, _value), (other, _other) in zip(points, points[1:], strict=False):
        if one == other:
            raise ValueError(
                _("There are two measurements for %(period)s.") % {"period": one.label}
            )
    return tuple(points)


def _finite(value) -> float:
    if isinstance(value, bool):
        raise ValueError(_("“%(text)s” is not a number.") % {"text": value})
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(_("“%(text)s” is not a number.") % {"text": value}) from None
    if not math.isfinite(number):
        raise ValueError(_("“%(text)s” is not a number.") % {"text": value})
    return number


def _trend(previous: float, latest: float) -> str:
    change = latest - previous
    if abs(change) <= FLAT_SHARE * abs(previous) + _MARGIN * max(abs(previous), abs(latest)):
        return FLAT
    return UP if change > 0 else DOWN


def _colour_word(colour: str) -> str:
    return {GREEN: _("green"), AMBER: _("amber"), RED: _("red")}[colour]


def _sentence(head: dict, rule: str, colour: str, reason: str) -> str:
    # Translators: e.g. "2025: 12,4 % — norm ten minste 15 %: rood (meer dan 10 % onder de norm)"
    return _("%(period)s: %(value)s — %(rule)s: %(colour)s (%(reason)s)") % {
        **head,
        "rule": rule,
        "colour": _colour_word(colour),
        "reason": reason,
    }


def quantity(value, unit: str = "", places: int | None = None) -> str:
    """A measurement or norm as every page and report writes it: ``places`` decimals, or
    as many as it needs, then its unit ("78,5 %", never "78,50" beside "78,5 %")."""
    value = float(value)
    text = decimal(value, _decimals_needed(value) if places is None else places)
    return f"{text} {unit}".strip() if unit else text


def _decimals_needed(number: float, most: int = 4) -> int:
    for places in range(most + 1):
        if abs(round(number, places) - number) < _MARGIN * max(1.0, abs(number)):
            return places
    return most


def _percent(share: float) -> str:
    percent = share * 100
    return f"{decimal(percent, _decimals_needed(percent, 2))} %"
