from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def register_methods(sender, **kwargs):
    from .registry import sync_method_versions

    sync_method_versions()


class MethodsConfig(AppConfig):
    name = "thermometer.methods"
    verbose_name = _("Methods")

    def ready(self):
        post_migrate.connect(register_methods, sender=self)
