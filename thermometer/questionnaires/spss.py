"""SPSS .sav files read and written through pyreadstat (ReadStat), as plain data.

Reading gives every variable with its label, value labels and measurement level, and
the rows as {name: value}; a file that is not a .sav, is empty, broken or too large
raises ``SpssError`` with a Dutch (translated) reason. Writing takes plain columns.
"""

import io
import re
import tempfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# The first bytes of a .sav ($FL2) and of a compressed .zsav ($FL3).
MAGIC = (b"$FL2", b"$FL3")
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
MAX_VARIABLES = 5_000
NAME_LIMIT = 64  # bytes, SPSS's limit on a variable name
LABEL_LIMIT = 256  # characters SPSS shows of a variable label
RESERVED = {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}


class SpssError(ValueError):
    """A file that cannot be read as SPSS data; the message is the reason for the user."""


@dataclass
class Variable:
    name: str
    label: str = ""
    value_labels: dict = field(default_factory=dict)  # {float: str}
    is_string: bool = False
    measure: str = "unknown"


@dataclass
class SavFile:
    variables: list
    rows: list  # [{name: value}], value None where missing (system or user missing)
    file_label: str = ""

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)


def _reader():
    import pyreadstat

    return pyreadstat


def _read(data: bytes, **options):
    pyreadstat = _reader()
    errors = (pyreadstat.ReadstatError, pyreadstat.PyreadstatError)
    try:
        return pyreadstat.read_sav(io.BytesIO(data), output_format="dict", **options)
    except errors as error:
        if "encoding" in str(error).casefold() or "convert" in str(error).casefold():
            # Old files written without a code page are mostly Windows-1252.
            try:
                return pyreadstat.read_sav(
                    io.BytesIO(data), output_format="dict", encoding="WINDOWS-1252", **options
                )
            except errors:
                pass
        raise SpssError(_("The SPSS file is damaged or incomplete and cannot be read.")) from error
    except (UnicodeDecodeError, OverflowError, ValueError) as error:
        raise SpssError(_("The SPSS file holds values that cannot be read.")) from error


def read_sav(data: bytes) -> SavFile:
    """The variables and rows of a .sav file; user-missing values count as missing."""
    if not data:
        raise SpssError(_("The file is empty."))
    if not data.startswith(MAGIC):
        raise SpssError(_("This is not an SPSS data file (.sav)."))
    __, meta = _read(data, metadataonly=True)
    if meta.number_columns > MAX_VARIABLES:
        raise SpssError(
            _("The file has %(n)d variables; at most %(max)d can be imported.")
            % {"n": meta.number_columns, "max": MAX_VARIABLES}
        )
    if meta.number_rows is not None and meta.number_rows > MAX_ROWS:
        raise SpssError(
            _("The file has %(n)d rows; at most %(max)d can be imported.")
            % {"n": meta.number_rows, "max": MAX_ROWS}
        )
    # The row limit also bounds a compressed file that does not state its row count.
    columns, meta = _read(
        data, row_limit=MAX_ROWS + 1, disable_datetime_conversion=True, user_missing=True
    )
    names = list(meta.column_names)
    count = len(columns[names[0]]) if names else 0
    if count > MAX_ROWS:
        raise SpssError(
            _("The file has more than %(max)d rows; at most %(max)d can be imported.")
            % {"max": MAX_ROWS}
        )
    variables = [
        Variable(
            name=name,
            label=(meta.column_names_to_labels.get(name) or "").strip(),
            value_labels=dict(meta.variable_value_labels.get(name, {})),
            is_string=meta.readstat_variable_types.get(name) == "string",
            measure=meta.variable_measure.get(name, "unknown"),
        )
        for name in names
    ]
    missing = {v.name: _missing_test(meta.missing_ranges.get(v.name), v) for v in variables}
    rows = [{name: missing[name](_value(columns[name][i])) for name in names} for i in range(count)]
    return SavFile(variables=variables, rows=rows, file_label=(meta.file_label or "").strip())


def _missing_test(ranges, variable):
    """A function that makes a user-missing value None, except a labelled "don't know",
    which is an answer the respondent gave."""
    if not ranges:
        return lambda value: value
    from .spss_matching import is_dont_know

    def kept(value):
        if not isinstance(value, float):
            return value
        for span in ranges:
            if span["lo"] <= value <= span["hi"]:
                label = variable.value_labels.get(value, "")
                return value if label and is_dont_know(label) else None
        return value

    return kept


def _value(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    value = float(value)
    return None if value != value else value  # NaN is missing


def variable_name(text: str, taken: set) -> str:
    """A valid, unique SPSS variable name for ``text`` (an item key or a column title)."""
    name = re.sub(r"[^0-9A-Za-z_]+", "_", text).strip("_") or "v"
    if not name[0].isalpha():
        name = "v_" + name
    if name.casefold() in RESERVED:
        name += "_"
    name = name[:NAME_LIMIT]
    unique, number = name, 2
    while unique.casefold() in taken:
        suffix = f"_{number}"
        unique, number = name[: NAME_LIMIT - len(suffix)] + suffix, number + 1
    taken.add(unique.casefold())
    return unique


@dataclass
class Column:
    name: str
    label: str
    values: list  # float, str, datetime.date or None
    kind: str = "number"  # number | text | date
    value_labels: dict = field(default_factory=dict)
    measure: str = "nominal"  # nominal | ordinal | scale
    missing: list = field(default_factory=list)  # user-missing codes


def write_sav(columns: list[Column], *, file_label: str = "", notes=()) -> bytes:
    """The columns as a .sav file (bytes)."""
    import pandas

    frame = pandas.DataFrame(
        {
            c.name: pandas.Series(c.values, dtype="float64" if c.kind == "number" else object)
            for c in columns
        }
    )
    with tempfile.NamedTemporaryFile(suffix=".sav") as out:
        _reader().write_sav(
            frame,
            out.name,
            file_label=file_label[:64],
            column_labels={c.name: c.label[:LABEL_LIMIT] for c in columns},
            note=list(notes) or None,
            variable_value_labels={c.name: c.value_labels for c in columns if c.value_labels},
            missing_ranges={c.name: c.missing for c in columns if c.missing},
            variable_measure={c.name: c.measure for c in columns},
            variable_format={c.name: "DATE11" for c in columns if c.kind == "date"},
        )
        return out.read()
