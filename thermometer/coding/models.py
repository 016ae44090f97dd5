import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Assessment, CodeKind


class Code(models.Model):
    """A code of a scan's codebook: seeded from the method, or the adviser's own."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CodeKind.choices)
    key = models.CharField(max_length=50, blank=True)  # the method's key, for seeded codes
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#4a4a4a")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "kind", "key"],
                condition=~models.Q(key=""),
                name="code_unique_method_key",
            ),
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9a-fA-F]{6}$"), name="code_colour_hex"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def selectable(self) -> bool:
        # Group headings ("Hoofddoelen") organise; the codes under them are applied.
        return not (self.parent_id is None and self.key == "" and self.kind != CodeKind.CUSTOM)


class Coding(models.Model):
    """A span of a passage tagged with a code, an assessment and a memo, by one adviser."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    passage = models.ForeignKey("sources.Passage", on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    start = models.PositiveIntegerField()  # offsets within the passage text
    end = models.PositiveIntegerField()
    quote = models.TextField()
    assessment = models.CharField(
        _("assessment"), max_length=1, choices=Assessment.choices, default=Assessment.NEUTRAL
    )
    memo = models.TextField(_("memo"), blank=True)
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="codings"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["passage", "start"]
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="coding_span"
            ),
            models.UniqueConstraint(
                fields=["passage", "code", "start", "end", "coder"], name="coding_unique_span"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.quote[:40]}"


class SuggestionDecision(models.Model):
    """An adviser's answer to a suggestion, so it is not offered again."""

    passage = models.ForeignKey(
        "sources.Passage", on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    key = models.CharField(max_length=50)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    accepted = models.BooleanField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["passage", "key", "start", "end"], name="suggestion_decision_unique"
            )
        ]

    def __str__(self):
        return f"{self.key} {'+' if self.accepted else '-'}"
