from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from thermometer.scans.models import Scan
from thermometer.sources.constants import DocumentPlace, SourceStatus
from thermometer.sources.services import add_documents
from thermometer.sources.tasks import extract_source


class Command(BaseCommand):
    help = (
        "Add documents to a scan and read them now. Prints a line per file; exits non-zero "
        "if any file failed, keeping the ones that succeeded."
    )

    def add_arguments(self, parser):
        parser.add_argument("scan", help="The scan's slug")
        parser.add_argument("files", nargs="+")
        parser.add_argument(
            "--layer",
            required=True,
            choices=[p.value for p in DocumentPlace],
            help="The documents' place in the chain",
        )
        parser.add_argument("--owner", default="")

    def handle(self, *args, scan, files, layer, owner, **options):
        found = Scan.objects.filter(slug=scan).first()
        if found is None:
            raise CommandError(f"No scan with slug '{scan}'.")
        failed = 0
        with translation.override("nl"):
            for name in files:
                path = Path(name)
                if not path.is_file():
                    self.stdout.write(f"FOUT\t{name}\tbestand niet gevonden")
                    failed += 1
                    continue
                (result,) = add_documents(
                    found, [(path.name, path.read_bytes())], place=layer, owner=owner, user=None
                )
                if not result.ok:
                    self.stdout.write(f"FOUT\t{name}\t{result.message}")
                    failed += 1
                    continue
                source = result.source
                if source.status != SourceStatus.DONE:
                    extract_source.call(source.pk)
                    source.refresh_from_db()
                if source.status == SourceStatus.DONE:
                    self.stdout.write(
                        f"OK\t{name}\t{source.passages.count()} fragmenten"
                        + (f", {source.page_count} pagina's" if source.page_count else "")
                    )
                else:
                    self.stdout.write(f"FOUT\t{name}\t{source.error}")
                    failed += 1
        if failed:
            raise CommandError(
                f"{failed} van de {len(files)} bestanden konden niet worden gelezen."
            )
