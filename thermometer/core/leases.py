"""Background work that survives a worker that dies.

A task that works on a document or a report writes a heartbeat on it while it runs
(``beat``). Work whose heartbeat is older than ``settings.TASK_LEASE_SECONDS`` has lost
its worker (killed, out of memory, the machine restarted): ``expire`` marks it failed
with a Dutch reason, so the page that shows it offers to try again, and asking for the
report again renders it anew. The worker runs ``expire`` when it starts and every minute
(``manage.py worker``); pages also treat such work as failed (``is_stale``) before then.
The kinds of leased work (documents being read, reports being rendered) are registered
by their apps (``register``), which sit above the core.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .registry import put

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


@dataclass(frozen=True)
class Leased:
    """A kind of work a task does under a lease, registered by the app that owns it."""

    name: str  # its count's key in what ``expire`` returns, such as "sources"
    model: type  # rows with ``status``, ``heartbeat_at`` and ``error``
    working: str  # the status while a worker has it
    failed: str  # the status ``expire`` gives it
    reason: str  # the (lazily translated) Dutch reason ``expire`` writes in ``error``
    task_path: str  # the task that does it; its first argument is the row's key


_kinds: dict[str, Leased] = {}


def register(kind: Leased) -> None:
    """Let ``expire`` fail ``kind``'s work whose worker died. Called in the owning app's
    ``AppConfig.ready`` (sources and reports sit above the core)."""
    if kind.name == "tasks":
        raise ValueError('"tasks" is the count of task results, not a leased kind')
    put(_kinds, kind.name, kind, "leased kind")


def expire(now=None) -> dict:
    """Mark the work of dead workers failed; returns how many of each kind (by the
    registered kinds' names) and of task results ("tasks")."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    limit = now - lease()
    kinds = list(_kinds.values())
    dead = {
        kind.name: kind.model.objects.filter(status=kind.working, heartbeat_at__lt=limit)
        for kind in kinds
    }
    # Their task results too: they would say "running" for ever.
    ids_by_path: dict[str, set] = {}
    for kind in kinds:
        ids_by_path.setdefault(kind.task_path, set()).update(
            dead[kind.name].values_list("pk", flat=True)
        )
    dead_tasks = _tasks_of(ids_by_path)
    found = {
        kind.name: dead[kind.name].update(status=kind.failed, error=str(kind.reason))
        for kind in kinds
    }
    found["tasks"] = (
        DBTaskResult.objects.running()
        .filter(Q(pk__in=dead_tasks) | Q(started_at__lt=now - max(lease(), ABANDONED_AFTER)))
        .update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="thermometer.core.leases.WorkerLost",
            traceback="The worker that ran this task stopped before it finished.",
        )
    )
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
