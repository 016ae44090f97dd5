"""Background work survives a worker that dies: the reading or rendering it left is
marked failed with a Dutch reason, can be tried again, and a document can be deleted."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from thermometer.audit.models import AuditEvent
from thermometer.coding.models import Coding
from thermometer.core import leases
from thermometer.reports import services as reports
from thermometer.reports.constants import ReportStatus
from thermometer.reports.models import ReportFile
from thermometer.sources.constants import SourceStatus
from thermometer.sources.models import Passage, Source
from thermometer.testing import factories

ROOT = Path(__file__).resolve().parents[3]
LONG_PDF = ROOT / "bench/data/corpus/1_raad_beleid/Hervormingsagenda_Jeugd_2023-2028.pdf"


def _later(minutes=6):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_reading_without_heartbeat_is_failed_in_dutch_and_a_fresh_one_is_not(scan):
    dead = factories.document(scan, name="dood.txt")
    alive = factories.document(scan, text="Visie (fictief)\n\nIets anders.", name="levend.txt")
    now = timezone.now()
    Source.objects.filter(pk=dead.pk).update(
        status=SourceStatus.PROCESSING, heartbeat_at=now - datetime.timedelta(minutes=10)
    )
    Source.objects.filter(pk=alive.pk).update(status=SourceStatus.PROCESSING, heartbeat_at=now)
    dead.refresh_from_db()
    assert dead.is_stale
    assert leases.expire(now)["sources"] == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == SourceStatus.FAILED and "onderbroken" in dead.error
    assert alive.status == SourceStatus.PROCESSING


def test_a_stale_reading_shows_try_again_and_is_read_again(lead_client, scan):
    source = factories.document(scan)
    Source.objects.filter(pk=source.pk).update(
        status=SourceStatus.PROCESSING, progress=10, heartbeat_at=_later(-10)
    )
    page = lead_client.get(reverse("sources:list", kwargs={"slug": scan.slug})).text
    assert "onderbroken" in page and "Opnieuw proberen" in page
    lead_client.post(
        reverse("sources:retry", kwargs={"slug": scan.slug, "source_uuid": source.uuid})
    )
    source.refresh_from_db()
    assert source.status == SourceStatus.DONE and source.passages.exists()


def test_a_report_whose_render_died_renders_again_when_asked(
    scan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_report(scan, "html", user=scan.created_by)
        # Asked again once rendered: the content (and so the file) is settled.
        report = reports.request_report(scan, "html", user=scan.created_by)
    ReportFile.objects.filter(pk=report.pk).update(
        status=ReportStatus.RENDERING, progress=40, file="", heartbeat_at=_later(-10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = reports.request_report(scan, "html", user=scan.created_by)
    again.refresh_from_db()
    assert again.pk == report.pk and again.status == ReportStatus.DONE and again.file


def test_deleting_a_document_takes_its_passages_codings_and_file(
    lead_client, scan, django_capture_on_commit_callbacks
):
    source = factories.coded_document(scan)
    name = source.file.name
    url = reverse("sources:delete", kwargs={"slug": scan.slug, "source_uuid": source.uuid})
    asked = lead_client.get(url).text
    assert "1 codering" in asked and "kan niet ongedaan" in asked
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(url)
    assert not Source.objects.filter(pk=source.pk).exists()
    assert not Passage.objects.filter(source_id=source.pk).exists()
    assert not Coding.objects.filter(code__scan=scan).exists()
    assert not source.file.storage.exists(name)
    event = AuditEvent.objects.get(event="source_deleted")
    assert event.data["title"] == source.title and str(event.data["codings"]) == "1"


def _database_url() -> str:
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    host, port = settings.get("HOST") or "127.0.0.1", settings.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


def _worker(tmp_path, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thermometer.conf.base",
        "SECRET_KEY": "test-only-secret-key-for-the-worker-0123456789-abcdefghij",
        "DATABASE_URL": _database_url(),
        "MEDIA_ROOT": str(tmp_path),
        "EMBEDDINGS": "0",
        "DEBUG": "0",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "worker",
            "--",
            "--no-startup-delay",
            "--interval",
            "0.2",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not LONG_PDF.exists(), reason="the long PDF of bench/data is not present")
def test_killing_a_real_worker_mid_reading_then_trying_again(
    lead, organisation, settings, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("a second process needs a database it can open: run with PostgreSQL")
    from thermometer.sources.services import add_documents

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path)
    scan = factories.make_scan(lead=lead, organisation=organisation)
    (added,) = add_documents(
        scan, [(LONG_PDF.name, LONG_PDF.read_bytes())], place="visie", user=lead
    )
    source = added.source

    def reading():
        source.refresh_from_db()
        return source.status == SourceStatus.PROCESSING and source.progress > 0

    worker = _worker(tmp_path)
    try:
        assert _wait(reading), "the worker never started reading"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    source.refresh_from_db()
    assert source.status == SourceStatus.PROCESSING  # stuck, as before leases

    # A new worker starts: it marks the dead reading failed, in Dutch.
    found = leases.expire(_later())
    source.refresh_from_db()
    assert found["sources"] == 1 and found["tasks"] == 1
    assert source.status == SourceStatus.FAILED and "onderbroken" in source.error

    # Tried again from the page, a worker reads it to the end.
    from django.test import Client

    client = Client()
    client.force_login(lead)
    client.post(reverse("sources:retry", kwargs={"slug": scan.slug, "source_uuid": source.uuid}))
    worker = _worker(tmp_path, "--batch")
    try:
        worker.wait(120)
    finally:
        if worker.poll() is None:
            worker.kill()
    source.refresh_from_db()
    assert source.status == SourceStatus.DONE and source.passages.count() > 100
