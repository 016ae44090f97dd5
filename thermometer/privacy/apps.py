from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.core import worker


def daily_round():
    """The worker's daily round (``core.worker``): the purge of scans whose retention ended
    and the cleanup of leftover files."""
    from .housekeeping import run

    run()


class PrivacyConfig(AppConfig):
    name = "thermometer.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        worker.register_daily("privacy", daily_round)
