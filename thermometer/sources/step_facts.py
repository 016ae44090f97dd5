"""What the scan guidance ("Volgende stap") needs to know of a scan's sources."""

from django.db.models import Count, Q

from .constants import SourceKind, SourceStatus


def document_facts(scan) -> dict:
    """How many documents the scan has, and how many of them are read."""
    document = Q(kind=SourceKind.DOCUMENT)
    return scan.sources.aggregate(
        documents=Count("pk", filter=document),
        read=Count("pk", filter=document & Q(status=SourceStatus.DONE)),
    )
