"""A backup of the demo restored into an empty database and media folder finds the same
search hits, opens the same report file and holds the same answers."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from thermometer.questionnaires.models import Answer
from thermometer.reports.constants import ReportStatus
from thermometer.reports.models import ReportFile
from thermometer.scans.models import Scan
from thermometer.sources.search import search


def _state():
    scan = Scan.objects.get(slug="demo-thermometer")
    hits = [(p.source.title, p.index) for p in search(scan, "zorg")]
    report = ReportFile.objects.filter(scan=scan, status=ReportStatus.DONE).exclude(file="").first()
    return scan, hits, Answer.objects.count(), report


@pytest.mark.django_db(transaction=True)
def test_backup_of_the_demo_restores_into_an_empty_database(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", verbosity=0)
    scan, hits, answers, _ = _state()
    from thermometer.reports import services as reports

    with django_capture_on_commit_callbacks(execute=True):
        reports.request_report(scan, "html", user=scan.created_by)
    scan, hits, answers, report = _state()
    assert hits and answers and report is not None
    target = tmp_path / "thermometer.tar.gz"
    call_command("backup", str(target), stdout=None)

    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = str(tmp_path / "restored")
    assert not Scan.objects.exists()
    call_command("restore", str(target), stdout=None)

    scan, restored_hits, restored_answers, restored_report = _state()
    assert restored_hits == hits and restored_answers == answers
    assert restored_report.pk == report.pk and restored_report.file.storage.exists(
        restored_report.file.name
    )
    lead = scan.created_by
    client = Client()
    client.force_login(lead)
    download = client.get(
        reverse("reports:download", kwargs={"slug": scan.slug, "report_uuid": restored_report.uuid})
    )
    assert download.status_code == 200 and b"".join(download.streaming_content)

    with pytest.raises(CommandError, match="al scans"):
        call_command("restore", str(target))


def test_a_file_that_is_no_backup_is_refused(tmp_path, db):
    wrong = tmp_path / "geen.tar.gz"
    wrong.write_bytes(b"niets")
    with pytest.raises(CommandError, match="geen back-up"):
        call_command("restore", str(wrong))
