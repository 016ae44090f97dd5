from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thermometer.frameworks import services
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Import a national indicator file (one row per municipality) into a scan: its own "
        "municipality's rows as measurements, the others as peer values. Prints the rows "
        "kept, the peers, the codes mapped to successors and the rows skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("file", help="A CSV or XLSX file")
        parser.add_argument("--indicator", default="", help="Indicator name, uuid or CBS key")
        parser.add_argument("--series", default="", help="Part of the series' name to take")
        parser.add_argument("--period", default="", help="Period for a file without periods")
        parser.add_argument("--dry-run", action="store_true", help="Report only, store nothing")

    def handle(self, *args, scan, file, indicator, series, period, dry_run, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"No scan with slug '{scan}'.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            chosen = services.find_indicator(found, indicator) if indicator else None
            options = {"indicator": chosen, "series": series, "period": period}
            # The preview first, so a refusal shows every row's reason too.
            report = services.import_national(
                found, path.read_bytes(), path.name, user=None, store=False, **options
            )
            self._print(report)
            if not report.importable:
                raise CommandError(_("Nothing in this file can be imported."))
            if not dry_run:
                services.import_national(
                    found, path.read_bytes(), path.name, user=None, store=True, **options
                )
        except services.FrameworkError as error:
            raise CommandError(str(error)) from None

    def _print(self, report):
        write = self.stdout.write
        for label, target in report.chosen.items():
            write(
                _("Series “%(series)s” goes to “%(indicator)s”.")
                % {"series": label, "indicator": target}
            )
        write(
            _(
                "Kept: %(own)d; peers: %(peers)d; mapped to a successor: %(mapped)d; "
                "skipped: %(skipped)d; values of other series: %(other)d."
            )
            % {
                "own": len(report.own),
                "peers": len(report.peers),
                "mapped": len(report.mapped),
                "skipped": len(report.skipped),
                "other": report.other_series,
            }
        )
        for o in report.own:
            write(
                _("Kept, row %(row)d: %(name)s (%(code)s), %(period)s: %(value)s")
                % {
                    "row": o.row,
                    "name": o.name,
                    "code": o.code,
                    "period": o.period.label,
                    "value": f"{o.value:g}",
                }
            )
            if o.warning:
                write("  " + o.warning)
        for o in report.mapped:
            write(
                _("Mapped, row %(row)d: %(old)s -> %(code)s %(name)s. %(warning)s")
                % {
                    "row": o.row,
                    "old": o.mapped_from,
                    "code": o.code,
                    "name": o.name,
                    "warning": o.warning,
                }
            )
        for o in report.skipped:
            write(
                _("Skipped, row %(row)d (%(place)s): %(reason)s")
                % {"row": o.row, "place": o.municipality or "-", "reason": o.reason}
            )
