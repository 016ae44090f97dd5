"""The scheduled part: purge the scans whose retention ended, and clean up leftover
files. Run daily by the worker (``manage.py worker``) and by ``manage.py
purge_personal_data`` (with ``--dry-run`` to list first)."""

import datetime

from django.utils import timezone

from thermometer.scans.models import Scan
from thermometer.scans.retention import due

from . import cleanup
from .models import PurgeRecord
from .purge import inventory, purge_scan, record


def due_scans(today: datetime.date | None = None) -> list:
    today = today or timezone.localdate()
    return due(Scan.objects.select_related("organisation"), today)


def dry_run(today=None) -> list[tuple]:
    """Per scan that is due: the scan and what its purge would do."""
    return [(scan, inventory(scan)) for scan in due_scans(today)]


def run(today=None) -> dict:
    purged = [purge_scan(scan) for scan in due_scans(today)]
    cleaned = cleanup.clean()
    if any(cleaned.values()):
        record(None, PurgeRecord.Reason.CLEANUP, cleaned)
    return {"scans": len(purged), **cleaned}
