"""Read a participant list (CSV or XLSX) into rows to import, row problems and duplicates.

Pure: bytes and plain data in, plain data out. Row numbers are as the user sees
them in Excel: the header is row 1, the first person row 2.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_NAME = 200
MAX_ORGANISATION = 200
MAX_EMAIL = 254

# Accepted header names, compared without case, spaces, dashes and underscores.
HEADERS = {
    "name": {"naam", "name", "volledigenaam"},
    "email": {"email", "emailadres", "mail", "emailaddress"},
    "layer": {"laag", "layer", "laagindeketen"},
    "actor": {"actor", "rolindedriehoek"},
    "organisation": {"organisatie", "organisation", "organization"},
}


@dataclass(frozen=True)
class ParticipantRow:
    row_number: int
    name: str
    email: str
    layer: str
    actor: str
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

    @property
    def file_error(self) -> bool:
        return any(problem.row_number is None for problem in self.errors)


def identity_key(*, name: str, email: str, layer: str, actor: str, organisation: str):
    """What makes two rows the same person; None for a row without name and e-mail."""
    if email.strip():
        return "email:" + email.strip().lower()
    if name.strip():
        parts = (
            " ".join(name.split()).casefold(),
            layer,
            " ".join(organisation.split()).casefold(),
        )
        return "name:" + "|".join(parts)
    return None


def _normalise_header(value) -> str:
    return re.sub(r"[\s\-_.]", "", str(value or "")).casefold()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ValueError("binary")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(";,\t", key=lambda d: sample.split("\n", 1)[0].count(d))
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(data: bytes, max_rows: int) -> list[list[str]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > max_rows + 1:
                break
        return rows
    finally:
        workbook.close()


def _read(data: bytes, filename: str, max_rows: int) -> list[list[str]]:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xlsx":
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ValueError("not-xlsx")
        return _read_xlsx(data, max_rows)
    if extension in ("csv", "txt"):
        if data[:4] == b"PK\x03\x04":
            raise ValueError("binary")
        return _read_csv(data)
    raise LookupError(extension)


def _choice(value: str, options: dict[str, str]) -> str | None:
    wanted = value.strip().casefold()
    for key, label in options.items():
        if wanted in (key.casefold(), str(label).casefold()):
            return key
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
    plan = ImportPlan()

    def file_error(message):
        plan.errors.append(RowProblem(None, message))
        return plan

    try:
        table = _read(data, filename, max_rows)
    except LookupError:
        return file_error(
            _("“%(name)s” is not a CSV or Excel (.xlsx) file. Save the list as .csv or .xlsx.")
            % {"name": filename}
        )
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear message
        return file_error(
            _("“%(name)s” cannot be read. Is it really a CSV or Excel (.xlsx) file?")
            % {"name": filename}
        )

    while table and not any(cell.strip() for cell in table[0]):
        table.pop(0)
    if not table:
        return file_error(_("The file is empty."))

    header = [_normalise_header(cell) for cell in table[0]]
    columns = {}
    for field_name, names in HEADERS.items():
        for index, cell in enumerate(header):
            if cell in names and field_name not in columns:
                columns[field_name] = index
    if "layer" not in columns:
        found = ", ".join(cell for cell in table[0] if cell.strip()) or "—"
        return file_error(
            _("The column “laag” is missing. Columns found: %(found)s.") % {"found": found}
        )

    body = table[1:]
    if len([r for r in body if any(c.strip() for c in r)]) > max_rows:
        return file_error(
            _("The file has more than %(max)d rows. Split it into smaller files.")
            % {"max": max_rows}
        )

    layer_names = ", ".join(str(v) for v in layers.values())
    actor_names = ", ".join(str(v) for v in actors.values())
    seen: dict[str, int] = {}
    labels = {"name": _("name"), "email": _("e-mail address"), "organisation": _("organisation")}
    for offset, raw in enumerate(body):
        row_number = offset + 2
        if not any(cell.strip() for cell in raw):
            continue

        def get(name, raw=raw):
            index = columns.get(name)
            return _cell(raw[index]) if index is not None and index < len(raw) else ""

        name, email, organisation = get("name"), get("email"), get("organisation")
        problems = []
        layer_value = get("layer")
        layer = _choice(layer_value, layers) if layer_value else None
        if not layer_value:
            problems.append(_("Row %(row)d: the layer is missing.") % {"row": row_number})
        elif layer is None:
            problems.append(
                _(
                    "Row %(row)d: layer “%(value)s” does not exist in this method. "
                    "Choose from: %(choices)s."
                )
                % {"row": row_number, "value": layer_value, "choices": layer_names}
            )
        actor_value = get("actor")
        actor = (
            _choice(actor_value, actors)
            if actor_value
            else (layer_default_actor.get(layer) if layer else None)
        )
        if actor_value and actor is None:
            problems.append(
                _("Row %(row)d: actor “%(value)s” does not exist. Choose from: %(choices)s.")
                % {"row": row_number, "value": actor_value, "choices": actor_names}
            )
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(
                    _("Row %(row)d: e-mail address “%(value)s” is not valid.")
                    % {"row": row_number, "value": email}
                )
        for value, limit, label in (
            (name, MAX_NAME, labels["name"]),
            (email, MAX_EMAIL, labels["email"]),
            (organisation, MAX_ORGANISATION, labels["organisation"]),
        ):
            if len(value) > limit:
                problems.append(
                    _("Row %(row)d: the %(field)s is longer than %(max)d characters.")
                    % {"row": row_number, "field": label, "max": limit}
                )
        if problems:
            plan.errors.extend(RowProblem(row_number, message) for message in problems)
            continue

        email = email.lower()
        key = identity_key(
            name=name, email=email, layer=layer, actor=actor, organisation=organisation
        )
        if key is not None and key in existing_keys:
            reason = (
                _("same e-mail address")
                if key.startswith("email:")
                else _("same name, layer and organisation")
            )
            plan.duplicates.append(
                RowProblem(
                    row_number,
                    _("Row %(row)d: already in this scan (%(reason)s).")
                    % {"row": row_number, "reason": reason},
                )
            )
            continue
        if key is not None and key in seen:
            plan.duplicates.append(
                RowProblem(
                    row_number,
                    _("Row %(row)d: duplicate of row %(first)d.")
                    % {"row": row_number, "first": seen[key]},
                )
            )
            continue
        if key is not None:
            seen[key] = row_number
        plan.rows.append(ParticipantRow(row_number, name, email, layer, actor, organisation))
    return plan
