import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thermometer.questionnaires.models import new_token

from .constants import Horizon, MinorityDecision, PresentationKind, Priority, Support, VersionStatus


class Recommendation(models.Model):
    """A recommendation in the advice being written (the working copy).

    ``revision`` rises with every change, so two advisers editing at once cannot
    silently overwrite each other (see ``services.update_recommendation``)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="recommendations")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("recommendation"))
    goal = models.CharField(_("goal"), max_length=50, blank=True)
    theme = models.CharField(_("theme"), max_length=50, blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    horizon = models.CharField(
        _("horizon"), max_length=12, choices=Horizon.choices, default=Horizon.MEDIUM
    )
    owner_layer = models.CharField(_("owned by layer"), max_length=20)
    findings = models.ManyToManyField(
        "findings.Finding", blank=True, related_name="recommendations", verbose_name=_("findings")
    )
    order = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.title


class AdviceVersion(models.Model):
    """A frozen snapshot of the advice as it went out; never changed afterwards."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="advice_versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=VersionStatus.choices)
    snapshot = models.JSONField()
    note = models.CharField(_("note"), max_length=300, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    frozen_at = models.DateTimeField(default=timezone.now)
    # A final version stays as it is; reopening allows work towards the next version.
    reopened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "number"], name="advice_version_unique")
        ]

    def __str__(self):
        return f"v{self.number} ({self.status})"

    def save(self, *args, **kwargs):
        # Only the reopening mark may change once the version is frozen.
        if self.pk is not None and list(kwargs.get("update_fields") or []) != ["reopened_at"]:
            raise ValueError("an advice version is immutable once frozen")
        super().save(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        return self.status == VersionStatus.FINAL

    @property
    def locks_advice(self) -> bool:
        """As the latest version: final and not reopened, so the advice cannot change."""
        return self.is_final and self.reopened_at is None


class MinorityRecord(models.Model):
    """What the adviser did with a minority view on a recommendation; carried into
    every later version and the report."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="+")
    recommendation = models.UUIDField()  # the recommendation's uuid, stable across versions
    group = models.CharField(max_length=200)  # the reporting group (layers) it came from
    view = models.TextField(_("minority view"))  # what they need, in the adviser's summary
    decision = models.CharField(_("decision"), max_length=10, choices=MinorityDecision.choices)
    reason = models.TextField(_("reason"))
    round = models.ForeignKey("FeedbackRound", on_delete=models.SET_NULL, null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "recommendation", "group", "round"], name="minority_record_unique"
            )
        ]

    def __str__(self):
        return f"{self.group}: {self.decision}"


class FeedbackRound(models.Model):
    """The Deep Democracy round on one concept version: every participant may react."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="feedback_rounds")
    version = models.OneToOneField(
        AdviceVersion, on_delete=models.RESTRICT, related_name="feedback_round"
    )
    deadline = models.DateTimeField(_("deadline"))
    closed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opened_at"]

    def __str__(self):
        return f"feedback on {self.version}"

    def accepts_feedback(self, now=None) -> bool:
        return self.closed_at is None and (now or timezone.now()) < self.deadline


class FeedbackInvitation(models.Model):
    """A participant's personal link to the concept advice."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    # Kept from the participant when the round opened: the group its answers count in.
    layer = models.CharField(max_length=50)
    actor = models.CharField(max_length=50)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "participant"], name="feedback_invitation_unique"
            )
        ]

    def __str__(self):
        return f"invitation {self.pk}"


class FeedbackAnswer(models.Model):
    """One participant's reaction to one recommendation."""

    invitation = models.ForeignKey(
        FeedbackInvitation, on_delete=models.CASCADE, related_name="answers"
    )
    recommendation = models.UUIDField()
    support = models.PositiveSmallIntegerField(choices=Support.choices, null=True, blank=True)
    needs = models.TextField(blank=True)  # "wat heb je nodig om mee te kunnen gaan?"
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "recommendation"], name="feedback_answer_unique"
            )
        ]

    def __str__(self):
        return f"{self.recommendation}: {self.support}"


class DiscussionNote(models.Model):
    """Step 6: the discussion with the client, their additions and decisions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey(
        "scans.Scan", on_delete=models.CASCADE, related_name="discussion_notes"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("notes"))
    decisions = models.TextField(_("additions and decisions of the client"), blank=True)
    recommendations = models.ManyToManyField(
        Recommendation, blank=True, related_name="discussion_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.date}: {self.text[:40]}"


class Presentation(models.Model):
    """Step 7: how the final advice was presented."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="presentations")
    version = models.ForeignKey(AdviceVersion, on_delete=models.RESTRICT, related_name="+")
    kind = models.CharField(_("form"), max_length=10, choices=PresentationKind.choices)
    date = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.kind} {self.date}"
