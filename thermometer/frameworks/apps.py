from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    name = "thermometer.frameworks"
    verbose_name = _("De Raad in positie: the steering framework")
