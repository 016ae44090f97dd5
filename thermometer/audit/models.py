import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def for_scan(self, scan):
        return self.filter(scan=scan).select_related("user")


class AuditEvent(models.Model):
    """Who did what when: a named event with the data to render its sentence."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", null=True
    )
    scan = models.ForeignKey(
        "scans.Scan", on_delete=models.PROTECT, related_name="audit_events", null=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Kept so the history still reads well after a user is removed.
    user_label = models.CharField(max_length=200, blank=True)
    event = models.CharField(_("event"), max_length=50)
    data = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created", "-id"]

    def __str__(self):
        from .events import sentence

        return sentence(self)


class AppendOnly(Exception):
    """The security log is written, never changed or deleted by the application."""


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("the security log is append-only")

    def delete(self):
        raise AppendOnly("the security log is append-only")

    def purge_before(self, moment) -> int:
        """Remove events older than ``moment`` (retention): the one way out."""
        old = SecurityEvent.objects.filter(at__lt=moment)
        return old._raw_delete(old.db)


class SecurityEvent(models.Model):
    """One security-relevant event (see ``audit.security``)."""

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGN_OUT = "sign_out", _("Signed out")
        LOCKED_OUT = "locked_out", _("Locked out after failed sign-ins")
        PASSWORD_RESET_ASKED = "password_reset_asked", _("Password reset asked")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        TWO_FACTOR_ON = "two_factor_on", _("Two-step sign-in turned on")
        TWO_FACTOR_OFF = "two_factor_off", _("Two-step sign-in turned off")
        RECOVERY_CODES_RENEWED = "recovery_codes_renewed", _("Recovery codes renewed")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("Personal data viewed")
        EXPORT_DOWNLOADED = "export_downloaded", _("Export downloaded")
        REPORT_DOWNLOADED = "report_downloaded", _("Report downloaded")
        SHARE_LINK_VISITED = "share_link_visited", _("Shared overview visited")
        SUBJECT_EXPORTED = "subject_exported", _("A person's data exported on request")
        SUBJECT_ERASED = "subject_erased", _("A person's data erased on request")
        SCAN_DELETED = "scan_deleted", _("Scan deleted")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=40, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    account = models.CharField(_("account"), max_length=254, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    scan = models.ForeignKey("scans.Scan", on_delete=models.SET_NULL, null=True, related_name="+")
    address = models.CharField(_("address"), max_length=45, blank=True)
    what = models.CharField(_("what"), max_length=500, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.account}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("the security log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("the security log is append-only")
