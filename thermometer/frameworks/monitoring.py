"""An indicator's measurements against its norm: a traffic light and a trend.

Pure: plain values in, plain values out; no database. Messages and labels go through
gettext (English msgids, translated to Dutch in the app's catalogue).

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
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from thermometer.core.formatting import decimal

# Periods are read in the core (the StatLine client needs them too); imported here under
# their old names so ``frameworks.monitoring`` keeps offering them.
from thermometer.core.periods import (  # noqa: F401
    FIRST_YEAR,
    HALF,
    KINDS,
    LAST_YEAR,
    MONTH,
    QUARTER,
    SHOWN,
    YEAR,
    Period,
    kind_label,
    parse_period,
)

# An indicator's frequency (the method's keys) -> the kind of its periods.
KIND_FOR_FREQUENCY = {"yearly": YEAR, "half_yearly": HALF, "quarterly": QUARTER, "monthly": MONTH}

GREEN, AMBER, RED = "green", "amber", "red"
UP, DOWN, FLAT = "up", "down", "flat"
# A change of at most this share of the previous value's magnitude is "flat".
FLAT_SHARE = 0.01
_MARGIN = 1e-9


class Direction(StrEnum):
    AT_LEAST = "at_least"  # value >= norm is on track
    AT_MOST = "at_most"  # value <= norm is on track
    HIGHER = "higher"  # rising is good; no norm needed
    LOWER = "lower"  # falling is good; no norm needed


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
        colour, reason, rule = _light_by_trend(direction, trend, previous, amount)
    elif norm is None:
        explanation = _("%(period)s: %(value)s — no norm has been set, so there is no colour.")
        return Status(None, latest, previous, trend, explanation % head, series)
    else:
        colour, reason, rule = _light_by_norm(latest[1], norm, direction, tolerance, amount)
    return Status(colour, latest, previous, trend, _sentence(head, rule, colour, reason), series)


def _light_by_trend(direction: str, trend: str | None, previous, amount) -> tuple[str, str, str]:
    """Colour, reason and rule of a "higher/lower is better" indicator: its trend decides."""
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
    return colour, reason, rule


def _light_by_norm(
    value: float, norm: float, direction: str, tolerance: float, amount
) -> tuple[str, str, str]:
    """Colour, reason and rule of an "at least/at most" indicator: the latest value
    against the norm, amber within the tolerance."""
    at_least = direction == Direction.AT_LEAST
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
    return colour, reason, rule


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
