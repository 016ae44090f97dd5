import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thermometer.core import embeddings
from thermometer.core.leases import is_stale
from thermometer.scans.models import Scan

from .constants import DocumentPlace, PassageKind, SourceKind, SourceStatus


class SourceQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(scan__in=Scan.objects.for_user(user))


def upload_path(source, filename):
    return f"sources/{source.scan.uuid}/{source.uuid}/{filename}"


class Source(models.Model):
    """A document of the municipality (later also interviews and sessions)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(
        _("kind"), max_length=10, choices=SourceKind.choices, default=SourceKind.DOCUMENT
    )
    title = models.CharField(_("title"), max_length=300)
    # Documents have a place in the chain; interviews take the layer of their participants.
    place = models.CharField(
        _("place in the chain"), max_length=20, choices=DocumentPlace.choices, blank=True
    )
    participants = models.ManyToManyField(
        "participants.Participant", blank=True, related_name="sources"
    )
    consent_recorded = models.BooleanField(_("consent recorded"), default=False)
    date = models.DateField(_("date"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    file = models.FileField(upload_to=upload_path, max_length=500)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=12, choices=SourceStatus.choices, default=SourceStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    # Written by the reading task while it runs (core.leases): older than the lease,
    # its worker has died and the reading is failed, to be tried again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    text = models.TextField(blank=True)  # normalised full text; passages are offsets into it
    page_count = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["scan", "sha256"], name="source_unique_file")
        ]

    def __str__(self):
        return self.title

    @property
    def is_stale(self) -> bool:
        """Being read by a worker that has died (core.leases): failed, in effect."""
        return self.status == SourceStatus.PROCESSING and is_stale(self.heartbeat_at)

    @property
    def layer(self) -> str:
        if self.place:
            return DocumentPlace(self.place).layer
        layers = [p.layer for p in self.participants.all()]
        return max(set(layers), key=layers.count) if layers else ""


class Passage(models.Model):
    """A located piece of a source: page, paragraph and character offsets into its text."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="passages")
    index = models.PositiveIntegerField()
    page = models.PositiveIntegerField(null=True, blank=True)
    # A paragraph broken by a page turn runs on to this page (the same as page otherwise).
    page_end = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=8, choices=PassageKind.choices, default=PassageKind.TEXT)
    paragraph = models.PositiveIntegerField()
    # The passage's meaning in the embedding model (core.embeddings), kept with the model
    # that made it and the hash of the text it was made from: unchanged text is never
    # embedded twice, a new model embeds again.
    digest = models.CharField(max_length=64, blank=True, db_index=True)
    embedding = models.BinaryField(null=True, blank=True)
    embedding_model = models.CharField(max_length=100, blank=True)
    # The sentences that state an intended effect ([start, end, phrase], see
    # sources.intents.intent_spans), worked out when the passage is read; a version
    # other than the current INTENTS_VERSION (or none) means: work them out again.
    intents = models.JSONField(null=True, blank=True)
    intents_version = models.CharField(max_length=12, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["source", "index"]
        constraints = [
            models.UniqueConstraint(fields=["source", "index"], name="passage_unique_index"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="passage_span"
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @staticmethod
    def digest_of(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def vector(self):
        """The unit vector of this passage in the current embedding model, or None."""
        if not self.embedding or not embeddings.available():
            return None
        if self.embedding_model != embeddings.model_version():
            return None
        return embeddings.from_bytes(self.embedding)

    @property
    def pages(self) -> str:
        """ "12" or "12–13" for a passage that runs over a page turn; "" without pages."""
        if self.page is None:
            return ""
        if self.page_end and self.page_end != self.page:
            return f"{self.page}–{self.page_end}"
        return str(self.page)
