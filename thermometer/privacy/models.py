from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacySettings(models.Model):
    """What an organisation tells the people whose data a scan holds (article 13 GDPR)
    and what its processing record names: the controller, a contact, the data
    protection officer."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="privacy"
    )
    controller = models.CharField(
        _("controller"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who decides why and how the data is used. Empty: the municipality of each "
            "scan, which usually commissions it."
        ),
    )
    contact = models.CharField(
        _("contact for questions and requests"),
        max_length=300,
        blank=True,
        help_text=_("An e-mail address or postal address where people can exercise their rights."),
    )
    dpo = models.CharField(
        _("data protection officer"),
        max_length=300,
        blank=True,
        help_text=_("Name and how to reach the data protection officer (functionaris)."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=20,
        choices=[
            ("consent", _("Consent of the person")),
            ("public_task", _("Task in the public interest of the municipality")),
        ],
        default="consent",
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self):
        return str(self.organisation)


class PurgeRecord(models.Model):
    """What was deleted or made anonymous, when, why and by whom; no personal data."""

    class Reason(models.TextChoices):
        RETENTION = "retention", _("Retention period ended")
        SCAN_DELETED = "scan_deleted", _("Scan deleted")
        ERASURE = "erasure", _("Request of the person concerned")
        CLEANUP = "cleanup", _("Leftover files cleaned up")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scan = models.ForeignKey("scans.Scan", on_delete=models.SET_NULL, null=True, related_name="+")
    scan_title = models.CharField(max_length=200, blank=True)  # kept after the scan is gone
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    subject = models.CharField(max_length=40, blank=True)  # a pseudonym or reference, never a name
    counts = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_label = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("purge record")
        verbose_name_plural = _("purge records")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.get_reason_display()} {self.scan_title}"
