from pathlib import Path

from django.core.management.base import BaseCommand

from thermometer.core.backup import backup


class Command(BaseCommand):
    help = (
        "Write a backup of the database and the media files to one .tar.gz (works the "
        "same on SQLite and PostgreSQL; restore it with manage.py restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="The file to write, e.g. thermometer-2026-12-02.tar.gz")

    def handle(self, *args, target, **options):
        manifest = backup(Path(target))
        self.stdout.write(
            f"Back-up geschreven naar {target}: {manifest['objects']} objecten, "
            f"{manifest['media_files']} bestanden."
        )
