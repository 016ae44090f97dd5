from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import guidance


class FrameworksConfig(AppConfig):
    name = "thermometer.frameworks"
    verbose_name = _("De Raad in positie: the steering framework")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from . import step_facts

        guidance.register_facts(("values", "results", "criteria"), step_facts.framework_facts)
        guidance.register_facts(("indicators",), step_facts.indicator_facts)
        guidance.register_facts(("measurements",), step_facts.measurement_facts)
        guidance.register_facts(("decided",), step_facts.decision_facts)
