"""Reading measurements from CSV and XLSX: good rows are kept, each bad row gets its
message and row number, a broken file is refused as a whole.

Messages are checked in English (the msgids), so the tests do not depend on the Dutch
catalogue.
"""

import codecs
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from thermometer.frameworks.measurement_import import (
    MAX_ROWS,
    ImportResult,
    MeasurementRow,
    RowError,
    parse_number,
    read_measurements,
)
from thermometer.frameworks.monitoring import KIND_FOR_FREQUENCY, parse_period

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Indicator:
    name: str
    code: str
    frequency: str = "yearly"

    def __str__(self):
        return self.name


WMO = Indicator("Wmo-cliënten per 1.000 inwoners", "WMO-REL")
WAIT = Indicator("Wachttijd toegang (dagen)", "WACHT", "quarterly")
SPEND = Indicator("Uitgaven jeugdhulp (x 1.000 euro)", "JH-UIT")
SURVEY = Indicator("Tevredenheid Wmo-cliënten", "WMO-TEV", "half_yearly")
BENEFIT = Indicator("Huishoudens met bijstand", "BIJST")
INDICATORS = {}
for _indicator in (WMO, WAIT, SPEND, SURVEY, BENEFIT):
    INDICATORS[_indicator.name.lower()] = _indicator
    INDICATORS[_indicator.code.lower()] = _indicator


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def read(data, filename="metingen.csv", **kwargs):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return read_measurements(data, filename, INDICATORS, **kwargs)


def refused(data, filename="metingen.csv", **kwargs) -> str:
    with pytest.raises(ValueError) as error:
        read(data, filename, **kwargs)
    return str(error.value)


def xlsx(rows, *, formats=None) -> bytes:
    book = Workbook()
    sheet = book.active
    for row_index, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                cell = sheet.cell(row=row_index, column=column, value=value)
                if formats and (row_index, column) in formats:
                    cell.number_format = formats[(row_index, column)]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def simple(rows):
    return [(row.indicator.code, row.period.code, row.value, row.note) for row in rows]


# Files ------------------------------------------------------------------------------------


def test_dutch_excel_csv_sample():
    result = read((DATA / "metingen_nl.csv").read_bytes(), "metingen_nl.csv")
    assert result.errors == []
    assert result.ok
    assert simple(result.rows) == [
        ("WMO-REL", "2024", 83.0, "Bron: CBS"),
        ("WMO-REL", "2025", 79.5, "Bron: CBS"),
        ("WACHT", "2025-Q1", 42.0, "eigen registratie"),
        ("WACHT", "2025-Q2", 38.5, ""),
        ("JH-UIT", "2025", 1234.5, "begroting na wijziging"),
    ]
    first = result.rows[0]
    assert isinstance(first, MeasurementRow) and first.indicator is WMO
    indicator, period, value, note = first  # a plain 4-tuple for the caller
    assert period == parse_period("2024")


def test_english_comma_csv_sample():
    result = read((DATA / "measurements_en.csv").read_bytes(), "measurements_en.csv")
    assert result.errors == []
    assert simple(result.rows) == [
        ("WMO-TEV", "2025-H1", 7.8, "client experience survey"),
        ("WMO-TEV", "2025-H2", 8.1, ""),
        ("BIJST", "2025-03", 2140.0, ""),
    ]


def test_tab_separated_and_excel_sep_line():
    tab = "naam\tjaar\twaarde\nWACHT\t2025\t12,5\n"
    assert simple(read(tab, "metingen.tsv").rows) == [("WACHT", "2025", 12.5, "")]
    sep = 'sep=,\nindicator,periode,waarde\nWACHT,2025,"12,5"\n'
    assert simple(read(sep).rows) == [("WACHT", "2025", 12.5, "")]


def test_windows_1252_csv_is_read():
    data = "indicator;periode;waarde;toelichting\nWACHT;2025;3;één keer geteld\n".encode("cp1252")
    assert simple(read(data).rows) == [("WACHT", "2025", 3.0, "één keer geteld")]


def test_header_names_are_matched_loosely_and_other_columns_ignored():
    data = "Gemeente;INDICATOR-code;Periode ;Waarde (%);Bron;Opmerking\nHoorn;wacht;2025;4;CBS;x\n"
    assert simple(read(data).rows) == [("WACHT", "2025", 4.0, "CBS; x")]


def test_rows_above_the_header_and_empty_rows_keep_excel_row_numbers():
    data = ";;;\n\nindicator;periode;waarde\nWACHT;2025;1\n;;\nonbekend;2025;1\n"
    result = read(data)
    assert simple(result.rows) == [("WACHT", "2025", 1.0, "")]
    assert result.errors == [RowError(6, "Unknown indicator “onbekend”.")]


def test_the_caller_s_keys_are_compared_lower_cased_and_trimmed():
    result = read_measurements(
        b"code;periode;waarde\n  Wacht ;2025;1\n", "m.csv", {" WACHT ": WAIT}
    )
    assert [row.indicator for row in result.rows] == [WAIT]


def test_xlsx_with_numbers_percentages_dates_and_years():
    data = xlsx(
        [
            ["Indicator", "Periode", "Waarde", "Toelichting"],
            ["WMO-REL", 2024, 83, None],
            ["WMO-REL", 2025.0, 79.5, "voorlopig"],
            ["BIJST", datetime(2025, 3, 1), 2140, None],
            ["BIJST", date(2025, 4, 1), "2.140,0", None],
            ["WMO-TEV", "2025-H1", 0.124, None],  # shown as 12,4%
            ["WACHT", "2025 K3", "  38,5 ", None],
        ],
        formats={(6, 3): "0.0%"},
    )
    result = read(data, "metingen.xlsx")
    assert result.errors == []
    assert simple(result.rows) == [
        ("WMO-REL", "2024", 83.0, ""),
        ("WMO-REL", "2025", 79.5, "voorlopig"),
        ("BIJST", "2025-03", 2140.0, ""),
        ("BIJST", "2025-04", 2140.0, ""),
        ("WMO-TEV", "2025-H1", 12.4, ""),
        ("WACHT", "2025-Q3", 38.5, ""),
    ]


def test_xlsx_is_recognised_by_content_whatever_the_extension():
    data = xlsx([["code", "jaar", "waarde"], ["WACHT", 2025, 1]])
    assert simple(read(data, "export").rows) == [("WACHT", "2025", 1.0, "")]


def test_only_the_first_sheet_is_read():
    book = Workbook()
    book.active.append(["code", "jaar", "waarde"])
    book.active.append(["WACHT", 2025, 1])
    other = book.create_sheet("Toelichting")
    other.append(["code", "jaar", "waarde"])
    other.append(["WACHT", 2024, 2])
    out = io.BytesIO()
    book.save(out)
    assert simple(read(out.getvalue(), "m.xlsx").rows) == [("WACHT", "2025", 1.0, "")]


# Row errors -------------------------------------------------------------------------------


def test_each_bad_row_gets_its_message_and_the_good_rows_are_kept():
    data = (
        "indicator;periode;waarde;toelichting\n"  # row 1
        "WACHT;2025;12;ok\n"  # 2: good
        "Onbekend;2025;12;\n"  # 3: unknown indicator
        ";2025;12;\n"  # 4: no indicator
        "WACHT;2025-Q5;12;\n"  # 5: impossible period
        "WACHT;volgend jaar;12;\n"  # 6: not a period
        "WACHT;;12;\n"  # 7: no period
        "WACHT;2024;;\n"  # 8: no value
        "WACHT;2023;twaalf;\n"  # 9: not a number
        "WACHT;2022;1.234;\n"  # 10: ambiguous
        "wachttijd toegang (dagen);2025;13;\n"  # 11: duplicate of row 2 (by name)
        "WACHT;2025JJ00;14;\n"  # 12: duplicate of row 2 (CBS code)
        "Onbekend;;;\n"  # 13: three problems
        "WACHT;2021;11;ok\n"  # 14: good
    )
    result = read(data)
    assert simple(result.rows) == [("WACHT", "2025", 12.0, "ok"), ("WACHT", "2021", 11.0, "ok")]
    assert result.errors == [
        (3, "Unknown indicator “Onbekend”."),
        (4, "The indicator is missing."),
        (5, "“2025-Q5”: a year has quarters 1 to 4."),
        (
            6,
            "“volgend jaar” is not a period. Write a year (2025), a half year (2025-H1), "
            "a quarter (2025-Q3) or a month (2025-03).",
        ),
        (7, "The period is missing."),
        (8, "The value is missing."),
        (9, "“twaalf” is not a number."),
        (
            10,
            "“1.234” can be read in two ways: write 1234 for a whole number or 1,234 for a "
            "decimal number.",
        ),
        (11, "Duplicate of row 2: “Wachttijd toegang (dagen)” for 2025."),
        (12, "Duplicate of row 2: “Wachttijd toegang (dagen)” for 2025."),
        (13, "Unknown indicator “Onbekend”."),
        (13, "The period is missing."),
        (13, "The value is missing."),
    ]
    assert not result.ok


def test_a_bad_row_does_not_count_as_the_first_of_its_period():
    result = read("code;periode;waarde\nWACHT;2025;x\nWACHT;2025;2\n")
    assert simple(result.rows) == [("WACHT", "2025", 2.0, "")]
    assert result.errors == [(2, "“x” is not a number.")]


def test_code_and_name_columns_must_agree():
    data = (
        "code;naam;periode;waarde\n"
        "WACHT;Wachttijd toegang (dagen);2025;1\n"  # both, same indicator
        ";Huishoudens met bijstand;2025;2\n"  # only the name
        "onbekend;Huishoudens met bijstand;2024;3\n"  # the known one wins
        "WACHT;Huishoudens met bijstand;2023;4\n"  # two different indicators
    )
    result = read(data)
    assert simple(result.rows) == [
        ("WACHT", "2025", 1.0, ""),
        ("BIJST", "2025", 2.0, ""),
        ("BIJST", "2024", 3.0, ""),
    ]
    assert result.errors == [
        (5, "“WACHT” and “Huishoudens met bijstand” are different indicators; fill in one of them.")
    ]


def test_periods_of_the_wrong_kind_are_refused_when_the_caller_says_which_kind():
    data = "code;periode;waarde\nWACHT;2025-Q1;1\nWACHT;2025;2\nJH-UIT;2025;3\nJH-UIT;2025-03;4\n"
    result = read(data, expected_kind=lambda i: KIND_FOR_FREQUENCY.get(i.frequency))
    assert simple(result.rows) == [("WACHT", "2025-Q1", 1.0, ""), ("JH-UIT", "2025", 3.0, "")]
    assert result.errors == [
        (3, "“Wachttijd toegang (dagen)” is measured per quarter, but 2025 is a year."),
        (5, "“Uitgaven jeugdhulp (x 1.000 euro)” is measured per year, but March 2025 is a month."),
    ]
    # Without expected_kind any kind is accepted.
    assert read(data).errors == []


def test_xlsx_row_errors():
    data = xlsx(
        [
            ["code", "periode", "waarde"],
            ["WACHT", datetime(2025, 3, 15), 1],  # a date, not a month
            ["WACHT", 2025, True],  # a checkbox, not a number
            ["WACHT", 2025.5, 1],  # not a period
            [12345, 2025, 1],  # a number as indicator code
        ]
    )
    result = read(data, "m.xlsx")
    assert result.rows == []
    assert result.errors == [
        (
            2,
            "The date 15 March 2025 is not a period. Write a year (2025), a half year (2025-H1), "
            "a quarter (2025-Q3) or a month (2025-03).",
        ),
        (3, "“True” is not a number."),
        (
            4,
            "“2025.5” is not a period. Write a year (2025), a half year (2025-H1), "
            "a quarter (2025-Q3) or a month (2025-03).",
        ),
        (5, "Unknown indicator “12345”."),
    ]


def test_unhashable_indicator_objects_are_fine():
    indicators = {"a": {"name": "A"}}
    result = read_measurements(b"code;jaar;waarde\na;2025;1\na;2025;2\n", "m.csv", indicators)
    assert [row.indicator for row in result.rows] == [{"name": "A"}]
    assert result.errors == [(3, "Duplicate of row 2: “{'name': 'A'}” for 2025.")]


# Whole-file errors ------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \r\n", codecs.BOM_UTF8, b";;;\n;;\n"])
def test_an_empty_file_is_refused(data):
    assert refused(data) == "The file is empty."


def test_a_header_without_rows_is_refused():
    assert refused("indicator;periode;waarde\n;;\n") == (
        "The file contains only the header row and no measurements."
    )
    assert refused(xlsx([["indicator", "periode", "waarde"]]), "m.xlsx") == (
        "The file contains only the header row and no measurements."
    )


def test_a_missing_column_is_named():
    assert refused("indicator;waarde\nWACHT;1\n") == (
        "Missing column(s): periode. Columns found: “indicator”, “waarde”."
    )
    assert refused("Naam;Jaar;Aantal\nWACHT;2025;1\n") == (
        "Missing column(s): waarde. Columns found: “Naam”, “Jaar”, “Aantal”."
    )


def test_a_file_without_a_header_row_is_refused():
    assert refused("WACHT;2025;12,4\nWACHT;2024;11\n") == (
        "The first row must contain the column names indicator, periode and waarde "
        "(or indicator, period and value). Found: “WACHT”, “2025”, “12,4”."
    )


def test_a_column_twice_is_refused():
    assert refused("indicator;jaar;periode;waarde\nWACHT;2025;2025;1\n") == (
        "The column “periode” appears more than once (“jaar”, “periode”); keep one."
    )


@pytest.mark.parametrize("filename", ["metingen.pdf", "metingen.ods", "metingen.docx"])
def test_other_file_types_are_refused(filename):
    assert refused(b"%PDF-1.7 ...", filename) == f"“{filename}” is not a CSV or XLSX file."


def test_binary_content_named_csv_is_refused():
    assert refused(b"\x00\x01\x02binary", "metingen.csv") == (
        "“metingen.csv” is not a CSV or XLSX file."
    )


def test_old_excel_is_refused_with_advice():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert refused(data, "metingen.xls") == (
        "“metingen.xls” is an old Excel file (.xls) or a protected one. "
        "Save it as .xlsx or .csv and try again."
    )


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04broken"])
def test_a_broken_xlsx_is_refused(data):
    assert refused(data, "metingen.xlsx") == (
        "“metingen.xlsx” cannot be read. Save it again as .xlsx or as .csv and try again."
    )


def test_a_zip_that_is_no_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert refused(out.getvalue(), "metingen.xlsx") == (
        "“metingen.xlsx” cannot be read. Save it again as .xlsx or as .csv and try again."
    )


def test_the_row_limit():
    assert MAX_ROWS == 20_000
    rows = "".join(f"WACHT;{year};1\n" for year in range(2000, 2004))
    assert len(read("code;jaar;waarde\n" + rows, max_rows=4).rows) == 4
    assert refused("code;jaar;waarde\n" + rows + "WACHT;2004;1\n", max_rows=4) == (
        "The file has more than 4 rows; nothing has been imported. Split it into smaller files."
    )
    # Empty rows do not count.
    assert len(read("code;jaar;waarde\n" + rows.replace("\n", "\n;;\n"), max_rows=4).rows) == 4


def test_the_default_limit_is_twenty_thousand_rows():
    indicators = {f"i{n}": Indicator(f"Indicator {n}", f"I{n}") for n in range(200)}
    lines = ["code;jaar;waarde"]
    lines += [f"i{n % 200};{1900 + n // 200};{n}" for n in range(MAX_ROWS + 1)]
    with pytest.raises(ValueError) as error:
        read_measurements("\n".join(lines).encode(), "m.csv", indicators)
    assert str(error.value) == (
        "The file has more than 20000 rows; nothing has been imported. Split it into smaller files."
    )
    result = read_measurements("\n".join(lines[:-1]).encode(), "m.csv", indicators)
    assert len(result.rows) == MAX_ROWS and result.ok


def test_result_type():
    result = read("code;jaar;waarde\nWACHT;2025;1\n")
    assert isinstance(result, ImportResult)
    assert result.rows == [MeasurementRow(WAIT, parse_period("2025"), 1.0, "")]


# Numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12.0),
        ("12,4", 12.4),
        ("12.4", 12.4),
        ("0,5", 0.5),
        ("0.125", 0.125),  # not a thousands group: it starts with 0
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1,234", 1.234),  # one comma is a decimal comma
        ("1234,567", 1234.567),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("-3,5", -3.5),
        ("\u22123,5", -3.5),
        ("+3,5", 3.5),
        ("12,4%", 12.4),
        ("12,4 %", 12.4),
        ("€ 1.234,50", 1234.5),
        ("-€ 5", -5.0),
        ("  7  ", 7.0),
    ],
)
def test_numbers_dutch_and_english(text, number):
    assert parse_number(text) == pytest.approx(number, abs=0, rel=1e-15)


@pytest.mark.parametrize(
    "text", ["", "-", "+", "abc", "12,", ",5", "1,2,3", "1.2.3", "12.34.56", "1.234,5.6", "1e3"]
)
def test_not_numbers(text):
    with pytest.raises(ValueError) as error:
        parse_number(text)
    assert str(error.value) == f"“{text}” is not a number."


@pytest.mark.parametrize(
    ("text", "whole", "comma"), [("1.234", "1234", "1,234"), ("-12.500", "-12500", "-12,500")]
)
def test_a_dot_before_three_digits_is_ambiguous(text, whole, comma):
    with pytest.raises(ValueError) as error:
        parse_number(text)
    assert str(error.value) == (
        f"“{text}” can be read in two ways: write {whole} for a whole number or {comma} for "
        "a decimal number."
    )


def test_an_xlsx_that_unpacks_too_large_is_refused(monkeypatch):
    from thermometer.core import tabular

    monkeypatch.setattr(tabular, "MAX_UNPACKED", 1000)
    data = xlsx([["code", "jaar", "waarde"], ["WACHT", 2025, 1]])
    assert refused(data, "m.xlsx") == "“m.xlsx” is too large to read."


def test_endless_empty_rows_are_cut_off():
    data = "code;jaar;waarde\nWACHT;2025;1\n" + ";;\n" * (5 * 10 + 1000)
    assert refused(data, max_rows=10) == (
        "The file has more than 10 rows; nothing has been imported. Split it into smaller files."
    )
    assert len(read(data, max_rows=20).rows) == 1
