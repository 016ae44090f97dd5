from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneysConfig(AppConfig):
    name = "thermometer.journeys"
    verbose_name = _("Tweedaagse scan: the family's journey and governance")
