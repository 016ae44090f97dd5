"""Importing whole REFI-QDA projects: the real samples, projects built as QualCoder,
ATLAS.ti and MAXQDA write them, refusals, and the export -> import -> export round trip."""

import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from thermometer.audit.models import AuditEvent
from thermometer.coding import services
from thermometer.coding.models import Code, CodeSet, Coding, ImportedCoder, Memo
from thermometer.coding.refi import export_qdpx
from thermometer.coding.refi_align import locate, offset_map, pieces
from thermometer.coding.refi_project import RefiError, preview_project
from thermometer.coding.refi_store import store_project
from thermometer.sources.models import Source
from thermometer.testing import factories

from . import refi_samples

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "data" / "refi_qda" / "samples"
needs_samples = pytest.mark.skipif(not SAMPLES.exists(), reason="shared/data is not present")
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def scan(scan):
    """A scan with an empty codebook (without the codes a new scan is given): these tests
    import whole projects and count what they bring."""
    scan.codes.all().delete()
    return scan


def _import(scan, data):
    preview = preview_project(scan, data)
    return preview, store_project(scan, preview, user=scan.created_by)


def test_offsets_map_through_the_readers_whitespace_and_hyphen_joins():
    original = "Kop\r\n\r\nWij willen onder-\r\nsteuning dichtbij.\r\n"
    normalised = "Kop\n\nWij willen ondersteuning dichtbij."
    mapping = offset_map(original, normalised)
    start, end = original.index("onder-"), original.index(" dichtbij")
    assert normalised[mapping[start] : mapping[end]] == "ondersteuning"
    assert locate("onder-\r\nsteuning", normalised, (mapping[start], mapping[end])) == (
        normalised.index("ondersteuning"),
        normalised.index(" dichtbij"),
    )
    # Not where expected (another reader): found by its text, nearest first.
    assert locate("willen", normalised, (0, 3)) == (9, 15)
    assert locate("staat er niet", normalised, None) is None
    assert [(p.passage, p.start, p.end) for p in pieces((2, 12), [(0, 3), (5, 36)])] == [
        (0, 2, 3),
        (1, 0, 7),
    ]


def test_qualcoder_project_brings_sources_codes_coders_codings_and_memos(scan):
    preview, report = _import(scan, refi_samples.qualcoder())
    assert preview.counts == {
        "codes": 3,
        "sources": 1,
        "selections": 3,
        "codings": 4,
        "memos": 1,
        "sets": 0,
        "coders": 2,
    }
    assert "Een lege <Sets/> is overgeslagen." in report.warnings
    assert any("<Variables>" in w for w in report.warnings)
    assert any("loopt over 2 passages" in w for w in report.warnings)
    source = scan.sources.get()
    assert source.title == "Interview wijkteam.txt" and str(source.uuid).upper().startswith("BBBB")
    child = Code.objects.get(scan=scan, name="Eigen kracht")
    assert child.parent.name == "Regie" and child.colour == "#6b3fa0"
    regie = Coding.objects.filter(code=child)
    # The hyphen at the line end is joined by the reader; the coding still fits.
    assert {c.quote for c in regie} == {"zelf de regie houden over hun ondersteuning"}
    assert sorted(c.imported_coder.label for c in regie) == ["Codeur 1", "Codeur 2"]
    assert all(c.coder is None for c in regie)
    # No names kept, no accounts made: only pseudonyms with the project's GUIDs.
    assert not ImportedCoder.objects.filter(label__icontains="Anna").exists()
    assert scan.imported_coders.count() == 2
    split = Coding.objects.filter(code__name="Wachttijd").order_by("passage__index")
    assert [c.quote for c in split] == ["te lang.", "Het wijkteam"]
    assert split[0].memo == "Loopt over twee alinea's"
    memo = Memo.objects.get(scan=scan)
    assert list(memo.codes.values_list("name", flat=True)) == ["Regie"]
    event = AuditEvent.objects.get(scan=scan, event="qdpx_imported")
    assert event.data["codings"] == "4"


def test_atlas_ti_project_with_pdf_maps_representation_text_and_keeps_sets(scan):
    preview, report = _import(scan, refi_samples.atlas_ti())
    assert preview.counts["codings"] == 2
    source = scan.sources.get()
    assert source.original_name == "Beleidsplan.pdf" and source.page_count == 1
    quotes = {c.code.name: c.quote for c in Coding.objects.filter(code__scan=scan)}
    assert quotes == {
        "Toegang": "passende hulp krijgen, dichtbij huis",
        "Samenwerking": "in samenwerking met de huisarts",
    }
    assert any("PDF-gebied" in w for w in report.warnings)
    assert any("<Links>" in w for w in report.warnings)
    pdfs = CodeSet.objects.get(scan=scan, name="PDFs")
    assert list(pdfs.sources.all()) == [source]
    assert CodeSet.objects.get(name="Alle codes").codes.count() == 2
    memo = Memo.objects.get(scan=scan)
    assert [c.code.name for c in memo.codings.all()] == ["Toegang"]


def test_maxqda_project_with_braced_guids_inline_text_and_a_missing_file(scan):
    preview, report = _import(scan, refi_samples.maxqda())
    code = Code.objects.get(scan=scan, name="Wachten")
    assert str(code.uuid) == "5a1c2a0e-4d0b-4c55-9a43-5b1ad8a3c001" and code.colour == "#cc0000"
    assert Coding.objects.get(code=code).quote == "wacht al drie maanden"
    # isCodable is required by the schema; MAXQDA leaves it out here: a warning, no refusal.
    assert any("isCodable" in w for w in report.warnings)
    assert any("Op schijf.docx" in w and "niet in het archief" in w for w in report.warnings)
    assert scan.sources.count() == 1


@needs_samples
def test_real_atlas_ti_samples(scan):
    # ATLAS.ti 23's .qdpx is a zip: read as a project, not refused as "Start tag expected".
    blank = (SAMPLES / "blank-atlas-project.qdpx").read_bytes()
    assert not preview_project(scan, blank).importable
    preview, report = _import(scan, (SAMPLES / "TestProject.qdpx").read_bytes())
    assert preview.counts["codes"] == 14 and preview.counts["sets"] == 16
    assert report.counts["memos"] == 2 and scan.code_sets.count() == 16
    # The archive carries no source files: each named, none stored.
    assert scan.sources.count() == 0
    assert sum("niet in het archief" in w for w in report.warnings) == 8
    assert any("(video)" in w for w in report.warnings)
    feelings = Code.objects.get(scan=scan, name="Feelings")
    assert str(feelings.uuid).upper() == "0F8A1907-7E42-4739-8610-A676B4D1B69F"
    qde = (SAMPLES / "ATLAS.ti_standard_project.qde").read_bytes()
    again = preview_project(scan, qde)
    assert again.counts["codes"] == 14 and not any("schema" in w for w in again.warnings)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04rommel", "beschadigd"),
        (b"%PDF-1.4 geen project", "geen REFI-QDA-project"),
        (b"<Codebook/>", "begint niet met <Project>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE P [<!ENTITY a "aaaa">]>'
            b'<Project name="x">&a;</Project>',
            "entiteiten",
        ),
    ],
)
def test_refused_files_give_a_dutch_reason_and_store_nothing(scan, data, reason):
    with pytest.raises(RefiError, match=reason):
        preview_project(scan, data)
    assert not scan.codes.exists()


def test_zip_bomb_is_refused(scan):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("project.qde", b"<Project " + b" " * 5_000_000 + b"/>")
    with pytest.raises(RefiError, match="zip bomb"):
        preview_project(scan, out.getvalue())


def test_a_failure_while_storing_leaves_nothing(scan, monkeypatch):
    preview = preview_project(scan, refi_samples.qualcoder())

    def broken(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr("thermometer.coding.refi_store._Store.store_sets", broken)
    with pytest.raises(RuntimeError):
        store_project(scan, preview, user=scan.created_by)
    assert not scan.codes.exists() and not scan.sources.exists() and not Memo.objects.exists()


def _canonical(data: bytes) -> dict:
    """A project as comparable data: what must survive a round trip."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(archive.read("project.qde"))

    def code(e):
        return (
            e.get("guid"),
            e.get("name"),
            e.get("color"),
            e.get("isCodable"),
            e.findtext("q:Description", "", NS),
            [r.get("targetGUID") for r in e.findall("q:NoteRef", NS)],
            [code(c) for c in e.findall("q:Code", NS)],
        )

    def selection(e):
        codings = [
            (
                c.get("guid"),
                c.get("creatingUser"),
                c.find("q:CodeRef", NS).get("targetGUID"),
                [r.get("targetGUID") for r in c.findall("q:NoteRef", NS)],
            )
            for c in e.findall("q:Coding", NS)
        ]
        keys = ("guid", "startPosition", "endPosition", "creatingUser")
        return (*(e.get(k) for k in keys), e.findtext("q:Description", "", NS), codings)

    sources = [
        (
            s.get("guid"),
            s.get("name"),
            archive.read("Sources/" + s.get("plainTextPath").removeprefix("internal://")),
            [selection(x) for x in s.findall("q:PlainTextSelection", NS)],
            [r.get("targetGUID") for r in s.findall("q:NoteRef", NS)],
        )
        for s in root.findall("q:Sources/q:TextSource", NS)
    ]
    return {
        "users": sorted(u.get("guid") for u in root.findall("q:Users/q:User", NS)),
        "codes": [code(c) for c in root.findall("q:CodeBook/q:Codes/q:Code", NS)],
        "sources": sources,
        "notes": [
            (n.get("guid"), n.get("name"), n.findtext("q:PlainTextContent", "", NS))
            for n in root.findall("q:Notes/q:Note", NS)
        ],
        "sets": [
            (s.get("guid"), s.get("name"), sorted(m.get("targetGUID") for m in s))
            for s in root.findall("q:Sets/q:Set", NS)
        ],
    }


def _coded_scan(scan):
    source = factories.document(
        scan, "Visie (fictief)\n\nWij willen dat inwoners meedoen.\n\nDe wijk telt mee."
    )
    services.seed_codebook(scan)
    own = services.add_code(scan, user=None, name="Wijk", colour="#123456", description="Buurt")
    first, second = source.passages.get(index=1), source.passages.get(index=2)
    kracht = scan.codes.get(key="self_reliance")
    coding = services.code_passage(
        first, kracht, user=scan.created_by, start=15, end=31, assessment="+", memo="Kern"
    )
    services.code_passage(second, own, user=scan.created_by, assessment="-")
    memo = Memo.objects.create(scan=scan, title="Over meedoen", text="Komt vaak terug.")
    memo.codings.add(coding)
    memo.codes.add(own)
    found = CodeSet.objects.create(scan=scan, name="Eigen codes")
    found.codes.add(own)
    found.sources.add(source)
    return source


def test_export_import_export_gives_the_same_project(scan):
    _coded_scan(scan)
    first = export_qdpx(scan)
    # GUIDs are unique across the platform: with the first scan's work gone, all are kept.
    target = factories.make_scan(lead=scan.created_by, organisation=scan.organisation)
    target.codes.all().delete()  # an empty codebook, as the first scan's was
    for related in (scan.sources, scan.codes, scan.memos, scan.code_sets):
        related.all().delete()
    preview, report = _import(target, first)
    assert preview.counts["codings"] == 2 and report.counts["sources"] == 1
    second = export_qdpx(target)
    assert _canonical(second) == _canonical(first)
    schema = etree.XMLSchema(etree.parse(str(SAMPLES.parent / "schema" / "Project.xsd")))
    project = etree.fromstring(zipfile.ZipFile(io.BytesIO(second)).read("project.qde"))
    assert schema.validate(project), schema.error_log
    # The coder is a pseudonym now, under the same GUID.
    assert b'name="Codeur 1"' in zipfile.ZipFile(io.BytesIO(second)).read("project.qde")


def test_import_into_the_same_platform_gives_new_guids_and_says_so(scan):
    _coded_scan(scan)
    other = factories.make_scan(lead=scan.created_by, organisation=scan.organisation)
    preview, report = _import(other, export_qdpx(scan))
    assert any("andere scan" in w for w in report.warnings)
    assert _canonical(export_qdpx(other))["codes"][0][1] == "Hoofddoelen"
    assert Source.objects.filter(scan=other).count() == 1


def test_import_qdpx_command(scan, tmp_path):
    qdpx = tmp_path / "wijkteam.qdpx"
    qdpx.write_bytes(refi_samples.qualcoder())
    out = StringIO()
    call_command("import_qdpx", scan.slug, str(qdpx), stdout=out)
    text = out.getvalue()
    assert "bronnen: 1" in text and "coderingen: 4" in text
    assert "waarschuwing: Een lege <Sets/> is overgeslagen." in text
    empty = tmp_path / "leeg.qdpx"
    empty.write_bytes((SAMPLES / "blank-atlas-project.qdpx").read_bytes())
    with pytest.raises(CommandError, match="niets"):
        call_command("import_qdpx", scan.slug, str(empty), stdout=StringIO())
    broken = tmp_path / "kapot.qdpx"
    broken.write_bytes(b"PK\x03\x04kapot")
    with pytest.raises(CommandError, match="beschadigd"):
        call_command("import_qdpx", scan.slug, str(broken), stdout=StringIO())


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_web_page_shows_preview_and_warnings_then_imports_on_confirmation(lead_client, scan):
    url = reverse("coding:codebook_import", kwargs={"slug": scan.slug})
    page = lead_client.post(url, {"codebook": _upload("wijkteam.qdpx", refi_samples.qualcoder())})
    text = page.content.decode()
    assert page.status_code == 200 and "Voorbeeld: dit zou worden geïmporteerd" in text
    assert "coderingen: 4" in text and "Een lege &lt;Sets/&gt; is overgeslagen." in text
    assert not scan.sources.exists() and not scan.codes.filter(name="Regie").exists()
    done = lead_client.post(url, {"pending": page.context["pending"]})
    assert "Geïmporteerd" in done.content.decode()
    assert Coding.objects.filter(code__scan=scan).count() == 4
    # The same preview cannot be imported twice.
    again = lead_client.post(url, {"pending": page.context["pending"]}, follow=True)
    assert "verlopen" in again.content.decode()


@needs_samples
def test_web_page_takes_atlas_ti_zip_and_shows_a_taguette_codebooks_warning(lead_client, scan):
    url = reverse("coding:codebook_import", kwargs={"slug": scan.slug})
    blank = (SAMPLES / "blank-atlas-project.qdpx").read_bytes()
    page = lead_client.post(url, {"codebook": _upload("blank-atlas-project.qdpx", blank)})
    text = page.content.decode()
    assert "Start tag expected" not in text and "Niets nieuws om te importeren." in text
    from .test_refi import CODEBOOK

    page = lead_client.post(url, {"codebook": _upload("taguette.qdc", CODEBOOK)})
    assert "Een lege &lt;Sets/&gt; is overgeslagen." in page.content.decode()
    assert "codes: 2" in page.content.decode() and not scan.codes.filter(name="Toegang").exists()
    hostile = b'<!DOCTYPE x [<!ENTITY a "a">]><Project name="x"/>'
    refused = lead_client.post(url, {"codebook": _upload("x.qde", hostile)}, follow=True)
    assert "entiteiten" in refused.content.decode()


def test_a_viewer_cannot_import(client, scan, client_user):
    client.force_login(client_user)
    url = reverse("coding:codebook_import", kwargs={"slug": scan.slug})
    response = client.post(url, {"codebook": _upload("w.qdpx", refi_samples.qualcoder())})
    assert response.status_code == 403 and not scan.sources.exists()
