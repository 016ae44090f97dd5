"""``manage.py security_log``: in organisations, as it finds the organisation by name;
the log itself is audit's (``audit.security``)."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.audit.models import SecurityEvent
from thermometer.audit.security import EXPORT_HEADER, export_rows
from thermometer.core.spreadsheets import csv_bytes
from thermometer.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Export an organisation's security log (sign-ins, failed ones, sign-outs, password "
        "and second-factor changes, views and downloads of personal data) as CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="Name of the organisation")
        parser.add_argument("-o", "--output", required=True, help="The CSV file to write")
        parser.add_argument("--since", help="From this date on (YYYY-MM-DD)")

    def handle(self, *args, organisation, output, since=None, **options):
        found = Organisation.objects.filter(name=organisation).first()
        if found is None:
            raise CommandError(f"Geen organisatie met de naam '{organisation}'.")
        events = SecurityEvent.objects.filter(organisation=found).select_related("scan")
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError:
                raise CommandError(f"'{since}' is geen datum (JJJJ-MM-DD).") from None
            events = events.filter(at__date__gte=day)
        with translation.override("nl"):
            rows = export_rows(events.order_by("at", "id"))
        Path(output).write_bytes(csv_bytes(EXPORT_HEADER, rows))
        self.stdout.write(f"{len(rows)} gebeurtenissen geschreven naar {output}.")
