"""Documents are read into passages as a reader sees them: paragraphs over line and page
breaks, tables as tables, no running headers or page numbers, image pages read or named,
a sensible title, no Markdown syntax. Tested on real public documents and on PDFs laid
out for the purpose by WeasyPrint."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.utils import translation

from thermometer.sources.extraction import extract, guess_title
from thermometer.sources.reading import pdf as pdf_reader
from thermometer.sources.reading.blocks import join_lines
from thermometer.sources.reading.titles import usable_title

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"
DOCUMENTS = SHARED / "policy_documents"
needs_data = pytest.mark.skipif(not DOCUMENTS.exists(), reason="shared/data is not present")
FILLER = (
    "De gemeente ondersteunt inwoners die dat nodig hebben met passende hulp dichtbij huis, "
    "in samenwerking met het sociaal team en de huisartsen in de wijk. "
)


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _laid_out(body: str, title: str = "1") -> bytes:
    # A running header and a page number in the margins of every page, as in a budget.
    return _pdf(
        f"""<html><head><title>{title}</title><style>
        @page {{ size: A4; margin: 3cm 2cm;
          @top-center {{ content: "Programmabegroting 2026 (fictief)"; font-size: 9pt }}
          @bottom-right {{ content: "Pagina " counter(page) " van " counter(pages);
                           font-size: 9pt }} }}
        body {{ font-family: DejaVu Sans; font-size: 10pt; }}
        h1 {{ font-size: 20pt }} h2 {{ font-size: 14pt }}
        p {{ margin: 0 0 8pt 0 }}
        td, th {{ border: 1px solid #000; padding: 2pt }} table {{ border-collapse: collapse }}
        </style></head><body>{body}</body></html>"""
    )


@pytest.fixture(scope="module")
def budget_like():
    long_paragraph = "Ons doel is dat inwoners langer zelfstandig thuis wonen. " + FILLER * 14
    body = (
        "<h1>Beleidsplan sociaal domein (fictief)</h1>"
        + "".join(f"<p>{FILLER * 3}</p>" for _ in range(5))
        + f"<h2>Wat willen we bereiken?</h2><p>{long_paragraph}</p>"
        + "<p>Deze tekst staat na de lange alinea.</p>"
        + "<table><tr><th>Taakveld</th><th>2025</th><th>2026</th></tr>"
        + "<tr><td>6.1 Samenkracht en burgerparticipatie</td>"
        + "<td>1.234.567</td><td>1.300.000</td></tr>"
        + "<tr><td>6.71 Maatwerkdienstverlening 18+</td><td>2.345.678</td><td>2.400.000</td></tr>"
        + "</table>"
        + "<ul><li>eerste punt van de lijst</li><li>tweede punt van de lijst</li></ul>"
        + "".join(f"<p>{FILLER * 2}</p>" for _ in range(10))
    )
    return extract(_laid_out(body), "pdf")


def test_running_headers_and_page_numbers_are_dropped(budget_like):
    assert budget_like.page_count >= 3
    assert "Programmabegroting 2026 (fictief)" not in budget_like.text
    assert not re.search(r"Pagina \d+ van \d+", budget_like.text)


def test_a_paragraph_broken_by_a_page_turn_is_one_passage(budget_like):
    long = next(p for p in budget_like.passages if "langer zelfstandig thuis" in p.text)
    assert long.page_end == long.page + 1
    assert long.text.count("Ons doel is") == 1 and len(long.text) > 1500
    assert "\n" not in long.text.split("\n", 1)[1]  # the heading on a line, then running text
    assert long.text.startswith("Wat willen we bereiken?\nOns doel is")


def test_a_table_stays_a_table_and_its_words_leave_the_running_text(budget_like):
    tables = [p for p in budget_like.passages if p.kind == "table"]
    assert len(tables) == 1
    assert tables[0].text.splitlines() == [
        "Taakveld | 2025 | 2026",
        "6.1 Samenkracht en burgerparticipatie | 1.234.567 | 1.300.000",
        "6.71 Maatwerkdienstverlening 18+ | 2.345.678 | 2.400.000",
    ]
    assert budget_like.text.count("Samenkracht en burgerparticipatie") == 1


def test_a_list_is_read_with_its_items(budget_like):
    lists = [p for p in budget_like.passages if p.kind == "list"]
    assert any(p.text.endswith("eerste punt van de lijst\ntweede punt van de lijst") for p in lists)


def test_a_junk_metadata_title_gives_way_to_the_first_heading(budget_like):
    assert guess_title(budget_like) == "Beleidsplan sociaal domein (fictief)"
    assert usable_title("1") is None
    assert usable_title("Microsoft Word - concept v3.docx") is None
    assert usable_title("Begroting 2026") == "Begroting 2026"


def test_passages_point_at_their_place_in_the_text(budget_like):
    for p in budget_like.passages:
        assert budget_like.text[p.start : p.end] == p.text


def test_words_hyphenated_at_a_line_end_are_joined():
    assert join_lines(["maatschap-", "pelijke ondersteuning"]) == "maatschappelijke ondersteuning"
    assert join_lines(["jeugd-", "en gezinshulp"]) == "jeugd- en gezinshulp"
    assert join_lines(["Wmo-", "cliënten"]) == "Wmo-cliënten"


def _image_page_pdf() -> bytes:
    """Page 1 text, page 2 only an image of a real page (as a scan inside a text PDF)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", "100", "-f", "11", "-l", "11", "-gray", "-png"]
            + [str(DOCUMENTS / "2_gemeente_wassenaar" / "Begroting_2026_Wassenaar.pdf")]
            + [str(Path(folder) / "scan")],
            check=True,
        )
        image = next(Path(folder).glob("scan*.png"))
        return _pdf(
            f"""<html><body><p>{FILLER * 3}</p>
            <img src="file://{image}" style="page-break-before: always; width: 100%">
            </body></html>"""
        )


@needs_data
@pytest.mark.skipif(not pdf_reader.ocr_available(), reason="Tesseract with Dutch is not installed")
def test_an_image_page_inside_a_text_pdf_is_read_by_text_recognition():
    extracted = extract(_image_page_pdf(), "pdf")
    assert extracted.page_count == 2
    assert any(p.page == 2 for p in extracted.passages)
    assert "Veiligheid" in extracted.text
    with translation.override("nl"):
        assert "pagina 2" in " ".join(str(n) for n in extracted.notes)


@needs_data
@pytest.mark.skipif(not pdf_reader.ocr_available(), reason="pdftoppm is needed to make the image")
def test_without_text_recognition_the_image_page_is_named(monkeypatch):
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    with translation.override("nl"):
        extracted = extract(_image_page_pdf(), "pdf")
        notes = " ".join(str(n) for n in extracted.notes)
    assert extracted.passages and all(p.page == 1 for p in extracted.passages)
    assert "pagina 2" in notes and "afbeelding" in notes


@needs_data
def test_a_real_budget_reads_into_paragraphs_not_fragments():
    data = (DOCUMENTS / "2_gemeente_wassenaar" / "Begroting_2025_Wassenaar.pdf").read_bytes()
    extracted = extract(data, "pdf")
    text_passages = [p for p in extracted.passages if p.kind != "table"]
    short = [p for p in text_passages if len(p.text) < 60]
    assert len(short) <= 0.10 * len(text_passages)
    assert sum(p.kind == "table" for p in extracted.passages) >= 20
    assert not re.search(r"Pagina \d+ van 137", extracted.text)
    assert guess_title(extracted) and not guess_title(extracted).isdigit()
    assert any(p.page_end > p.page for p in extracted.passages)


@needs_data
def test_markdown_syntax_never_reaches_a_passage():
    path = DOCUMENTS / "3_opdracht_contract"
    path = path / "VNG_CS_Jeugd_en_Wmo_vragen_en_antwoorden_20250512.md"
    extracted = extract(path.read_bytes(), "text", markdown=True)
    # The document is one table of questions and answers: one passage per row.
    rows = [p for p in extracted.passages if p.kind == "table"]
    assert len(rows) >= 20
    for p in extracted.passages:
        assert not re.search(r"^\s*(?:>|#{1,6}\s|\|)", p.text, re.MULTILINE), p.text
        assert "**" not in p.text


def test_markdown_block_quotes_lists_and_tables():
    text = (
        "# Visie (fictief)\n\n> Wij willen dat inwoners meedoen.\n> Ook ouderen.\n\n"
        "Onze doelen:\n\n- eerste doel\n- tweede doel\n\n"
        "| Doel | Indicator |\n|---|---|\n| Meedoen | Aandeel inwoners dat meedoet |\n"
    )
    passages = [p.text for p in extract(text.encode(), "text", markdown=True).passages]
    assert passages == [
        "Visie (fictief)\nWij willen dat inwoners meedoen. Ook ouderen.",
        "Onze doelen:\neerste doel\ntweede doel",
        "Doel | Indicator\nMeedoen | Aandeel inwoners dat meedoet",
    ]


def test_word_headings_lists_and_tables_keep_their_order():
    import docx

    document = docx.Document()
    document.add_heading("Uitvoeringsprogramma (fictief)", level=1)
    document.add_paragraph("Wij doen het volgende:")
    document.add_paragraph("inloop in de wijk", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Actie", "Budget"
    table.cell(1, 0).text, table.cell(1, 1).text = "Inloop", "€ 10.000"
    document.add_paragraph("Tot slot een alinea na de tabel.")
    out = io.BytesIO()
    document.save(out)
    extracted = extract(out.getvalue(), "docx")
    assert [(p.kind, p.text) for p in extracted.passages] == [
        ("list", "Uitvoeringsprogramma (fictief)\nWij doen het volgende:\ninloop in de wijk"),
        ("table", "Actie | Budget\nInloop | € 10.000"),
        ("text", "Tot slot een alinea na de tabel."),
    ]
    assert guess_title(extracted) == "Uitvoeringsprogramma (fictief)"


def test_nul_bytes_and_control_characters_are_dropped():
    extracted = extract(b"Beleid\x00 (fictief)\x07\n\nTekst.", "text")
    assert "\x00" not in extracted.text and "\x07" not in extracted.text
