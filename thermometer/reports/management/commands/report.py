from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.reports.constants import ReportFormat
from thermometer.reports.content import report_content
from thermometer.reports.rendering import RenderError, render
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = "Write a scan's report (its digital overview as a document) to a file."

    def add_arguments(self, parser):
        parser.add_argument("scan", help="the scan's slug, e.g. demo-thermometer")
        parser.add_argument("--format", choices=ReportFormat.values, default="pdf")
        parser.add_argument("-o", "--output", required=True, help="the file to write")

    def handle(self, *args, scan, format, output, **options):
        found = Scan.objects.filter(slug=scan).select_related("municipality").first()
        if found is None:
            raise CommandError(f"Geen scan met de slug '{scan}'.")
        with translation.override("nl"):
            try:
                data = render(report_content(found), format)
            except RenderError as error:
                raise CommandError(str(error)) from error
        path = Path(output)
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Kan '{path}' niet schrijven: {error.strerror}.") from error
        self.stdout.write(f"{path}: {format}, {len(data):,} bytes")
