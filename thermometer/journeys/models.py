import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Answer, ObservationKind


class Household(models.Model):
    """The persona household of a scan (the fictitious family Hermans), seeded from the
    method and editable per municipality."""

    scan = models.OneToOneField("scans.Scan", on_delete=models.CASCADE, related_name="household")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    def __str__(self):
        return self.name


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    key = models.SlugField(max_length=50)
    role = models.CharField(_("role"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    situation = models.TextField(_("situation"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["household", "key"], name="household_member_key")
        ]

    def __str__(self):
        return f"{self.name} ({self.role})"


class HelpQuestion(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="questions")
    member = models.ForeignKey(HouseholdMember, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("help question"), max_length=300)
    policy_area = models.CharField(_("policy area"), max_length=50, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.question


class JourneyStep(models.Model):
    """A step the household takes through the municipality, with who is involved and
    which systems."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="journey_steps")
    key = models.SlugField(max_length=50)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    involved = models.CharField(_("who is involved"), max_length=300, blank=True)
    systems = models.CharField(_("systems"), max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["scan", "key"], name="journey_step_key")]

    def __str__(self):
        return self.name


class Observation(models.Model):
    """A pain point or good practice at a step, written in the live session."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        "live.LiveSession", on_delete=models.CASCADE, related_name="observations"
    )
    step = models.ForeignKey(JourneyStep, on_delete=models.CASCADE, related_name="observations")
    kind = models.CharField(max_length=5, choices=ObservationKind.choices)
    text = models.TextField(_("observation"))
    theme = models.CharField(_("theme"), max_length=50, blank=True)
    member = models.ForeignKey(
        HouseholdMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("family member it affects"),
    )
    device = models.ForeignKey(
        "live.LiveParticipant", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    hidden = models.BooleanField(default=False)  # set aside by the adviser (a duplicate)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


class ObservationVote(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="votes")
    device = models.ForeignKey("live.LiveParticipant", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["observation", "device"], name="one_vote_per_device")
        ]

    def __str__(self):
        return f"vote {self.device_id} on {self.observation_id}"


class ChecklistAnswer(models.Model):
    """Day 2: an item of the method's checklist for a theme, answered with evidence."""

    scan = models.ForeignKey("scans.Scan", on_delete=models.CASCADE, related_name="+")
    theme = models.CharField(max_length=50)
    item = models.CharField(max_length=50)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    explanation = models.TextField(_("explanation"), blank=True)
    codings = models.ManyToManyField("coding.Coding", blank=True, related_name="+")
    sources = models.ManyToManyField("sources.Source", blank=True, related_name="+")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scan", "theme", "item"], name="checklist_answer_once")
        ]

    def __str__(self):
        return f"{self.theme}.{self.item}: {self.answer}"
