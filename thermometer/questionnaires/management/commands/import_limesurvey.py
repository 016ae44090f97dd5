from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from thermometer.questionnaires.limesurvey.importer import import_limesurvey, preview_limesurvey
from thermometer.questionnaires.limesurvey.summary import summary_lines
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Import a LimeSurvey survey (.lss, .lsa with its responses, .lsg question group or the "
        "tab-separated .txt structure export) into a scan as a questionnaire, optionally with "
        "a response export (CSV). Nothing is stored when the files do not fit together."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="A LimeSurvey .lss, .lsa, .lsg or .txt file")
        parser.add_argument("--responses", help="A LimeSurvey response export (CSV)")
        parser.add_argument("--layer", help="Layer of the chain the respondents belong to")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; store nothing"
        )

    def handle(self, *args, scan, file, responses, layer, dry_run, **options):
        with translation.override("nl"):
            found, data, responses_data = self._inputs(scan, file, responses)
            arguments = {"layer": layer}
            if responses:
                arguments |= {
                    "responses_csv": responses_data,
                    "responses_name": Path(responses).name,
                }
            if dry_run:
                report = preview_limesurvey(found, data, Path(file).name, **arguments)
            else:
                report = import_limesurvey(found, data, Path(file).name, user=None, **arguments)
            for line in summary_lines(report, preview=dry_run):
                self.stdout.write(line)
            for line in report.warnings:
                self.stderr.write(line)
            if report.refusals:
                raise CommandError(" ".join([_("Nothing was imported."), *report.refusals]))
            if not report.imported_anything:
                if report.responses_duplicate or report.questionnaire:
                    raise CommandError(
                        _("Nothing new: this questionnaire and its responses were imported before.")
                    )
                raise CommandError(_("Nothing was imported."))
            if dry_run:
                self.stdout.write(_("Preview only: nothing was stored."))

    @staticmethod
    def _inputs(slug, file, responses):
        found = Scan.objects.filter(slug=slug).first()
        if found is None:
            raise CommandError(_("There is no scan with slug “%(slug)s”.") % {"slug": slug})
        for path in filter(None, (file, responses)):
            if not Path(path).is_file():
                raise CommandError(_("File not found: %(path)s") % {"path": path})
        return (
            found,
            Path(file).read_bytes(),
            Path(responses).read_bytes() if responses else None,
        )
