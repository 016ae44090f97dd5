"""Deleting a whole scan: everything it holds, its files and its history; what stays is
a ``PurgeRecord`` with its title and counts and the security log's line."""

from django.db import transaction

from thermometer.audit import security

from .models import PurgeRecord
from .purge import record


def what_goes_with(scan) -> dict[str, int]:
    return {
        "participants": scan.participants.count(),
        "questionnaires": scan.questionnaires.count(),
        "responses": sum(q.responses.count() for q in scan.questionnaires.all()),
        "sources": scan.sources.count(),
        "reports": scan.reports.count(),
    }


@transaction.atomic
def delete_scan(scan, *, user, request=None) -> PurgeRecord:
    from thermometer.audit.models import AuditEvent
    from thermometer.sources.search import unindex_source

    counts = what_goes_with(scan)
    files = []
    for source in scan.sources.all():
        unindex_source(source)
        files.append((source.file.storage, source.file.name))
    files += [(r.file.storage, r.file.name) for r in scan.reports.all() if r.file]
    entry = record(scan, PurgeRecord.Reason.SCAN_DELETED, counts, by=user)
    security.log("scan_deleted", request, user=user, scan=scan, what=scan.title)
    # The history belongs to the scan (it protects it against deletion by accident).
    AuditEvent.objects.filter(scan=scan).delete()
    scan.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files if name])
    return entry
