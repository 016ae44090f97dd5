from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import guidance, seeding


class JourneysConfig(AppConfig):
    name = "thermometer.journeys"
    verbose_name = _("Tweedaagse scan: the family's journey and governance")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from .services import journey_for_new_scan
        from .step_facts import checklist_facts, observation_facts

        seeding.register("journey", journey_for_new_scan)
        guidance.register_facts(("observations",), observation_facts)
        guidance.register_facts(("checklist_answers",), checklist_facts)
