from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from thermometer.scans import guidance


class QuestionnairesConfig(AppConfig):
    name = "thermometer.questionnaires"
    verbose_name = _("Questionnaires")

    def ready(self):
        # Imported here: apps.py is loaded before the models are.
        from .step_facts import questionnaire_facts, response_facts

        guidance.register_facts(("questionnaires", "questionnaires_open"), questionnaire_facts)
        guidance.register_facts(("responses",), response_facts)
