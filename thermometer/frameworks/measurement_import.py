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

import codecs
import csv
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .monitoring import MONTH, Period, kind_label, parse_period

logger = logging.getLogger(__name__)

MAX_ROWS = 20_000
MAX_XLSX_UNPACKED = 64 * 1024 * 1024  # refuse an .xlsx that unpacks to more ("zip bomb")
SHOWN = 60  # a cell value quoted in a message is cut to this length
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an .xlsx with a password
TEXT_EXTENSIONS = frozenset({"csv", "txt", "tsv", ""})
XLSX_EXTENSIONS = frozenset({"xlsx", "xlsm"})

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
        problems: list[str] = []
        indicator = _indicator(cells, columns["indicator"], lookup, problems)
        period = _period(cells, columns["period"], problems)
        value = _value(cells, columns["value"], problems)
        if indicator is not None and period is not None and expected_kind is not None:
            kind = expected_kind(indicator)
            if kind and kind != period.kind:
                problems.append(
                    _(
                        "“%(indicator)s” is measured per %(kind)s, but %(period)s is a "
                        "%(period_kind)s."
                    )
                    % {
                        "indicator": _shown(str(indicator)),
                        "kind": kind_label(kind),
                        "period": period.label,
                        "period_kind": kind_label(period.kind),
                    }
                )
        if not problems:
            key = (_identity(indicator), period)
            if key in seen:
                problems.append(
                    _("Duplicate of row %(row)d: “%(indicator)s” for %(period)s.")
                    % {
                        "row": seen[key],
                        "indicator": _shown(str(indicator)),
                        "period": period.label,
                    }
                )
            else:
                seen[key] = row_number
        if problems:
            result.errors.extend(RowError(row_number, problem) for problem in problems)
            continue
        note = "; ".join(text for text in (_text(_cell(cells, i)) for i in columns["note"]) if text)
        result.rows.append(MeasurementRow(indicator, period, value, note))
    if count == 0:
        raise ValueError(_("The file contains only the header row and no measurements."))
    return result


def parse_number(text: str) -> float:
    """A number as written in a Dutch or English file; ``ValueError`` (Dutch) otherwise."""
    raw = str(text).strip()
    compact = re.sub(r"[\s\u00a0\u202f]+", "", raw).replace("\u2212", "-")
    compact = compact.removeprefix("€").removesuffix("%")
    sign = ""
    if compact[:1] in ("+", "-"):
        sign, compact = ("-" if compact[0] == "-" else ""), compact[1:]
    compact = compact.removeprefix("€")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", compact):
        raise ValueError(_("“%(text)s” is not a number.") % {"text": _shown(raw)})
    if "," in compact and "." in compact:
        point = "," if compact.rfind(",") > compact.rfind(".") else "."
        group = "." if point == "," else ","
        whole, _sep, fraction = compact.rpartition(point)
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", whole) or not fraction.isdigit():
            raise ValueError(_("“%(text)s” is not a number.") % {"text": _shown(raw)})
        number = f"{whole.replace(group, '')}.{fraction}"
    elif "," in compact or "." in compact:
        mark = "," if "," in compact else "."
        if compact.count(mark) > 1:
            if not re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", compact):
                raise ValueError(_("“%(text)s” is not a number.") % {"text": _shown(raw)})
            number = compact.replace(mark, "")
        else:
            if not re.fullmatch(rf"\d+\{mark}\d+", compact):
                raise ValueError(_("“%(text)s” is not a number.") % {"text": _shown(raw)})
            if mark == "." and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", compact):
                raise ValueError(
                    _(
                        "“%(text)s” can be read in two ways: write %(whole)s for a whole "
                        "number or %(comma)s for a decimal number."
                    )
                    % {
                        "text": _shown(raw),
                        "whole": sign + compact.replace(".", ""),
                        "comma": sign + compact.replace(".", ","),
                    }
                )
            number = compact.replace(",", ".")
    else:
        number = compact
    return float(sign + number)


# Columns ---------------------------------------------------------------------------------


def _normal(title) -> str:
    return re.sub(r"[^0-9a-z]", "", _text(title).casefold())


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


class _Percent(NamedTuple):
    """A numeric XLSX cell formatted as a percentage, already multiplied by 100."""

    value: float


def _cell(cells: list, index: int):
    return cells[index] if index < len(cells) else None


def _filled(cell) -> bool:
    return cell is not None and (not isinstance(cell, str) or cell.strip() != "")


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, _Percent):
        cell = cell.value
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _identity(indicator):
    try:
        hash(indicator)
    except TypeError:
        return id(indicator)
    return indicator


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _too_many(limit: int) -> str:
    return _(
        "The file has more than %(max)d rows; nothing has been imported. "
        "Split it into smaller files."
    ) % {"max": limit}


# Files -------------------------------------------------------------------------------------


def _read(data: bytes, filename: str, *, limit: int) -> list[tuple[int, list]]:
    """(row number, cells) for the rows of the file, up to a few past the limit."""
    name = (filename or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data or not data.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise ValueError(_("The file is empty."))
    if data.startswith(OLE2_MAGIC):
        raise ValueError(
            _(
                "“%(name)s” is an old Excel file (.xls) or a protected one. "
                "Save it as .xlsx or .csv and try again."
            )
            % {"name": _shown(name)}
        )
    if extension not in TEXT_EXTENSIONS | XLSX_EXTENSIONS:
        raise ValueError(_unsupported(name))
    if data.startswith(ZIP_MAGIC) or extension in XLSX_EXTENSIONS:
        return _read_xlsx(data, name, limit=limit)
    return _read_csv(data, name, limit=limit)


def _unsupported(name: str) -> str:
    return _("“%(name)s” is not a CSV or XLSX file.") % {"name": _shown(name)}


def _unreadable(name: str) -> str:
    return _("“%(name)s” cannot be read. Save it again as .xlsx or as .csv and try again.") % {
        "name": _shown(name)
    }


def _read_csv(data: bytes, name: str, *, limit: int) -> list[tuple[int, list]]:
    if b"\x00" in data:
        raise ValueError(_unsupported(name))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    delimiter = None
    separator = re.match(r"sep=([;,\t|])\r?\n", text)
    if separator:
        delimiter, text = separator[1], text[separator.end() :]
    if delimiter is None:
        lines = [line for line in text.splitlines()[:1000] if line.strip()]
        first = next((line for line in lines if any(map(str.isalnum, line))), "")
        first = first or (lines[0] if lines else "")
        delimiter = ";" if ";" in first else "\t" if "\t" in first else ","
    rows = _Rows(limit)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, cells in enumerate(reader, start=1):
            if not rows.add(number, cells):
                break
    except csv.Error:
        logger.info("Unreadable CSV %r", name, exc_info=True)
        raise ValueError(_unreadable(name)) from None
    return rows.rows


def _read_xlsx(data: bytes, name: str, *, limit: int) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ValueError(_unreadable(name)) from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise ValueError(_("“%(name)s” is too large to read.") % {"name": _shown(name)})
    rows = _Rows(limit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise _FileProblem(_("The file is empty."))
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # some writers record a wrong sheet size
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                if not rows.add(number, [_xlsx_value(cell) for cell in cells]):
                    break
        finally:
            book.close()
    except _FileProblem:
        raise
    except Exception:  # noqa: BLE001 - whatever breaks in openpyxl, the user gets a message
        logger.info("Unreadable XLSX %r", name, exc_info=True)
        raise ValueError(_unreadable(name)) from None
    return rows.rows


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        return _Percent(round(value * 100, 10))
    if isinstance(value, str):
        return value.strip()
    return value


class _FileProblem(ValueError):
    """A problem with the whole file, raised from inside a reader."""


class _Rows:
    """Collects rows until one past the limit is known to be exceeded.

    Empty rows are kept (they count for the row numbers) but not counted; a sheet of
    mostly empty formatted rows is cut off after ``EMPTY_ALLOWANCE`` x the limit.
    """

    EMPTY_ALLOWANCE = 5

    def __init__(self, limit: int):
        self.limit = limit
        self.rows: list[tuple[int, list]] = []
        self.filled = 0

    def add(self, number: int, cells: list) -> bool:
        """Keep the row; False when reading can stop."""
        self.rows.append((number, cells))
        if any(map(_filled, cells)):
            self.filled += 1
        if len(self.rows) > self.EMPTY_ALLOWANCE * self.limit + 1000:
            raise _FileProblem(_too_many(self.limit))
        return self.filled <= self.limit + 1  # the header and one row too many
