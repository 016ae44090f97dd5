from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationRole(models.TextChoices):
    """A user's role in an organisation (the tenant)."""

    ADVISER = "adviser", _("Adviser")
    CLIENT = "client", _("Client")

    def can_create_scans(self) -> bool:
        return self == OrganisationRole.ADVISER

    def sees_all_scans(self) -> bool:
        return self == OrganisationRole.ADVISER
