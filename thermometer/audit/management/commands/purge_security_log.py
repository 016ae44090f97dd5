import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from thermometer.audit.models import SecurityEvent


class Command(BaseCommand):
    help = "Remove security-log events older than SECURITY_LOG_DAYS (run it daily)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them")

    def handle(self, *args, dry_run=False, **options):
        before = timezone.now() - datetime.timedelta(days=settings.SECURITY_LOG_DAYS)
        old = SecurityEvent.objects.filter(at__lt=before)
        if dry_run:
            self.stdout.write(f"{old.count()} gebeurtenissen ouder dan {before:%Y-%m-%d}.")
            return
        removed = SecurityEvent.objects.purge_before(before)
        self.stdout.write(f"{removed} gebeurtenissen ouder dan {before:%Y-%m-%d} verwijderd.")
