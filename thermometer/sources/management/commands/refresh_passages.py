from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from thermometer.core import embeddings
from thermometer.scans.models import Scan
from thermometer.sources.meaning import refresh
from thermometer.sources.models import Passage


class Command(BaseCommand):
    help = (
        "Give passages read by an earlier version what reading stores now: their intent "
        "sentences and their meaning in the embedding model. Unchanged text is never "
        "embedded twice. Run it after an upgrade; it can be interrupted and run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scan", help="Only this scan (its slug); all scans without it")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be done, change nothing"
        )

    def handle(self, *args, scan=None, dry_run=False, **options):
        passages = Passage.objects.all()
        if scan:
            found = Scan.objects.filter(slug=scan).first()
            if found is None:
                raise CommandError(f"No scan with slug '{scan}'.")
            passages = passages.filter(source__scan=found)
        with translation.override("nl"):
            if not embeddings.available():
                self.stdout.write(
                    _("The embedding model is not installed: meaning is left for later.")
                )
            done = refresh(passages, dry_run=dry_run)
            lines = [
                (_("intent sentences worked out"), done.intents),
                (_("vectors taken from the same text"), done.reused),
                (_("passages embedded"), done.embedded),
                (_("passages still without meaning"), done.waiting),
            ]
            if dry_run:
                self.stdout.write(_("Dry run: nothing was changed."))
            for label, count in lines:
                self.stdout.write(f"{label}: {count}")
