"""Background work that survives a worker that dies.

A task that works on a document or a report writes a heartbeat on it while it runs
(``beat``). Work whose heartbeat is older than ``settings.TASK_LEASE_SECONDS`` has lost
its worker (killed, out of memory, the machine restarted): ``expire`` marks it failed
with a Dutch reason, so the page that shows it offers to try again, and asking for the
report again renders it anew. The worker runs ``expire`` when it starts and every minute
(``manage.py worker``); pages also treat such work as failed (``is_stale``) before then.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
BEAT_EVERY = 10  # seconds between heartbeats of one task: often enough, spares the database
# A task started longer ago than this has surely lost its worker, whatever it was doing.
ABANDONED_AFTER = datetime.timedelta(hours=2)


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.TASK_LEASE_SECONDS)


def is_stale(heartbeat_at, now=None) -> bool:
    """Whether work last heard of at ``heartbeat_at`` has lost its worker."""
    if heartbeat_at is None:
        return False
    return heartbeat_at < (now or timezone.now()) - lease()


class Heartbeat:
    """``beat(**fields)`` updates the row of ``model`` with ``pk``: the fields every time,
    the heartbeat at most every BEAT_EVERY seconds unless fields change."""

    def __init__(self, model, pk):
        self.rows = model.objects.filter(pk=pk)
        self.last = None

    def beat(self, **fields) -> None:
        now = timezone.now()
        if fields or self.last is None or (now - self.last).total_seconds() >= BEAT_EVERY:
            self.rows.update(heartbeat_at=now, **fields)
            self.last = now


def expire(now=None) -> dict:
    """Mark the work of dead workers failed; returns how many of each kind."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    # Imported on use: the core is the bottom layer, and sources and reports use these
    # leases; a registry of leased kinds (filled in their AppConfig.ready) would end this.
    from thermometer.reports.constants import ReportStatus
    from thermometer.reports.models import ReportFile
    from thermometer.sources.constants import SourceStatus
    from thermometer.sources.models import Source

    now = now or timezone.now()
    limit = now - lease()
    dead_sources = Source.objects.filter(status=SourceStatus.PROCESSING, heartbeat_at__lt=limit)
    dead_reports = ReportFile.objects.filter(status=ReportStatus.RENDERING, heartbeat_at__lt=limit)
    # Their task results too: they would say "running" for ever.
    dead_tasks = _tasks_of(
        {
            "thermometer.sources.tasks.extract_source": set(
                dead_sources.values_list("pk", flat=True)
            ),
            "thermometer.reports.tasks.render_report": set(
                dead_reports.values_list("pk", flat=True)
            ),
        }
    )
    sources = dead_sources.update(
        status=SourceStatus.FAILED,
        error=_("Reading stopped halfway (the background worker was interrupted). Try again."),
    )
    reports = dead_reports.update(
        status=ReportStatus.FAILED,
        error=_("Making the report stopped halfway (the background worker was interrupted)."),
    )
    tasks = (
        DBTaskResult.objects.running()
        .filter(Q(pk__in=dead_tasks) | Q(started_at__lt=now - max(lease(), ABANDONED_AFTER)))
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="thermometer.core.leases.WorkerLost",
            traceback="The worker that ran this task stopped before it finished.",
        )
    )
    found = {"sources": sources, "reports": reports, "tasks": tasks}
    if any(found.values()):
        logger.warning("Work of a stopped worker marked failed: %s", found)
    return found


def _tasks_of(ids_by_path: dict) -> list:
    """The running task results of these tasks on these objects (first argument)."""
    from django_tasks_db.models import DBTaskResult

    wanted = {path: ids for path, ids in ids_by_path.items() if ids}
    if not wanted:
        return []
    running = DBTaskResult.objects.running().filter(task_path__in=list(wanted))
    return [
        result.pk
        for result in running.only("pk", "task_path", "args_kwargs")
        if (result.args_kwargs.get("args") or [None])[0] in wanted[result.task_path]
    ]
