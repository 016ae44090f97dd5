from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from thermometer.core import restoring


def load_reference(sender, **kwargs):
    from .models import Municipality
    from .reference import read_reference, sync_municipalities

    sync_municipalities(Municipality, read_reference())


def clear_municipalities():
    """Before a restore (``core.restoring``): the register the migrations loaded comes
    back from the backup with its own keys."""
    from .models import Municipality

    Municipality.objects.all().delete()


class MunicipalitiesConfig(AppConfig):
    name = "thermometer.municipalities"
    verbose_name = _("Municipalities")

    def ready(self):
        # After migrate and after a test flush, the reference list is always there.
        post_migrate.connect(load_reference, sender=self)
        restoring.clear_seeded("municipalities", clear_municipalities)
