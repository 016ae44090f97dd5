"""Read a municipality's Iv3 figures (taakveld × year) from the CSV or XLSX a controller
exports (pure: bytes in, plain data out).

Two layouts, recognised from the header row (``core.tabular`` reads the file):

- **wide**: a taakveld column and one column per year, each header holding a year
  ("2023", "Rekening 2023", "Begroting 2024 lasten", "2022 (x € 1.000)");
- **long**: a taakveld column, a year column (``jaar``), an amount column (``bedrag``,
  ``waarde``) or separate ``lasten`` and ``baten`` columns, and optionally a document
  column (``document``, ``soort``: begroting/rekening) and a side column
  (``categorie``: lasten/baten).

Whatever the file does not say — budget or accounts, lasten or baten, whole euros or
thousands — comes from the caller (``defaults``); a header saying "x 1.000" or
"duizenden" counts in thousands. A row whose taakveld cell says "inwoners" (or
"inwoners 0-17", "18+", "65+") gives the number of inhabitants per year instead.

Lasten written as negative numbers (a sign convention of some ledgers) are turned
positive when every lasten amount of the file is zero or negative, with a note. Empty
cells are gaps, not errors. A row that cannot be read is refused with a Dutch reason
per problem; the others are kept. A year whose social-domain total is less than a
hundredth of the other years' typical total is named in a warning: it is probably in
thousands of euros.
"""

import re
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from thermometer.core import tabular

from . import taakvelden

MAX_ROWS = 5_000
YEARS = range(2000, 2101)
BUDGET, ACCOUNTS = "begroting", "rekening"
EXPENDITURE, INCOME = "lasten", "baten"

_DOCUMENT_WORDS = {
    BUDGET: ("begroting", "begroot", "primitieve", "budget"),
    ACCOUNTS: ("rekening", "jaarrekening", "realisatie", "jaarstukken", "werkelijk", "accounts"),
}
_SIDE_WORDS = {EXPENDITURE: ("lasten", "uitgaven", "expenditure"), INCOME: ("baten", "inkomsten")}
_THOUSANDS = re.compile(r"x\s*€?\s*1[.,]?000|duizend|\bk€|€\s*k\b|thousand", re.I)
_TAAKVELD_TITLES = ("taakveld", "taakvelden", "tv", "code", "iv3", "taakveldcode")
_YEAR_TITLES = ("jaar", "year", "boekjaar", "begrotingsjaar")
_AMOUNT_TITLES = ("bedrag", "waarde", "amount", "value", "euro", "eur")
_DOCUMENT_TITLES = ("document", "soort", "stand", "documentsoort")
_SIDE_TITLES = ("categorie", "baten/lasten", "batenlasten", "side", "soortbedrag")
_INHABITANT_GROUPS = (
    (re.compile(r"0\s*[-–]\s*17|jeugd|18\s*-(?!\d)|jonger dan 18"), "youth"),
    (re.compile(r"65\s*\+|65 en ouder|ouderen"), "elderly"),
    (re.compile(r"18\s*\+|18 en ouder|volwassen"), "adults"),
)


class Unsaid(tabular.TabularError):
    """The file does not say what the caller must then say: ``what`` is "document" or "side"."""

    def __init__(self, message: str, what: str):
        super().__init__(message)
        self.what = what


class Figure(NamedTuple):
    taakveld: str
    year: int
    document: str
    side: str
    amount: Decimal


class InhabitantCount(NamedTuple):
    year: int
    group: str
    count: int


class RowError(NamedTuple):
    row: int
    message: str


@dataclass
class Defaults:
    """What the file may leave unsaid; None where the caller does not know either."""

    document: str | None = None
    side: str | None = EXPENDITURE
    unit: int = 1


@dataclass
class Reading:
    figures: list[Figure] = field(default_factory=list)
    inhabitants: list[InhabitantCount] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def taakvelden(self) -> list[str]:
        return sorted({f.taakveld for f in self.figures}, key=taakvelden.sort_key)

    @property
    def years(self) -> list[int]:
        return sorted({f.year for f in self.figures} | {i.year for i in self.inhabitants})


class _Column(NamedTuple):
    index: int
    year: int | None
    document: str | None
    side: str | None
    unit: int


def read_figures(data: bytes, filename: str, defaults: Defaults | None = None) -> Reading:
    """Read the file (layouts and rules in the module docstring); ``ValueError`` (Dutch)
    when the file as a whole cannot be read."""
    defaults = defaults or Defaults()
    rows = tabular.read_rows(data, filename, limit=MAX_ROWS)
    filled = [(n, cells) for n, cells in rows if any(map(tabular.filled, cells))]
    if not filled:
        raise tabular.TabularError(_("The file is empty."))
    if len(filled) > MAX_ROWS + 1:
        raise tabular.TabularError(tabular.too_many(MAX_ROWS))
    header_number, header = filled[0]
    reading = Reading()
    wide = _wide_columns(header, defaults)
    if wide:
        _read_wide(filled[1:], wide, reading)
    else:
        _read_long(filled[1:], _long_columns(header), defaults, reading)
    if not reading.figures and not reading.inhabitants and not reading.errors:
        raise tabular.TabularError(_("The file contains only the header row and no figures."))
    _turn_negative_expenditure(reading)
    _warn_about_thousands(reading)
    return reading


# Layouts ---------------------------------------------------------------------------------


def _normal(cell) -> str:
    return re.sub(r"\s+", " ", tabular.cell_text(cell).casefold()).strip()


def _word(text: str, words: dict) -> str | None:
    found = {key for key, options in words.items() if any(w in text for w in options)}
    return found.pop() if len(found) == 1 else None


def _taakveld_column(header) -> int | None:
    for index, cell in enumerate(header):
        if re.sub(r"[^a-z0-9/]", "", _normal(cell)) in _TAAKVELD_TITLES:
            return index
    return None


def _wide_columns(header, defaults: Defaults) -> dict | None:
    taakveld = _taakveld_column(header)
    years = []
    for index, cell in enumerate(header):
        text = _normal(cell)
        year = re.search(r"(?<!\d)(20\d\d)(?!\d)", text)
        if index == taakveld or not year:
            continue
        unit = 1000 if _THOUSANDS.search(text) else defaults.unit
        document = _word(text, _DOCUMENT_WORDS) or _short_document(text) or defaults.document
        side = _word(text, _SIDE_WORDS) or defaults.side
        years.append(_Column(index, int(year[1]), document, side, unit))
    if taakveld is None or not years:
        return None
    unsaid = [c for c in years if c.document is None or c.side is None]
    if unsaid:
        first = unsaid[0]
        raise Unsaid(
            _unsaid(header[first.index], first), "document" if first.document is None else "side"
        )
    return {"taakveld": taakveld, "years": years}


def _short_document(text: str) -> str | None:
    """ "B2024" / "R 2023" / "2023 R" as some ledgers head their columns."""
    if re.fullmatch(r"b\s*20\d\d|20\d\d\s*b", text):
        return BUDGET
    if re.fullmatch(r"r\s*20\d\d|20\d\d\s*r|jr\s*20\d\d", text):
        return ACCOUNTS
    return None


def _unsaid(title, column: _Column) -> str:
    if column.document is None:
        return _(
            "The column “%(title)s” does not say whether it holds the budget or the accounts. "
            "Choose budget or accounts for the file, or put “begroting” or “rekening” in the "
            "column name."
        ) % {"title": tabular.shown(tabular.cell_text(title))}
    return _(
        "The column “%(title)s” does not say whether it holds lasten or baten. Choose one "
        "for the file, or put “lasten” or “baten” in the column name."
    ) % {"title": tabular.shown(tabular.cell_text(title))}


def _long_columns(header) -> dict:
    columns = {"taakveld": _taakveld_column(header)}
    for index, cell in enumerate(header):
        words = re.findall(r"[a-z/]+", _normal(cell))
        text = words[0] if words else ""
        for key, titles in (
            ("year", _YEAR_TITLES),
            ("amount", _AMOUNT_TITLES),
            ("document", _DOCUMENT_TITLES),
            ("side", _SIDE_TITLES),
        ):
            if text in titles and key not in columns:
                columns[key] = index
        if text in (EXPENDITURE, INCOME):
            columns.setdefault(text, index)
        if _THOUSANDS.search(_normal(cell)):
            columns["thousands"] = True
    has_amount = "amount" in columns or EXPENDITURE in columns or INCOME in columns
    if columns["taakveld"] is None or "year" not in columns or not has_amount:
        found = ", ".join(f"“{tabular.shown(tabular.cell_text(c))}”" for c in header if c)
        raise tabular.TabularError(
            _(
                "The first row must name a taakveld column and either one column per year "
                "(2023, 2024, …) or the columns jaar and bedrag (or lasten and baten). "
                "Found: %(found)s."
            )
            % {"found": found or _("(none)")}
        )
    return columns


# Rows ------------------------------------------------------------------------------------


def _row_subject(cells, index: int, problems: list) -> tuple[str, str | None]:
    """("figure", code) or ("inhabitants", group) for the row's taakveld cell."""
    text = tabular.cell_text(tabular.cell_at(cells, index))
    lowered = text.casefold()
    if "inwoner" in lowered:
        group = next((g for pattern, g in _INHABITANT_GROUPS if pattern.search(lowered)), "all")
        return "inhabitants", group
    code = taakvelden.normalise(text)
    if code is None:
        problems.append(
            _("“%(text)s” is not a taakveld code such as 6.1 or 6.711.") % {"text": text[:60]}
            if text
            else _("The taakveld is missing.")
        )
    return "figure", code


def _amount(cell, unit: int, problems: list) -> Decimal | None:
    if isinstance(cell, bool):
        problems.append(_("“%(text)s” is not a number.") % {"text": cell})
        return None
    if isinstance(cell, int | float):
        number = float(cell)
    else:
        text = tabular.cell_text(cell)
        if text in ("", ".", "-", "x", "–"):
            return None  # a gap
        if re.fullmatch(r"-?[1-9]\d{0,2}\.\d{3}", text):
            text = text.replace(".", "")  # amounts are whole euros: "980.000" is Dutch grouping
        try:
            number = tabular.parse_number(text)
        except ValueError as error:
            problems.append(str(error))
            return None
    if number != number or number in (float("inf"), float("-inf")):
        problems.append(_("“%(text)s” is not a number.") % {"text": cell})
        return None
    return (Decimal(repr(number)) * unit).quantize(Decimal(1))


def _read_wide(rows, columns: dict, reading: Reading) -> None:
    seen: dict[tuple, int] = {}
    for number, cells in rows:
        problems: list[str] = []
        subject, key = _row_subject(cells, columns["taakveld"], problems)
        found = []
        for column in columns["years"]:
            amount = _amount(tabular.cell_at(cells, column.index), column.unit, problems)
            if amount is not None:
                found.append((column, amount))
        if problems or key is None:
            reading.errors.extend(RowError(number, p) for p in problems)
            continue
        for column, amount in found:
            _keep(
                reading,
                seen,
                number,
                subject,
                key,
                column.year,
                column.document,
                column.side,
                amount,
            )


def _read_long(rows, columns: dict, defaults: Defaults, reading: Reading) -> None:
    seen: dict[tuple, int] = {}
    unit = 1000 if columns.get("thousands") else defaults.unit
    for number, cells in rows:
        problems: list[str] = []
        subject, key = _row_subject(cells, columns["taakveld"], problems)
        year = _year(tabular.cell_at(cells, columns["year"]), problems)
        document = (
            _cell_choice(cells, columns.get("document"), _DOCUMENT_WORDS) or defaults.document
        )
        if document is None:
            problems.append(_("The row does not say whether it is budget or accounts."))
        amounts = []
        if "amount" in columns:
            side = _cell_choice(cells, columns.get("side"), _SIDE_WORDS) or defaults.side
            if side is None and subject == "figure":
                problems.append(_("The row does not say whether it is lasten or baten."))
            amounts.append((side, tabular.cell_at(cells, columns["amount"])))
        amounts += [
            (s, tabular.cell_at(cells, columns[s])) for s in (EXPENDITURE, INCOME) if s in columns
        ]
        read = [(side, _amount(cell, unit, problems)) for side, cell in amounts]
        if problems or key is None or year is None:
            reading.errors.extend(RowError(number, p) for p in problems)
            continue
        for side, amount in read:
            if amount is not None:
                _keep(reading, seen, number, subject, key, year, document, side, amount)


def _year(cell, problems: list) -> int | None:
    text = tabular.cell_text(cell)
    match = re.fullmatch(r"(?:boekjaar\s*)?(\d{4})(?:jj00)?", text.casefold())
    if match and int(match[1]) in YEARS:
        return int(match[1])
    problems.append(
        _("“%(text)s” is not a year.") % {"text": tabular.shown(text)}
        if text
        else _("The year is missing.")
    )
    return None


def _cell_choice(cells, index: int | None, words: dict) -> str | None:
    if index is None:
        return None
    return _word(_normal(tabular.cell_at(cells, index)), words)


def _keep(reading, seen, number, subject, key, year, document, side, amount) -> None:
    if subject == "inhabitants":
        identity = ("inhabitants", key, year)
        if identity not in seen:
            seen[identity] = number
            reading.inhabitants.append(InhabitantCount(year, key, int(amount)))
            return
    else:
        identity = (key, year, document, side)
        if identity not in seen:
            seen[identity] = number
            reading.figures.append(Figure(key, year, document, side, amount))
            return
    reading.errors.append(
        RowError(
            number,
            _("Duplicate of row %(row)d: the same taakveld, year and kind of figure.")
            % {"row": seen[identity]},
        )
    )


# Whole-file checks -----------------------------------------------------------------------


def _turn_negative_expenditure(reading: Reading) -> None:
    expenditure = [f for f in reading.figures if f.side == EXPENDITURE]
    if not expenditure or any(f.amount > 0 for f in expenditure):
        return
    if all(f.amount == 0 for f in expenditure):
        return
    reading.figures = [
        f._replace(amount=-f.amount) if f.side == EXPENDITURE and f.amount else f
        for f in reading.figures
    ]
    reading.notes.append(
        _("The file writes lasten as negative amounts; they have been read as positive amounts.")
    )


def _warn_about_thousands(reading: Reading) -> None:
    totals: dict[tuple, Decimal] = {}
    for f in reading.figures:
        if taakvelden.within(f.taakveld, taakvelden.SOCIAL_DOMAIN):
            key = (f.year, f.document, f.side)
            totals[key] = totals.get(key, Decimal(0)) + abs(f.amount)
    for document, side in {(d, s) for _y, d, s in totals}:
        series = {y: t for (y, d, s), t in totals.items() if (d, s) == (document, side) and t}
        if len(series) < 2:
            continue
        typical = statistics.median(series.values())
        for year, total in sorted(series.items()):
            if total * 100 < typical:
                reading.notes.append(
                    _(
                        "The social-domain %(side)s of %(year)s are less than a hundredth of "
                        "the other years'; that column is probably in thousands of euros. "
                        "Import it again with the unit “thousands of euros”."
                    )
                    % {"side": side, "year": year}
                )
