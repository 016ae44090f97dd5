"""The pure participant-file parser: each bad row gets its Dutch message and row number,
good rows are kept, nothing is imported twice.

Runs without the rest of the project: Django is configured minimally when no settings
are loaded (``pytest -p no:django``), and the Dutch catalogue is compiled here.
"""

import ast
import codecs
import io
import os
import random
import re
import tempfile
import zipfile
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.reloader import translation_file_changed
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from thermometer.core import tabular
from thermometer.participants.importing import (
    ImportPlan,
    ParticipantRow,
    RowProblem,
    identity_key,
    parse_participant_file,
)

APP = Path(__file__).resolve().parents[1]
LOCALE = APP / "locale"
PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"

if not settings.configured:
    settings.configure(USE_I18N=True, LANGUAGE_CODE="nl", LOCALE_PATHS=[str(LOCALE)])
    django.setup()


def _compile_catalogue() -> None:
    """Compile django.po next to itself (atomically; .mo files are not in git)."""
    mo = PO.with_suffix(".mo")
    fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
    os.close(fd)
    try:
        polib.pofile(str(PO)).save_as_mofile(tmp)
        if mo.exists() and mo.read_bytes() == Path(tmp).read_bytes():
            return
        os.replace(tmp, mo)
        translation_file_changed(None, mo)  # drop catalogues Django may have cached
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


_compile_catalogue()

LAYERS = {
    "bestuur": "Bestuur",
    "visie": "Visie",
    "beleid": "Beleid",
    "regelgeving": "Wet- en regelgeving",
    "opdrachtgeving": "Opdrachtgeving",
    "uitvoering": "Uitvoering",
    "inwoner": "Inwoner",
}
ACTORS = {"inwoner": "Inwoner", "professional": "Professional", "gemeente": "Gemeente"}
DEFAULT_ACTOR = {
    "bestuur": "gemeente",
    "visie": "gemeente",
    "beleid": "gemeente",
    "regelgeving": "gemeente",
    "opdrachtgeving": "gemeente",
    "uitvoering": "professional",
    "inwoner": "inwoner",
}
LAYER_CHOICES = "Bestuur, Visie, Beleid, Wet- en regelgeving, Opdrachtgeving, Uitvoering, Inwoner"
ACTOR_CHOICES = "Inwoner, Professional, Gemeente"


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def parse(data, filename="deelnemers.csv", *, existing=(), max_rows=5000, default_actor=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return parse_participant_file(
        data,
        filename,
        layers=LAYERS,
        actors=ACTORS,
        layer_default_actor=DEFAULT_ACTOR if default_actor is None else default_actor,
        existing_keys=set(existing),
        max_rows=max_rows,
    )


def xlsx(rows, *, start_row=1) -> bytes:
    book = Workbook()
    sheet = book.active
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=start_row + offset, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def messages(problems):
    return [problem.message for problem in problems]


def file_error(plan) -> str:
    assert plan.file_error and not plan.rows, plan
    (problem,) = plan.errors
    assert problem.row_number is None
    return problem.message


# Formats ----------------------------------------------------------------------------------


def test_semicolon_csv_with_bom_from_dutch_excel():
    data = (
        "\ufeffNaam;E-mail;Laag;Actor;Organisatie\r\n"
        "Fatima El Amrani;Fatima@Example.org;Uitvoering;;Wijkteam Noord\r\n"
        ";;inwoner;;Inwonerspanel\r\n"
    )
    plan = parse(data)
    assert plan.ok and not plan.duplicates and not plan.notes
    assert plan.rows == [
        ParticipantRow(
            2,
            "Fatima El Amrani",
            "fatima@example.org",
            "uitvoering",
            "professional",
            "Wijkteam Noord",
        ),
        ParticipantRow(3, "", "", "inwoner", "inwoner", "Inwonerspanel"),
    ]


def test_comma_csv():
    plan = parse('naam,email,laag,organisatie\n"Bakker, Piet",piet@example.org,beleid,Gemeente\n')
    assert plan.ok
    (row,) = plan.rows
    assert (row.name, row.email, row.layer, row.actor) == (
        "Bakker, Piet",
        "piet@example.org",
        "beleid",
        "gemeente",
    )


def test_cp1252_csv_with_accents():
    data = "naam;laag;organisatie\nRené Hoogendijk;beleid;Café de Zuidwijk\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    plan = parse(data)
    assert plan.ok
    assert (plan.rows[0].name, plan.rows[0].organisation) == ("René Hoogendijk", "Café de Zuidwijk")


def test_tab_separated_unicode_text_from_excel():
    data = codecs.BOM_UTF16_LE + "Naam\tLaag\r\nZoë\tVisie\r\n".encode("utf-16-le")
    plan = parse(data, "lijst.txt")
    assert plan.ok
    assert (plan.rows[0].name, plan.rows[0].layer) == ("Zoë", "visie")


def test_excel_sep_line_sets_the_delimiter_and_is_not_a_row():
    plan = parse("sep=,\nnaam,laag\nAnna,beleid\n")
    assert [(r.row_number, r.name) for r in plan.rows] == [(2, "Anna")]


def test_delimiter_is_the_one_that_finds_the_columns():
    # Commas inside names do not fool the sniffer: ";" finds naam and laag.
    plan = parse("naam;laag\nBakker, P.;beleid\nJansen, K.;visie\n")
    assert [r.name for r in plan.rows] == ["Bakker, P.", "Jansen, K."]


def test_xlsx_numbers_and_dates_become_text():
    data = xlsx(
        [
            ["Naam", "Laag", "Organisatie"],
            [None, "uitvoering", 12345],
            [42, "beleid", 3.0],
            ["Anna", "beleid", 2.5],
        ]
    )
    plan = parse(data, "lijst.xlsx")
    assert plan.ok
    assert [(r.name, r.organisation, r.actor) for r in plan.rows] == [
        ("", "12345", "professional"),
        ("42", "3", "gemeente"),
        ("Anna", "2.5", "gemeente"),
    ]


def test_xlsx_row_numbers_match_excel_with_empty_rows():
    data = xlsx(
        [["Naam", "Laag"], ["Anna", "beleid"], [None, None], ["Bert", "kelder"]],
        start_row=3,
    )
    plan = parse(data, "lijst.xlsx")
    assert [r.row_number for r in plan.rows] == [4]
    assert messages(plan.errors) == [
        f"Rij 6: laag “kelder” bestaat niet in deze methodiek. Kies uit: {LAYER_CHOICES}."
    ]


def test_content_decides_the_reader_not_the_extension():
    workbook = xlsx([["laag"], ["beleid"]])
    assert [r.layer for r in parse(workbook, "lijst.csv").rows] == ["beleid"]
    assert [r.layer for r in parse("laag\nvisie\n", "lijst.xlsx").rows] == ["visie"]


def test_multiline_cell_counts_as_one_row_like_in_excel():
    plan = parse('naam;laag\n"Jan\nSmit";beleid\nPiet;kelder\n')
    assert [(r.row_number, r.name) for r in plan.rows] == [(2, "Jan Smit")]
    assert plan.errors[0].row_number == 3


# Headers ----------------------------------------------------------------------------------


def test_english_headers_and_spelling_variants():
    data = "Full name,E_MAIL,Layer in the chain,Role-in-the-triangle,Organization\nAnn,,policy,,\n"
    plan = parse(data)
    assert messages(plan.errors) == [
        f"Rij 2: laag “policy” bestaat niet in deze methodiek. Kies uit: {LAYER_CHOICES}."
    ]
    plan = parse(
        "NAME;E-mail adres;Laag in de keten;Rol in de driehoek;Organisation\n"
        "Ann;;Beleid;inwoner;X\n"
    )
    assert plan.rows == [ParticipantRow(2, "Ann", "", "beleid", "inwoner", "X")]


def test_missing_layer_column_names_the_columns_found():
    plan = parse("naam;organisatie\nAnna;Gemeente\n")
    assert file_error(plan) == (
        "De kolom “laag” ontbreekt. Gevonden kolommen: naam, organisatie. De eerste rij moet "
        "de kolomnamen bevatten, bijvoorbeeld: naam, e-mail, laag, actor, organisatie."
    )


def test_a_file_without_header_row_is_refused():
    message = file_error(parse("Anna;anna@example.org;beleid\nBert;;visie\n"))
    assert message.startswith(
        "De kolom “laag” ontbreekt. Gevonden kolommen: Anna, anna@example.org, beleid."
    )


def test_a_column_given_twice_is_refused():
    message = file_error(parse("laag;Naam;name\nbeleid;A;B\n"))
    assert message == (
        "De kolom “naam” komt meer dan één keer voor (“Naam”, “name”). "
        "Houd er één over en importeer het bestand opnieuw."
    )


def test_unknown_columns_are_ignored_with_a_note():
    plan = parse("naam;laag;Telefoon;Opmerking\nAnna;beleid;0612345678;x\n")
    assert plan.ok and len(plan.rows) == 1
    assert plan.notes == [
        RowProblem(
            None, "Deze kolommen worden niet gebruikt en zijn genegeerd: Telefoon, Opmerking."
        )
    ]


# Rows -------------------------------------------------------------------------------------


def test_bad_rows_get_a_dutch_message_and_good_rows_are_kept():
    data = (
        "naam;e-mail;laag;actor;organisatie\n"
        "Anna;;Uitvoering;;Wijkteam\n"  # 2 good
        "Onbekend;;Kelder;;Nergens\n"  # 3 bad layer
        "Piet;piet@;Beleid;;Gemeente\n"  # 4 bad e-mail
        "Karin;;beleid;burger;\n"  # 5 bad actor
        ";;;;\n"  # 6 empty: skipped
        ";alleen@example.org;;;\n"  # 7 no layer
        "Ruud;;inwoner;;\n"  # 8 good
    )
    plan = parse(data)
    assert plan.errors == [
        RowProblem(
            3, f"Rij 3: laag “Kelder” bestaat niet in deze methodiek. Kies uit: {LAYER_CHOICES}."
        ),
        RowProblem(4, "Rij 4: e-mailadres “piet@” is ongeldig."),
        RowProblem(5, f"Rij 5: actor “burger” bestaat niet. Kies uit: {ACTOR_CHOICES}."),
        RowProblem(7, f"Rij 7: de laag ontbreekt. Kies uit: {LAYER_CHOICES}."),
    ]
    assert [(r.row_number, r.name) for r in plan.rows] == [(2, "Anna"), (8, "Ruud")]
    assert not plan.file_error and not plan.ok


def test_each_problem_of_a_row_gets_its_own_message():
    plan = parse("naam;e-mail;laag;actor\nAnna;anna@@x;xyz;abc\n")
    assert messages(plan.errors) == [
        f"Rij 2: laag “xyz” bestaat niet in deze methodiek. Kies uit: {LAYER_CHOICES}.",
        f"Rij 2: actor “abc” bestaat niet. Kies uit: {ACTOR_CHOICES}.",
        "Rij 2: e-mailadres “anna@@x” is ongeldig.",
    ]
    assert not plan.rows


@pytest.mark.parametrize("value", ["Uitvoering", "uitvoering", " UITVOERING ", "\tuitvoering"])
def test_layer_by_key_or_display_name_any_case(value):
    plan = parse(f'naam;laag\nAnna;"{value}"\n')
    assert [r.layer for r in plan.rows] == ["uitvoering"]


def test_layer_by_display_name_that_differs_from_the_key():
    plan = parse("laag\nwet- en  REGELGEVING\nregelgeving\n")
    assert [r.layer for r in plan.rows] == ["regelgeving", "regelgeving"]


def test_actor_defaults_to_the_layer_and_can_be_given_by_key_or_name():
    plan = parse("laag;actor\nuitvoering;\ninwoner;\nbeleid;PROFESSIONAL\nvisie;inwoner\n")
    assert plan.ok
    assert [(r.layer, r.actor) for r in plan.rows] == [
        ("uitvoering", "professional"),
        ("inwoner", "inwoner"),
        ("beleid", "professional"),
        ("visie", "inwoner"),
    ]


def test_layer_without_usual_actor_needs_an_actor():
    plan = parse("laag;actor\nvisie;\nvisie;gemeente\n", default_actor={"beleid": "gemeente"})
    assert messages(plan.errors) == [
        f"Rij 2: bij laag “Visie” hoort geen vaste actor, dus vul de actor in. "
        f"Kies uit: {ACTOR_CHOICES}."
    ]
    assert [r.actor for r in plan.rows] == ["gemeente"]


def test_values_are_trimmed_and_whitespace_collapsed():
    plan = parse(
        "naam;e-mail;laag;organisatie\n  Jan   Smit ; JAN@Example.ORG ;beleid; Team  Noord \n"
    )
    (row,) = plan.rows
    assert (row.name, row.email, row.organisation) == ("Jan Smit", "jan@example.org", "Team Noord")


def test_overlong_values_are_refused():
    data = f"naam;e-mail;laag;organisatie\n{'n' * 201};{'e' * 250}@x.nl;beleid;{'o' * 201}\n"
    assert messages(parse(data).errors) == [
        "Rij 2: het e-mailadres is langer dan 254 tekens.",
        "Rij 2: de naam is langer dan 200 tekens.",
        "Rij 2: de organisatie is langer dan 200 tekens.",
    ]
    exact = f"naam;laag;organisatie\n{'n' * 200};beleid;{'o' * 200}\n"
    assert parse(exact).ok


def test_a_long_wrong_value_is_shortened_in_the_message():
    plan = parse(f"laag\n{'x' * 500}\n")
    assert f"laag “{'x' * 59}…” bestaat niet" in plan.errors[0].message


# Duplicates -------------------------------------------------------------------------------


def test_identity_key():
    key = identity_key
    assert key(name="Jan", email=" Jan@Example.ORG ", layer="beleid", actor="x", organisation="")
    assert (
        key(name="Jan", email=" Jan@Example.ORG ", layer="beleid", actor="x", organisation="")
        == "email:jan@example.org"
    )
    assert (
        key(name="  Jan   SMIT", email="", layer="beleid", actor="x", organisation=" Team  A ")
        == "name:jan smit|beleid|team a"
    )
    # The actor is not part of the identity; a nameless row has none.
    assert key(name="Jan Smit", email="", layer="beleid", actor="a", organisation="Team A") == key(
        name="jan smit", email="", layer="beleid", actor="b", organisation="team a"
    )
    assert key(name=" ", email="", layer="beleid", actor="gemeente", organisation="X") is None


def test_duplicates_within_the_file():
    data = (
        "naam;e-mail;laag;organisatie\n"
        "Jan Smit;;beleid;Team A\n"  # 2
        "Anna;anna@example.org;visie;\n"  # 3
        "jan  smit;;Beleid;team a\n"  # 4 same name, layer and organisation as 2
        "Anna Bakker;ANNA@example.org;uitvoering;\n"  # 5 same e-mail as 3
        "Jan Smit;;visie;Team A\n"  # 6 other layer: another person
        ";;inwoner;Panel\n"  # 7 nameless
        ";;inwoner;Panel\n"  # 8 nameless again: a second person, not a duplicate
    )
    plan = parse(data)
    assert plan.ok
    assert plan.duplicates == [
        RowProblem(4, "Rij 4: dubbel, zelfde naam, laag en organisatie als rij 2."),
        RowProblem(5, "Rij 5: dubbel, zelfde e-mailadres als rij 3."),
    ]
    assert [r.row_number for r in plan.rows] == [2, 3, 6, 7, 8]


def test_duplicates_against_the_scan():
    existing = {
        identity_key(name="", email="oud@example.org", layer="", actor="", organisation=""),
        identity_key(name="Piet", email="", layer="beleid", actor="", organisation="Gemeente"),
    }
    data = (
        "naam;e-mail;laag;organisatie\n"
        "Oud;OUD@example.org;visie;\n"  # 2
        "PIET;;beleid;gemeente\n"  # 3
        "Piet;;visie;Gemeente\n"  # 4 other layer: new
        "Nieuw;nieuw@example.org;beleid;\n"  # 5
    )
    plan = parse(data, existing=existing)
    assert plan.duplicates == [
        RowProblem(2, "Rij 2: staat al in dit onderzoek (zelfde e-mailadres)."),
        RowProblem(3, "Rij 3: staat al in dit onderzoek (zelfde naam, laag en organisatie)."),
    ]
    assert [r.row_number for r in plan.rows] == [4, 5]
    assert plan.ok  # duplicates are not errors


def test_a_bad_row_is_an_error_not_a_duplicate():
    plan = parse("e-mail;laag\na@example.org;beleid\na@example.org;kelder\n")
    assert [p.row_number for p in plan.errors] == [3]
    assert not plan.duplicates


# Whole-file problems ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "leeg.csv"),
        (codecs.BOM_UTF8, "leeg.csv"),
        (b"\r\n;;\r\n\r\n", "leeg.csv"),
        (b"", "leeg.xlsx"),
        (xlsx([]), "leeg.xlsx"),
    ],
)
def test_empty_file(data, filename):
    assert file_error(parse(data, filename)) == "Het bestand is leeg."


@pytest.mark.parametrize("data", [b"naam;laag\n", b"naam;laag\n;\n\n", xlsx([["Naam", "Laag"]])])
def test_header_only(data):
    filename = "lijst.xlsx" if data.startswith(b"PK") else "lijst.csv"
    message = file_error(parse(data, filename))
    assert message == "Het bestand bevat alleen de kopregel en geen deelnemers."


def test_corrupt_xlsx():
    data = random.Random(1).randbytes(2000)
    assert file_error(parse(data, "kapot.xlsx")) == (
        "“kapot.xlsx” is geen geldig Excelbestand (.xlsx). Open het in Excel en sla het "
        "opnieuw op als Excel-werkmap (.xlsx) of CSV."
    )


def test_zip_that_is_no_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    message = file_error(parse(out.getvalue(), "brief.xlsx"))
    assert message.startswith("“brief.xlsx” is geen geldig Excelbestand (.xlsx).")


def test_old_excel_format():
    assert file_error(parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "oud.xls")) == (
        "“oud.xls” is in het oude Excel-formaat (.xls). Kies in Excel voor Opslaan als en "
        "dan voor Excel-werkmap (.xlsx) of CSV."
    )


def test_password_protected_workbook():
    message = file_error(parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "geheim.xlsx"))
    assert message.startswith("“geheim.xlsx” is beveiligd met een wachtwoord")


@pytest.mark.parametrize(
    "filename", ["lijst.pdf", "lijst.docx", "lijst", "C:\\Users\\a\\lijst.ods"]
)
def test_other_extensions(filename):
    shown = filename.rsplit("\\", 1)[-1]
    assert file_error(parse(b"%PDF-1.4", filename)) == (
        f"“{shown}” is geen CSV- of Excelbestand (.xlsx). Sla de lijst op als .csv of .xlsx."
    )


@pytest.mark.parametrize("data", [b"\x00\x01\x02 binary \xff\xfe\x00", b"naam;laag\n\x00\x00\n"])
def test_binary_csv(data):
    assert file_error(parse(data, "lijst.csv")) == (
        "“lijst.csv” kan niet worden gelezen. Is het echt een CSV- of Excelbestand (.xlsx)?"
    )


def test_unclosed_quote_is_refused_with_its_row():
    message = file_error(parse('naam;laag\nAnna;beleid\n"Bakker;beleid\nJan;visie\n'))
    assert message.startswith('Rij 3: een aanhalingsteken (") wordt niet gesloten')


def test_too_many_rows_imports_nothing():
    data = "laag\n" + "beleid\n" * 11
    assert file_error(parse(data, max_rows=10)) == (
        "Het bestand heeft meer dan 10 rijen met deelnemers; er is niets geïmporteerd. "
        "Verdeel de lijst over kleinere bestanden."
    )
    assert len(parse("laag\n" + "beleid\n\n" * 10, max_rows=10).rows) == 10  # empty rows free


def test_too_many_rows_in_xlsx():
    data = xlsx([["laag"]] + [["beleid"]] * 6)
    assert "meer dan 5 rijen" in file_error(parse(data, "lijst.xlsx", max_rows=5))


def test_huge_unpacked_workbook_is_refused(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_UNPACKED", 1000)
    message = file_error(parse(xlsx([["laag"], ["beleid"]]), "groot.xlsx"))
    assert message.startswith("“groot.xlsx” is te groot om te lezen.")


def test_broken_workbooks_never_raise():
    good = xlsx([["naam", "laag"], ["Anna", "beleid"], ["Bert", "visie"]])
    rng = random.Random(7)
    for _ in range(60):
        data = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        assert isinstance(parse(bytes(data), "lijst.xlsx"), ImportPlan)


@hypothesis_settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(alphabet=st.sampled_from(list('laagbeid;,\t"\n\r x@é')), max_size=200).map(
            str.encode
        ),
    ),
    filename=st.sampled_from(["a.csv", "a.txt", "a.xlsx", "a.xls", "a"]),
)
def test_no_exception_escapes(data, filename):
    with translation.override("nl"):
        plan = parse(data, filename)
    for problem in plan.errors + plan.duplicates + plan.notes:
        assert problem.message
    if plan.file_error:
        assert not plan.rows


# Translations -----------------------------------------------------------------------------


def _source_messages() -> set[str]:
    tree = ast.parse((APP / "importing.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            found.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
    return found


def test_every_message_has_a_dutch_translation():
    catalogue = polib.pofile(str(PO))
    header = catalogue.metadata
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Language"] == "nl"
    assert header["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    entries = {e.msgid: e for e in catalogue} | {e.msgid_plural: e for e in catalogue}
    placeholders = re.compile(r"%\(\w+\)[sd]")
    for msgid in _source_messages():
        entry = entries.get(msgid)
        assert entry is not None and entry.translated() and not entry.fuzzy, msgid
        for msgstr in [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values():
            assert sorted(placeholders.findall(msgstr)) == sorted(placeholders.findall(msgid))
