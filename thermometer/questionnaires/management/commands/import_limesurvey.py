from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.questionnaires.limesurvey.importer import import_limesurvey
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Import a LimeSurvey survey (.lss, or .lsa with its responses) into a scan as a "
        "questionnaire, optionally with a response export (CSV)."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="A LimeSurvey .lss or .lsa file")
        parser.add_argument("--responses", help="A LimeSurvey response export (CSV)")
        parser.add_argument("--layer", help="Layer of the chain the respondents belong to")

    def handle(self, *args, scan, file, responses, layer, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"No scan with slug '{scan}'.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        responses_data = None
        if responses:
            if not Path(responses).is_file():
                raise CommandError(f"No such file: {responses}")
            responses_data = Path(responses).read_bytes()
        with translation.override("nl"):
            report = import_limesurvey(
                found,
                path.read_bytes(),
                path.name,
                user=None,
                responses_csv=responses_data,
                layer=layer,
            )
            q = report.questionnaire
            self.stdout.write(f"Vragenlijst: {q.name if q else '—'}")
            self.stdout.write(
                f"Vragen gelezen: {report.questions_read}, overgenomen als vraag: "
                f"{report.items_created}"
            )
            for line in report.notes + report.skipped:
                self.stdout.write(f"  {line}")
            self.stdout.write(
                f"Antwoorden gelezen: {report.responses_read}, geïmporteerd: "
                f"{report.responses_imported}, al eerder geïmporteerd: "
                f"{report.responses_duplicate}"
            )
            if report.unmapped_columns:
                self.stdout.write(
                    "Kolommen die bij geen vraag horen: " + ", ".join(report.unmapped_columns)
                )
            for line in report.problems:
                self.stderr.write(line)
        if not report.imported_anything:
            if report.responses_duplicate:
                raise CommandError(
                    "Niets nieuws: deze vragenlijst en antwoorden waren al geïmporteerd."
                )
            raise CommandError("Er is niets geïmporteerd.")
