"""What the scan guidance ("Volgende stap") needs to know of a scan's advice."""

from django.db.models import Count, Q

from .constants import VersionStatus


def version_facts(scan) -> dict:
    """How many versions of the advice are frozen, and how many of them are final."""
    return scan.advice_versions.aggregate(
        advice_versions=Count("pk"),
        final_versions=Count("pk", filter=Q(status=VersionStatus.FINAL)),
    )
