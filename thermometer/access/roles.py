"""The roles a user can have on one scan, and what each may do.

Here, in the permission layer, so ``access.policy`` reads them without importing
``scans``; ``scans.constants`` offers ``ScanRole`` too (the team and its forms use it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanRole(models.TextChoices):
    """A user's role on one scan; what each may do is decided here, nowhere else."""

    LEAD_ADVISER = "lead_adviser", _("Lead adviser")
    ADVISER = "adviser", _("Adviser")
    CLIENT = "client", _("Client (reads and comments)")
    # Not stored: an adviser of the organisation who is not on the team.
    OBSERVER = "observer", _("Colleague (reads along)")

    def can_view(self) -> bool:
        return True

    def can_comment(self) -> bool:
        return True

    def can_edit_scan(self) -> bool:
        return self in (ScanRole.LEAD_ADVISER, ScanRole.ADVISER)

    def can_manage_team(self) -> bool:
        return self == ScanRole.LEAD_ADVISER

    def can_manage_participants(self) -> bool:
        return self.can_edit_scan()

    def can_advance_steps(self) -> bool:
        return self.can_edit_scan()

    def can_manage_privacy(self) -> bool:
        return self == ScanRole.LEAD_ADVISER
