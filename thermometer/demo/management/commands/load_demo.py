from django.core.management.base import BaseCommand

from thermometer.demo.demo_data import demo_summary, load_demo


class Command(BaseCommand):
    help = "Create the demo organisation, users and Thermometer scan (idempotent)."

    def handle(self, *args, **options):
        scan = load_demo()
        self.stdout.write(demo_summary(scan))
