"""Files nobody will use again: uploads abandoned at an import's preview, and
report files a newer rendering of the same scan and format replaced."""

import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from thermometer.core.files import delete_after_commit
from thermometer.core.pending import EARLIER_PREFIXES, PREFIX
from thermometer.reports.constants import ReportStatus
from thermometer.reports.models import ReportFile

ABANDONED_AFTER = datetime.timedelta(days=1)


def abandoned_uploads(now=None) -> list[str]:
    """Stashed preview uploads older than a day (a preview lives in one session)."""
    now = now or timezone.now()
    old = []
    for prefix in (PREFIX, *EARLIER_PREFIXES):
        try:
            folders, _ = default_storage.listdir(prefix)
        except FileNotFoundError:
            continue
        for folder in folders:
            _, names = default_storage.listdir(f"{prefix}/{folder}")
            paths = [f"{prefix}/{folder}/{name}" for name in names]
            if all(now - default_storage.get_modified_time(p) > ABANDONED_AFTER for p in paths):
                old += paths
    return old


def superseded_reports():
    """Finished report files of which a newer finished one of the same scan and format
    exists; the newest of each stays."""
    done = ReportFile.objects.filter(status=ReportStatus.DONE).order_by(
        "scan_id", "format", "-created_at", "-id"
    )
    seen, old = set(), []
    for report in done.only("id", "scan_id", "format", "file", "created_at"):
        key = (report.scan_id, report.format)
        if key in seen:
            old.append(report)
        seen.add(key)
    return old


@transaction.atomic
def clean(now=None) -> dict[str, int]:
    """Remove both; the counts of what went."""
    uploads = abandoned_uploads(now)
    for path in uploads:
        default_storage.delete(path)
    reports = superseded_reports()
    delete_after_commit(report.file for report in reports)
    ReportFile.objects.filter(pk__in=[r.pk for r in reports]).delete()
    return {"uploads": len(uploads), "reports": len(reports)}
