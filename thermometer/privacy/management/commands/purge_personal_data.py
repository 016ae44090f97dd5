from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.privacy import cleanup, housekeeping


class Command(BaseCommand):
    help = (
        "Delete or anonymise the personal data of scans whose retention period has ended, "
        "and remove abandoned uploads and superseded report files. The worker does this "
        "daily; --dry-run lists what would go and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List only")

    def handle(self, *args, dry_run=False, **options):
        with translation.override("nl"):
            if dry_run:
                self._list()
                return
            done = housekeeping.run()
        self.stdout.write(
            f"Scans opgeschoond: {done['scans']}; achtergelaten uploads verwijderd: "
            f"{done['uploads']}; vervangen rapporten verwijderd: {done['reports']}."
        )
        if done["failed"]:
            scans = "1 scan" if done["failed"] == 1 else f"{done['failed']} scans"
            raise CommandError(
                f"Bij {scans} is het opschonen mislukt (zie het log); de volgende ronde "
                "probeert het opnieuw."
            )

    def _list(self):
        due = housekeeping.dry_run()
        if not due:
            self.stdout.write("Geen scans waarvan de bewaartermijn is verstreken.")
        for scan, steps in due:
            self.stdout.write(f"{scan.title} ({scan.organisation}):")
            for step, count in steps:
                if count:
                    self.stdout.write(f"  {step.label}: {count}")
        uploads = len(cleanup.abandoned_uploads())
        reports = len(cleanup.superseded_reports())
        self.stdout.write(
            f"Achtergelaten uploads: {uploads}; vervangen rapporten: {reports}. "
            "Er is niets veranderd (--dry-run)."
        )
