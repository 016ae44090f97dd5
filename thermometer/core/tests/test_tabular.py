"""The one tabular reader every import uses: real CBS and Excel files, the encodings Dutch
Excel writes (UTF-8 with BOM, UTF-16 "Unicode text", Windows-1252), bytes that are no
text, zip bombs, old Excel, Dutch numbers, and the zip-size guard other uploads share.
"""

import codecs
import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from thermometer.core import tabular
from thermometer.core.tabular import (
    TabularError,
    base_name,
    cell_text,
    decode_text,
    extension_of,
    parse_number,
    read_rows,
    unpacked_size,
    zip_bomb,
)

DATA = Path("/work/shared/data")
CBS_WMO = DATA / "open_data" / "cbs_wmo_clienten_gebruik_wlz_gemeente_2020.csv"  # ;, BOM
GM_CODES = DATA / "municipalities" / "cbs_2025_gm_codes_and_provinces.csv"  # ;, BOM, CRLF
WASSENAAR = DATA / "open_data" / "wassenaar_taakveld_lasten_2020_2025.csv"  # ,
METADATA_XLSX = (
    DATA / "questionnaires" / "burgerpeiling" / "Metadata_indicatoren_WSJG_rapportages.xlsx"
)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refused(data: bytes, filename: str, limit: int = 100_000, **options) -> TabularError:
    with pytest.raises(TabularError) as error:
        read_rows(data, filename, limit=limit, **options)
    return error.value


def filled_rows(rows):
    return [cells for _n, cells in rows if any(map(tabular.filled, cells))]


def cbs_rows() -> list[list[str]]:
    """The CBS download as Python's csv module reads it: the reference for every encoding."""
    text = CBS_WMO.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# Real files ---------------------------------------------------------------------------------


def test_a_cbs_download_with_bom_and_a_semicolon_in_a_quoted_title():
    rows = read_rows(CBS_WMO.read_bytes(), CBS_WMO.name, limit=100_000)
    assert rows[0] == (
        1,
        ["Geslacht", "Persoonskenmerken", "Regio's", "Wmo-cliënten; gebruik Wlz aantal (aantal)"],
    )
    assert len(filled_rows(rows)) == 1 + 1420  # SOURCES.md: 1,420 data rows
    assert [cells for _n, cells in rows] == cbs_rows()
    assert rows[1] == (
        2,
        ["Totaal mannen en vrouwen", "Leeftijd: 45 tot 60 jaar", "Aa en Hunze", "40"],
    )


def test_a_semicolon_file_with_bom_and_crlf():
    rows = read_rows(GM_CODES.read_bytes(), GM_CODES.name, limit=1000)
    assert rows[0][1] == ["GM_code", "province"]  # no BOM left in the first title
    assert rows[1][1] == ["GM1680", "Drenthe"]


def test_a_real_workbook_reads_its_first_sheet():
    rows = read_rows(METADATA_XLSX.read_bytes(), METADATA_XLSX.name, limit=100_000)
    assert rows[0][1][:6] == ["Indicator code", "Name", "Description", "Unit", "Source", "Seq no"]
    assert rows[1][1][:2] == ["bp_jr", "Deelname Burgerpeiling"]


# Encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_unicode_text_with_bom_is_read_despite_its_nul_bytes(bom):
    # Excel's "Unicode text": UTF-16 with a BOM, tab-separated; here the CBS file saved so.
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(cbs_rows())
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    data = bom + out.getvalue().encode(codec)
    assert b"\x00" in data
    rows = read_rows(data, "wmo.txt", limit=100_000)
    assert [cells for _n, cells in rows] == cbs_rows()


def test_windows_1252_from_dutch_excel():
    data = CBS_WMO.read_bytes().decode("utf-8-sig").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    rows = read_rows(data, "wmo.csv", limit=100_000)
    assert [cells for _n, cells in rows] == cbs_rows()
    assert rows[0][1][3] == "Wmo-cliënten; gebruik Wlz aantal (aantal)"


def test_decode_text():
    assert decode_text(codecs.BOM_UTF8 + "Zoë".encode()) == "Zoë"
    assert decode_text(codecs.BOM_UTF16_BE + "Zoë".encode("utf-16-be")) == "Zoë"
    assert decode_text("Café".encode("cp1252")) == "Café"
    # 0x81 is neither UTF-8 nor Windows-1252: replaced for a document, refused when strict.
    assert decode_text(b"caf\xe9 \x81") == "café \ufffd"
    with pytest.raises(UnicodeDecodeError):
        decode_text(b"caf\xe9 \x81", errors="strict")


# Bytes that are no text -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"naam;laag\n\x00\x00\n", b"\x00\x01\x02binary", b"a;b\n\x1b[0m\n"]
)
def test_a_nul_byte_or_control_character_refuses_a_text_file(data):
    error = refused(data, "lijst.csv")
    assert error.reason == tabular.NOT_TEXT
    assert str(error) == "“lijst.csv” is not a CSV or XLSX file."


def test_bytes_that_are_no_encoding_refuse_a_text_file():
    assert refused(b"naam\ncaf\xe9 \x81\n", "lijst.csv").reason == tabular.NOT_TEXT


def test_a_text_file_named_xlsx():
    assert refused(b"laag\nvisie\n", "lijst.xlsx").reason == tabular.BROKEN_WORKBOOK
    rows = read_rows(b"laag\nvisie\n", "lijst.xlsx", limit=10, content_decides=True)
    assert rows == [(1, ["laag"]), (2, ["visie"])]
    error = refused(b"\x00\x01 no text", "lijst.xlsx", content_decides=True)
    assert (error.reason, str(error)) == (
        tabular.BROKEN_WORKBOOK,
        "“lijst.xlsx” cannot be read. Save it again as .xlsx or as .csv and try again.",
    )


# Zip bombs --------------------------------------------------------------------------------


def zeros_zip(size: int, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(member, b"\x00" * size)
    return out.getvalue()


def test_a_zip_bomb_named_xlsx_is_refused_before_it_is_unpacked():
    bomb = zeros_zip(tabular.MAX_UNPACKED + 1)
    assert len(bomb) < tabular.MAX_UNPACKED // 500  # about 65 kB on the wire
    assert unpacked_size(bomb) == tabular.MAX_UNPACKED + 1
    error = refused(bomb, "groot.xlsx")
    assert (error.reason, str(error)) == (tabular.TOO_LARGE, "“groot.xlsx” is too large to read.")


def test_the_zip_size_guard_on_a_real_workbook():
    data = METADATA_XLSX.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = sum(info.file_size for info in archive.infolist())
        assert unpacked_size(archive) == size == unpacked_size(data)
    assert not zip_bomb(data, packed_size=len(data), max_unpacked=size)
    assert zip_bomb(data, packed_size=len(data), max_unpacked=size - 1)
    # The ratio: a workbook unpacks to a few times its size, a bomb to hundreds.
    assert not zip_bomb(data, packed_size=len(data), max_unpacked=size, max_ratio=100)
    bomb = zeros_zip(10_000_000, "word/document.xml")
    assert zip_bomb(bomb, packed_size=len(bomb), max_unpacked=10**9, max_ratio=100)
    with pytest.raises(zipfile.BadZipFile):
        unpacked_size(b"PK\x03\x04broken")


# Old and protected Excel, other files ------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (OLE2 + b"\x00" * 500, "oud.xls"),  # a real .xls starts with the OLE2 signature
        (b"<html><table></table></html>", "export.xls"),  # a web page saved as .xls
        (OLE2 + b"\x00" * 500, "geheim.xlsx"),  # a workbook with a password is OLE2 too
    ],
)
def test_old_or_protected_excel(data, filename):
    error = refused(data, filename)
    assert error.reason == tabular.OLD_EXCEL
    assert str(error) == (
        f"“{filename}” is an old Excel file (.xls) or a protected one. "
        "Save it as .xlsx or .csv and try again."
    )


def test_extensions_the_caller_does_not_read():
    error = refused(b"%PDF-1.7", "C:\\Users\\a\\lijst.pdf")
    assert (error.reason, str(error)) == (
        tabular.UNSUPPORTED,
        "“lijst.pdf” is not a CSV or XLSX file.",
    )
    assert refused(b"a;b\n", "lijst.tsv", extensions=frozenset({"csv"})).reason == "unsupported"
    assert base_name("C:\\Users\\a\\Lijst.CSV") == "Lijst.CSV"
    assert extension_of("map/lijst.XLSX") == "xlsx" and extension_of("lijst") == ""


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8, b" \r\n"])
def test_an_empty_file(data):
    error = refused(data, "leeg.csv")
    assert (error.reason, str(error)) == (tabular.EMPTY, "The file is empty.")
    with translation.override("nl"):
        assert str(refused(data, "leeg.csv")) == "Het bestand is leeg."


# Separators and quotes --------------------------------------------------------------------


def test_the_separator_is_the_one_under_which_the_header_makes_sense():
    # Without names: the most cells in the header row ("," here, though a name has ";").
    data = b"naam,laag,organisatie\nBakker; P.,beleid,Gemeente\n"
    assert read_rows(data, "a.csv", limit=10)[1][1] == ["Bakker; P.", "beleid", "Gemeente"]
    # Known column names count first: under ";" this header holds "naam" and "laag".
    known = {"naam", "laag"}.__contains__
    data = b"naam;laag;Bijzonderheden, opmerkingen, telefoon, e-mail\nAnna;beleid;x\n"
    assert read_rows(data, "a.csv", limit=10)[0][1] == [
        "naam;laag;Bijzonderheden",
        " opmerkingen",
        " telefoon",
        " e-mail",
    ]
    assert read_rows(data, "a.csv", limit=10, header_names=known)[1][1] == ["Anna", "beleid", "x"]
    # A tie goes to ";" when the header line has one, as Dutch Excel writes it.
    assert read_rows(b"x;y,z\n1;2,3\n", "a.csv", limit=10)[0][1] == ["x", "y,z"]
    assert read_rows(b"laag\nBakker, P.\n", "a.csv", limit=10)[1][1] == ["Bakker", " P."]
    # Excel's "sep=" line decides and is no row.
    assert read_rows(b"sep=,\nx;y,z\n", "a.csv", limit=10)[0] == (1, ["x;y", "z"])


def test_an_open_quote_is_refused_with_its_row_when_asked():
    data = b'naam;laag\nAnna;beleid\n"Bakker;beleid\nJan;visie\n'
    rows = read_rows(data, "a.csv", limit=10)
    assert rows[2] == (3, ["Bakker;beleid\nJan;visie\n"])  # swallowed, as csv reads it
    error = refused(data, "a.csv", refuse_open_quotes=True)
    assert (error.reason, error.row) == (tabular.OPEN_QUOTE, 3)
    # A closed quote around a line break without the separator is one cell, as in Excel.
    rows = read_rows(b'naam;laag\n"Jan\nSmit";beleid\n', "a.csv", limit=10, refuse_open_quotes=True)
    assert rows[1] == (2, ["Jan\nSmit", "beleid"])


def test_the_row_limit_counts_filled_rows_only():
    data = b"laag\n" + b"beleid\n\n" * 10
    rows = read_rows(data, "a.csv", limit=10)
    assert len(filled_rows(rows)) == 11
    rows = read_rows(b"laag\n" + b"beleid\n" * 50, "a.csv", limit=10)
    assert len(filled_rows(rows)) == 12  # the header and one row too many: enough to refuse
    error = refused(b"laag;naam\nbeleid;Anna\n" + b";\n" * 1100, "a.csv", limit=10)
    assert (error.reason, str(error)) == (
        tabular.TOO_MANY,
        "The file has more than 10 rows; nothing has been imported. Split it into smaller files.",
    )


# Workbooks --------------------------------------------------------------------------------


def test_workbook_cells_keep_their_type_and_percentages_are_as_shown():
    book = Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Waarde", "Aandeel"])
    sheet.append(["  WACHT ", 12.5, 0.124])
    sheet["C2"].number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    rows = read_rows(out.getvalue(), "m.csv", limit=10)  # the content decides: a workbook
    assert rows[1][1] == ["WACHT", 12.5, tabular.Percent(12.4)]
    assert cell_text(rows[1][1][2]) == "12.4"


# Dutch numbers ----------------------------------------------------------------------------


def test_dutch_numbers_in_a_real_file_written_the_dutch_way():
    # Wassenaar's lasten per taakveld in thousands of euros, as Dutch Excel saves them:
    # ";" between cells, a decimal comma and thousands dots ("-9.500,823", "-857,308").
    original = list(csv.reader(io.StringIO(WASSENAAR.read_text(encoding="utf-8"))))
    dutch = io.StringIO()
    writer = csv.writer(dutch, delimiter=";", lineterminator="\r\n")
    writer.writerow(original[0])
    for row in original[1:]:
        thousands = [f"{int(v) / 1000:,.3f}" if v else "" for v in row[1:]]
        writer.writerow([row[0], *(t.translate(str.maketrans(",.", ".,")) for t in thousands)])
    rows = read_rows(dutch.getvalue().encode("cp1252"), "lasten.csv", limit=1000)
    assert rows[1][1][:2] == ["0.1", "-9.500,823"] and rows[3][1][1] == "-857,308"
    read_back = [[parse_number(v) if v else None for v in cells[1:]] for _n, cells in rows[1:]]
    expected = [[int(v) / 1000 if v else None for v in row[1:]] for row in original[1:]]
    assert read_back == expected
    # Written with a dot, "-857.308" could be either; it is refused, not guessed.
    with pytest.raises(ValueError, match="can be read in two ways"):
        parse_number("-857.308")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12,4", 12.4),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("€ 1.234,50", 1234.5),
        ("-3,5", -3.5),
        ("12,4%", 12.4),
        ("1\u00a0234,5", 1234.5),
    ],
)
def test_parse_number_reads_dutch_and_english(text, number):
    assert parse_number(text) == number
