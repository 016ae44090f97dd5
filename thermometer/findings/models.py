import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import EvidenceKind, Subject


class MatrixCell(models.Model):
    """The adviser's words on one cell of the goals × actors matrix (step 4): the
    actions it calls for. The measured situation and the light are computed."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="matrix_cells")
    goal = models.CharField(max_length=50)
    actor = models.CharField(max_length=20)
    actions = models.TextField(_("actions"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scan", "goal", "actor"], name="matrix_cell_unique")
        ]

    def __str__(self):
        return f"{self.goal} × {self.actor}"


class Finding(models.Model):
    """A bevinding: a statement about a matrix cell or a theme, resting on evidence."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="findings")
    subject = models.CharField(_("about"), max_length=10, choices=Subject.choices)
    goal = models.CharField(max_length=50, blank=True)  # a cell: goal and actor
    actor = models.CharField(max_length=20, blank=True)
    theme = models.CharField(max_length=50, blank=True)  # a theme
    text = models.TextField(_("finding"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subject=Subject.CELL, theme="")
                    & ~models.Q(goal="")
                    & ~models.Q(actor="")
                )
                | (models.Q(subject=Subject.THEME, goal="", actor="") & ~models.Q(theme="")),
                name="finding_subject_complete",
            )
        ]

    def __str__(self):
        return self.text[:80]


class Evidence(models.Model):
    """What a finding rests on: a coded passage, a computed score, an effect's trail, or a
    quote. The quote and the figure are kept as they were when linked."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    coding = models.ForeignKey(
        "coding.Coding", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    effect = models.ForeignKey(
        "goals.IntendedEffect", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A score: which measure (e.g. {"goal": ..., "actor": ...}) and its value then.
    measure = models.JSONField(default=dict, blank=True)
    quote = models.TextField(blank=True)
    source_title = models.CharField(max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "coding"],
                condition=models.Q(coding__isnull=False),
                name="evidence_coding_once",
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.quote[:40]}"
