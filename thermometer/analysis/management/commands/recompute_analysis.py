import time

from django.core.management.base import BaseCommand, CommandError

from thermometer.analysis.services import recompute_all
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Recompute and store the analysis of every scan (or of the scans named by slug), "
        "e.g. after the analysis code changed: the stored results only follow their inputs."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="only these scans")
        parser.add_argument("--chunk-size", type=int, default=500, help="scans per round")

    def handle(self, *args, slugs, chunk_size, **options):
        scans = None
        if slugs:
            scans = list(Scan.objects.filter(slug__in=slugs))
            missing = sorted(set(slugs) - {scan.slug for scan in scans})
            if missing:
                raise CommandError(f"Unknown scans: {', '.join(missing)}")
        started = time.perf_counter()
        results = recompute_all(scans, chunk_size=chunk_size)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Recomputed the analysis of {len(results)} scan(s) in {seconds:.1f} s.")
