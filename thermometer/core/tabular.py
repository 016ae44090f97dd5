"""The one reader of tabular files (CSV and XLSX) for every import.

Pure: bytes in, rows of cells out; no database. ``read_rows`` gives (row number as Excel
shows it, cells) for each row of the file; callers map the header and check the cells.

- CSV separated by ``;``, ``,`` or a tab (taken from the header line; an Excel ``sep=;``
  first line is honoured), UTF-8 with or without BOM; a file that is not UTF-8 is read as
  Windows-1252 (what Dutch Excel writes for "CSV (gescheiden door lijstscheidingsteken)").
- XLSX: the first sheet, read-only, refused when it unpacks to more than
  ``MAX_UNPACKED`` bytes (a "zip bomb"). A numeric cell formatted as a percentage comes
  back as ``Percent`` holding the value as shown (12,4% -> 12.4).
- An old Excel file (.xls), a protected workbook, a NUL byte in a text file, an unknown
  extension: ``TabularError`` (a ``ValueError``) with a Dutch message; nothing raises for
  a bad row.

``parse_number`` reads numbers as Dutch and English files write them.
"""

import codecs
import csv
import io
import logging
import re
import warnings
import zipfile
from typing import NamedTuple

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_UNPACKED = 64 * 1024 * 1024  # refuse an .xlsx that unpacks to more ("zip bomb")
SHOWN = 60  # a cell value quoted in a message is cut to this length
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an .xlsx with a password
TEXT_EXTENSIONS = frozenset({"csv", "txt", "tsv", ""})
XLSX_EXTENSIONS = frozenset({"xlsx", "xlsm"})


class TabularError(ValueError):
    """A problem with the whole file; ``str(error)`` is a Dutch message for the user."""


class Percent(NamedTuple):
    """A numeric XLSX cell formatted as a percentage, already multiplied by 100."""

    value: float


def shown(text: str) -> str:
    """``text`` cut to a length that fits in a message."""
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def too_many(limit: int) -> str:
    return _(
        "The file has more than %(max)d rows; nothing has been imported. "
        "Split it into smaller files."
    ) % {"max": limit}


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Dutch Excel and Word write it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def unpacked_size(data: bytes) -> int:
    """The size a zip file (XLSX, DOCX, ODT, .lsa, .qdpx) unpacks to; ``BadZipFile`` if none."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def read_rows(data: bytes, filename: str, *, limit: int) -> list[tuple[int, list]]:
    """(row number, cells) for the rows of the file, up to a few past ``limit`` filled rows."""
    name = (filename or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data or not data.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise TabularError(_("The file is empty."))
    if data.startswith(OLE2_MAGIC):
        raise TabularError(
            _(
                "“%(name)s” is an old Excel file (.xls) or a protected one. "
                "Save it as .xlsx or .csv and try again."
            )
            % {"name": shown(name)}
        )
    if extension not in TEXT_EXTENSIONS | XLSX_EXTENSIONS:
        raise TabularError(_unsupported(name))
    if data.startswith(ZIP_MAGIC) or extension in XLSX_EXTENSIONS:
        return _read_xlsx(data, name, limit=limit)
    return _read_csv(data, name, limit=limit)


def cell_at(cells: list, index: int):
    return cells[index] if index < len(cells) else None


def filled(cell) -> bool:
    return cell is not None and (not isinstance(cell, str) or cell.strip() != "")


def cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Percent):
        cell = cell.value
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_number(text: str) -> float:
    """A number as written in a Dutch or English file; ``ValueError`` (Dutch) otherwise.

    "12,4" and "1.234,5" (Dutch), "12.4" and "1,234.5" (English), "1 234,5", a leading
    "€" and a trailing "%" are read; a single dot followed by exactly three digits
    ("1.234") could be either and is refused.
    """
    raw = str(text).strip()
    compact = re.sub(r"[\s\u00a0\u202f]+", "", raw).replace("\u2212", "-")
    compact = compact.removeprefix("€").removesuffix("%")
    sign = ""
    if compact[:1] in ("+", "-"):
        sign, compact = ("-" if compact[0] == "-" else ""), compact[1:]
    compact = compact.removeprefix("€")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", compact):
        raise ValueError(_not_a_number(raw))
    if "," in compact and "." in compact:
        point = "," if compact.rfind(",") > compact.rfind(".") else "."
        group = "." if point == "," else ","
        whole, _sep, fraction = compact.rpartition(point)
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", whole) or not fraction.isdigit():
            raise ValueError(_not_a_number(raw))
        number = f"{whole.replace(group, '')}.{fraction}"
    elif "," in compact or "." in compact:
        number = _one_kind_of_mark(compact, raw, sign)
    else:
        number = compact
    return float(sign + number)


def _one_kind_of_mark(compact: str, raw: str, sign: str) -> str:
    mark = "," if "," in compact else "."
    if compact.count(mark) > 1:
        if not re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", compact):
            raise ValueError(_not_a_number(raw))
        return compact.replace(mark, "")
    if not re.fullmatch(rf"\d+\{mark}\d+", compact):
        raise ValueError(_not_a_number(raw))
    if mark == "." and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", compact):
        raise ValueError(
            _(
                "“%(text)s” can be read in two ways: write %(whole)s for a whole "
                "number or %(comma)s for a decimal number."
            )
            % {
                "text": shown(raw),
                "whole": sign + compact.replace(".", ""),
                "comma": sign + compact.replace(".", ","),
            }
        )
    return compact.replace(",", ".")


def _not_a_number(raw: str) -> str:
    return _("“%(text)s” is not a number.") % {"text": shown(raw)}


def _unsupported(name: str) -> str:
    return _("“%(name)s” is not a CSV or XLSX file.") % {"name": shown(name)}


def _unreadable(name: str) -> str:
    return _("“%(name)s” cannot be read. Save it again as .xlsx or as .csv and try again.") % {
        "name": shown(name)
    }


def _read_csv(data: bytes, name: str, *, limit: int) -> list[tuple[int, list]]:
    if b"\x00" in data:
        raise TabularError(_unsupported(name))
    text = decode_text(data)
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
        raise TabularError(_unreadable(name)) from None
    return rows.rows


def _read_xlsx(data: bytes, name: str, *, limit: int) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        unpacked = unpacked_size(data)
    except zipfile.BadZipFile:
        raise TabularError(_unreadable(name)) from None
    if unpacked > MAX_UNPACKED:
        raise TabularError(_("“%(name)s” is too large to read.") % {"name": shown(name)})
    rows = _Rows(limit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise TabularError(_("The file is empty."))
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # some writers record a wrong sheet size
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                if not rows.add(number, [_xlsx_value(cell) for cell in cells]):
                    break
        finally:
            book.close()
    except TabularError:
        raise
    except Exception:  # noqa: BLE001 - whatever breaks in openpyxl, the user gets a message
        logger.info("Unreadable XLSX %r", name, exc_info=True)
        raise TabularError(_unreadable(name)) from None
    return rows.rows


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        return Percent(round(value * 100, 10))
    if isinstance(value, str):
        return value.strip()
    return value


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
        if any(map(filled, cells)):
            self.filled += 1
        if len(self.rows) > self.EMPTY_ALLOWANCE * self.limit + 1000:
            raise TabularError(too_many(self.limit))
        return self.filled <= self.limit + 1  # the header and one row too many
