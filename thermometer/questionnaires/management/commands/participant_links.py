from django.core.management.base import BaseCommand, CommandError

from thermometer.questionnaires.links import personal_link
from thermometer.questionnaires.models import Invitation
from thermometer.questionnaires.services import create_invitations
from thermometer.scans.models import Scan


class Command(BaseCommand):
    help = (
        "Print per participant the pseudonym, layer and personal link, tab-separated, "
        "for mail merges and printed letters."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("--base-url", help="Public address of the site (default SITE_URL)")
        parser.add_argument(
            "--create", action="store_true", help="First make the links that are missing"
        )

    def handle(self, *args, scan, base_url, create, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"No scan with slug '{scan}'.")
        if create:
            for questionnaire in found.questionnaires.all():
                create_invitations(questionnaire, user=None)
        invitations = (
            Invitation.objects.filter(questionnaire__scan=found)
            .select_related("participant", "questionnaire")
            .order_by("participant__number", "questionnaire__order")
        )
        layers = found.method.layers
        self.stdout.write("pseudonym\tlayer\tquestionnaire\tlink")
        count = 0
        for invitation in invitations:
            participant = invitation.participant
            self.stdout.write(
                "\t".join(
                    [
                        participant.pseudonym,
                        layers.get(participant.layer, participant.layer),
                        invitation.questionnaire.name,
                        personal_link(invitation, base_url),
                    ]
                )
            )
            count += 1
        without = found.participants.exclude(invitations__questionnaire__scan=found).count()
        if without:
            self.stderr.write(f"{without} participants have no personal link yet (use --create).")
        if not count:
            self.stderr.write("No personal links in this scan.")
