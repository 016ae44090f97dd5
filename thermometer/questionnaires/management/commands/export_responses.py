from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.audit import security
from thermometer.questionnaires.response_files import FORMATS, response_file
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Write a questionnaire's pseudonymised responses to a file (xlsx, csv or SPSS sav), "
        "the same file as the download on the responses page."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("--format", choices=sorted(FORMATS), default="xlsx")
        parser.add_argument("-o", "--output", required=True, help="The file to write")
        parser.add_argument(
            "--questionnaire",
            help="The questionnaire's uuid or name (needed when the scan has several)",
        )

    def handle(self, *args, scan, output, questionnaire, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"Geen scan met slug '{scan}'.")
        chosen = self._questionnaire(found, questionnaire)
        with translation.override("nl"):
            content, _type = response_file(chosen, options["format"])
        Path(output).write_bytes(content)
        security.log("export_downloaded", scan=found, what=f"answers: {chosen.name} (command)")
        self.stdout.write(f"{chosen.name}: {len(content)} bytes geschreven naar {output}")

    def _questionnaire(self, scan, wanted):
        questionnaires = list(scan.questionnaires.all())
        if wanted:
            for q in questionnaires:
                if wanted in (str(q.uuid), q.name, q.template_key):
                    return q
            raise CommandError(f"Deze scan heeft geen vragenlijst '{wanted}'.")
        if len(questionnaires) == 1:
            return questionnaires[0]
        names = "; ".join(f"{q.uuid} ({q.name})" for q in questionnaires) or "geen"
        raise CommandError(f"Kies een vragenlijst met --questionnaire. Vragenlijsten: {names}")
