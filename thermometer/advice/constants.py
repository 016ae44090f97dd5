from django.db import models
from django.utils.translation import gettext_lazy as _


class Priority(models.TextChoices):
    HIGH = "hoog", _("High")
    MEDIUM = "midden", _("Medium")
    LOW = "laag", _("Low")


class Horizon(models.TextChoices):
    SHORT = "kort", _("Within a year")
    MEDIUM = "middellang", _("One to two years")
    LONG = "lang", _("Longer than two years")


class VersionStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    FINAL = "final", _("Final")


class Support(models.IntegerChoices):
    """Deep Democracy: how far a participant can go along with a recommendation."""

    FULL = 5, _("Fully agree")
    AGREE = 4, _("Agree")
    DOUBT = 3, _("Agree, with doubts")
    DISAGREE = 2, _("Disagree, but can live with it")
    CANNOT_LIVE = 1, _("Cannot live with this")


# The five answers from full support down: the feedback form's choices and the columns
# of the consolidation.
SUPPORT_CHOICES = [(level.value, level.label) for level in sorted(Support, reverse=True)]

# Below this, a participant does not (fully) go along: a minority view.
MINORITY_BELOW = Support.DOUBT


class MinorityDecision(models.TextChoices):
    TAKEN_IN = "taken_in", _("Taken in")
    PARTLY = "partly", _("Partly taken in")
    NOT_TAKEN = "not_taken", _("Not taken in")


class PresentationKind(models.TextChoices):
    SYMPOSIUM = "symposium", _("Symposium")
    CLOSED_MEETING = "closed", _("Closed meeting")
    COUNCIL = "council", _("Council information meeting")
    OTHER = "other", _("Other")
