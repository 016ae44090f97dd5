"""The Tweedaagse scan: the household and its journey (made from the method with the
scan), what the live session records, the day-2 checklist, and the lights computed from
them."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from thermometer.audit.events import record
from thermometer.core.formatting import decimal
from thermometer.finances.services import finance_light
from thermometer.live.services import votes_left

from . import rules
from .constants import Answer, ObservationKind
from .models import (
    ChecklistAnswer,
    HelpQuestion,
    Household,
    HouseholdMember,
    JourneyStep,
    Observation,
    ObservationVote,
)
from .seeding import JourneyModels, has_journey, make_journey

MAX_TEXT = 1000


class JourneyError(ValueError):
    """The message is Dutch and meant for the user."""


JOURNEY_MODELS = JourneyModels(Household, HouseholdMember, HelpQuestion, JourneyStep)


def journey_for_new_scan(scan) -> None:
    """The hook ``scans.seeding`` runs as a scan is created: a journey where the method
    follows a household (nothing otherwise), part of the creation, which the scan's own
    audit event records; pages and the report only read it."""
    definition = scan.method.data
    if has_journey(definition) and not Household.objects.filter(scan=scan).exists():
        make_journey(JOURNEY_MODELS, scan, definition)


def seed(scan, *, user=None) -> Household:
    """The method's persona household and journey steps for a scan made without them
    (idempotent), with their audit event.

    Nearly always they are there: that is read without a transaction, so a call on a
    seeded scan opens no write transaction (on SQLite a BEGIN IMMEDIATE). Only a scan
    without them makes them, in one transaction that looks again first."""
    household = Household.objects.filter(scan=scan).first()
    if household is not None:
        return household
    with transaction.atomic():
        household = Household.objects.filter(scan=scan).first()
        if household is None:
            household = make_journey(JOURNEY_MODELS, scan, scan.method.data)
            record(
                "journey_seeded",
                user=user,
                scan=scan,
                household=household.name,
                steps=len(scan.method.data.get("journey_steps", [])),
            )
        return household


@dataclass(frozen=True)
class NoHousehold:
    """Stands in for the household of a scan that has none: its pages and report show
    an empty household rather than make one on a read."""

    name: str = ""
    description: str = ""
    pk = None

    @property
    def members(self):
        return HouseholdMember.objects.none()


def household(scan) -> Household | NoHousehold:
    """The scan's household as seeded and adapted; reads only."""
    return Household.objects.filter(scan=scan).first() or NoHousehold()


@transaction.atomic
def edit_journey(scan, *, members, steps, user) -> None:
    """Keep the household's members and the journey's steps as the adviser adapted them
    to the municipality (the changed ones of a formset's ``save(commit=False)``)."""
    own = Household.objects.filter(scan=scan).values_list("pk", flat=True).first()
    if any(m.household_id != own for m in members) or any(s.scan_id != scan.pk for s in steps):
        raise JourneyError(_("Only this scan's household and journey can change here."))
    for changed in [*members, *steps]:
        changed.save()
    record("journey_edited", user=user, scan=scan)


def add_observation(session, device, *, step_id, kind, text, theme="", member_id=None):
    """A pain point or good practice from a device; refused with a reason, never half."""
    if not session.is_open:
        raise JourneyError(_("The session is closed; nothing can be added any more."))
    text = " ".join(text.split())
    if not text:
        raise JourneyError(_("Write what you saw at this step."))
    if len(text) > MAX_TEXT:
        raise JourneyError(_("Keep it under %(n)s characters.") % {"n": MAX_TEXT})
    if kind not in ObservationKind.values:
        raise JourneyError(_("Choose pain point or good practice."))
    if theme and theme not in session.scan.method.themes:
        raise JourneyError(_("Choose one of the themes, or none."))
    step = JourneyStep.objects.filter(pk=step_id, scan=session.scan).first()
    if step is None:
        raise JourneyError(_("This step is not part of the journey."))
    member = None
    if member_id:
        member = HouseholdMember.objects.filter(pk=member_id, household__scan=session.scan).first()
        if member is None:
            raise JourneyError(_("This person is not part of the household."))
    return Observation.objects.create(
        session=session, step=step, kind=kind, text=text, theme=theme, member=member, device=device
    )


def used_votes(session, device) -> int:
    return ObservationVote.objects.filter(observation__session=session, device=device).count()


def toggle_vote(session, device, observation) -> bool:
    """Vote for a pain point, or take the vote back; returns whether it is voted now."""
    if not session.is_open:
        raise JourneyError(_("The session is closed; votes can no longer change."))
    if observation.session_id != session.pk or observation.kind != ObservationKind.PAIN_POINT:
        raise JourneyError(_("Only pain points of this session get votes."))
    deleted, _rows = ObservationVote.objects.filter(observation=observation, device=device).delete()
    if deleted:
        return False
    if votes_left(session, used_votes(session, device)) <= 0:
        raise JourneyError(
            _("You have used your %(n)s votes. Take one back to vote again.")
            % {"n": session.votes_per_person}
        )
    try:
        with transaction.atomic():
            ObservationVote.objects.create(observation=observation, device=device)
    except IntegrityError:  # a double tap: the vote is there
        pass
    return True


@transaction.atomic
def hide_observation(observation, *, hidden: bool, user) -> None:
    observation.hidden = hidden
    observation.save(update_fields=["hidden"])
    record(
        "observation_hidden" if hidden else "observation_shown",
        user=user,
        scan=observation.session.scan,
        text=observation.text[:80],
    )


def checklist(method) -> dict:
    return method.data.get("theme_checklists", {})


@transaction.atomic
def answer_item(scan, theme, item, *, answer, explanation="", codings=(), sources=(), user):
    items = {entry["key"] for entry in checklist(scan.method).get(theme, [])}
    if item not in items:
        raise JourneyError(_("This question is not on the theme's checklist."))
    if answer not in Answer.values:
        raise JourneyError(_("Choose yes, partly, no or not known."))
    codings, sources = list(codings), list(sources)
    if any(c.code.scan_id != scan.pk for c in codings) or any(
        s.scan_id != scan.pk for s in sources
    ):
        raise JourneyError(_("Evidence must come from this scan's sources."))
    given, _created = ChecklistAnswer.objects.update_or_create(
        scan=scan,
        theme=theme,
        item=item,
        defaults={"answer": answer, "explanation": explanation.strip(), "answered_by": user},
    )
    given.codings.set(codings)
    given.sources.set(sources)
    record(
        "checklist_answered",
        user=user,
        scan=scan,
        theme=scan.method.themes.get(theme, theme),
        answer=Answer(answer).label.lower(),
    )
    return given


def board(scan, session=None) -> list[dict]:
    """Per journey step its pain points (most votes first) and good practices, of one
    session or of all the scan's sessions."""
    observations = Observation.objects.filter(session__scan=scan, hidden=False)
    if session is not None:
        observations = observations.filter(session=session)
    observations = list(observations.select_related("member").annotate(n_votes=Count("votes")))
    steps = []
    for step in JourneyStep.objects.filter(scan=scan):
        own = [o for o in observations if o.step_id == step.pk]
        steps.append(
            {
                "step": step,
                "pain": sorted(
                    (o for o in own if o.kind == ObservationKind.PAIN_POINT),
                    key=lambda o: (-o.n_votes, o.pk),
                ),
                "good": [o for o in own if o.kind == ObservationKind.GOOD_PRACTICE],
            }
        )
    return steps


def priorities(rows: list[dict], limit: int = 10) -> list:
    """The pain points of a ``board`` with most votes, across its steps, each beside its
    step."""
    ranked = [(o, entry["step"]) for entry in rows for o in entry["pain"]]
    ranked.sort(key=lambda pair: (-pair[0].n_votes, pair[1].order, pair[0].pk))
    return [{"observation": o, "step": step} for o, step in ranked[:limit]]


def _explain(light) -> str:
    if light.colour is None:
        return _("Not enough of the checklist answered to give a light (%(a)s of %(n)s).") % {
            "a": light.answered,
            "n": light.items,
        }
    # Sentences, not formulas: "0,17, en dat is niet meer dan de grens van 0,40".
    compared = {
        "<=": pgettext("compared with a limit", "no more than"),
        ">=": pgettext("compared with a limit", "at least"),
        "<": pgettext("compared with a limit", "below"),
        ">": pgettext("compared with a limit", "above"),
    }
    grounds = {
        "share_yes": _(
            "The share of the checklist answered yes is %(value)s, and that is "
            "%(comparison)s the limit of %(limit)s."
        ),
        "weighted": _(
            "The pain points weigh %(value)s together, and that is %(comparison)s "
            "the limit of %(limit)s."
        ),
        "budget_deviation": _(
            "The social domain's accounts deviate %(value)s%% from its budget, and that is "
            "%(comparison)s the limit of %(limit)s%%."
        ),
    }
    # Grades and shares with two decimals; percentages of money with one.
    places = {"budget_deviation": 1}
    return " ".join(
        grounds[ground]
        % {
            "value": decimal(value, places.get(ground, 2)),
            "comparison": compared[comparison],
            "limit": decimal(threshold, places.get(ground, 2)),
        }
        for ground, value, threshold, comparison in light.reasons
    )


def theme_lights(scan) -> list[dict]:
    """The light per theme, computed from the checklist and the pain points of all the
    scan's sessions, each with the sentence that explains it."""
    method = scan.method
    method_rules = method.data.get("traffic_light_rules")
    if method_rules is None:  # a method without lights per theme
        return []
    answers = {}
    for theme, answer in ChecklistAnswer.objects.filter(scan=scan).values_list("theme", "answer"):
        answers.setdefault(theme, []).append(answer)
    pains = {}
    for theme, session_id, votes in (
        Observation.objects.filter(
            session__scan=scan, kind=ObservationKind.PAIN_POINT, hidden=False
        )
        .exclude(theme="")
        .annotate(n=Count("votes"))
        .values_list("theme", "session_id", "n")
    ):
        pains.setdefault(theme, []).append((session_id, votes))
    voters = dict(
        ObservationVote.objects.filter(observation__session__scan=scan)
        .values_list("observation__session_id")
        .annotate(n=Count("device", distinct=True))
    )
    money_theme, money = _money_ground(scan)
    lights = []
    for key, name in method.themes.items():
        items = len(checklist(method).get(key, []))
        # Votes weigh against the voters of their own session.
        weights = [rules.weight(votes, voters.get(s, 0)) for s, votes in pains.get(key, [])]
        light = rules.theme_light(
            answers.get(key, []),
            items,
            weights,
            method_rules,
            money=money if key == money_theme else None,
        )
        lights.append({"theme": key, "name": name, "light": light, "explanation": _explain(light)})
    return lights


def _money_ground(scan) -> tuple[str | None, tuple | None]:
    """The theme the method's finances block names and the deviation of the accounts
    from the budget for its light, from the scan's own figures (None without both)."""
    block = scan.method.data.get("finances") or {}
    if not block.get("theme"):
        return None, None
    found = finance_light(scan)
    if found is None:
        return block["theme"], None
    return block["theme"], (found["deviation"], *found["limits"])
