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

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thermometer.core import tabular
from thermometer.core.tabular import TabularError

logger = logging.getLogger(__name__)

MAX_NAME = 200
MAX_ORGANISATION = 200
MAX_EMAIL = 254

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
EXTENSIONS = frozenset({"csv", "txt", "xlsx"})


@dataclass(frozen=True)
class ParticipantRow:
    row_number: int
    name: str
    email: str  # lowercased; "" when absent
    layer: str  # key in the method's layers
    actor: str  # key in the method's actors
    organisation: str

    def identity_key(self) -> str | None:
        """What makes the row the same person as another (see ``identity_key``)."""
        return identity_key(
            name=self.name,
            email=self.email,
            layer=self.layer,
            actor=self.actor,
            organisation=self.organisation,
        )


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
    try:
        table = _read_table(data, filename, max_rows)
        header = _map_header(table[0][1])
        body = table[1:]
        _check_size(body, max_rows)
    except TabularError as problem:
        plan.errors.append(RowProblem(None, str(problem)))
        return plan
    if header.ignored:
        plan.notes.append(
            RowProblem(
                None,
                _("These columns are not used and have been ignored: %(columns)s.")
                % {"columns": ", ".join(header.ignored)},
            )
        )
    checks = _RowChecks(layers, actors, layer_default_actor)
    seen: dict[str, int] = {}
    for row_number, cells in body:
        row, problems = checks.row(row_number, header.values(cells))
        if problems:
            plan.errors.extend(RowProblem(row_number, message) for message in problems)
        elif duplicate := _duplicate(row, existing_keys, seen):
            plan.duplicates.append(duplicate)
        else:
            plan.rows.append(row)
    return plan


# Reading ----------------------------------------------------------------------------------

Table = list[tuple[int, list[str]]]  # (row number as in Excel, trimmed cells); no empty rows


def _read_table(data: bytes, filename: str, max_rows: int) -> Table:
    """The non-empty rows as text, header first; ``TabularError`` in the adviser's words.

    ``core.tabular`` reads the file; the content decides how: an Excel workbook saved as
    .csv is read as a workbook, a text file saved as .xlsx as CSV.
    """
    try:
        rows = tabular.read_rows(
            data,
            filename,
            limit=max_rows,
            extensions=EXTENSIONS,
            header_names=_column_for,
            content_decides=True,
            refuse_open_quotes=True,
        )
    except TabularError as error:
        message = _file_message(error, filename, max_rows)
        raise TabularError(message, error.reason, row=error.row) from None
    except Exception:  # noqa: BLE001 - whatever breaks in a reader, the adviser gets a message
        logger.info("Unreadable participant file %r", filename, exc_info=True)
        raise TabularError(_unreadable(filename)) from None
    table: Table = []
    for row_number, cells in rows:
        texts = [_cell_text(cell) for cell in cells]
        if any(texts):
            table.append((row_number, texts))
    if not table:
        raise TabularError(_("The file is empty."), tabular.EMPTY)
    return table


def _file_message(error: TabularError, filename: str, max_rows: int) -> str:
    """The reader's refusal in the words of a participant list."""
    name = tabular.base_name(filename)
    if error.reason == tabular.OPEN_QUOTE:
        return _unclosed_quote(error.row)
    old_excel = (
        _(
            "“%(name)s” is in the old Excel format (.xls). In Excel, choose Save as and "
            "pick Excel Workbook (.xlsx) or CSV."
        )
        if tabular.extension_of(name) == "xls"
        else _(
            "“%(name)s” is protected with a password or saved in the old Excel format "
            "(.xls). Remove the password, or save it as Excel Workbook (.xlsx) or CSV."
        )
    )
    worded = {
        tabular.OLD_EXCEL: old_excel % {"name": name},
        tabular.UNSUPPORTED: _(
            "“%(name)s” is not a CSV or Excel (.xlsx) file. Save the list as .csv or .xlsx."
        )
        % {"name": name},
        tabular.NOT_TEXT: _unreadable(name),
        tabular.BROKEN_WORKBOOK: _not_xlsx(name),
        tabular.TOO_LARGE: _(
            "“%(name)s” is too large to read. Remove other sheets, images or formatting, "
            "or save the list as CSV."
        )
        % {"name": name},
        tabular.TOO_MANY: _too_many(max_rows),
    }
    return worded.get(error.reason, str(error))


def _cell_text(value) -> str:
    """A cell as the text the adviser sees; numbers without a spurious ".0"."""
    if value is None:
        return ""
    if isinstance(value, tabular.Percent):
        value = value.value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return tabular.CONTROL.sub("", str(value)).strip()


# Header -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    position: dict[str, int]  # column -> index of its cell
    ignored: list[str]  # the titles of the columns that are not used, as shown

    def values(self, cells: list[str]) -> dict[str, str]:
        """The cell of each column ("" for a column the file lacks or a short row)."""
        values = dict.fromkeys(COLUMNS, "")
        for column, index in self.position.items():
            if index < len(cells):
                values[column] = cells[index]
        return values


def _map_header(header: list[str]) -> _Header:
    """Which cell holds which column; ``TabularError`` for a column twice or no layer."""
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
            raise TabularError(
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
        raise TabularError(
            _(
                "The column “laag” is missing. Columns found: %(found)s. The first row must "
                "contain the column names, for example: naam, e-mail, laag, actor, organisatie."
            )
            % {"found": found}
        )
    return _Header({column: indexes[0] for column, indexes in columns.items()}, ignored)


def _check_size(body: Table, max_rows: int) -> None:
    if len(body) > max_rows:
        raise TabularError(_too_many(max_rows), tabular.TOO_MANY)
    if not body:
        raise TabularError(_("The file contains only the header row and no participants."))


def _column_for(title: str) -> str | None:
    normalised = re.sub(r"[\W_]+", "", title.casefold())
    for column, names in COLUMNS.items():
        if normalised in names:
            return column
    return None


# Rows -------------------------------------------------------------------------------------


class _RowChecks:
    """The checks of one row against the method's layers and actors."""

    def __init__(self, layers: dict, actors: dict, layer_default_actor: dict):
        self.layers = layers
        self.actors = actors
        self.layer_default_actor = layer_default_actor
        self.layer_choices = ", ".join(str(label) for label in layers.values())
        self.actor_choices = ", ".join(str(label) for label in actors.values())

    def row(self, row_number: int, values: dict[str, str]):
        """The participant of the row, or None and one message per problem."""
        name = _collapse(values["name"])
        organisation = _collapse(values["organisation"])
        email = values["email"].strip()
        problems: list[str] = []
        layer = self._layer(row_number, _collapse(values["layer"]), problems)
        actor = self._actor(row_number, _collapse(values["actor"]), layer, problems)
        problems += _length_problems(row_number, name, email, organisation)
        if problems:
            return None, problems
        row = ParticipantRow(row_number, name, email.lower(), layer, actor, organisation)
        return row, []

    def _layer(self, row_number: int, value: str, problems: list[str]) -> str | None:
        layer = _match(value, self.layers)
        if not value:
            problems.append(
                _("Row %(row)d: the layer is missing. Choose from: %(choices)s.")
                % {"row": row_number, "choices": self.layer_choices}
            )
        elif layer is None:
            problems.append(
                _(
                    "Row %(row)d: layer “%(value)s” does not exist in this method. "
                    "Choose from: %(choices)s."
                )
                % {"row": row_number, "value": _shown(value), "choices": self.layer_choices}
            )
        return layer

    def _actor(self, row_number: int, value: str, layer, problems: list[str]) -> str | None:
        if value:
            actor = _match(value, self.actors)
            if actor is None:
                problems.append(
                    _("Row %(row)d: actor “%(value)s” does not exist. Choose from: %(choices)s.")
                    % {"row": row_number, "value": _shown(value), "choices": self.actor_choices}
                )
            return actor
        if layer is None:
            return None
        actor = self.layer_default_actor.get(layer)
        if not actor:
            problems.append(
                _(
                    "Row %(row)d: layer “%(layer)s” has no usual actor, so fill in the "
                    "actor. Choose from: %(choices)s."
                )
                % {"row": row_number, "layer": self.layers[layer], "choices": self.actor_choices}
            )
        return actor


def _length_problems(row_number: int, name: str, email: str, organisation: str) -> list[str]:
    """What is wrong with the e-mail address and the lengths of the texts."""
    values = {"row": row_number}
    problems = []
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
    return problems


# Duplicates -------------------------------------------------------------------------------


def _duplicate(row: ParticipantRow, existing_keys: set[str], seen: dict[str, int]):
    """The duplicate message of a row already in the scan or earlier in the file, or None.

    A row that is no duplicate is recorded in ``seen`` (identity key -> row number).
    """
    key = row.identity_key()
    if key is None:
        return None
    by_email = key.startswith("email:")
    values = {"row": row.row_number}
    if key in existing_keys:
        message = (
            _("Row %(row)d: already in this scan (same e-mail address).")
            if by_email
            else _("Row %(row)d: already in this scan (same name, layer and organisation).")
        )
        return RowProblem(row.row_number, message % values)
    if key in seen:
        message = (
            _("Row %(row)d: duplicate, same e-mail address as row %(first)d.")
            if by_email
            else _("Row %(row)d: duplicate, same name, layer and organisation as row %(first)d.")
        )
        return RowProblem(row.row_number, message % {**values, "first": seen[key]})
    seen[key] = row.row_number
    return None


# Helpers ----------------------------------------------------------------------------------


def _collapse(value: str) -> str:
    """Trim and turn every run of whitespace (also line breaks in a cell) into one space."""
    return " ".join(value.split())


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
    return tabular.shown(_collapse(value))


def _too_many(max_rows: int) -> str:
    return ngettext(
        "The file has more than %(max)d participant row; nothing has been imported. "
        "Split the list into smaller files.",
        "The file has more than %(max)d participant rows; nothing has been imported. "
        "Split the list into smaller files.",
        max_rows,
    ) % {"max": max_rows}


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
