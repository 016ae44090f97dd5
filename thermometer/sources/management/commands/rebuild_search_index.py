from django.core.management.base import BaseCommand

from thermometer.sources.search import rebuild_index


class Command(BaseCommand):
    help = "Fill the full-text search index anew from every passage (after loaddata)."

    def handle(self, *args, **options):
        self.stdout.write(f"Zoekindex opnieuw opgebouwd: {rebuild_index()} fragmenten.")
