from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import guidance


class SourcesConfig(AppConfig):
    name = "thermometer.sources"
    verbose_name = _("Sources")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from .step_facts import document_facts

        guidance.register_facts(("documents", "read"), document_facts)
