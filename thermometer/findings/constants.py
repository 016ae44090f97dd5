from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    """What a finding is about: a cell of the goals × actors matrix, or a theme."""

    CELL = "cell", _("Matrix cell")
    THEME = "theme", _("Theme")


class EvidenceKind(models.TextChoices):
    CODING = "coding", _("Coded passage")
    SCORE = "score", _("Score")
    TRAIL = "trail", _("Document trail")
    QUOTE = "quote", _("Quote")
    FIGURE = "figure", _("Financial figure")
