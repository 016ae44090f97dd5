"""What the scan guidance ("Volgende stap") needs to know of a scan's coding."""

from .models import Coding


def coding_facts(scan) -> dict:
    """How many passages are coded."""
    return {"codings": Coding.objects.filter(code__scan=scan).count()}
