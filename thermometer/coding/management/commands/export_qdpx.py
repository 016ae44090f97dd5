from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thermometer.coding.refi import export_qdpx
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = "Export a scan's sources, codebook and codings as a REFI-QDA project (.qdpx)."

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("-o", "--output", required=True, help="The .qdpx file to write")

    def handle(self, *args, scan, output, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"No scan with slug '{scan}'.")
        data = export_qdpx(found)
        Path(output).write_bytes(data)
        self.stdout.write(f"{output}: {len(data)} bytes")
