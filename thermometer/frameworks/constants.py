from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    VALUE = "value", _("Value")
    TRANSFORMATION = "transformation", _("Transformation")
    RESULT = "result", _("Result")
    CRITERION = "criterion", _("Criterion")


# The level an item hangs under.
PARENT_LEVEL = {
    Level.VALUE: None,
    Level.TRANSFORMATION: Level.VALUE,
    Level.RESULT: Level.VALUE,
    Level.CRITERION: Level.RESULT,
}


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CHOSEN = "chosen", _("Chosen")
    PARKED = "parked", _("Parked")
    MERGED = "merged", _("Merged")


class Direction(models.TextChoices):
    AT_LEAST = "at_least", _("At least the norm")
    AT_MOST = "at_most", _("At most the norm")
    HIGHER = "higher", _("The higher the better")
    LOWER = "lower", _("The lower the better")


# Live session kinds of the two work sessions.
SESSION_VALUES = "framework_values"
SESSION_RESULTS = "framework_results"
