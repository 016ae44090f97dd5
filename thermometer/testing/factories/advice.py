"""Recommendations and the states of the advice: a concept version, a feedback round
open to every participant, the final version — each through the advice services."""

import datetime

import factory
from django.utils import timezone

from thermometer.advice import services
from thermometer.advice import services as advice
from thermometer.advice.models import Recommendation

from .participants import ParticipantFactory

ADVICE_STATES = ("concept", "feedback", "final")


class RecommendationFactory(factory.Factory):
    """``RecommendationFactory(scan=scan)``: a recommendation as the adviser writes it
    (``advice.services.add_recommendation``: checked against the method, audited);
    ``findings=[...]`` links findings, ``user`` is the scan's lead unless given."""

    class Meta:
        model = Recommendation

    scan = None
    title = factory.Sequence(lambda n: f"Aanbeveling {n}")
    text = factory.LazyAttribute(lambda o: f"{o.title}: neem de bedoeling op.")
    goal = ""
    theme = ""
    priority = "hoog"
    horizon = "kort"
    owner_layer = "opdrachtgeving"

    @classmethod
    def _create(cls, model_class, *, scan, user=None, findings=(), **data):
        return services.add_recommendation(
            scan, data, user=user or scan.created_by, findings=findings
        )


def concept_advice_in_feedback(scan, titles=("Bedoeling in contracten",), days=7):
    """Recommendations frozen as concept version 1, with a feedback round open to every
    participant of the scan."""
    for title in titles:
        RecommendationFactory(scan=scan, title=title)
    version = advice.freeze(scan, user=scan.created_by)
    return advice.open_round(
        version, deadline=timezone.now() + datetime.timedelta(days=days), user=scan.created_by
    )


def advise(scan, state: str):
    """The scan's advice brought to ``state``: "concept" (version 1 frozen), "feedback"
    (that concept in a feedback round; a participant is added when the scan has none) or
    "final" (version 1 frozen as the final, locked advice). Returns the latest version."""
    if state not in ADVICE_STATES:
        raise ValueError(f"advice is one of {ADVICE_STATES}, not {state!r}")
    if state == "feedback":
        if not scan.participants.exists():
            ParticipantFactory(scan=scan)
        return concept_advice_in_feedback(scan).version
    RecommendationFactory(scan=scan, title="Bedoeling in contracten")
    return advice.freeze(scan, user=scan.created_by, final=state == "final")
