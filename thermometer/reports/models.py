import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thermometer.questionnaires.models import new_token

from .constants import ReportFormat, ReportStatus


class ShareLink(models.Model):
    """A read-only link to a scan's digital overview, for people without an account;
    it expires and can be revoked."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    label = models.CharField(_("for whom"), max_length=200)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.label

    def is_valid(self, now=None) -> bool:
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at


def report_path(report, filename):
    return f"reports/{report.scan.uuid}/{filename}"


class ReportFile(models.Model):
    """A rendered report, kept per format and state of its content (``fingerprint``):
    asking again for an unchanged advice gives the same file at once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="reports")
    format = models.CharField(max_length=5, choices=ReportFormat.choices)
    fingerprint = models.CharField(max_length=64)
    advice_version = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    # Written by the render task while it runs (core.leases).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=report_path, max_length=500, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "format", "fingerprint"], name="report_file_unique"
            )
        ]

    def __str__(self):
        return f"{self.format} of {self.scan_id}"
