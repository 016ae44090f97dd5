from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "thermometer.audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from . import security

        user_logged_in.connect(security.signed_in, dispatch_uid="security.signed_in")
        user_logged_out.connect(security.signed_out, dispatch_uid="security.signed_out")
        user_login_failed.connect(security.sign_in_failed, dispatch_uid="security.failed")
