import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thermometer.scans.models import Scan

from .constants import RESPONDENT_LANGUAGES, ItemSource, ItemType, QuestionnaireStatus


def new_token() -> str:
    # 192 bits: unguessable, and short enough for a printed letter.
    return secrets.token_urlsafe(24)


class QuestionnaireQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(scan__in=Scan.objects.for_user(user))


class Questionnaire(models.Model):
    """A questionnaire of a scan for one group of layers and actors."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="questionnaires")
    template_key = models.CharField(max_length=50, blank=True)
    name = models.CharField(_("name"), max_length=200)
    intro = models.TextField(_("introduction"))
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    language_level = models.CharField(_("language level"), max_length=5, blank=True)
    audience_layers = models.JSONField(_("layers"), default=list)
    audience_actors = models.JSONField(_("actors"), default=list)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.DRAFT,
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "template_key"],
                condition=~models.Q(template_key=""),
                name="questionnaire_unique_template",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    def accepts_answers(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == QuestionnaireStatus.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )


class Item(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=80)
    order = models.PositiveIntegerField(default=0)
    page = models.PositiveIntegerField(default=1)
    type = models.CharField(_("type"), max_length=20, choices=ItemType.choices)
    text = models.TextField(_("question"))
    text_en = models.TextField(_("question (English)"), blank=True)
    goal = models.CharField(max_length=50, blank=True)
    dimension = models.CharField(max_length=50, blank=True)
    scale = models.CharField(max_length=50, blank=True)
    options = models.JSONField(default=list, blank=True)
    # For a date question: how the date is shown and exported (LimeSurvey style, e.g.
    # "dd-mm-yyyy" or "HH:MM"); the answer itself is stored as ISO text.
    date_format = models.CharField(_("date format"), max_length=40, blank=True)
    source = models.CharField(max_length=10, choices=ItemSource.choices, default=ItemSource.METHOD)
    # The question's code in a standard questionnaire (e.g. the VNG Burgerpeiling's
    # "wl02_0", its SPSS variable name), so results can be matched and compared.
    code = models.CharField(_("question code"), max_length=50, blank=True)
    # Instructions and routing ("Ga naar vraag 5") taken over from a document, for the
    # adviser who reviews the questionnaire.
    note = models.TextField(_("instruction or routing"), blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="item_unique_key")
        ]

    def __str__(self):
        return self.text

    def text_in(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en else self.text


class OpenLink(models.Model):
    """One link for a whole group (an inwoners panel): each visitor gets a personal link.

    The cap limits how many may start, so a link passed around does not flood a group.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="open_links"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    label = models.CharField(_("name"), max_length=200)
    layer = models.CharField(_("layer in the chain"), max_length=50)
    actor = models.CharField(_("actor"), max_length=50)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    cap = models.PositiveIntegerField(_("maximum number of respondents"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("open link")
        verbose_name_plural = _("open links")

    def __str__(self):
        return self.label


class Invitation(models.Model):
    """A participant's personal link to one questionnaire."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations"
    )
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    open_link = models.ForeignKey(
        OpenLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    created = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "participant"], name="invitation_unique_participant"
            )
        ]

    def __str__(self):
        return f"{self.participant} → {self.questionnaire}"


class Response(models.Model):
    """One respondent's answers; exists from the first page they open."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="response"
    )
    # Copied from the participant so results by layer need no join, and survive removal.
    layer = models.CharField(max_length=50)
    actor = models.CharField(max_length=50)
    language = models.CharField(max_length=5, choices=RESPONDENT_LANGUAGES, default="nl")
    consent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    last_page = models.PositiveIntegerField(default=1)
    # Where an imported response came from (e.g. a LimeSurvey response id), so a
    # second import of the same file adds nothing.
    source_ref = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="response_unique_source_ref",
            )
        ]

    def __str__(self):
        return str(self.uuid)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="answers")
    # int for scales and grades, str for open text and single choice, list for multiple choice.
    value = models.JSONField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)
    language = models.CharField(max_length=5, default="nl")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_unique_item")
        ]

    def __str__(self):
        return f"{self.item.key}={self.value}"
