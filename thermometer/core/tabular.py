"""The one reader of tabular files (CSV and XLSX) for every import, and the byte checks
every upload shares (the text decoding, the magic bytes, the zip-size guard).

Pure: bytes in, rows of cells out; no database. ``read_rows`` gives (row number as Excel
shows it, cells) for each row of the file; callers map the header and check the cells.

- CSV separated by ``;``, ``,`` or a tab (taken from the header line; an Excel ``sep=;``
  first line is honoured; a caller that knows its column names lets them pick the
  separator under which the header makes sense). UTF-8 with or without BOM, UTF-16 with
  a BOM (Excel's "Unicode text"); a file that is not UTF-8 is read as Windows-1252 (what
  Dutch Excel writes for "CSV (gescheiden door lijstscheidingsteken)"). Bytes that are no
  text (a NUL byte, control characters) refuse the file.
- XLSX: the first sheet, read-only, refused when it unpacks to more than
  ``MAX_UNPACKED`` bytes (a "zip bomb"). A numeric cell formatted as a percentage comes
  back as ``Percent`` holding the value as shown (12,4% -> 12.4).
- An old Excel file (.xls), a protected workbook, an unknown extension, a broken file:
  ``TabularError`` (a ``ValueError``) with a Dutch message and a ``reason`` an app may
  put in its own words; nothing raises for a bad row.

``parse_number`` reads numbers as Dutch and English files write them.
"""

import codecs
import csv
import io
import logging
import re
import warnings
import zipfile
from collections.abc import Callable
from typing import NamedTuple

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_UNPACKED = 64 * 1024 * 1024  # refuse an .xlsx that unpacks to more ("zip bomb")
SHOWN = 60  # a cell value quoted in a message is cut to this length
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc, or an Office file with a password
TEXT_EXTENSIONS = frozenset({"csv", "txt", "tsv", ""})
XLSX_EXTENSIONS = frozenset({"xlsx", "xlsm"})
EXTENSIONS = TEXT_EXTENSIONS | XLSX_EXTENSIONS
DELIMITERS = (";", "\t", ",")  # in order of preference: Dutch Excel writes ";"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never in a text file
_SEP_LINE = re.compile(r"sep=([;,\t|])\r?\n")  # Excel's "sep=;" first line
_EMPTY_LINES = re.compile(r"(?:[;,\t \"]*(?:\r\n|\n|\r))*")  # lines such as ";;;" on top

# Why a file is refused (``TabularError.reason``), for an app that words it its own way.
EMPTY = "empty"
OLD_EXCEL = "old_excel"  # an .xls, or a workbook protected with a password
UNSUPPORTED = "unsupported"  # an extension the caller does not read
NOT_TEXT = "not_text"  # read as text, but it is not text (binary, control characters)
BROKEN_WORKBOOK = "broken_workbook"  # an .xlsx that cannot be opened or read
TOO_LARGE = "too_large"  # an .xlsx that unpacks to more than MAX_UNPACKED
TOO_MANY = "too_many"  # more rows than the caller's limit
OPEN_QUOTE = "open_quote"  # a quotation mark left open swallows the rest; ``row`` says where


class TabularError(ValueError):
    """A problem with the whole file; ``str(error)`` is a Dutch message for the user.

    ``reason`` is one of the constants above (or "" for an app's own problem); ``row`` is
    the row an open quotation mark starts in.
    """

    def __init__(self, message: str, reason: str = "", *, row: int | None = None):
        super().__init__(message)
        self.reason = reason
        self.row = row


class Percent(NamedTuple):
    """A numeric XLSX cell formatted as a percentage, already multiplied by 100."""

    value: float


def shown(text: str, limit: int = SHOWN) -> str:
    """``text`` cut to a length that fits in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def too_many(limit: int) -> str:
    return _(
        "The file has more than %(max)d rows; nothing has been imported. "
        "Split it into smaller files."
    ) % {"max": limit}


def base_name(filename: str) -> str:
    """The file's own name, also from a Windows path ("C:\\Users\\a\\lijst.csv")."""
    return (filename or "").replace("\\", "/").rsplit("/", 1)[-1]


def extension_of(filename: str) -> str:
    name = base_name(filename)
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def decode_text(data: bytes, errors: str = "replace") -> str:
    """Text as Excel, Word and text editors save it.

    UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 as Dutch Excel and
    Word write it. ``errors="strict"`` raises ``UnicodeDecodeError`` for bytes that are
    none of these; the default puts a replacement character in their place.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors)  # Excel's "Unicode text" (.txt, tab-separated)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors)  # Excel's plain "CSV" on Windows


def unpacked_size(archive: bytes | zipfile.ZipFile) -> int:
    """What a zip (XLSX, DOCX, ODT, .lsa, .qdpx) says it unpacks to; ``BadZipFile`` if none.

    Python's zipfile never unpacks a member past the size it declares, so the sum of the
    declared sizes bounds what reading the archive can cost.
    """
    if isinstance(archive, zipfile.ZipFile):
        return sum(info.file_size for info in archive.infolist())
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return unpacked_size(opened)


def zip_bomb(
    archive: bytes | zipfile.ZipFile,
    *,
    packed_size: int,
    max_unpacked: int,
    max_ratio: int | None = None,
) -> bool:
    """Whether the zip unpacks to more than ``max_unpacked`` bytes, or (with ``max_ratio``)
    to more than ``max_ratio`` times its own ``packed_size``."""
    total = unpacked_size(archive)
    if total > max_unpacked:
        return True
    return max_ratio is not None and total > max(packed_size, 1) * max_ratio


def read_rows(
    data: bytes,
    filename: str,
    *,
    limit: int,
    extensions: frozenset[str] = EXTENSIONS,
    header_names: Callable[[str], object] | None = None,
    content_decides: bool = False,
    refuse_open_quotes: bool = False,
) -> list[tuple[int, list]]:
    """(row number, cells) for the rows of the file, up to a few past ``limit`` filled rows.

    ``extensions``: the ones the caller reads (an .xls is always refused as old Excel).
    ``header_names(title)`` is true for a column name the caller knows; the separator
    under which the header holds the most of them wins. ``content_decides``: a file named
    .xlsx that is no zip is read as CSV (else it is a broken workbook).
    ``refuse_open_quotes``: a cell holding the separator and a line break is taken as a
    quotation mark left open, which would swallow the rows below it.
    """
    name = base_name(filename)
    extension = extension_of(name)
    if extension == "xls":
        raise TabularError(_old_excel(name), OLD_EXCEL)
    if extension not in extensions:
        raise TabularError(_unsupported(name), UNSUPPORTED)
    if not data or not data.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise TabularError(_("The file is empty."), EMPTY)
    if data.startswith(OLE2_MAGIC):
        raise TabularError(_old_excel(name), OLD_EXCEL)
    if data.startswith(ZIP_MAGIC) or (extension in XLSX_EXTENSIONS and not content_decides):
        return _read_xlsx(data, name, limit=limit)
    try:
        text = decode_text(data, errors="strict")
    except UnicodeDecodeError:
        text = None
    if text is None or CONTROL.search(text):
        if extension in XLSX_EXTENSIONS:
            raise TabularError(_unreadable(name), BROKEN_WORKBOOK)
        raise TabularError(_unsupported(name), NOT_TEXT)
    delimiter, text = _delimiter(text, header_names)
    return _read_csv(text, name, delimiter, limit=limit, refuse_open_quotes=refuse_open_quotes)


def cell_at(cells: list, index: int | None):
    return cells[index] if index is not None and index < len(cells) else None


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


def header_key(title) -> str:
    """A column name compared as people vary it: "E-mail adres", "e_mail" -> "emailadres"."""
    return re.sub(r"[^0-9a-z]", "", cell_text(title).casefold())


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


def _old_excel(name: str) -> str:
    return _(
        "“%(name)s” is an old Excel file (.xls) or a protected one. "
        "Save it as .xlsx or .csv and try again."
    ) % {"name": shown(name)}


def _delimiter(text: str, header_names) -> tuple[str, str]:
    """The separator, and the text without Excel's ``sep=`` line (Excel itself hides it).

    The one under which the header row holds the most column names the caller knows, then
    the most cells; a tie goes to ";" when the header line has one, else to a tab, else ",".
    """
    separator = _SEP_LINE.match(text)
    if separator:
        return separator[1], text[separator.end() :]
    lines = [line for line in text[:65536].splitlines()[:1000] if line.strip()]
    first = next((line for line in lines if any(map(str.isalnum, line))), "")
    first = first or (lines[0] if lines else "")
    preferred = ";" if ";" in first else "\t" if "\t" in first else ","
    sample = text[_EMPTY_LINES.match(text).end() :][:65536]
    score = {d: _header_score(sample, d, header_names) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (*score[d], d == preferred)), text


def _header_score(sample: str, delimiter: str, header_names) -> tuple[int, int]:
    """(known column names, cells) of the first non-empty row, read with ``delimiter``."""
    try:
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if any(cell.strip() for cell in record):
                known = sum(1 for cell in record if header_names and header_names(cell))
                return known, len(record)
    except csv.Error:
        return -1, -1
    return 0, 0


def _read_csv(
    text: str, name: str, delimiter: str, *, limit: int, refuse_open_quotes: bool
) -> list[tuple[int, list]]:
    rows = _Rows(limit)
    number = 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, cells in enumerate(reader, start=1):
            if refuse_open_quotes and any(
                delimiter in cell and ("\n" in cell or "\r" in cell) for cell in cells
            ):
                raise TabularError(_unreadable(name), OPEN_QUOTE, row=number)
            if not rows.add(number, cells):
                break
    except csv.Error:  # e.g. a cell beyond csv.field_size_limit(): a runaway quote
        logger.info("Unreadable CSV %r", name, exc_info=True)
        raise TabularError(_unreadable(name), OPEN_QUOTE, row=number + 1) from None
    return rows.rows


def _read_xlsx(data: bytes, name: str, *, limit: int) -> list[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        too_large = zip_bomb(data, packed_size=len(data), max_unpacked=MAX_UNPACKED)
    except zipfile.BadZipFile:
        raise TabularError(_unreadable(name), BROKEN_WORKBOOK) from None
    if too_large:
        raise TabularError(_("“%(name)s” is too large to read.") % {"name": shown(name)}, TOO_LARGE)
    rows = _Rows(limit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise TabularError(_("The file is empty."), EMPTY)
            sheet = book.worksheets[0]
            # A sheet claiming A1:XFD1048576 would make every row 16,384 cells wide.
            sheet.reset_dimensions()
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                if not rows.add(number, [_xlsx_value(cell) for cell in cells]):
                    break
        finally:
            book.close()
    except TabularError:
        raise
    except Exception:  # noqa: BLE001 - whatever breaks in openpyxl, the user gets a message
        logger.info("Unreadable XLSX %r", name, exc_info=True)
        raise TabularError(_unreadable(name), BROKEN_WORKBOOK) from None
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
            raise TabularError(too_many(self.limit), TOO_MANY)
        return self.filled <= self.limit + 1  # the header and one row too many
