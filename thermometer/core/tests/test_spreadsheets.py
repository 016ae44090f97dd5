"""Every exported table goes through one writer that never lets a cell run as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from thermometer.core.spreadsheets import FORMULA_START, Sheet, csv_bytes, xlsx_bytes

HOSTILE = [start + 'HYPERLINK("https://example.org/x","klik")' for start in FORMULA_START]


def test_csv_neutralises_every_formula_start_in_header_and_cells():
    data = csv_bytes(["=kop", "gewoon"], [[text, 42] for text in HOSTILE])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["'=kop", "gewoon"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert {row[1] for row in rows[1:]} == {"42"}


@pytest.mark.parametrize("text", HOSTILE)
def test_xlsx_writes_formula_starts_as_text_in_every_sheet(text):
    book = load_workbook(
        io.BytesIO(
            xlsx_bytes(
                [
                    Sheet("Antwoorden", [["kolom", "getal"], [text, 3.5]], freeze="B2"),
                    Sheet("Vragen", [[text]]),
                ]
            )
        )
    )
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert book["Antwoorden"]["A2"].value == "'" + text
    assert book["Antwoorden"]["B2"].value == 3.5 and book["Antwoorden"]["B2"].data_type == "n"
    assert book["Antwoorden"].freeze_panes == "B2"
