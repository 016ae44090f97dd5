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
