import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import OrganisationRole


class Organisation(models.Model):
    """The tenant: a consultancy or a municipality that runs scans."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    # Every member must sign in with a second factor (accounts.two_factor).
    require_two_factor = models.BooleanField(_("two-step sign-in required"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganisationRole.choices)
    # Administers the organisation: its privacy settings and its security log.
    administers = models.BooleanField(_("administers the organisation"), default=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_user_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def role_enum(self) -> OrganisationRole:
        return OrganisationRole(self.role)
