from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import guidance


class AdviceConfig(AppConfig):
    name = "thermometer.advice"
    verbose_name = _("Advice and the feedback round")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from .step_facts import version_facts

        guidance.register_facts(("advice_versions", "final_versions"), version_facts)
