"""Documents in every accepted format are read into located passages; bad files get
a clear Dutch message and never stop the rest of the batch."""

import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from thermometer.sources.constants import SourceStatus
from thermometer.sources.extraction import extract
from thermometer.sources.inspection import UploadRefused, inspect_upload
from thermometer.sources.models import Source
from thermometer.sources.services import add_documents

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "policy_documents"
needs_data = pytest.mark.skipif(
    not DATA.exists(), reason="shared/data/policy_documents is not present"
)
LIMITS = {"max_bytes": 10_000_000, "max_uncompressed": 50_000_000}


def _docx(paragraphs) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _odt(paragraphs) -> bytes:
    from odf import text
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    for line in paragraphs:
        document.text.addElement(text.P(text=line))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_passages_point_at_their_place_in_the_text():
    extracted = extract(b"Visie\n\nWij willen dat inwoners  meedoen.\nOok ouderen.", "text")
    # Lines of a paragraph are running text; a paragraph stands as the author wrote it.
    assert [p.text for p in extracted.passages] == [
        "Visie",
        "Wij willen dat inwoners meedoen. Ook ouderen.",
    ]
    for p in extracted.passages:
        assert extracted.text[p.start : p.end] == p.text


def test_docx_odt_html_and_markdown_are_read():
    paragraphs = ["Beleidskader sociaal domein (fictief)", "Zodat inwoners langer thuis wonen."]
    for data, kind in ((_docx(paragraphs), "docx"), (_odt(paragraphs), "odt")):
        assert [p.text for p in extract(data, kind).passages] == paragraphs, kind
    html = (
        b"<html><body><nav>menu</nav><h1>Visie</h1>"
        b"<p>Wij willen dat <em>iedereen</em> meedoet.</p></body></html>"
    )
    # A heading is read with the text under it: alone it would be a fragment.
    assert [p.text for p in extract(html, "html").passages] == [
        "Visie\nWij willen dat iedereen meedoet.",
    ]


@needs_data
def test_real_pdf_keeps_page_numbers():
    data = (DATA / "2_gemeente_wassenaar" / "Begroting_2026_Wassenaar.pdf").read_bytes()
    extracted = extract(data, inspect_upload(data, "begroting.pdf", **LIMITS))
    assert extracted.page_count > 50
    pages = {p.page for p in extracted.passages}
    assert 1 in pages and extracted.page_count in pages or max(pages) > 50
    some = extracted.passages[len(extracted.passages) // 2]
    assert extracted.text[some.start : some.end] == some.text


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "leeg.txt", "leeg"),
        (b"%PDF-1.4 kapot", "kapot.pdf", "beschadigd"),
        (b"Gewone tekst", "vermomd.pdf", "past niet bij de extensie"),
        (b"%PDF-1.7\n", "echt.docx", "past niet bij de extensie"),
        (b"\x00\x01\x02", "raar.txt", "past niet bij de extensie"),
        (b"MZ\x90\x00", "virus.exe", "kunnen niet worden gelezen"),
    ],
)
def test_bad_files_get_a_clear_dutch_message(data, name, words):
    with translation.override("nl"), pytest.raises(UploadRefused) as refused:
        kind = inspect_upload(data, name, **LIMITS)
        extract(data, kind)
    assert words in str(refused.value)


def test_zip_bomb_and_oversize_are_refused():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 30_000_000)
    with translation.override("nl"), pytest.raises(UploadRefused, match="zip bomb"):
        inspect_upload(bomb.getvalue(), "bom.docx", **LIMITS)
    with translation.override("nl"), pytest.raises(UploadRefused, match="grens"):
        inspect_upload(b"x" * 2000, "groot.txt", max_bytes=1000, max_uncompressed=10)


def test_encrypted_pdf_is_refused():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="geheim")
    out = io.BytesIO()
    writer.write(out)
    with translation.override("nl"), pytest.raises(UploadRefused, match="wachtwoord"):
        extract(out.getvalue(), "pdf")


def test_pdf_without_text_layer_is_recognised(monkeypatch):
    from pypdf import PdfWriter

    from thermometer.sources.reading import pdf

    monkeypatch.setattr(pdf, "ocr_available", lambda: False)
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    with translation.override("nl"), pytest.raises(UploadRefused, match="gescande PDF"):
        extract(out.getvalue(), "pdf")


def test_a_batch_keeps_the_good_files_and_reads_them(scan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        results = add_documents(
            scan,
            [
                ("visie.md", b"# Visie (fictief)\n\nWij willen dat inwoners meedoen."),
                ("kapot.pdf", b"%PDF-1.4 kapot"),
                ("contract.docx", _docx(["Opdracht (fictief)", "De aanbieder zorgt dat ..."])),
                (
                    "visie-kopie.md",
                    b"# Visie (fictief)\n\nWij willen dat inwoners meedoen.",
                ),
            ],
            place="visie",
            user=scan.created_by,
        )
    assert [r.ok for r in results] == [True, True, True, False]
    statuses = {s.original_name: s.status for s in Source.objects.all()}
    # The broken PDF passes the quick check (it is a PDF) and fails when read; the
    # worker carries on with the next file.
    assert statuses == {
        "visie.md": SourceStatus.DONE,
        "kapot.pdf": SourceStatus.FAILED,
        "contract.docx": SourceStatus.DONE,
    }


def test_upload_page_reads_documents_in_the_background(
    lead_client, scan, django_capture_on_commit_callbacks
):
    url = reverse("sources:upload", kwargs={"slug": scan.slug})
    with django_capture_on_commit_callbacks(execute=True):
        page = lead_client.post(
            url,
            {
                "files": [
                    SimpleUploadedFile(
                        "beleid.txt",
                        b"Beleid (fictief)\n\nZodat inwoners zelf regie houden.",
                    ),
                    SimpleUploadedFile("plaatje.txt", b"\x00\x01"),
                ],
                "place": "beleid",
            },
        )
    html = page.content.decode()
    assert "plaatje.txt" in html and "past niet bij de extensie" in html
    source = Source.objects.get()
    assert source.status == SourceStatus.DONE and source.layer == "beleid"
    assert [p.text for p in source.passages.all()] == [
        "Beleid (fictief)",
        "Zodat inwoners zelf regie houden.",
    ]
    detail = lead_client.get(
        reverse("sources:detail", kwargs={"slug": scan.slug, "source_uuid": source.uuid})
    )
    assert "Zodat inwoners zelf regie houden." in detail.content.decode()


def test_client_cannot_upload(client, scan, client_user):
    client.force_login(client_user)
    url = reverse("sources:upload", kwargs={"slug": scan.slug})
    response = client.post(
        url, {"files": [SimpleUploadedFile("a.txt", b"tekst")], "place": "beleid"}
    )
    assert response.status_code == 403
    assert not Source.objects.exists()


@needs_data
def test_import_documents_command_reads_real_files_and_reports_failures(scan, tmp_path):
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.4 kapot")
    good = (
        DATA
        / "2_gemeente_wassenaar"
        / "Beleidsbibliotheek_sociaal_domein_Wassenaar_2april2026.docx"
    )
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_documents", scan.slug, str(good), str(broken), "--layer", "beleid", stdout=out
        )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("OK\t") and "fragmenten" in lines[0]
    assert lines[1].startswith("FOUT\t")
    assert Source.objects.get(original_name=good.name).passages.count() > 50


def test_markdown_layout_is_dropped_and_the_heading_becomes_the_title(scan):
    from thermometer.testing import factories

    source = factories.document(
        scan, "# Visie op zorg\n\n*Wij willen* dat inwoners **meedoen**.", "v_1.md"
    )
    assert source.title == "Visie op zorg"
    assert [p.text for p in source.passages.all()] == [
        "Visie op zorg\nWij willen dat inwoners meedoen.",
    ]


def _with_entity(archive_bytes: bytes, member: str, repeats: int = 1_000_000) -> bytes:
    """The same archive, with an entity declared in ``member`` and used a million times
    (what expanded would be a gigabyte of text)."""
    source = zipfile.ZipFile(io.BytesIO(archive_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == member:
                head, _, body = data.partition(b"?>")
                declaration = b'<!DOCTYPE x [<!ENTITY a "' + b"x" * 1000 + b'">]>'
                data = head + b"?>" + declaration + body.replace(b"Tekst", b"&a;" * repeats, 1)
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("repeats", [20_000, 1_000_000])
@pytest.mark.parametrize(
    ("make", "member", "name"),
    [(_docx, "word/document.xml", "x.docx"), (_odt, "content.xml", "x.odt")],
)
def test_an_office_file_with_an_entity_bomb_is_refused_without_expanding_it(
    make, member, name, repeats
):
    import resource
    import time

    data = _with_entity(make(["Tekst"]), member, repeats)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with translation.override("nl"), pytest.raises(UploadRefused, match="niet (worden )?gelezen"):
        extract(data, inspect_upload(data, name, **LIMITS))
    assert time.perf_counter() - started < 10
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200
