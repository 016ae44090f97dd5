import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from thermometer.scans.models import Scan


class ParticipantQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(scan__in=Scan.objects.for_user(user))


class Participant(models.Model):
    """A person in a scan: pseudonymous by default, name and e-mail optional."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="participants")
    number = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    layer = models.CharField(_("layer in the chain"), max_length=50)
    actor = models.CharField(_("actor"), max_length=50)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Normalised identity (e-mail, or name + layer + organisation) so nothing is added twice.
    # NULL, not "", so the conditional unique constraint skips keyless rows.
    identity_key = models.CharField(max_length=600, null=True, blank=True)  # noqa: DJ001
    created = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "number"], name="participant_unique_number"),
            models.UniqueConstraint(
                fields=["scan", "identity_key"],
                condition=models.Q(identity_key__isnull=False),
                name="participant_unique_identity",
            ),
        ]

    def __str__(self):
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        return f"D{self.number:03d}"
