from django.db import models
from django.utils.translation import gettext_lazy as _

from thermometer.access.roles import ScanRole


class PolicyArea(models.TextChoices):
    YOUTH = "jeugd", _("Youth (Jeugdwet)")
    WMO = "wmo", _("Social support (Wmo 2015)")
    PARTICIPATION = "participatiewet", _("Participation Act (Participatiewet)")
    INCLUSIVE_EDUCATION = "passend_onderwijs", _("Inclusive education (passend onderwijs)")
    DEBT_ASSISTANCE = "schuldhulpverlening", _("Debt assistance (schuldhulpverlening)")
    OTHER = "other", _("Other")


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    BUSY = "busy", _("Busy")
    DONE = "done", _("Done")


TEAM_ROLES = [ScanRole.LEAD_ADVISER, ScanRole.ADVISER, ScanRole.CLIENT]
