import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from thermometer.access.policy import visible_scans

from .constants import TEAM_ROLES, PolicyArea, StepStatus


class ScanQuerySet(models.QuerySet):
    def for_user(self, user):
        """The scans ``user`` may see; every scan query starts here."""
        return visible_scans(self, user)


class Scan(models.Model):
    """One assessment of one municipality with one method version."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="scans"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="scans"
    )
    method_version = models.ForeignKey(
        "methods.MethodVersion", on_delete=models.PROTECT, related_name="scans"
    )
    title = models.CharField(_("title"), max_length=200)
    policy_areas = models.JSONField(_("policy areas"), default=list)
    other_policy_area = models.CharField(_("other policy area"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    # The client (opdrachtgever) sees participants' names, transcripts and the coded
    # project only when the advisers allow it (access.policy, VIEW_PERSONAL).
    client_sees_personal_data = models.BooleanField(
        _("the client sees personal data"), default=False
    )
    # How long personal data is kept, counted from the start date (scans.retention);
    # set from the method when the scan is made.
    retention_months = models.PositiveSmallIntegerField(_("retention period (months)"), default=12)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-created"]

    def __str__(self):
        return self.title

    @property
    def method(self):
        return self.method_version.method

    def policy_area_labels(self) -> list[str]:
        labels = dict(PolicyArea.choices)
        result = [str(labels[key]) for key in self.policy_areas if key in labels]
        if PolicyArea.OTHER in self.policy_areas and self.other_policy_area:
            result[self.policy_areas.index(PolicyArea.OTHER)] = self.other_policy_area
        return result

    @staticmethod
    def new_slug(title: str) -> str:
        return f"{slugify(title)[:60] or 'scan'}-{secrets.token_hex(3)}"


class ClientQuestion(models.Model):
    """A question the client wants the scan to answer (step 1)."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="client_questions")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("question"))

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("client question")
        verbose_name_plural = _("client questions")

    def __str__(self):
        return self.text


class StepState(models.Model):
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="step_states")
    step_key = models.CharField(max_length=50)
    order = models.PositiveIntegerField()
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "step_key"], name="step_state_unique_step")
        ]

    def __str__(self):
        return f"{self.scan} / {self.step_key}: {self.status}"


class ChecklistTick(models.Model):
    """A ticked checklist item of a step; absence means not ticked."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="checklist_ticks")
    step_key = models.CharField(max_length=50)
    item_key = models.CharField(max_length=50)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ticked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "step_key", "item_key"], name="checklist_tick_unique_item"
            )
        ]

    def __str__(self):
        return f"{self.step_key}/{self.item_key}"


class ScanMember(models.Model):
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scan_memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=[(r.value, r.label) for r in TEAM_ROLES]
    )
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "user"], name="scan_member_unique_user")
        ]

    def __str__(self):
        return f"{self.user} ({self.role})"


class Comment(models.Model):
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="comments")
    step_key = models.CharField(max_length=50)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]
