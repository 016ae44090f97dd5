import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from thermometer.core.leases import expire

EXPIRE_EVERY = 60  # seconds


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks-db's db_worker) with leases: work whose "
        "worker died (killed, out of memory, restarted) is marked failed with a Dutch "
        "reason when this starts and every minute, so it can be tried again. Arguments "
        "after -- go to db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*", help="Passed on to db_worker")

    def handle(self, *args, worker_args, **options):
        found = expire()
        self.stdout.write(f"Work of stopped workers marked failed: {found}")
        stop = threading.Event()
        watcher = threading.Thread(target=self._watch, args=(stop,), daemon=True)
        watcher.start()
        try:
            call_command("db_worker", *worker_args)
        finally:
            stop.set()

    def _watch(self, stop: threading.Event) -> None:
        while not stop.wait(EXPIRE_EVERY):
            try:
                expire()
            finally:
                close_old_connections()
