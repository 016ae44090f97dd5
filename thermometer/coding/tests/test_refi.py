import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from thermometer.coding import services
from thermometer.coding.models import Code
from thermometer.coding.refi import RefiError, export_qdpx, import_codebook
from thermometer.testing import factories

SCHEMA = Path(__file__).resolve().parents[4] / "shared" / "data" / "refi_qda" / "schema"
needs_schema = pytest.mark.skipif(not SCHEMA.exists(), reason="shared/data/refi_qda is not present")

CODEBOOK = (
    b'<?xml version="1.0" encoding="utf-8"?>'
    b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes>'
    b'<Code guid="0F8A1907-7E42-4739-8610-A676B4D1B69F" name="Toegang" isCodable="true"'
    b' color="#F00082"><Description>De weg naar hulp</Description>'
    b'<Code guid="D299EFAE-5779-46DC-9827-A3D1A5D544BC" name="Wachttijd" isCodable="true"'
    b' color="#abc"/></Code></Codes><Sets/></CodeBook>'
)


@needs_schema
def test_export_is_a_valid_refi_qda_project_with_the_coded_text(scan):
    source = factories.document(scan, "Visie (fictief)\n\nWij willen dat inwoners meedoen.")
    services.seed_codebook(scan)
    passage = source.passages.get(index=1)
    services.code_passage(
        passage,
        scan.codes.get(key="self_reliance"),
        user=scan.created_by,
        start=15,
        end=31,
        assessment="+",
        memo="Kern van de visie",
    )
    archive = zipfile.ZipFile(io.BytesIO(export_qdpx(scan)))
    project = etree.fromstring(archive.read("project.qde"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA / "Project.xsd")))
    assert schema.validate(project), schema.error_log
    ns = {"q": "urn:QDA-XML:project:1.0"}
    selection = project.find(".//q:PlainTextSelection", ns)
    text_path = project.find(".//q:TextSource", ns).get("plainTextPath").removeprefix("internal://")
    text = archive.read(f"Sources/{text_path}").decode()
    start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    assert text[start:end] == passage.text[15:31]
    assert "Positief. Kern van de visie" in selection.find("q:Description", ns).text


def test_codebook_import_keeps_hierarchy_tolerates_empty_sets_and_adds_nothing_twice(scan):
    report = import_codebook(scan, CODEBOOK, user=None)
    assert (report.created, report.existing) == (2, 0)
    assert report.warnings == ["Een lege <Sets/> is overgeslagen."]
    child = Code.objects.get(name="Wachttijd")
    assert child.parent.name == "Toegang" and child.colour == "#aabbcc"
    again = import_codebook(scan, CODEBOOK, user=None)
    assert (again.created, again.existing) == (0, 2)


def test_broken_codebook_is_refused(scan):
    with pytest.raises(RefiError):
        import_codebook(scan, b"<CodeBook><Codes>", user=None)
    with pytest.raises(RefiError):
        import_codebook(scan, b"<Iets/>", user=None)


def test_commands(scan, tmp_path):
    qdc = tmp_path / "codes.qdc"
    qdc.write_bytes(CODEBOOK)
    out = StringIO()
    call_command("import_codebook", scan.slug, str(qdc), stdout=out)
    assert "2 codes added" in out.getvalue()
    target = tmp_path / "scan.qdpx"
    call_command("export_qdpx", scan.slug, "-o", str(target), stdout=StringIO())
    assert zipfile.is_zipfile(target)
    with pytest.raises(CommandError):
        call_command("export_qdpx", "bestaat-niet", "-o", str(target))


NESTED = (
    b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
    b'<Code guid="0F8A1907-7E42-4739-8610-A676B4D1B69F" name="Toegang" isCodable="true">'
    b'<Code name="Wachttijd" isCodable="true"/><Code name="Wachttijd" isCodable="true">'
    b'<Code name="Lang" isCodable="true"/></Code></Code>'
    b'<Code guid="0F8A1907-7E42-4739-8610-A676B4D1B69F" name="Nogmaals"/>'
    b'<Code name="" isCodable="true"/><Code name="Zelfredzaamheid"/></Codes></CodeBook>'
)


def _writes(queries) -> list:
    verbs = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "RELEASE", "ROLLBACK")
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(verbs)]


@pytest.mark.parametrize("data", [CODEBOOK, NESTED], ids=["taguette", "nested"])
def test_codebook_preview_writes_nothing_and_says_what_the_import_then_does(scan, data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thermometer.audit.models import AuditEvent
    from thermometer.coding import refi_upload

    services.seed_codebook(scan)  # a code of the file may already be there
    before = (Code.objects.count(), AuditEvent.objects.count())
    with CaptureQueriesContext(connection) as queries:
        preview = refi_upload.preview(scan, "codes.qdc", data)
    assert _writes(queries.captured_queries) == []
    assert (Code.objects.count(), AuditEvent.objects.count()) == before
    stored = refi_upload.store(scan, "codes.qdc", data, user=scan.created_by)
    assert (preview.lines, preview.warnings) == (stored.lines, stored.warnings)
    assert preview.importable and not preview.project


def test_codebook_plan_matches_codes_as_the_import_stores_them(scan):
    from thermometer.coding.refi import plan_codebook

    scan.codes.all().delete()
    plan = plan_codebook(scan, NESTED)
    # The second "Wachttijd" is the first one; the repeated GUID is "Toegang".
    assert (plan.created, plan.existing) == (4, 2)
    assert plan.warnings == ["Een code zonder naam is overgeslagen, met de codes eronder."]
    report = import_codebook(scan, NESTED, user=None)
    assert (report.created, report.existing) == (4, 2)
    toegang = Code.objects.get(name="Toegang")
    assert str(toegang.uuid).upper() == "0F8A1907-7E42-4739-8610-A676B4D1B69F"
    assert Code.objects.get(name="Lang").parent.parent == toegang
    assert list(toegang.children.values_list("name", "order")) == [("Wachttijd", 0)]
    top = scan.codes.filter(parent=None).values_list("name", "order")
    assert sorted(top) == [("Toegang", 0), ("Zelfredzaamheid", 1)]
    other = factories.make_scan(lead=scan.created_by, organisation=scan.organisation)
    other.codes.all().delete()
    import_codebook(other, NESTED, user=None)  # the GUID is taken: a new one
    assert other.codes.get(name="Toegang").uuid != toegang.uuid
