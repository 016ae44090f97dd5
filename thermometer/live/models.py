import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Short codes people type on a phone: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 9  # 31^9: about 44 bits, hopeless to guess within the throttle (core.throttling)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class LiveSession(models.Model):
    """A live group session: a room screen for the adviser, and a device view for each
    person who joins with the short code or the QR code, without an account."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="live_sessions")
    kind = models.CharField(max_length=30)  # which method's board it is, e.g. "journey"
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(max_length=12, unique=True, default=new_code)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    votes_per_person = models.PositiveSmallIntegerField(_("votes per person"), default=3)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def code_shown(self) -> str:
        """The code in groups of three, easier to read from a screen and to type; the
        join page takes it with or without the spaces."""
        return " ".join(self.code[i : i + 3] for i in range(0, len(self.code), 3))


class LiveParticipant(models.Model):
    """One device in a session; known by the browser session, not by name."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="devices")
    name = models.CharField(_("name or role"), max_length=100, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name or f"#{self.pk}"
