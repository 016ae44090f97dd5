from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thermometer.coding.refi import RefiError, import_codebook
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = "Import a REFI-QDA codebook (.qdc) into a scan's codebook."

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="A .qdc codebook")

    def handle(self, *args, scan, file, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"No scan with slug '{scan}'.")
        if not Path(file).is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = import_codebook(found, Path(file).read_bytes(), user=None)
        except RefiError as error:
            raise CommandError(_("Nothing was imported: %(reason)s") % {"reason": error}) from None
        self.stdout.write(f"{report.created} codes added, {report.existing} already present")
        for warning in report.warnings:
            self.stdout.write(f"warning: {warning}")
