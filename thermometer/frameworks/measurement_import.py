"""Read measurements (indicator, period, value, note) from a CSV or XLSX file.

Pure: bytes in, plain data out; no database. The caller passes its indicators by
lower-cased name or code.

The file:

- CSV separated by ``;``, ``,`` or a tab (taken from the header line; an Excel
  ``sep=;`` first line is honoured), UTF-8 with or without BOM; a file that is not UTF-8
  is read as Windows-1252 (what Dutch Excel writes for "CSV (gescheiden door
  lijstscheidingsteken)").
- XLSX: the first sheet, read-only. A numeric cell formatted as a percentage is taken as
  shown (a cell showing 12,4% holds 0.124 and is read as 12.4). A date cell is the month
  it falls in when it is the first of that month (Excel turns a typed "2025-03" into
  1 March 2025); any other date is refused.
- The first non-empty row holds the column names, matched case-insensitively and ignoring
  spaces and punctuation: indicator (``indicator``, ``naam``, ``code``, ...), period
  (``periode``, ``period``, ``jaar``, ...), value (``waarde``, ``value``) and optionally a
  note (``toelichting``, ``bron``, ``note``, ...). Several indicator columns (say ``code``
  and ``naam``) are allowed: the first filled one that is known wins, and they must not
  point to different indicators. Several note columns are joined with "; ". Other columns
  are ignored.

Rows are numbered as Excel shows them (the header is row 1 when nothing is above it).
Empty rows are skipped. A bad row gets one message per problem and is left out; the good
rows are kept; nothing raises for a bad row. Problems:

- unknown or missing indicator; indicator columns that disagree;
- missing or unreadable period, or (with ``expected_kind``) a period of the wrong kind;
- missing or non-numeric value, or an ambiguous one such as "1.234";
- a second row for the same indicator and period: the later row is the error.

Numbers: "12,4" and "1.234,5" (Dutch), "12.4" and "1,234.5" (English), "1 234,5", a
leading "€" and a trailing "%" are read; a single dot followed by exactly three digits
("1.234") could be either and is refused.

A broken file raises ``ValueError`` with a Dutch message: empty, not CSV/XLSX, unreadable,
no header row with the required columns, only a header, or more than ``max_rows`` rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

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
from thermometer.core.tabular import too_many as _too_many

from .monitoring import MONTH, Period, kind_label, parse_period

__all__ = ["ImportResult", "MeasurementRow", "RowError", "parse_number", "read_measurements"]

MAX_ROWS = 20_000

# Accepted column names after casefolding and dropping all but letters and digits.
COLUMNS = {
    "indicator": ("indicator", "indicatorcode", "code", "indicatornaam", "naam", "name"),
    "period": ("periode", "period", "jaar", "year", "kwartaal", "quarter", "maand", "month"),
    "value": ("waarde", "value", "meetwaarde"),
    "note": ("toelichting", "bron", "note", "notes", "opmerking", "source"),
}
_ALIAS = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
REQUIRED = ("indicator", "period", "value")
# How the columns are called in messages (the names people put in their files).
COLUMN_LABELS = {"indicator": "indicator", "period": "periode", "value": "waarde"}


class MeasurementRow(NamedTuple):
    indicator: object
    period: Period
    value: float
    note: str


class RowError(NamedTuple):
    row: int
    message: str


@dataclass
class ImportResult:
    rows: list[MeasurementRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_measurements(
    data: bytes,
    filename: str,
    indicators: dict[str, object],
    *,
    expected_kind: Callable[[object], str | None] | None = None,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Parse a measurement file (rules in the module docstring).

    ``indicators`` maps a name or code (compared lower-cased, surrounding spaces ignored)
    to the caller's indicator object, which comes back in the rows as is.
    ``expected_kind(indicator)`` may return the kind of period the indicator is measured
    in ("year", "half", "quarter", "month"; see ``monitoring.KIND_FOR_FREQUENCY``) to
    refuse rows of another kind, or ``None`` to accept any.
    """
    lookup = {str(key).strip().lower(): value for key, value in indicators.items()}
    table = _read(data, filename, limit=max_rows)
    header_at = next((i for i, (_n, cells) in enumerate(table) if any(map(_filled, cells))), None)
    if header_at is None:
        raise ValueError(_("The file is empty."))
    columns = _columns(table[header_at][1])

    result = ImportResult()
    seen: dict[tuple, int] = {}
    count = 0
    for row_number, cells in table[header_at + 1 :]:
        if not any(map(_filled, cells)):
            continue
        count += 1
        if count > max_rows:
            raise ValueError(_too_many(max_rows))
        row, problems = _measurement(cells, columns, lookup, expected_kind)
        if not problems:
            problems = _repeated(row, row_number, seen)
        if problems:
            result.errors.extend(RowError(row_number, problem) for problem in problems)
        else:
            result.rows.append(row)
    if count == 0:
        raise ValueError(_("The file contains only the header row and no measurements."))
    return result


def _measurement(cells, columns, lookup, expected_kind) -> tuple[MeasurementRow | None, list]:
    """The row's measurement, or None and one message per problem."""
    problems: list[str] = []
    indicator = _indicator(cells, columns["indicator"], lookup, problems)
    period = _period(cells, columns["period"], problems)
    value = _value(cells, columns["value"], problems)
    if indicator is not None and period is not None and expected_kind is not None:
        kind = expected_kind(indicator)
        if kind and kind != period.kind:
            problems.append(
                _("“%(indicator)s” is measured per %(kind)s, but %(period)s is a %(period_kind)s.")
                % {
                    "indicator": _shown(str(indicator)),
                    "kind": kind_label(kind),
                    "period": period.label,
                    "period_kind": kind_label(period.kind),
                }
            )
    if problems:
        return None, problems
    note = "; ".join(text for text in (_text(_cell(cells, i)) for i in columns["note"]) if text)
    return MeasurementRow(indicator, period, value, note), []


def _repeated(row: MeasurementRow, row_number: int, seen: dict[tuple, int]) -> list[str]:
    """The message for a second row of the same indicator and period; else the row is seen."""
    key = (_identity(row.indicator), row.period)
    if key in seen:
        return [
            _("Duplicate of row %(row)d: “%(indicator)s” for %(period)s.")
            % {
                "row": seen[key],
                "indicator": _shown(str(row.indicator)),
                "period": row.period.label,
            }
        ]
    seen[key] = row_number
    return []


# Columns ---------------------------------------------------------------------------------


def _columns(header: list) -> dict[str, list[int]]:
    columns: dict[str, list[int]] = {name: [] for name in COLUMNS}
    for index, title in enumerate(header):
        column = _ALIAS.get(_normal(title))
        if column:
            columns[column].append(index)
    # Indicator columns in the order of preference of their names (code before name).
    order = COLUMNS["indicator"]
    columns["indicator"].sort(key=lambda i: order.index(_normal(header[i])))
    missing = [COLUMN_LABELS[name] for name in REQUIRED if not columns[name]]
    found = ", ".join(f"“{_shown(_text(title))}”" for title in header if _filled(title))
    if len(missing) == len(REQUIRED):
        raise ValueError(
            _(
                "The first row must contain the column names indicator, periode and waarde "
                "(or indicator, period and value). Found: %(found)s."
            )
            % {"found": found or _("(none)")}
        )
    if missing:
        raise ValueError(
            _("Missing column(s): %(missing)s. Columns found: %(found)s.")
            % {"missing": ", ".join(missing), "found": found}
        )
    for name in ("period", "value"):
        if len(columns[name]) > 1:
            raise ValueError(
                _("The column “%(column)s” appears more than once (%(titles)s); keep one.")
                % {
                    "column": COLUMN_LABELS[name],
                    "titles": ", ".join(f"“{_text(header[i])}”" for i in columns[name]),
                }
            )
    return columns


# Cells -------------------------------------------------------------------------------------


def _indicator(cells, indexes, lookup, problems):
    names = [text for text in (_text(_cell(cells, i)) for i in indexes) if text]
    if not names:
        problems.append(_("The indicator is missing."))
        return None
    found = []
    for name in names:
        indicator = lookup.get(name.lower())
        if indicator is not None and indicator not in found:
            found.append(indicator)
    if not found:
        problems.append(_("Unknown indicator “%(name)s”.") % {"name": _shown(names[0])})
        return None
    if len(found) > 1:
        problems.append(
            _("“%(one)s” and “%(other)s” are different indicators; fill in one of them.")
            % {"one": _shown(names[0]), "other": _shown(names[1])}
        )
        return None
    return found[0]


def _period(cells, indexes, problems) -> Period | None:
    cell = _cell(cells, indexes[0])
    if isinstance(cell, datetime | date):
        if cell.day == 1 and (not isinstance(cell, datetime) or cell.time() == datetime.min.time()):
            return Period(cell.year, MONTH, cell.month)
        problems.append(
            _(
                "The date %(date)s is not a period. Write a year (2025), a half year "
                "(2025-H1), a quarter (2025-Q3) or a month (2025-03)."
            )
            % {"date": date_format(cell, "j F Y")}
        )
        return None
    text = _text(cell)
    if not text:
        problems.append(_("The period is missing."))
        return None
    try:
        return parse_period(text)
    except ValueError as error:
        problems.append(str(error))
        return None


def _value(cells, indexes, problems) -> float | None:
    cell = _cell(cells, indexes[0])
    if isinstance(cell, _Percent):
        return cell.value
    if isinstance(cell, bool):
        problems.append(_("“%(text)s” is not a number.") % {"text": cell})
        return None
    if isinstance(cell, int | float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            problems.append(_("“%(text)s” is not a number.") % {"text": cell})
            return None
        return float(cell)
    text = _text(cell)
    if not text:
        problems.append(_("The value is missing."))
        return None
    try:
        return parse_number(text)
    except ValueError as error:
        problems.append(str(error))
        return None


def _identity(indicator):
    try:
        hash(indicator)
    except TypeError:
        return id(indicator)
    return indicator
