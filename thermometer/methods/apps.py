from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from thermometer.core import restoring


def register_methods(sender, **kwargs):
    from .registry import sync_method_versions

    sync_method_versions()


def clear_method_versions():
    """Before a restore (``core.restoring``): the versions the migrations copied in come
    back from the backup with their own keys."""
    from .models import MethodVersion

    MethodVersion.objects.all().delete()


class MethodsConfig(AppConfig):
    name = "thermometer.methods"
    verbose_name = _("Methods")

    def ready(self):
        post_migrate.connect(register_methods, sender=self)
        restoring.clear_seeded("methods", clear_method_versions)
