from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.core import restoring


def holds_scans() -> bool:
    """Whether the database holds scans: a restore goes only into an empty one."""
    from .models import Scan

    return Scan.objects.exists()


class ScansConfig(AppConfig):
    name = "thermometer.scans"
    verbose_name = _("Scans")

    def ready(self):
        restoring.refuse_when(
            "scans",
            holds_scans,
            "De database bevat al scans; zet een back-up alleen terug in een lege.",
        )
