from django.core.management.base import BaseCommand

from thermometer.municipalities.models import Municipality
from thermometer.municipalities.reference import read_reference, sync_municipalities


class Command(BaseCommand):
    help = "Load or refresh the shipped list of Dutch municipalities (idempotent)."

    def handle(self, *args, **options):
        created, updated, retired = sync_municipalities(Municipality, read_reference())
        self.stdout.write(
            f"municipalities: {created} created, {updated} updated, {retired} retired"
        )
