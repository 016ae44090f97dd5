"""Share links and rendered report files of a scan; changes are audited."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thermometer.audit.events import record
from thermometer.core.leases import is_stale

from .constants import ReportFormat, ReportStatus
from .content import fingerprint, report_content
from .models import ReportFile, ShareLink

MAX_SHARE_DAYS = 90


class ShareError(ValueError):
    """A change that cannot be made; the message is Dutch and meant for the user."""


@transaction.atomic
def add_share_link(scan, *, label: str, days: int, user) -> ShareLink:
    label = label.strip()
    if not label:
        raise ShareError(_("Say for whom the link is, so it can be revoked later."))
    if not 1 <= days <= MAX_SHARE_DAYS:
        raise ShareError(_("A link is valid for 1 to %(n)s days.") % {"n": MAX_SHARE_DAYS})
    link = ShareLink.objects.create(
        scan=scan,
        label=label,
        expires_at=timezone.now() + datetime.timedelta(days=days),
        created_by=user,
    )
    record("share_link_added", user=user, scan=scan, label=label, days=days)
    return link


@transaction.atomic
def revoke_share_link(link, *, user) -> None:
    if link.revoked_at is not None:
        return
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    record("share_link_revoked", user=user, scan=link.scan, label=link.label)


def find_share_link(token: str) -> ShareLink | None:
    return ShareLink.objects.select_related("scan__municipality").filter(token=token).first()


def shown_state(content: dict) -> dict:
    """What a report file records of the content it shows: its fingerprint and the
    number of the advice version in it (None before the first)."""
    version = content["advice"]["version"]
    return {"fingerprint": fingerprint(content), "advice_version": version and version["number"]}


def request_report(scan, fmt: str, *, user=None) -> ReportFile:
    """The report file for the scan's current content: the cached one when nothing
    changed, else a new one rendered in the background."""
    from .tasks import render_report

    if fmt not in ReportFormat.values:
        raise ValueError(fmt)
    state = shown_state(report_content(scan))
    # Asked twice at once, get_or_create finds the file the other request made.
    report, created = ReportFile.objects.get_or_create(
        scan=scan,
        format=fmt,
        fingerprint=state["fingerprint"],
        defaults={
            "advice_version": state["advice_version"],
            "requested_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    died = report.status == ReportStatus.RENDERING and is_stale(report.heartbeat_at)
    if created or report.status == ReportStatus.FAILED or died:
        if report.status == ReportStatus.FAILED or died:
            ReportFile.objects.filter(pk=report.pk).update(
                status=ReportStatus.QUEUED, progress=0, error=""
            )
        transaction.on_commit(lambda: render_report.enqueue(report.pk))
    return report
