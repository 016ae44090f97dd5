"""Read a national indicator file: one row per municipality, for the scan's indicators.

Pure: bytes in, a report out; no database. The service stores what the report keeps.

The file (CSV, XLSX or a CBS StatLine download; read by ``core.tabular``, so
``;``/``,``/tab, a BOM, Windows-1252 and ``sep=;`` work as in every import):

- The first non-empty row holds the column names. The municipality column is called
  ``gemeente``, ``gemeentecode``, ``code``, ``Regio's``, ``RegioS``, ``naam``, ... or,
  failing that, is the column that holds GM codes. A cell holds a code ("GM0363",
  "0363", "363") or a name ("Amsterdam", CBS's "'s-Gravenhage (gemeente)"); values are
  stripped, so CBS's space padding does not matter.
- Periods come from a period column (``perioden``, ``periode``, ``jaar``; "2020",
  "2020JJ00", "2025-Q3"), from one column per period (titles "2019", "2020", ...), or,
  when the file names none, from the period the user gives.
- Every other column holding numbers is an indicator column; a text column whose value
  differs within one municipality (CBS's "Persoonskenmerken": age groups) splits a column
  into series, one per combination ("Wmo-cliënten … — Leeftijd: 85 jaar of ouder"). Text
  columns with one value per municipality (province, ...) are descriptions and ignored.
- A series goes to the scan's indicator with the same name, CBS measure key or uuid; or
  to the indicator the user chooses, when the file has one series or the user names the
  series (part of its label is enough).
- Missing values: empty, ``.`` (CBS: unknown), ``x`` (CBS: secret), ``-``, ``?``.

Each row (and series) ends as the scan's own measurement (the scan's municipality),
a peer value (another municipality, for comparison), or skipped with a Dutch reason:
no municipality, not a municipality ("Nederland", a province), an unknown code or name,
a municipality that was split (Haaren), a missing or unreadable value or period, a
period of the wrong kind for the indicator, or a conflict (below).

Municipal mergers (``thermometer.municipalities.successors``): a code or name of a
municipality dissolved since 2020 is mapped to the municipality its territory went to
(GM0457 Weesp -> GM0363 Amsterdam) and reported as mapped, always with a warning: the
successor is larger, so the figure of one predecessor is not the successor's figure —
a count would have to be summed and a per-inhabitant figure weighted by the inhabitants,
and the file does not say which it is. When two or more rows end at the same
municipality for the same indicator and period (Appingedam, Delfzijl and Loppersum all
-> Eemsdelta; or Weesp next to Amsterdam itself), none of them is kept: choosing one
would silently present part of the municipality as the whole. A current municipality
that absorbed another after the period (Amsterdam before 24 March 2022) is kept with a
warning that the figure covers the smaller territory.

A broken file raises ``ValueError`` with a Dutch message (empty, unreadable, no
municipality column, no indicator column, no period, no series for the indicators).
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thermometer.core.tabular import Percent as _Percent
from thermometer.core.tabular import cell_at as _cell
from thermometer.core.tabular import cell_text as _text
from thermometer.core.tabular import filled as _filled
from thermometer.core.tabular import header_key as _normal
from thermometer.core.tabular import parse_number
from thermometer.core.tabular import read_rows as _read
from thermometer.core.tabular import shown as _shown
from thermometer.municipalities import successors
from thermometer.municipalities.reference import read_reference

from .monitoring import Period, kind_label, parse_period

MAX_ROWS = 50_000
OWN, PEER, SKIPPED = "own", "peer", "skipped"
MISSING = frozenset({"", ".", "..", "x", "-", "?", "nvt", "n.v.t.", "na", "n/a"})
REGION_COLUMNS = (
    "gemeentecode",
    "gmcode",
    "codegemeente",
    "regiocode",
    "statcode",
    "regios",
    "code",
    "gemeente",
    "gemeentenaam",
    "regionaam",
    "statnaam",
    "regio",
    "naam",
    "municipality",
    "municipalitycode",
    "name",
)
PERIOD_COLUMNS = ("perioden", "periode", "period", "jaar", "year", "peiljaar")
IGNORED_COLUMNS = frozenset({"id", "fid", "objectid", "jrstatcode", "ogcfid"})
NOT_MUNICIPALITY = re.compile(r"(NL\d*|[A-Z]{2}\d{2,4})|.*\((PV|CR|LD)\)")
COUNTRY_WORDS = frozenset({"nederland", "totaal", "total", "netherlands"})


@dataclass
class Outcome:
    """One row of the file for one series: kept as own, as peer, or skipped."""

    row: int
    municipality: str  # as written in the file
    status: str
    code: str = ""  # the municipality of today
    name: str = ""
    indicator: object = None
    period: Period | None = None
    value: float | None = None
    mapped_from: str = ""  # "GM0457 Weesp" when a dissolved municipality was mapped
    warning: str = ""
    reason: str = ""


@dataclass
class NationalReport:
    municipality_code: str
    series: list[str] = field(default_factory=list)
    chosen: dict[str, object] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    other_series: int = 0  # cells of series that go to no indicator

    def _with(self, status):
        return [o for o in self.outcomes if o.status == status]

    @property
    def own(self) -> list[Outcome]:
        return self._with(OWN)

    @property
    def peers(self) -> list[Outcome]:
        return self._with(PEER)

    @property
    def skipped(self) -> list[Outcome]:
        return self._with(SKIPPED)

    @property
    def mapped(self) -> list[Outcome]:
        """Kept rows of a dissolved municipality, mapped to its successor."""
        return [o for o in self.outcomes if o.mapped_from and o.status != SKIPPED]

    @property
    def importable(self) -> bool:
        return bool(self.own or self.peers)


@dataclass
class _Layout:
    region: list[int]
    period: int | None
    wide: dict[int, Period]  # column -> period, one column per period
    values: list[int]
    dimensions: list[int]
    titles: list[str]


def read_national(
    data: bytes,
    filename: str,
    indicators: dict[str, object],
    municipality_code: str,
    *,
    indicator=None,
    series: str = "",
    period: str = "",
    expected_kind=None,
) -> NationalReport:
    """The report of what the file holds (rules in the module docstring).

    ``indicators`` maps a lower-cased name, CBS measure key or uuid to the caller's
    indicator; ``indicator`` is the one the user chose (or None); ``series`` a part of
    the label of the series to take; ``period`` the period for a file without one;
    ``expected_kind(indicator)`` the period kind the indicator is measured in.
    """
    table = _read(data, filename, limit=MAX_ROWS)
    # The column names: the first row with two or more cells (a title line above the
    # table, as CBS and Excel exports have, is passed over).
    filled = [(i, sum(map(_filled, cells))) for i, (_n, cells) in enumerate(table)]
    if not any(count for _i, count in filled):
        raise ValueError(_("The file is empty."))
    header_at = next((i for i, count in filled if count >= 2), None)
    if header_at is None:
        header_at = next(i for i, count in filled if count)
    header = [_text(title) for title in table[header_at][1]]
    body = [(n, cells) for n, cells in table[header_at + 1 :] if any(map(_filled, cells))]
    if not body:
        raise ValueError(_("The file contains only the header row and no values."))
    layout = _layout(header, body)
    given = _given_period(period, layout)
    report = NationalReport(municipality_code)
    keys = _series_keys(layout, body)
    report.series = [_label(layout, key) for key in keys]
    lookup = {str(k).strip().lower(): v for k, v in indicators.items()}
    chosen = _assign(layout, keys, lookup, indicator, series)
    report.chosen = {_label(layout, key): ind for key, ind in chosen.items()}
    for row_number, cells in body:
        for key, column in _row_keys(layout, cells):
            target = chosen.get(key)
            if target is None:
                report.other_series += 1
                continue
            report.outcomes.append(
                _outcome(row_number, cells, layout, column, target, given, municipality_code)
            )
    _check_kinds(report, expected_kind)
    _refuse_collisions(report)
    return report


# Columns -------------------------------------------------------------------------------


def _layout(header: list[str], body) -> _Layout:
    normal = [_normal(title) for title in header]
    region = [i for alias in REGION_COLUMNS for i, n in enumerate(normal) if n == alias]
    if not region:
        region = [i for i in range(len(header)) if _mostly_codes(body, i)]
    if not region:
        raise ValueError(
            _(
                "No column with the municipality was found (a code such as GM0363 or a "
                "name). Call it “gemeente” or “gemeentecode”. Columns found: %(found)s."
            )
            % {"found": _titles(header)}
        )
    period = next((i for alias in PERIOD_COLUMNS for i, n in enumerate(normal) if n == alias), None)
    rest = [
        i
        for i in range(len(header))
        if i not in region and i != period and normal[i] not in IGNORED_COLUMNS
    ]
    wide = {}
    if period is None:
        for i in rest:
            try:
                wide[i] = parse_period(header[i])
            except ValueError:
                continue
    values = [i for i in rest if i in wide or _numeric(body, i)]
    if not values:
        raise ValueError(
            _(
                "No column with numbers was found next to the municipality. "
                "Columns found: %(found)s."
            )
            % {"found": _titles(header)}
        )
    texts = [i for i in rest if i not in values]
    dimensions = [i for i in texts if _varies_within_municipality(body, region[0], i)]
    return _Layout(region, period, wide, values, dimensions, header)


def _mostly_codes(body, index) -> bool:
    cells = [_text(_cell(c, index)) for _n, c in body[:50]]
    cells = [c for c in cells if c]
    return bool(cells) and sum(c.upper().startswith("GM") for c in cells) * 2 > len(cells)


def _numeric(body, index) -> bool:
    seen = False
    for _n, cells in body:
        cell = _cell(cells, index)
        if _missing(cell):
            continue
        if _number(cell) is None:
            return False
        seen = True
    return seen


def _varies_within_municipality(body, region, index) -> bool:
    first: dict[str, str] = {}
    for _n, cells in body:
        place, value = _text(_cell(cells, region)), _text(_cell(cells, index))
        if first.setdefault(place, value) != value:
            return True
    return False


def _titles(header) -> str:
    return ", ".join(f"“{_shown(t)}”" for t in header if t) or _("(none)")


def _given_period(text: str, layout: _Layout) -> Period | None:
    if layout.period is not None or layout.wide:
        return None
    if not (text or "").strip():
        raise ValueError(
            _(
                "The file has no period column and no column per period; say which "
                "period the values are for (for example 2020)."
            )
        )
    return parse_period(text.strip())


# Series --------------------------------------------------------------------------------

# A series: (value column or None for one-column-per-period, dimension values).
SeriesKey = tuple[int | None, tuple[str, ...]]


def _row_keys(layout: _Layout, cells) -> list[tuple[SeriesKey, int]]:
    dims = tuple(_text(_cell(cells, i)) for i in layout.dimensions)
    if layout.wide:
        return [((None, dims), i) for i in layout.values if i in layout.wide]
    return [((i, dims), i) for i in layout.values]


def _series_keys(layout: _Layout, body) -> list[SeriesKey]:
    keys = {}
    for _n, cells in body:
        for key, _column in _row_keys(layout, cells):
            keys.setdefault(key, None)
    return list(keys)


def _label(layout: _Layout, key: SeriesKey) -> str:
    column, dims = key
    title = layout.titles[column] if column is not None else _("values per period")
    return " — ".join([title, ", ".join(d for d in dims if d)]) if any(dims) else title


def _assign(layout, keys, lookup, indicator, wanted: str) -> dict:
    """Which series goes to which indicator; ``ValueError`` when that is unclear."""
    labels = {key: _label(layout, key) for key in keys}
    if indicator is not None:
        wanted = (wanted or "").strip().casefold()
        fitting = _fitting(keys, labels, wanted)
        if len(fitting) == 1:
            return {fitting[0]: indicator}
        listed = "; ".join(f"“{_shown(labels[k], 160)}”" for k in (fitting or keys)[:12])
        if not fitting:
            raise ValueError(
                _("No series in the file matches “%(text)s”. The file holds: %(list)s.")
                % {"text": _shown(wanted), "list": listed}
            )
        raise ValueError(
            _(
                "The file holds %(n)d series; say which one goes to “%(indicator)s” "
                "(part of its name is enough): %(list)s."
            )
            % {"n": len(fitting), "indicator": _shown(str(indicator)), "list": listed}
        )
    found = {}
    for key in keys:
        column = key[0]
        title = layout.titles[column].lower() if column is not None else ""
        match = lookup.get(labels[key].lower()) or lookup.get(title)
        if match is not None:
            found[key] = match
    if not found:
        raise ValueError(
            _(
                "No column of the file has the name of an indicator of this scan. Choose "
                "the indicator the values are for. The file holds: %(list)s."
            )
            % {"list": "; ".join(f"“{_shown(labels[k], 160)}”" for k in keys[:12])}
        )
    return found


def _fitting(keys, labels, wanted: str) -> list:
    """The series the user named: the whole label or one of its parts exactly, else any
    series whose label holds the text."""
    if not wanted:
        return list(keys)
    exact = [
        k for k in keys if wanted == labels[k].casefold() or wanted in (d.casefold() for d in k[1])
    ]
    return exact or [k for k in keys if wanted in labels[k].casefold()]


# Rows ----------------------------------------------------------------------------------


def _outcome(row_number, cells, layout, column, target, given, own_code) -> Outcome:
    written = next((_text(_cell(cells, i)) for i in layout.region if _filled(_cell(cells, i))), "")
    outcome = Outcome(row_number, written, SKIPPED, indicator=target)
    reason = _place(outcome, written)
    if not reason:
        reason = _when(outcome, cells, layout, column, given)
    if not reason:
        reason = _amount(outcome, _cell(cells, column))
    if reason:
        outcome.reason = reason
        return outcome
    outcome.status = OWN if outcome.code == own_code else PEER
    if not outcome.mapped_from:
        outcome.warning = _grew(outcome)
    return outcome


def _place(outcome: Outcome, written: str) -> str:
    """Fills code, name and mapping; returns the reason when the row has no municipality."""
    if not written:
        return _("The municipality is missing.")
    # A name first: "Groningen" and "Utrecht" are municipalities as well as provinces
    # (CBS writes a province as "Groningen (PV)").
    code = successors.normal_code(written) or successors.code_for_name(written)
    if code is None:
        plain = successors.plain_name(written)
        if (
            NOT_MUNICIPALITY.fullmatch(written.upper())
            or plain in COUNTRY_WORDS
            or plain in _provinces()
        ):
            return _("“%(text)s” is not a municipality.") % {"text": _shown(written)}
        return _("Unknown municipality “%(text)s”.") % {"text": _shown(written)}
    today = successors.current()
    if code in today:
        outcome.code, outcome.name = code, today[code]
        return ""
    moved = successors.successor(code)
    if moved is None:
        return _(
            "“%(text)s” is not a municipality of today, nor one that merged since 2020; "
            "its successor is unknown."
        ) % {"text": _shown(written)}
    if moved.code is None:
        return _(
            "%(name)s was split over %(parts)s on %(date)s; its value cannot be given "
            "to one of them."
        ) % {
            "name": moved.name,
            "parts": ", ".join(c.new_name for c in moved.split_over),
            "date": date_format(moved.date, "j F Y"),
        }
    first = moved.changes[0]
    outcome.code, outcome.name = moved.code, moved.name
    outcome.mapped_from = f"{first.old_code} {first.old_name}"
    outcome.warning = _(
        "%(old)s merged into %(new)s on %(date)s. The value is that of %(old)s alone: "
        "a count would have to be added up and a rate weighted to stand for %(new)s."
    ) % {"old": first.old_name, "new": moved.name, "date": date_format(moved.date, "j F Y")}
    return ""


def _when(outcome, cells, layout, column, given) -> str:
    if layout.wide:
        outcome.period = layout.wide[column]
        return ""
    if layout.period is None:
        outcome.period = given
        return ""
    cell = _cell(cells, layout.period)
    text = _text(cell)
    if not text:
        return _("The period is missing.")
    try:
        outcome.period = parse_period(text if not isinstance(cell, int | float) else str(cell))
    except ValueError as error:
        return str(error)
    return ""


def _amount(outcome, cell) -> str:
    if _missing(cell):
        shown = _text(cell)
        if shown:
            return _("No value (“%(text)s”).") % {"text": _shown(shown)}
        return _("No value (empty cell).")
    value = _number(cell)
    if value is None:
        try:
            parse_number(_text(cell))
        except ValueError as error:
            return str(error)
        return _("“%(text)s” is not a number.") % {"text": _shown(_text(cell))}
    outcome.value = value
    return ""


def _grew(outcome: Outcome) -> str:
    end = _period_end(outcome.period)
    grown = successors.grew_after(outcome.code, end)
    if not grown:
        return ""
    return _(
        "%(name)s grew after %(period)s (%(others)s joined on %(date)s); this value is for "
        "the smaller municipality."
    ) % {
        "name": outcome.name,
        "period": outcome.period.label,
        "others": ", ".join(c.old_name for c in grown),
        "date": date_format(grown[0].date, "j F Y"),
    }


def _period_end(period: Period) -> datetime.date:
    month = period.last_month
    following = datetime.date(period.year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _check_kinds(report: NationalReport, expected_kind) -> None:
    if expected_kind is None:
        return
    for outcome in report.outcomes:
        if outcome.status == SKIPPED or outcome.period is None:
            continue
        kind = expected_kind(outcome.indicator)
        if kind and kind != outcome.period.kind:
            outcome.status = SKIPPED
            outcome.reason = _(
                "“%(indicator)s” is measured per %(kind)s, but %(period)s is a %(period_kind)s."
            ) % {
                "indicator": _shown(str(outcome.indicator)),
                "kind": kind_label(kind),
                "period": outcome.period.label,
                "period_kind": kind_label(outcome.period.kind),
            }


def _refuse_collisions(report: NationalReport) -> None:
    """Rows that end at one municipality for one indicator and period: none is kept."""
    kept = [o for o in report.outcomes if o.status != SKIPPED]
    counts = Counter((id(o.indicator), o.code, o.period) for o in kept)
    groups: dict[tuple, list[Outcome]] = {}
    for outcome in kept:
        key = (id(outcome.indicator), outcome.code, outcome.period)
        if counts[key] > 1:
            groups.setdefault(key, []).append(outcome)
    for group in groups.values():
        rows = ", ".join(str(o.row) for o in group)
        names = ", ".join(o.municipality for o in group)
        for outcome in group:
            outcome.status = SKIPPED
            outcome.reason = _(
                "Rows %(rows)s (%(names)s) all stand for %(name)s in %(period)s. One of "
                "them would present part of %(name)s as the whole, and the file does not "
                "say whether to add them up or to weight them; none of them is imported."
            ) % {"rows": rows, "names": names, "name": outcome.name, "period": outcome.period.label}


# Cells ---------------------------------------------------------------------------------


def _missing(cell) -> bool:
    if cell is None:
        return True
    if isinstance(cell, int | float | _Percent) and not isinstance(cell, bool):
        return False
    return _text(cell).casefold() in MISSING


def _number(cell) -> float | None:
    if isinstance(cell, _Percent):
        return cell.value
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        return float(cell) if cell == cell and abs(cell) != float("inf") else None
    try:
        return parse_number(_text(cell))
    except ValueError:
        return None


@cache
def _provinces() -> frozenset[str]:
    names = {successors.plain_name(r["province"]) for r in read_reference()}
    return frozenset(names | {"friesland"})
