"""What the analysis needs of a scan, fetched in a few grouped queries as plain data.

The database does the counting (answers are grouped by cell and raw value), so a scan
with thousands of answers comes back as a few hundred rows; ``compute`` does the rest.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max

from thermometer.coding.constants import Assessment, CodeKind
from thermometer.coding.models import Coding
from thermometer.questionnaires.constants import ItemType
from thermometer.questionnaires.models import Answer, Response
from thermometer.sources.models import Source

from .measures import Assessments

SCORED = [ItemType.AGREEMENT, ItemType.GRADE]
TOP_LAYERS = ("bestuur", "visie", "beleid")  # where a scan's intent is stated


@dataclass
class ScanData:
    # (goal, dimension, layer, actor, scale, value) -> number of answers
    frequencies: dict = field(default_factory=dict)
    respondents: Counter = field(default_factory=Counter)  # submitted responses per layer
    respondents_by_actor: Counter = field(default_factory=Counter)
    reverse_answers: list = field(default_factory=list)  # (goal, layer, actor, text)
    # (code kind, code key, layer) -> Assessments of the codings
    assessments: dict = field(default_factory=dict)
    # goal -> intended effects found in the top layers' documents (coded quotes)
    intents: dict = field(default_factory=dict)


def _submitted(scan):
    return Response.objects.filter(questionnaire__scan=scan, submitted_at__isnull=False)


def fingerprint(scan) -> str:
    """Changes whenever an input of the analysis changes (answers, responses, codings)."""
    answers = Answer.objects.filter(response__questionnaire__scan=scan).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    responses = _submitted(scan).aggregate(n=Count("id"), last=Max("submitted_at"))
    codings = Coding.objects.filter(code__scan=scan).aggregate(n=Count("id"), last=Max("id"))
    return "|".join(
        str(part)
        for part in (
            answers["n"],
            answers["last"],
            responses["n"],
            responses["last"],
            codings["n"],
            codings["last"],
        )
    )


def load(scan) -> ScanData:
    data = ScanData()
    submitted = Answer.objects.filter(
        response__questionnaire__scan=scan, response__submitted_at__isnull=False
    )
    rows = (
        submitted.filter(dont_know=False, item__type__in=SCORED)
        .values_list(
            "item__goal",
            "item__dimension",
            "response__layer",
            "response__actor",
            "item__scale",
            "value",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    for goal, dimension, layer, actor, scale, value, n in rows:
        key = (goal, dimension, layer, actor, scale, value)
        data.frequencies[key] = data.frequencies.get(key, 0) + n
    for layer, actor, n in (
        _submitted(scan).values_list("layer", "actor").annotate(n=Count("id")).order_by()
    ):
        data.respondents[layer] += n
        data.respondents_by_actor[actor] += n
    data.reverse_answers = [
        (goal, layer, actor, text)
        for goal, layer, actor, text in submitted.filter(
            item__type=ItemType.REVERSE_CHECK
        ).values_list("item__goal", "response__layer", "response__actor", "value")
        if isinstance(text, str) and text.strip()
    ]
    _load_codings(scan, data)
    return data


def _load_codings(scan, data: ScanData) -> None:
    sources = Source.objects.filter(scan=scan).prefetch_related("participants")
    layer_of = {source.pk: source.layer for source in sources}
    rows = (
        Coding.objects.filter(code__scan=scan)
        .values_list("code__kind", "code__key", "passage__source_id", "assessment")
        .annotate(n=Count("id"))
        .order_by()
    )
    for kind, key, source_id, assessment, n in rows:
        if not key:
            continue
        counts = Assessments(
            positive=n if assessment == Assessment.POSITIVE else 0,
            negative=n if assessment == Assessment.NEGATIVE else 0,
            neutral=n if assessment == Assessment.NEUTRAL else 0,
        )
        cell = (kind, key, layer_of.get(source_id, ""))
        data.assessments[cell] = data.assessments.get(cell, Assessments()) + counts
    # An intended effect stated in a top-layer document: an intent coding whose passage
    # is also coded with a goal.
    goals_of: dict[int, set] = {}
    intent_quotes = []
    for kind, key, passage_id, source_id, quote in Coding.objects.filter(
        code__scan=scan, code__kind__in=[CodeKind.GOAL, CodeKind.INTENT]
    ).values_list("code__kind", "code__key", "passage_id", "passage__source_id", "quote"):
        if kind == CodeKind.GOAL:
            goals_of.setdefault(passage_id, set()).add(key)
        elif layer_of.get(source_id) in TOP_LAYERS:
            intent_quotes.append((passage_id, quote))
    for passage_id, quote in intent_quotes:
        for goal in sorted(goals_of.get(passage_id, ())):
            data.intents.setdefault(goal, []).append(quote)
