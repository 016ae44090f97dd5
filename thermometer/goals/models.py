import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import EffectOrigin, ProposalAnswer, Verdict


class GoalInterpretation(models.Model):
    """How the municipality fills in one national goal locally (step 2)."""

    scan = models.ForeignKey(
        "scans.Scan", on_delete=models.CASCADE, related_name="goal_interpretations"
    )
    goal = models.CharField(max_length=50)
    text = models.TextField(_("local interpretation"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scan", "goal"], name="goal_interpretation_unique")
        ]

    def __str__(self):
        return f"{self.goal}: {self.text[:40]}"


class IntendedEffect(models.Model):
    """A beoogd effect: a short statement of what the municipality wants to achieve."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey(
        "scans.Scan", on_delete=models.CASCADE, related_name="intended_effects"
    )
    goal = models.CharField(_("goal"), max_length=50)
    statement = models.CharField(_("intended effect"), max_length=300)
    layer = models.CharField(_("stated in layer"), max_length=20)
    # For whom the effect is meant (an actor of the method); blank: for everyone.
    actor = models.CharField(_("for whom"), max_length=20, blank=True)
    origin = models.CharField(max_length=10, choices=EffectOrigin.choices)
    order = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["goal", "order", "id"]
        verbose_name = _("intended effect")
        verbose_name_plural = _("intended effects")

    def __str__(self):
        return self.statement


class EffectQuote(models.Model):
    """Where an intended effect was stated: a span of a passage, or a client question."""

    effect = models.ForeignKey(IntendedEffect, on_delete=models.CASCADE, related_name="quotes")
    passage = models.ForeignKey(
        "sources.Passage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    client_question = models.ForeignKey(
        "scans.ClientQuestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start = models.PositiveIntegerField(default=0)  # offsets within the passage text
    end = models.PositiveIntegerField(default=0)
    # Kept as text, so the quote survives a removed source.
    quote = models.TextField()
    source_title = models.CharField(max_length=300, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.quote[:80]


class ProposalDecision(models.Model):
    """An adviser's answer to a proposed intended effect, so it is not proposed again."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="+")
    passage = models.ForeignKey(
        "sources.Passage", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    client_question = models.ForeignKey(
        "scans.ClientQuestion", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    answer = models.CharField(max_length=10, choices=ProposalAnswer.choices)
    effect = models.ForeignKey(
        IntendedEffect, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["passage", "start", "end"],
                condition=models.Q(passage__isnull=False),
                name="proposal_decision_passage_unique",
            ),
            models.UniqueConstraint(
                fields=["client_question"],
                condition=models.Q(client_question__isnull=False),
                name="proposal_decision_question_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(passage__isnull=True) ^ models.Q(client_question__isnull=True),
                name="proposal_decision_one_origin",
            ),
        ]

    def __str__(self):
        return f"{self.answer}: {self.passage_id or self.client_question_id}"


class TrailVerdict(models.Model):
    """The adviser's verdict on an intended effect in one layer of the document trail."""

    effect = models.ForeignKey(IntendedEffect, on_delete=models.CASCADE, related_name="verdicts")
    layer = models.CharField(max_length=20)
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    # The passage that carries the effect in this layer (none when lost).
    passage = models.ForeignKey(
        "sources.Passage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the matcher said when the adviser decided, to show where they differ.
    suggested = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    similarity = models.FloatField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["effect", "layer"], name="trail_verdict_unique")
        ]

    def __str__(self):
        return f"{self.effect_id}@{self.layer}: {self.verdict}"
