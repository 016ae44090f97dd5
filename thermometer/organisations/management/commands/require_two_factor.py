from django.core.management.base import BaseCommand, CommandError

from thermometer.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Require two-step sign-in of every member of an organisation (or, with --off, leave "
        "it to each person). Members without an authenticator app set it up at their next "
        "sign-in, before any other page."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="Name of the organisation")
        parser.add_argument("--off", action="store_true", help="No longer require it")

    def handle(self, *args, organisation, off, **options):
        found = Organisation.objects.filter(name=organisation).first()
        if found is None:
            raise CommandError(f"No organisation named '{organisation}'.")
        found.require_two_factor = not off
        found.save(update_fields=["require_two_factor"])
        state = "no longer required" if off else "required"
        self.stdout.write(f"Two-step sign-in {state} for {found.name}.")
