from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import guidance, seeding


class CodingConfig(AppConfig):
    name = "thermometer.coding"
    verbose_name = _("Coding")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from .services import codebook_for_new_scan
        from .step_facts import coding_facts

        seeding.register("codebook", codebook_for_new_scan)
        guidance.register_facts(("codings",), coding_facts)
