"""Deleting a whole scan: everything it holds, its files and its history; what stays is
a ``PurgeRecord`` with its title and counts and the security log's line."""

from django.db import transaction

from thermometer.audit import security
from thermometer.audit.models import AuditEvent
from thermometer.core.files import delete_after_commit
from thermometer.questionnaires.models import Response
from thermometer.sources.services import remove_sources

from .models import PurgeRecord
from .purge import record


def what_goes_with(scan) -> dict[str, int]:
    return {
        "participants": scan.participants.count(),
        "questionnaires": scan.questionnaires.count(),
        "responses": Response.objects.filter(questionnaire__scan=scan).count(),
        "sources": scan.sources.count(),
        "reports": scan.reports.count(),
    }


@transaction.atomic
def delete_scan(scan, *, user, request=None) -> PurgeRecord:
    entry = record(scan, PurgeRecord.Reason.SCAN_DELETED, what_goes_with(scan), by=user)
    security.log("scan_deleted", request, user=user, scan=scan, what=scan.title)
    remove_sources(scan.sources.all())
    delete_after_commit(report.file for report in scan.reports.all())
    # The history belongs to the scan (it protects it against deletion by accident).
    AuditEvent.objects.filter(scan=scan).delete()
    scan.delete()
    return entry
