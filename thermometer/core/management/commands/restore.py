from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thermometer.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Put a backup made by manage.py backup into an empty, migrated database and the "
        "media folder, and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The .tar.gz written by manage.py backup")

    def handle(self, *args, source, **options):
        if not Path(source).is_file():
            raise CommandError(f"Bestand niet gevonden: {source}")
        try:
            manifest = restore(Path(source))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Teruggezet: de back-up van {manifest['made_at']} ({manifest['objects']} "
            f"objecten, {manifest['media_files']} bestanden, "
            f"{manifest['indexed_passages']} fragmenten in de zoekindex)."
        )
