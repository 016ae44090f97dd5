"""Read a participant list (CSV or XLSX) into rows to import, row problems and duplicates.

Pure: bytes and plain data in, plain data out; no database. The caller passes the
layers and actors of the scan's method and the identity keys already in the scan.

Rules, as the adviser sees them:

- Row numbers are as Excel shows them: the header is row 1, the first person row 2.
  Empty rows above the header are allowed; the numbers still match Excel.
- A fully empty row is skipped silently.
- Each bad row gets its own Dutch message (one per problem) and is not imported;
  the good rows are kept.
- A row that is already in the scan, or repeats an earlier row of the same file,
  is a duplicate: not imported, not an error.
- A problem with the whole file (unreadable, no "laag" column, too many rows, ...)
  is an error with ``row_number=None``; then nothing is imported.
"""

import codecs
import csv
import io
import logging
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

MAX_NAME = 200
MAX_ORGANISATION = 200
MAX_EMAIL = 254
# An .xlsx is a zip; refuse one that unpacks to more than this (a "zip bomb").
MAX_XLSX_UNPACKED = 64 * 1024 * 1024
# A cell value quoted in a message is cut to this length.
SHOWN_VALUE = 60

# Accepted header names, compared after casefolding and dropping everything that is
# not a letter or digit ("E-mail adres", "e_mail" and "EMAIL" are all "email").
COLUMNS = {
    "name": frozenset({"naam", "name", "volledigenaam", "fullname"}),
    "email": frozenset({"email", "emailadres", "emailaddress", "mail", "mailadres"}),
    "layer": frozenset({"laag", "layer", "laagindeketen", "layerinthechain"}),
    "actor": frozenset({"actor", "rolindedriehoek", "roleinthetriangle"}),
    "organisation": frozenset({"organisatie", "organisation", "organization"}),
}
# How the columns are called in messages (the names advisers put in their files).
COLUMN_LABELS = {
    "name": "naam",
    "email": "e-mail",
    "layer": "laag",
    "actor": "actor",
    "organisation": "organisatie",
}
TEXT_EXTENSIONS = frozenset({"csv", "txt"})
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an .xlsx with a password
DELIMITERS = ";,\t"  # in order of preference: Dutch Excel writes ";"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SEP_LINE = re.compile(r"sep=([;,\t|])\r?\n")
_EMPTY_LINES = re.compile(r"(?:[;,\t \"]*(?:\r\n|\n|\r))*")  # lines such as ";;;" above the header


@dataclass(frozen=True)
class ParticipantRow:
    row_number: int
    name: str
    email: str  # lowercased; "" when absent
    layer: str  # key in the method's layers
    actor: str  # key in the method's actors
    organisation: str


@dataclass(frozen=True)
class RowProblem:
    row_number: int | None  # None: a problem with the whole file
    message: str


@dataclass
class ImportPlan:
    rows: list[ParticipantRow] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)
    # Non-blocking remarks about the whole file, e.g. columns that were ignored.
    notes: list[RowProblem] = field(default_factory=list)

    @property
    def file_error(self) -> bool:
        """The file as a whole was refused: nothing is imported."""
        return any(problem.row_number is None for problem in self.errors)

    @property
    def ok(self) -> bool:
        """No errors at all (duplicates and notes do not count)."""
        return not self.errors


def identity_key(*, name: str, email: str, layer: str, actor: str, organisation: str) -> str | None:
    """What makes two participants the same person within a scan.

    - With an e-mail address: ``"email:" + address`` (lowercased).
    - Else with a name: ``"name:" + name | layer | organisation`` (name and organisation
      casefolded, runs of whitespace collapsed; layer is the method's key).
    - Else (fully pseudonymous): ``None``. Such a row is a placeholder for one person and
      cannot be recognised, so the parser never calls it a duplicate, not even when the
      same anonymous row appears twice in one file. (The import service may still count
      anonymous rows per group; see ``services.anonymous_key``.)

    ``actor`` is accepted for a uniform call but is not part of the identity.
    """
    email = email.strip().lower()
    if email:
        return "email:" + email
    name = _collapse(name).casefold()
    if name:
        return "name:" + "|".join((name, layer, _collapse(organisation).casefold()))
    return None


def parse_participant_file(
    data: bytes,
    filename: str,
    *,
    layers: dict[str, str],
    actors: dict[str, str],
    layer_default_actor: dict[str, str],
    existing_keys: set[str],
    max_rows: int = 5000,
) -> ImportPlan:
    """Parse and check a participant list; never raises for a bad file."""
    plan = ImportPlan()

    def refuse(message: str) -> ImportPlan:
        plan.errors.append(RowProblem(None, message))
        return plan

    try:
        table, truncated = _read(data, filename, limit=max_rows)
    except _FileProblem as problem:
        return refuse(problem.message)
    except Exception:  # noqa: BLE001 - whatever breaks in a reader, the adviser gets a message
        logger.info("Unreadable participant file %r", filename, exc_info=True)
        return refuse(_unreadable(filename))

    if not table:
        return refuse(_("The file is empty."))
    header = table[0][1]
    body = table[1:]

    columns: dict[str, list[int]] = {}
    ignored = []
    for index, title in enumerate(header):
        column = _column_for(title)
        if column:
            columns.setdefault(column, []).append(index)
        elif title:
            ignored.append(_shown(title))
    for column, indexes in columns.items():
        if len(indexes) > 1:
            return refuse(
                _(
                    "The column “%(column)s” appears more than once (%(titles)s). "
                    "Keep one of them and import the file again."
                )
                % {
                    "column": COLUMN_LABELS[column],
                    "titles": ", ".join(f"“{_shown(header[i])}”" for i in indexes),
                }
            )
    if "layer" not in columns:
        found = ", ".join(_shown(title) for title in header if title) or _("(none)")
        return refuse(
            _(
                "The column “laag” is missing. Columns found: %(found)s. The first row must "
                "contain the column names, for example: naam, e-mail, laag, actor, organisatie."
            )
            % {"found": found}
        )
    if truncated or len(body) > max_rows:
        return refuse(
            ngettext(
                "The file has more than %(max)d participant row; nothing has been imported. "
                "Split the list into smaller files.",
                "The file has more than %(max)d participant rows; nothing has been imported. "
                "Split the list into smaller files.",
                max_rows,
            )
            % {"max": max_rows}
        )
    if not body:
        return refuse(_("The file contains only the header row and no participants."))
    if ignored:
        plan.notes.append(
            RowProblem(
                None,
                _("These columns are not used and have been ignored: %(columns)s.")
                % {"columns": ", ".join(ignored)},
            )
        )

    position = {column: indexes[0] for column, indexes in columns.items()}
    layer_choices = ", ".join(str(label) for label in layers.values())
    actor_choices = ", ".join(str(label) for label in actors.values())
    seen: dict[str, int] = {}

    for row_number, cells in body:

        def get(column: str, cells=cells) -> str:
            index = position.get(column)
            return cells[index] if index is not None and index < len(cells) else ""

        name = _collapse(get("name"))
        organisation = _collapse(get("organisation"))
        email = get("email").strip()
        layer_value = _collapse(get("layer"))
        actor_value = _collapse(get("actor"))
        values = {"row": row_number}
        problems = []

        layer = _match(layer_value, layers)
        if not layer_value:
            problems.append(
                _("Row %(row)d: the layer is missing. Choose from: %(choices)s.")
                % {**values, "choices": layer_choices}
            )
        elif layer is None:
            problems.append(
                _(
                    "Row %(row)d: layer “%(value)s” does not exist in this method. "
                    "Choose from: %(choices)s."
                )
                % {**values, "value": _shown(layer_value), "choices": layer_choices}
            )

        actor = None
        if actor_value:
            actor = _match(actor_value, actors)
            if actor is None:
                problems.append(
                    _("Row %(row)d: actor “%(value)s” does not exist. Choose from: %(choices)s.")
                    % {**values, "value": _shown(actor_value), "choices": actor_choices}
                )
        elif layer is not None:
            actor = layer_default_actor.get(layer)
            if not actor:
                problems.append(
                    _(
                        "Row %(row)d: layer “%(layer)s” has no usual actor, so fill in the "
                        "actor. Choose from: %(choices)s."
                    )
                    % {**values, "layer": layers[layer], "choices": actor_choices}
                )

        if len(email) > MAX_EMAIL:
            problems.append(
                _("Row %(row)d: the e-mail address is longer than %(max)d characters.")
                % {**values, "max": MAX_EMAIL}
            )
        elif email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(
                    _("Row %(row)d: e-mail address “%(value)s” is not valid.")
                    % {**values, "value": _shown(email)}
                )
        if len(name) > MAX_NAME:
            problems.append(
                _("Row %(row)d: the name is longer than %(max)d characters.")
                % {**values, "max": MAX_NAME}
            )
        if len(organisation) > MAX_ORGANISATION:
            problems.append(
                _("Row %(row)d: the organisation is longer than %(max)d characters.")
                % {**values, "max": MAX_ORGANISATION}
            )

        if problems:
            plan.errors.extend(RowProblem(row_number, message) for message in problems)
            continue

        email = email.lower()
        key = identity_key(
            name=name, email=email, layer=layer, actor=actor, organisation=organisation
        )
        if key is not None:
            by_email = key.startswith("email:")
            if key in existing_keys:
                message = (
                    _("Row %(row)d: already in this scan (same e-mail address).")
                    if by_email
                    else _("Row %(row)d: already in this scan (same name, layer and organisation).")
                )
                plan.duplicates.append(RowProblem(row_number, message % values))
                continue
            if key in seen:
                message = (
                    _("Row %(row)d: duplicate, same e-mail address as row %(first)d.")
                    if by_email
                    else _(
                        "Row %(row)d: duplicate, same name, layer and organisation "
                        "as row %(first)d."
                    )
                )
                plan.duplicates.append(
                    RowProblem(row_number, message % {**values, "first": seen[key]})
                )
                continue
            seen[key] = row_number
        plan.rows.append(ParticipantRow(row_number, name, email, layer, actor, organisation))
    return plan


# Reading ----------------------------------------------------------------------------------


class _FileProblem(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


Table = list[tuple[int, list[str]]]  # (row number as in Excel, trimmed cells); no empty rows


def _read(data: bytes, filename: str, *, limit: int) -> tuple[Table, bool]:
    """The non-empty rows (header first), and whether there are more than ``limit`` data rows.

    The extension says which kinds are allowed; the content decides how to read: an Excel
    workbook saved as .csv is read as a workbook, a text file saved as .xlsx as CSV.
    """
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    extension = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    if extension == "xls":
        raise _FileProblem(
            _(
                "“%(name)s” is in the old Excel format (.xls). In Excel, choose Save as and "
                "pick Excel Workbook (.xlsx) or CSV."
            )
            % {"name": base}
        )
    if extension not in TEXT_EXTENSIONS | {"xlsx"}:
        raise _FileProblem(
            _("“%(name)s” is not a CSV or Excel (.xlsx) file. Save the list as .csv or .xlsx.")
            % {"name": base}
        )
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data, base, limit=limit)
    if data.startswith(OLE2_MAGIC):
        raise _FileProblem(
            _(
                "“%(name)s” is protected with a password or saved in the old Excel format "
                "(.xls). Remove the password, or save it as Excel Workbook (.xlsx) or CSV."
            )
            % {"name": base}
        )
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        text = None
    if text is None or _CONTROL.search(text):
        raise _FileProblem(_not_xlsx(base) if extension == "xlsx" else _unreadable(base))
    return _read_csv(text, limit=limit)


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")  # Excel's "Unicode text" (.txt, tab-separated)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # Excel's plain "CSV" on Windows


def _read_csv(text: str, *, limit: int) -> tuple[Table, bool]:
    sep = _SEP_LINE.match(text)  # Excel's "sep=;" first line, which Excel itself hides
    if sep:
        delimiter, text = sep.group(1), text[sep.end() :]
    else:
        delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: Table = []
    row_number = 0
    try:
        for row_number, record in enumerate(reader, start=1):
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if any(delimiter in cell and ("\n" in cell or "\r" in cell) for cell in cells):
                # A stray opening quote swallows the following lines into one cell.
                raise _FileProblem(_unclosed_quote(row_number))
            table.append((row_number, cells))
            if len(table) > limit + 1:
                return table, True
    except csv.Error as error:  # e.g. a cell beyond csv.field_size_limit(): a runaway quote
        raise _FileProblem(_unclosed_quote(row_number + 1)) from error
    return table, False


def _sniff(text: str) -> str:
    """The delimiter under which the header row has the most known column names.

    Ties go to the most cells, then to the order of ``DELIMITERS``.
    """
    best, best_score = DELIMITERS[0], (-1, -1)
    sample = text[_EMPTY_LINES.match(text).end() :][:65536]
    for delimiter in DELIMITERS:
        header: list[str] = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    header = record
                    break
        except csv.Error:
            continue
        score = (sum(1 for cell in header if _column_for(cell)), len(header))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_xlsx(data: bytes, name: str, *, limit: int) -> tuple[Table, bool]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _FileProblem(_not_xlsx(name)) from error
    if unpacked > MAX_XLSX_UNPACKED:
        raise _FileProblem(
            _(
                "“%(name)s” is too large to read. Remove other sheets, images or formatting, "
                "or save the list as CSV."
            )
            % {"name": name}
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - a zip that is no workbook (.docx, .ods, broken)
        raise _FileProblem(_not_xlsx(name)) from error
    try:
        if not workbook.worksheets:
            return [], False
        sheet = workbook.worksheets[0]
        # Ignore the stored dimensions: a sheet claiming A1:XFD1048576 would make every
        # row 16,384 cells wide. Without them each row is as wide as its last cell.
        sheet.reset_dimensions()
        table: Table = []
        try:
            rows = sheet.iter_rows(min_row=1, values_only=True)
            for row_number, values in enumerate(rows, start=1):
                cells = [_cell_text(value) for value in values]
                if not any(cells):
                    continue
                table.append((row_number, cells))
                if len(table) > limit + 1:
                    return table, True
        except Exception as error:  # noqa: BLE001 - broken sheet XML
            raise _FileProblem(_not_xlsx(name)) from error
        return table, False
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A cell as the text the adviser sees; numbers without a spurious ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return _CONTROL.sub("", str(value)).strip()


# Helpers ----------------------------------------------------------------------------------


def _collapse(value: str) -> str:
    """Trim and turn every run of whitespace (also line breaks in a cell) into one space."""
    return " ".join(value.split())


def _column_for(title: str) -> str | None:
    normalised = re.sub(r"[\W_]+", "", title.casefold())
    for column, names in COLUMNS.items():
        if normalised in names:
            return column
    return None


def _match(value: str, options: dict[str, str]) -> str | None:
    """The key of ``options`` whose key or display name is ``value`` (any case/spacing)."""
    wanted = _collapse(value).casefold()
    if not wanted:
        return None
    for key in options:
        if _collapse(key).casefold() == wanted:
            return key
    for key, label in options.items():
        if _collapse(str(label)).casefold() == wanted:
            return key
    return None


def _shown(value: str) -> str:
    value = _collapse(value)
    return value if len(value) <= SHOWN_VALUE else value[: SHOWN_VALUE - 1] + "…"


def _unreadable(name: str) -> str:
    return _("“%(name)s” cannot be read. Is it really a CSV or Excel (.xlsx) file?") % {
        "name": name
    }


def _not_xlsx(name: str) -> str:
    return _(
        "“%(name)s” is not a valid Excel file (.xlsx). Open it in Excel and save it again "
        "as Excel Workbook (.xlsx) or CSV."
    ) % {"name": name}


def _unclosed_quote(row: int) -> str:
    return _(
        'Row %(row)d: a quotation mark (") is not closed, so the rest of the file cannot be '
        "read. Remove or close the quotation mark and import the file again; nothing has "
        "been imported."
    ) % {"row": row}
