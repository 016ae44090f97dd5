from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def load_reference(sender, **kwargs):
    from .models import Municipality
    from .reference import read_reference, sync_municipalities

    sync_municipalities(Municipality, read_reference())


class MunicipalitiesConfig(AppConfig):
    name = "thermometer.municipalities"
    verbose_name = _("Municipalities")

    def ready(self):
        # After migrate and after a test flush, the reference list is always there.
        post_migrate.connect(load_reference, sender=self)
