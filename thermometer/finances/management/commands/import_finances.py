from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from thermometer.finances import services
from thermometer.finances.reading import Defaults
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Import a municipality's Iv3 figures (taakveld x year, CSV or XLSX) into a scan: "
        "prints the taakvelden and years read and every row refused with its reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="CSV or XLSX with taakvelden and years")
        parser.add_argument(
            "--document",
            choices=["begroting", "rekening"],
            help="Budget or accounts, where the file does not say",
        )
        parser.add_argument(
            "--side",
            choices=["lasten", "baten"],
            default="lasten",
            help="Lasten or baten, where the file does not say (default lasten)",
        )
        parser.add_argument(
            "--thousands", action="store_true", help="The amounts are in thousands of euros"
        )
        parser.add_argument("--dry-run", action="store_true", help="Read and report, store nothing")

    def handle(self, *args, scan, file, document, side, thousands, dry_run, **options):
        found = Scan.objects.filter(slug=scan).first()
        path = Path(file)
        with translation.override("nl"):
            if found is None:
                raise CommandError(_("No scan with the address “%(slug)s”.") % {"slug": scan})
            if not path.is_file():
                raise CommandError(_("No such file: %(name)s") % {"name": file})
            defaults = Defaults(document=document, side=side, unit=1000 if thousands else 1)
            try:
                result = services.read(path.read_bytes(), path.name, defaults)
                self._report(result)
                if not dry_run:
                    services.store(found, result, source=path.name, user=None)
            except services.FinanceError as error:
                hint = {
                    "document": _("Give it with --document begroting or --document rekening."),
                    "side": _("Give it with --side lasten or --side baten."),
                }.get(error.unsaid, "")
                raise CommandError(f"{error} {hint}".strip()) from None

    def _report(self, result):
        self.stdout.write(
            _("Read: %(figures)s figures, %(taakvelden)s taakvelden × %(years)s years.")
            % {
                "figures": len(result.figures),
                "taakvelden": len(result.taakvelden),
                "years": len({f.year for f in result.figures}),
            }
        )
        self.stdout.write(_("Taakvelden: %(codes)s") % {"codes": ", ".join(result.taakvelden)})
        self.stdout.write(
            _("Years: %(years)s") % {"years": ", ".join(str(y) for y in result.years)}
        )
        for count in result.inhabitants:
            self.stdout.write(
                _("Inhabitants %(year)s (%(group)s): %(count)s")
                % {"year": count.year, "group": count.group, "count": count.count}
            )
        for note in result.notes:
            self.stdout.write(note)
        for row, message in result.errors:
            self.stderr.write(_("Row %(row)s: %(message)s") % {"row": row, "message": message})
