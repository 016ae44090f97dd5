import logging
import os
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from thermometer.core import worker
from thermometer.core.leases import expire

logger = logging.getLogger(__name__)

EXPIRE_EVERY = 60  # seconds
HOUSEKEEPING_EVERY = 24 * 60  # in EXPIRE_EVERY ticks: once a day


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks-db's db_worker) with leases: work whose "
        "worker died (killed, out of memory, restarted) is marked failed with a Dutch "
        "reason when this starts and every minute, so it can be tried again. Once a day "
        "it purges the personal data of scans whose retention ended and removes leftover "
        "files (privacy.housekeeping). Arguments after -- go to db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*", help="Passed on to db_worker")

    def handle(self, *args, worker_args, **options):
        if _reloader_parent(worker_args):
            # db_worker reloads on code changes (DEBUG): this process only starts and
            # restarts the child that runs this command again and does the work, so the
            # warm-up, the lease watcher and the daily housekeeping run there, once.
            call_command("db_worker", *worker_args)
            return
        found = expire()
        self.stdout.write(f"Work of stopped workers marked failed: {found}")
        self._warm_up()
        stop = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(stop,), daemon=True)
        watcher.start()
        try:
            call_command("db_worker", *worker_args)
        finally:
            stop.set()

    def _warm_up(self) -> None:
        """Start the report and analysis engines before the first task, so the first
        report someone asks for is as quick as the next (a failure here is logged, the
        task itself will say what is wrong)."""
        started = time.monotonic()
        failed = worker.warm_up()  # registered by analysis and reports
        if failed:
            logger.error("warming up the report engines failed: %s", ", ".join(failed))
            return
        self.stdout.write(f"Report engines started in {time.monotonic() - started:.1f} s")

    def _watch(self, stop: threading.Event) -> None:
        ticks = 0
        while not stop.wait(EXPIRE_EVERY):
            try:
                expire()
                ticks += 1
                if ticks % HOUSEKEEPING_EVERY == 1:
                    worker.run_daily()  # registered by privacy
            except Exception:  # a failing round must not stop the watcher; tried again
                logger.exception("housekeeping round failed")
            finally:
                close_old_connections()


def _reloader_parent(worker_args: list[str]) -> bool:
    """Whether db_worker will reload on code changes and this is the reloading parent
    process (not the child Django's autoreloader starts with ``RUN_MAIN``)."""
    reload = settings.DEBUG
    for arg in worker_args:
        if arg in ("--reload", "--no-reload"):
            reload = arg == "--reload"
    return reload and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
