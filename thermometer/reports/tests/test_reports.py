"""The report files, their cache, the command, and the read-only links — on the demo
scan, so every check is against real figures of a whole scan."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from thermometer.demo.demo_data import DEMO_SLUG
from thermometer.reports import services
from thermometer.reports.content import all_charts, fingerprint, narrow, report_content
from thermometer.reports.models import ReportFile
from thermometer.reports.rendering import build_html, render_docx, render_pdf
from thermometer.reports.tasks import render_report
from thermometer.scans.models import Scan


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        scan = Scan.objects.get(slug=DEMO_SLUG)
        yield scan, report_content(scan)
        transaction.set_rollback(True)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
@pytest.mark.django_db
def test_the_pdf_holds_the_sections_and_the_scans_own_figures(demo, tmp_path):
    scan, content = demo
    path = tmp_path / "rapport.pdf"
    path.write_bytes(render_pdf(content))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in (
        "Inhoud",
        "Inleiding",
        "Conclusie",
        "Doorfluisteren",
        "Het documentspoor",
        "Aanbevelingen",
    ):
        assert heading in text, heading
    assert "Wassenaar" in text and "GM0629" in text
    respondents = content["figures"]["respondents"]
    assert f"Gebaseerd op {respondents} ingevulde vragenlijsten" in " ".join(text.split())
    for rec in content["advice"]["recommendations"]:
        assert rec["title"][:30] in " ".join(text.split())
    pages = re.findall(r"Pagina (\d+) van (\d+)", text)
    assert pages and int(pages[-1][0]) == int(pages[-1][1]) > 5
    assert "Lorem" not in text and "placeholder" not in text.lower()


@pytest.mark.django_db
def test_the_docx_has_real_headings_tables_and_charts(demo):
    from docx import Document

    _scan, content = demo
    document = Document(io.BytesIO(render_docx(content)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings.index("Conclusie") < headings.index("Aanbevelingen")
    assert "Inleiding" in headings and "Het antwoord per doel" in headings
    assert len(document.tables) >= 8
    assert len(document.inline_shapes) == len(
        all_charts(content)
    )  # every chart, the finances one too
    titles = {p.text for p in document.paragraphs if p.style.name == "Heading 2"}
    assert any(rec["title"] in t for rec in content["advice"]["recommendations"] for t in titles)


@pytest.mark.django_db
def test_the_html_export_is_self_contained(demo):
    _scan, content = demo
    html = build_html(content)
    assert "<svg" in html and "<style>" in html
    assert not re.search(r'(src|href)="(https?:|/)', html)
    assert 'lang="nl"' in html


@pytest.mark.django_db
def test_report_files_are_cached_per_state_of_the_advice(demo):
    scan, _content = demo
    report = services.request_report(scan, "html")
    render_report.call(report.pk)
    again = services.request_report(scan, "html")
    assert again.pk == report.pk
    again.refresh_from_db()
    assert again.status == "done" and again.file.size > 10_000
    recommendation = scan.recommendations.first()
    scan.findings.first().delete()  # the content changes: a new file
    fresh = services.request_report(scan, "html")
    assert fresh.pk != report.pk
    assert ReportFile.objects.filter(scan=scan, format="html").count() == 2
    assert recommendation is not None


@pytest.mark.django_db
def test_a_file_rendered_after_the_scan_changed_is_kept_as_the_newer_states_file(demo):
    scan, _content = demo
    asked = services.request_report(scan, "html")
    scan.findings.first().delete()  # changed between the request and the rendering
    assert render_report.call(asked.pk) == "done"
    asked.refresh_from_db()
    assert asked.fingerprint == fingerprint(report_content(scan))  # what the file shows
    again = services.request_report(scan, "html")
    assert again.pk == asked.pk and again.status == "done"  # no second rendering


@pytest.mark.django_db
def test_a_file_whose_newer_state_was_asked_for_meanwhile_gives_way(demo):
    scan, _content = demo
    first = services.request_report(scan, "html")
    scan.findings.first().delete()
    second = services.request_report(scan, "html")
    assert second.pk != first.pk
    assert render_report.call(first.pk) == "superseded"
    first.refresh_from_db()
    assert first.status == "failed" and "vraag het rapport opnieuw op" in first.error
    assert not first.file
    assert render_report.call(second.pk) == "done"


@pytest.mark.django_db
def test_the_report_command(demo, tmp_path):
    out = tmp_path / "rapport.html"
    call_command("report", DEMO_SLUG, "--format", "html", "-o", str(out))
    assert out.read_text().startswith("<!DOCTYPE html>")
    with pytest.raises(CommandError, match="Geen scan"):
        call_command("report", "bestaat-niet", "--format", "pdf", "-o", str(out))


@pytest.mark.django_db
def test_narrowing_to_a_goal(demo):
    scan, content = demo
    narrowed = narrow(content, scan.method, goal="finances")
    assert [row["cells"][0]["goal"] for row in narrowed["analysis"]["matrix"]] == ["finances"]
    assert all(r["goal"] == "finances" for r in narrowed["advice"]["recommendations"])
    assert len(narrowed["chart"]["chains"]) == 1
    assert narrow(content, scan.method, goal="onzin")["filter"]["goal"] == ""


@pytest.mark.django_db
def test_share_links_open_one_overview_until_they_expire(client, scan, lead):
    link = services.add_share_link(scan, label="Raad", days=7, user=lead)
    url = reverse("shared_overview", kwargs={"token": link.token})
    page = client.get(url)
    assert page.status_code == 200 and scan.title in page.text
    assert "/scans/" not in page.text  # no way into the application
    services.revoke_share_link(link, user=lead)
    assert client.get(url).status_code == 410
    old = services.add_share_link(scan, label="Oud", days=1, user=lead)
    expired = reverse("shared_overview", kwargs={"token": old.token})
    with time_machine.travel(old.expires_at - datetime.timedelta(minutes=1)):
        assert client.get(expired).status_code == 200  # the last minute of its day
    with time_machine.travel(old.expires_at + datetime.timedelta(minutes=1)):
        assert client.get(expired).status_code == 410
    assert client.get(reverse("shared_overview", kwargs={"token": "nee"})).status_code == 404
    with pytest.raises(services.ShareError):
        services.add_share_link(scan, label="Te lang", days=400, user=lead)
    with pytest.raises(services.ShareError):
        services.add_share_link(scan, label=" ", days=3, user=lead)


@pytest.mark.django_db
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
def test_the_tweedaagse_report_has_the_journey_the_lights_and_the_checklist(demo, tmp_path):
    from docx import Document

    scan = Scan.objects.get(slug="demo-tweedaagse")
    content = report_content(scan)
    assert content["kind"] == "journey"
    path = tmp_path / "tweedaagse.pdf"
    path.write_bytes(render_pdf(content))
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Hoorn" in text and "Familie Hermans" in text
    for step in content["steps"]:
        assert step["name"] in text
    for light in content["lights"]:
        assert light["name"] in text
    red = [light["name"] for light in content["lights"] if light["colour"] == "red"]
    assert red and all(name in text for name in red)
    assert "Heeft de gemeente actueel inzicht in de uitputting van de budgetten?" in text
    document = Document(io.BytesIO(render_docx(content)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Aanbevelingen" in headings and len(document.inline_shapes) == 2
