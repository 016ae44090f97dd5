from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thermometer.coding.refi_project import RefiError, preview_project
from thermometer.coding.refi_store import store_project
from thermometer.coding.refi_summary import count_lines
from thermometer.coding.refi_upload import nothing_to_import
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Import a REFI-QDA project (.qdpx or .qde) into a scan: sources, codes, codings, "
        "memos and sets; prints the counts and every warning."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="A .qdpx project (or a bare .qde)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show the preview; store nothing"
        )

    def handle(self, *args, scan, file, dry_run, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(_("No scan with slug “%(slug)s”.") % {"slug": scan})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            preview = preview_project(found, path.read_bytes())
        except RefiError as error:
            raise CommandError(_("Nothing was imported: %(reason)s") % {"reason": error}) from None
        for warning in preview.warnings:
            self.stdout.write(_("warning: %(text)s") % {"text": warning})
        if not preview.importable:
            raise CommandError(
                _("Nothing was imported: %(reason)s") % {"reason": nothing_to_import()}
            )
        if dry_run:
            self.stdout.write(_("Preview: ") + "; ".join(count_lines(preview.counts)))
            return
        report = store_project(found, preview, user=None)
        for warning in report.warnings[len(preview.warnings) :]:
            self.stdout.write(_("warning: %(text)s") % {"text": warning})
        self.stdout.write(_("Imported: ") + "; ".join(count_lines(report.counts)))
