"""The one writer of every table the product exports (CSV and XLSX).

Every cell passes ``safe_cell``: a text that a spreadsheet would take as a formula (it
starts with = + - @, a tab or a carriage return) gets a leading apostrophe, whoever wrote
it — a respondent, an adviser's option label, a question text, a participant's name.
Numbers and dates stay numbers and dates."""

import csv
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet must show it: text never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(header: list, rows) -> bytes:
    """Semicolons and UTF-8 with a byte order mark: Dutch Excel opens it as it is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(v) for v in header])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass
class Sheet:
    title: str
    rows: list = field(default_factory=list)  # the first row is the header, if any
    freeze: str | None = None  # e.g. "B2": the header row and first column stay in view


def xlsx_bytes(sheets: list[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        target = book.create_sheet(sheet.title[:31])  # Excel's limit on sheet names
        for row in sheet.rows:
            target.append([safe_cell(v) for v in row])
        # openpyxl takes any text starting with "=" as a formula; the apostrophe above
        # prevents that, and every text cell is written as text to be sure.
        for row in target.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING
        if sheet.freeze:
            target.freeze_panes = sheet.freeze
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
