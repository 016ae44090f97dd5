"""Questionnaires taken over from documents: the VNG Burgerpeiling (DOCX), a PDF, bad files."""

import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from thermometer.audit.models import AuditEvent
from thermometer.questionnaires.document_import import (
    DocumentImportRefused,
    import_plan,
    plan_document,
    preview_document,
)
from thermometer.questionnaires.document_reading import DocumentError
from thermometer.questionnaires.scale_matching import match_scale

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "questionnaires" / "burgerpeiling"
CURRENT = DATA / "Burgerpeiling-modelvragenlijst.docx"
EARLIER = DATA / "Burgerpeiling-modelvragenlijst-2024.docx"
needs_data = pytest.mark.skipif(not DATA.exists(), reason="shared/data/questionnaires is absent")
METHOD = Path(__file__).resolve().parents[2] / "methods" / "definitions" / "thermometer"
SCALES = yaml.safe_load((METHOD / "1.2.yaml").read_text(encoding="utf-8"))["scales"]


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _plan(path: Path, scales=SCALES):
    return plan_document(path.read_bytes(), path.name, scales)


def _item(plan, key):
    return next(item for item in plan.items if item.key == key)


# The real VNG documents


@needs_data
@pytest.mark.parametrize("path", [CURRENT, EARLIER], ids=["current", "2024"])
def test_every_burgerpeiling_question_is_recognised(path):
    plan = _plan(path)
    # Counted by hand in the document: 58 numbered questions (wl01 … ch09), 17 of them a
    # table of statements with 54 rows between them: 58 - 17 + 54 questions to answer.
    assert plan.questions == 58
    assert len(plan.items) == 95
    assert plan.items[0].code == "wl01" and plan.items[-1].code == "ch09"
    assert not plan.warnings
    assert "Start of Block: Woon- en leefomgeving" in plan.not_understood
    assert "laatste update 25 oktober 2022" in plan.not_understood


@needs_data
def test_burgerpeiling_questions_keep_text_options_scale_and_notes():
    plan = _plan(CURRENT)
    wl01 = _item(plan, "wl01")
    assert (wl01.type, wl01.scale, wl01.text) == (
        "grade",
        "grade10",
        "Hoe prettig vindt u het om in uw buurt te wonen?",
    )
    assert wl01.note == (
        "Geef dit aan met een rapportcijfer van 1 (zeer onprettig) tot en met 10 (zeer prettig)."
    )
    # A table of statements: one agreement question per row, the lead-in kept as a note.
    bo02 = [item for item in plan.items if item.question == "bo02"]
    assert [(i.code, i.type, i.scale) for i in bo02] == [
        ("bo02_0", "agreement", "agreement5"),
        ("bo02_1", "agreement", "agreement5"),
        ("bo02_2", "agreement", "agreement5"),
    ]
    assert bo02[0].text == "De gemeente doet wat ze zegt"
    assert bo02[0].note == "In hoeverre bent u het eens met de volgende uitspraken?"
    wl04 = _item(plan, "wl04")
    assert (wl04.type, wl04.scale) == ("single_choice", "")
    assert wl04.options == [
        "ja, (bijna) altijd",
        "ja, meestal wel",
        "soms wel, soms niet",
        "nee, meestal niet",
        "nee, (bijna) nooit",
        "weet niet / geen mening",
    ]
    zw05 = _item(plan, "zw05")
    assert zw05.type == "multiple_choice" and len(zw05.options) == 6
    zw08 = _item(plan, "zw08")
    assert zw08.options[-1] == "anders, namelijk"  # the line to write on is not an answer
    assert zw08.note == "OPTIONEEL\n(meer antwoorden mogelijk)"
    assert _item(plan, "wl10").type == "open"
    # Routing written before a question stays with that question.
    assert _item(plan, "zw09").note.endswith("dan kunt u deze vraag overslaan.")


@needs_data
def test_word_tracked_changes_are_read_as_accepted():
    current, earlier = _plan(CURRENT), _plan(EARLIER)
    assert _item(current, "vz03_1").text.endswith(
        "— (Gezondheids-) zorgvoorzieningen (zoals "
        "huisartsenpost, gezondheidscentrum, centrum "
        "voor jeugd en gezin, verzorgingstehuis)"
    )
    assert _item(earlier, "vz03_1").text.endswith(
        "— Zorgvoorzieningen (zoals huisartsenpost, "
        "gezondheidscentrum, centrum voor jeugd en "
        "gezin, verzorgingstehuis)"
    )
    assert "Mijn huis past bij mijn situatie en wensen." in [i.text for i in current.items]


@needs_data
def test_the_vng_wording_matches_the_vng_scale_before_the_methods_own():
    thermometer = yaml.safe_load((METHOD / "1.3.yaml").read_text(encoding="utf-8"))
    plan = _plan(CURRENT, thermometer["scales"])
    assert _item(plan, "wl02_0").scale == "vng_agreement5"
    assert _item(plan, "wl01").scale == "vng_grade10"
    assert _item(plan, "zw00").scale == "vng_grade10_private"


def test_scale_matching_ignores_case_order_mee_and_needs_a_dont_know_on_the_scale():
    agree = [
        "Helemaal mee eens",
        "Mee eens",
        "Niet mee eens, niet mee oneens",
        "Mee oneens",
        "Helemaal mee oneens",
    ]
    assert match_scale(agree, SCALES)["key"] == "agreement5"
    assert match_scale([*agree, "Weet ik niet"], SCALES)["key"] == "agreement5"
    no_dont_know = [{**s, "dont_know": None} for s in SCALES]
    assert match_scale([*agree, "weet niet"], no_dont_know) is None
    assert match_scale(["ja", "nee"], SCALES) is None
    assert match_scale([str(n) for n in range(1, 11)], SCALES)["key"] == "grade10"
    assert match_scale([str(n) for n in range(1, 8)], SCALES) is None


# Storing, the command and the web page


@needs_data
def test_import_stores_a_draft_questionnaire_with_codes_and_an_audit_event(scan, lead):
    plan = preview_document(scan, CURRENT.read_bytes(), CURRENT.name, "inwoner")
    assert not scan.questionnaires.exists()  # the preview stores nothing
    questionnaire = import_plan(scan, plan, user=lead, layer="inwoner")
    assert questionnaire.status == "draft" and questionnaire.audience_layers == ["inwoner"]
    assert questionnaire.items.count() == 95
    item = questionnaire.items.get(code="zw19_4")
    assert (item.text, item.type) == ("Ik heb vertrouwen in de toekomst", "agreement")
    choice = questionnaire.items.get(code="ch01")
    assert [o["label"] for o in choice.options] == [
        "man",
        "vrouw",
        "anders",
        "wil ik liever niet zeggen",
    ]
    assert AuditEvent.objects.filter(scan=scan, event="questionnaire_document_imported").exists()
    with pytest.raises(DocumentImportRefused, match="al geïmporteerd"):
        import_plan(scan, plan, user=lead, layer="inwoner")
    assert scan.questionnaires.count() == 1


@needs_data
def test_command_prints_what_was_and_was_not_recognised(scan):
    out = StringIO()
    call_command("import_questionnaire", scan.slug, str(EARLIER), "--layer", "inwoner", stdout=out)
    text = out.getvalue()
    assert "Vragen herkend: 58; vragen in de vragenlijst: 95" in text
    assert "  Start of Block: Welzijn en zorg" in text
    assert scan.questionnaires.get().items.count() == 95


def test_command_exits_with_the_dutch_reason_when_nothing_is_imported(scan, tmp_path):
    empty = tmp_path / "leeg.docx"
    empty.write_bytes(_docx([]))
    with pytest.raises(CommandError, match="Het document bevat geen tekst"):
        call_command("import_questionnaire", scan.slug, str(empty), "--layer", "inwoner")
    prose = tmp_path / "tekst.docx"
    prose.write_bytes(_docx(["Een brief zonder vragen.", "Met vriendelijke groet."]))
    with pytest.raises(CommandError, match="Er zijn geen vragen herkend in"):
        call_command("import_questionnaire", scan.slug, str(prose), "--layer", "inwoner")
    with pytest.raises(CommandError, match="bestaat niet in deze methodiek"):
        call_command("import_questionnaire", scan.slug, str(_write(tmp_path)), "--layer", "raad")
    assert not scan.questionnaires.exists()


@needs_data
def test_web_page_previews_then_makes_the_draft_on_confirmation(lead_client, scan):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("questionnaires:document_import", kwargs={"slug": scan.slug})
    upload = SimpleUploadedFile(CURRENT.name, CURRENT.read_bytes())
    html = lead_client.post(url, {"document": upload, "layer": "inwoner"}).content.decode()
    assert "58 vragen herkend" in html
    assert "Niet als vraag herkend" in html and "End of Block: overall" in html
    assert not scan.questionnaires.exists()
    key = html.split('name="pending" value="')[1].split('"')[0]
    done = lead_client.post(url, {"pending": key})
    questionnaire = scan.questionnaires.get()
    assert done["Location"].endswith(f"/questionnaires/{questionnaire.uuid}/")
    again = lead_client.post(url, {"pending": key}, follow=True)
    assert "verlopen" in again.content.decode()
    assert scan.questionnaires.count() == 1


def test_web_page_refuses_a_broken_file_with_a_dutch_reason(lead_client, scan):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("questionnaires:document_import", kwargs={"slug": scan.slug})
    broken = SimpleUploadedFile("vragen.docx", _docx(["1. Hoe gaat het?"])[:300])
    html = lead_client.post(url, {"document": broken, "layer": "inwoner"}).content.decode()
    assert "Er wordt niets geïmporteerd:" in html and "beschadigd" in html
    assert not scan.questionnaires.exists()


# Files built here: numbering styles, PDF, broken and hostile files


def _docx(paragraphs, *, numbered=(), table=None, after=()) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        style = "List Number" if text in numbered else None
        document.add_paragraph(text, style=style)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    for text in after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _write(tmp_path) -> Path:
    path = tmp_path / "vragen.docx"
    path.write_bytes(_docx(["1. Hoe gaat het?", "goed", "slecht"], numbered=("goed", "slecht")))
    return path


def test_numbered_questions_routing_and_table_options_in_a_built_docx():
    data = _docx(
        [
            "Vragenlijst cliëntervaring",
            "1. Heeft u het afgelopen jaar hulp gehad van het wijkteam?",
            "Ja",
            "Nee → ga naar vraag 3",
            "1a Hoe tevreden bent u over die hulp?",
            "Q2. Wat kan beter?",
            "________________",
            "V3: Woont u alleen?",
            "Als nee, ga door met vraag 5.",
            "Het gaat om uw eigen huishouden.",
            "In hoeverre bent u het eens met:",
        ],
        numbered=("Ja", "Nee → ga naar vraag 3"),
        table=[
            ["", "Helemaal oneens", "Oneens", "Niet eens, niet oneens", "Eens", "Helemaal eens"],
            ["Ik krijg de hulp die ik nodig heb", "", "", "", "", ""],
        ],
        after=["Bedankt voor het invullen!"],
    )
    plan = plan_document(data, "cliënt.docx", SCALES)
    assert [(i.code, i.type) for i in plan.items] == [
        ("1", "single_choice"),
        ("1a", "open"),
        ("Q2", "open"),
        ("V3", "open"),
        ("", "agreement"),
    ]
    first = plan.items[0]
    assert first.options == ["Ja", "Nee"] and first.note == "Nee: ga naar vraag 3"
    assert plan.items[3].note == "Als nee, ga door met vraag 5.\nHet gaat om uw eigen huishouden."
    assert (
        plan.items[4].text == "In hoeverre bent u het eens met: — Ik krijg de hulp die ik nodig heb"
    )
    assert plan.not_understood == ["Vragenlijst cliëntervaring", "Bedankt voor het invullen!"]
    assert plan.warnings == [
        "Vraag 1a: geen antwoordmogelijkheden gevonden; overgenomen als open vraag.",
        "Vraag V3: geen antwoordmogelijkheden gevonden; overgenomen als open vraag.",
    ]
    assert [i.key for i in plan.items] == ["q1", "q1a", "q2", "v3", "q5"]


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


PDF_HTML = """<html><head><style>
body { font-family: sans-serif; font-size: 11pt }
table { border-collapse: collapse } td { border: 1px solid black; padding: 2pt }
</style></head><body>
<h1>Burgerpeiling Voorbeeldgemeente</h1>
<p>1. Hoe prettig vindt u het om in uw buurt te wonen?</p>
<p>Geef een rapportcijfer van 1 (zeer onprettig) tot en met 10 (zeer prettig).</p>
<p>○ 1</p><p>○ 2</p><p>○ 3</p><p>○ 4</p><p>○ 5</p><p>○ 6</p><p>○ 7</p><p>○ 8</p><p>○ 9</p>
<p>○ 10</p><p>○ weet niet</p>
<p>2. Heeft u de afgelopen 12 maanden contact gehad met uw gemeente?</p>
<p>○ ja</p><p>○ nee (ga naar vraag 4)</p>
<p>3. In hoeverre bent u het eens met de volgende uitspraken?</p>
<table>
<tr><td></td><td>helemaal oneens</td><td>oneens</td><td>neutraal</td><td>eens</td>
<td>helemaal eens</td></tr>
<tr><td>Ik voel me thuis in deze buurt</td><td>○</td><td>○</td><td>○</td><td>○</td><td>○</td></tr>
<tr><td>Mijn buurt is netjes en schoon</td><td>○</td><td>○</td><td>○</td><td>○</td><td>○</td></tr>
</table>
<p>4. Welke ideeën heeft u om uw buurt te verbeteren?</p>
<p>______________________________</p>
</body></html>"""


def test_a_pdf_questionnaire_is_read_from_its_lines_and_ruled_table():
    plan = plan_document(_pdf(PDF_HTML), "peiling.pdf", SCALES)
    assert plan.questions == 4
    assert [(i.code, i.type, i.scale) for i in plan.items] == [
        ("1", "grade", "grade10"),
        ("2", "single_choice", ""),
        ("3_0", "agreement", "agreement5"),
        ("3_1", "agreement", "agreement5"),
        ("4", "open", ""),
    ]
    assert plan.items[1].options == ["ja", "nee"]
    assert plan.items[1].note == "nee: ga naar vraag 4"
    assert plan.items[2].text == (
        "In hoeverre bent u het eens met de volgende uitspraken? — Ik voel me thuis in deze buurt"
    )
    assert plan.not_understood == ["Burgerpeiling Voorbeeldgemeente"]


def test_a_password_protected_pdf_and_a_pdf_without_text_are_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf(PDF_HTML))).pages:
        writer.add_page(page)
    writer.encrypt("geheim")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(DocumentError, match="wachtwoord"):
        plan_document(locked.getvalue(), "peiling.pdf", SCALES)
    with pytest.raises(DocumentError, match="geen tekst"):
        plan_document(_pdf("<html><body></body></html>"), "leeg.pdf", SCALES)


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "leeg.docx", "leeg"),
        (b"%PDF-1.7\n kapot", "kapot.pdf", "beschadigd"),
        (b"PK\x03\x04 niet af", "kapot.docx", "beschadigd"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "beveiligd.docx", "wachtwoord"),
        (b"1. Hoe gaat het?\nGoed\n", "vragen.txt", "als Word-bestand"),
        (b"%PDF-1.7\n", "vragen.docx", "past niet bij de extensie"),
    ],
    ids=["empty", "broken-pdf", "broken-docx", "encrypted-docx", "text", "wrong-extension"],
)
def test_unreadable_files_are_refused_with_a_dutch_reason(data, name, words):
    with pytest.raises(DocumentError, match=words):
        plan_document(data, name, SCALES)


def test_a_docx_declaring_xml_entities_is_refused():
    original = zipfile.ZipFile(io.BytesIO(_docx(["1. Hoe gaat het?"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in original.infolist():
            content = original.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>', 1)
            target.writestr(info, content)
    with pytest.raises(DocumentError, match="XML-entiteiten"):
        plan_document(out.getvalue(), "vragen.docx", SCALES)


# The Burgerpeiling as the method's optional questionnaire


def test_the_burgerpeiling_is_offered_not_generated_and_keeps_the_vng_codes(
    lead_client, scan, lead
):
    from django.urls import reverse

    from thermometer.questionnaires.generation import generate_questionnaires

    assert scan.method_version.version == "1.3"
    made = generate_questionnaires(scan, user=lead)
    assert {q.template_key for q in made} == {"gemeente", "uitvoering", "inwoner"}
    url = reverse("questionnaires:list", kwargs={"slug": scan.slug})
    html = lead_client.get(url).content.decode()
    assert "Standaardvragenlijst “Burgerpeiling ‘Waar staat je gemeente’ (VNG)" in html
    added = lead_client.post(
        reverse("questionnaires:optional_add", kwargs={"slug": scan.slug}),
        {"template": "burgerpeiling"},
    )
    questionnaire = scan.questionnaires.get(template_key="burgerpeiling")
    assert added["Location"].endswith(f"/questionnaires/{questionnaire.uuid}/")
    assert questionnaire.items.count() == 95
    assert questionnaire.audience_layers == ["inwoner"]
    # Codes are the VNG's SPSS variable names, also where a table's rows are not in order.
    shops = questionnaire.items.get(code="vz03_5")
    assert shops.text.endswith("— Winkels voor dagelijkse boodschappen")
    assert questionnaire.items.get(code="zw10_2").text.endswith("— vrienden of kennissen")
    assert questionnaire.items.get(key="dv02").note.startswith("Denk hierbij aan")
    assert "wie 'nee' antwoordt, gaat door met dv08" in questionnaire.items.get(key="dv02").note
    assert not questionnaire.items.filter(source="client").exists()
    detail = lead_client.get(added["Location"]).content.decode()
    assert "vz03_5" in detail and "Routering VNG" in detail
    again = lead_client.post(
        reverse("questionnaires:optional_add", kwargs={"slug": scan.slug}),
        {"template": "burgerpeiling"},
        follow=True,
    )
    assert "al toegevoegd" in again.content.decode()
    assert scan.questionnaires.filter(template_key="burgerpeiling").count() == 1


@needs_data
def test_the_template_holds_the_document_as_published():
    thermometer = yaml.safe_load((METHOD / "1.3.yaml").read_text(encoding="utf-8"))
    template = next(t for t in thermometer["questionnaire_templates"] if t.get("optional"))
    plan = _plan(CURRENT, thermometer["scales"])
    by_text = {item.text: item for item in plan.items}
    for spec in template["items"]:
        item = by_text[spec["text"]]
        assert (spec["type"], spec.get("scale", ""), spec.get("options", [])) == (
            item.type,
            item.scale,
            item.options,
        )
        assert spec["code"].split("_")[0] == item.question
