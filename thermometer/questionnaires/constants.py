from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement (5 points, with “don't know”)")
    GRADE = "grade", _("Grade 1–10")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    OPEN = "open", _("Open text")
    DATE = "date", _("Date or time")
    REVERSE_CHECK = "reverse_check", _("Reverse check (intent in own words)")


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ItemSource(models.TextChoices):
    METHOD = "method", _("From the method")
    CLIENT = "client", _("Client's question")
    ADVISER = "adviser", _("Added by the adviser")


RESPONDENT_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
