from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.questionnaires.document_import import import_plan, preview_document
from thermometer.questionnaires.document_reading import DocumentError
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Import a questionnaire document (.docx or .pdf) into a scan as a draft questionnaire "
        "for one layer; prints what was recognised and what was not."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="A questionnaire as .docx or .pdf")
        parser.add_argument("--layer", required=True, help="Layer of the chain it is meant for")

    def handle(self, *args, scan, file, layer, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"Geen onderzoek met slug '{scan}'.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand bestaat niet: {file}")
        with translation.override("nl"):
            try:
                plan = preview_document(found, path.read_bytes(), path.name, layer)
                questionnaire = import_plan(found, plan, user=None, layer=layer)
            except DocumentError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Vragenlijst (concept): {questionnaire.name}")
            self.stdout.write(
                f"Vragen herkend: {plan.questions}; vragen in de vragenlijst: {len(plan.items)} "
                "(elke stelling van een tabel is een eigen vraag)"
            )
            for line in plan.warnings:
                self.stdout.write(f"  {line}")
            self.stdout.write(f"Niet als vraag herkend: {len(plan.not_understood)}")
            for line in plan.not_understood:
                self.stdout.write(f"  {line}")
