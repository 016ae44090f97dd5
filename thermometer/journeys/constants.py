from django.db import models
from django.utils.translation import gettext_lazy as _


class ObservationKind(models.TextChoices):
    PAIN_POINT = "pain", _("Pain point")
    GOOD_PRACTICE = "good", _("Good practice")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Not known")
