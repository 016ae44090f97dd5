"""The pure parser: each bad row gets its Dutch message and row number, good rows are kept."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from thermometer.participants.importing import identity_key, parse_participant_file

LAYERS = {"beleid": "Beleid", "uitvoering": "Uitvoering", "inwoner": "Inwoner"}
ACTORS = {"inwoner": "Inwoner", "professional": "Professional", "gemeente": "Gemeente"}
DEFAULT_ACTOR = {"beleid": "gemeente", "uitvoering": "professional", "inwoner": "inwoner"}


def parse(data: bytes, filename="lijst.csv", existing=(), max_rows=5000):
    with translation.override("nl"):
        return parse_participant_file(
            data,
            filename,
            layers=LAYERS,
            actors=ACTORS,
            layer_default_actor=DEFAULT_ACTOR,
            existing_keys=set(existing),
            max_rows=max_rows,
        )


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_dutch_excel_csv_with_bom_and_semicolons():
    data = "\ufeffNaam;E-mail;Laag;Organisatie\r\nAnna;anna@example.org; UITVOERING ;Wijkteam\r\n"
    plan = parse(data.encode("utf-8"))
    assert not plan.errors
    (row,) = plan.rows
    assert (row.row_number, row.name, row.layer, row.actor) == (
        2,
        "Anna",
        "uitvoering",
        "professional",
    )


def test_comma_csv_with_english_headers_and_cp1252():
    data = "name,email,layer,actor,organisation\nRené,,policy?,,\nJosé,,beleid,,Gemeente\n"
    plan = parse(data.encode("cp1252"))
    assert [r.name for r in plan.rows] == ["José"]
    assert plan.errors[0].row_number == 2


def test_each_bad_row_gets_its_message_and_good_rows_stay():
    data = (
        "naam;e-mail;laag;actor\n"
        "A;;kelder;\n"
        "B;b@;beleid;\n"
        "C;;uitvoering;burger\n"
        ";;;\n"
        "D;;;\n"
        "E;;inwoner;\n"
    )
    plan = parse(data.encode())
    messages = [e.message for e in plan.errors]
    assert messages == [
        "Rij 2: laag “kelder” bestaat niet in deze methodiek. "
        "Kies uit: Beleid, Uitvoering, Inwoner.",
        "Rij 3: e-mailadres “b@” is ongeldig.",
        "Rij 4: actor “burger” bestaat niet. Kies uit: Inwoner, Professional, Gemeente.",
        "Rij 6: de laag ontbreekt.",
    ]
    assert [r.name for r in plan.rows] == ["E"]


def test_duplicates_within_the_file_and_against_the_scan():
    existing = {identity_key(name="", email="old@example.org", layer="", actor="", organisation="")}
    data = (
        "naam;e-mail;laag\n"
        "Oud;OLD@example.org;beleid\n"
        "Jan  Smit;;beleid\n"
        "jan smit;;beleid\n"
        ";;inwoner\n"
        ";;inwoner\n"
    )
    plan = parse(data.encode(), existing=existing)
    assert [d.message for d in plan.duplicates] == [
        "Rij 2: staat al in dit onderzoek (zelfde e-mailadres).",
        "Rij 4: dubbel, zelfde als rij 3.",
    ]
    # Nameless rows are separate people; the service counts them per group.
    assert [r.row_number for r in plan.rows] == [3, 5, 6]


def test_xlsx_cells_that_are_numbers_become_text():
    plan = parse(xlsx([["Naam", "Laag", "Organisatie"], [None, "uitvoering", 12345]]), "l.xlsx")
    assert plan.rows[0].organisation == "12345"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (b"naam;laag\n", "kop.csv", None),
        (b"\x00\x01garbage", "kapot.xlsx", "kan niet worden gelezen"),
        (b"whatever", "oud.xls", "is geen CSV- of Excelbestand"),
        (
            b"naam;organisatie\nA;B\n",
            "zonderlaag.csv",
            "De kolom “laag” ontbreekt. Gevonden kolommen: naam, organisatie.",
        ),
        (b"PK\x03\x04binary", "vermomd.csv", "kan niet worden gelezen"),
    ],
)
def test_file_level_problems(data, filename, message):
    plan = parse(data, filename)
    assert not plan.rows
    if message is None:
        assert not plan.errors
    else:
        assert plan.file_error and message in plan.errors[0].message


def test_too_many_rows_imports_nothing():
    data = "laag\n" + "beleid\n" * 11
    plan = parse(data.encode(), max_rows=10)
    assert not plan.rows
    assert (
        plan.errors[0].message
        == "Het bestand heeft meer dan 10 rijen. Verdeel het over kleinere bestanden."
    )


def test_overlong_values_are_refused():
    plan = parse(f"naam;laag\n{'x' * 201};beleid\n".encode())
    assert plan.errors[0].message == "Rij 2: de naam is langer dan 200 tekens."
