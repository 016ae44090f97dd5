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
    # False for a code of a REFI-QDA project that only groups others (isCodable="false").
    codable = models.BooleanField(default=True)

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
        heading = self.parent_id is None and self.key == "" and self.kind != CodeKind.CUSTOM
        return self.codable and not heading


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
    # A coding from a REFI-QDA project: its coder as a pseudonym (no account), and the
    # selection it was part of, so the export writes the project's selection back.
    imported_coder = models.ForeignKey(
        "ImportedCoder", on_delete=models.SET_NULL, null=True, blank=True, related_name="codings"
    )
    selection_uuid = models.UUIDField(null=True, blank=True)
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


class ImportedCoder(models.Model):
    """A coder of a REFI-QDA project brought into the scan: a pseudonym and the project's
    GUID only; no account is made and the coder's name is not kept."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="imported_coders")
    uuid = models.UUIDField()  # the User GUID in the project, kept for the export
    label = models.CharField(_("pseudonym"), max_length=50)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "uuid"], name="imported_coder_unique_guid")
        ]

    def __str__(self):
        return self.label


class Memo(models.Model):
    """A memo (REFI-QDA note) of a scan, on the project or on codes, sources or codings."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="memos")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    text = models.TextField(_("text"), blank=True)
    codes = models.ManyToManyField(Code, blank=True, related_name="memos")
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="memos")
    codings = models.ManyToManyField(Coding, blank=True, related_name="memos")
    imported_coder = models.ForeignKey(
        ImportedCoder, on_delete=models.SET_NULL, null=True, blank=True, related_name="memos"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("memo")
        verbose_name_plural = _("memos")

    def __str__(self):
        return self.title


class CodeSet(models.Model):
    """A named set of codes and sources (REFI-QDA set), such as "Interviews 2024"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="code_sets")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    codes = models.ManyToManyField(Code, blank=True, related_name="sets")
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="sets")

    class Meta:
        ordering = ["name"]
        verbose_name = _("set")
        verbose_name_plural = _("sets")

    def __str__(self):
        return self.name
