"""The scheduled part: purge the scans whose retention ended, and clean up leftover
files. Run daily by the worker (``manage.py worker``) and by ``manage.py
purge_personal_data`` (with ``--dry-run`` to list first)."""

import datetime
import logging

from django.utils import timezone

from thermometer.scans.models import Scan
from thermometer.scans.retention import due

from . import cleanup
from .models import PurgeRecord
from .purge import inventory, purge_scan, record

logger = logging.getLogger(__name__)


def due_scans(today: datetime.date | None = None) -> list:
    today = today or timezone.localdate()
    return due(Scan.objects.select_related("organisation"), today)


def dry_run(today=None) -> list[tuple]:
    """Per scan that is due: the scan and what its purge would do."""
    return [(scan, inventory(scan)) for scan in due_scans(today)]


def run(today=None) -> dict:
    """Purge every scan that is due, each in its own transaction: one that fails is
    logged and tried again the next day, and keeps neither the other scans' purges nor
    the cleanup from running."""
    purged = failed = 0
    for scan in due_scans(today):
        try:
            purge_scan(scan)
            purged += 1
        except Exception:  # noqa: BLE001 - the other scans' data must still go
            logger.exception("purging the personal data of scan %s failed", scan.pk)
            failed += 1
    cleaned = cleanup.clean()
    if any(cleaned.values()):
        record(None, PurgeRecord.Reason.CLEANUP, cleaned)
    return {"scans": purged, "failed": failed, **cleaned}
