from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeKind(models.TextChoices):
    GOAL = "goal", _("Goal")
    LAYER = "layer", _("Layer")
    DIMENSION = "dimension", _("Dimension")
    THEME = "theme", _("Theme")
    CUSTOM = "custom", _("Own code")
    INTENT = "intent", _("Intended effect")


class Assessment(models.TextChoices):
    POSITIVE = "+", _("Positive")
    NEGATIVE = "-", _("Negative")
    NEUTRAL = "0", _("Neutral")


# The method sections a codebook is seeded from, with their group names.
SEEDED = [
    (CodeKind.GOAL, "goals", _("Goals")),
    (CodeKind.LAYER, "layers", _("Layers of the chain")),
    (CodeKind.DIMENSION, "dimensions", _("Dimensions")),
    (CodeKind.THEME, "themes", _("Themes")),
]
