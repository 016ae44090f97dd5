from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.questionnaires.spss_import import NEW, import_sav
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Import responses from an SPSS .sav file into a questionnaire of the scan, matched "
        "by question code; the same import as the web page."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="An SPSS .sav file with value labels")
        parser.add_argument("--layer", help="Layer of the chain the respondents belong to")
        parser.add_argument(
            "--questionnaire",
            help="The questionnaire's uuid (default: the one whose question codes match)",
        )
        parser.add_argument(
            "--new-questionnaire",
            action="store_true",
            help="Make a draft questionnaire from the file's labels and import into it",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only show what would be imported"
        )

    def handle(self, *args, scan, file, layer, questionnaire, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"Geen scan met slug '{scan}'.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {file}")
        target = NEW if options["new_questionnaire"] else questionnaire
        with translation.override("nl"):
            report = import_sav(
                found,
                path.read_bytes(),
                path.name,
                user=None,
                layer=layer,
                target=target,
                store=not options["dry_run"],
            )
            self._print(report)
            if options["dry_run"]:
                self.stdout.write("Proefimport: er is niets opgeslagen.")
                return
            if not report.imported_anything:
                reasons = report.problems or report.refused[:1]
                if not reasons and report.responses_duplicate:
                    reasons = ["deze antwoorden waren al geïmporteerd"]
                raise CommandError("Er is niets geïmporteerd: " + " ".join(reasons or ["-"]))

    def _print(self, report):
        out = self.stdout.write
        if report.questionnaire:
            out(f"Vragenlijst: {report.questionnaire.name}")
        if report.items_created:
            out(f"Nieuwe conceptvragenlijst met {report.items_created} vragen.")
        out(f"Variabelen gekoppeld aan een vraag: {sum(len(n) for n, _k in report.matched)}")
        for name, why in report.unmatched + report.skipped:
            out(f"  niet gekoppeld: {name}: {why}")
        out(
            f"Rijen gelezen: {report.rows_read}, geïmporteerd: {report.responses_imported}, "
            f"al eerder geïmporteerd: {report.responses_duplicate}, "
            f"geweigerd: {len(report.refused)}"
        )
        for line in report.refused:
            self.stderr.write(f"  {line}")
        for line in report.problems:
            self.stderr.write(line)
        if report.offer_draft:
            self.stderr.write(
                "Gebruik --new-questionnaire om een conceptvragenlijst te maken "
                "van de labels in het bestand."
            )
