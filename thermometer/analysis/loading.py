"""What the analysis needs of a scan, fetched in a few grouped queries as plain data.

The database does the counting (answers are grouped by question, layer, actor and raw
value), so a scan with thousands of answers comes back as a few thousand rows at most;
``compute`` does the rest. The same queries serve one scan or many at once (``load_many``,
``fingerprints``), so recomputing every scan takes a handful of round trips in all, not
a handful per scan.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max

from thermometer.coding.constants import Assessment, CodeKind
from thermometer.coding.models import Coding
from thermometer.goals.models import IntendedEffect
from thermometer.questionnaires.constants import ItemType
from thermometer.questionnaires.models import Answer, Item, Response
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
    # "goal|dimension" -> hash of the scored questions behind it (for comparing scans)
    signatures: dict = field(default_factory=dict)


def _ids(scans) -> list[int]:
    return list(dict.fromkeys(getattr(scan, "pk", scan) for scan in scans))


def _submitted(scan_ids):
    return Response.objects.filter(questionnaire__scan__in=scan_ids, submitted_at__isnull=False)


def fingerprint(scan) -> str:
    """Changes whenever an input of the analysis changes (answers, responses, codings)."""
    return fingerprints([scan])[scan.pk]


def fingerprints(scans) -> dict[int, str]:
    """``fingerprint`` of each scan (scans or their ids), in three grouped queries."""
    ids = _ids(scans)
    answers = _count_and_last(
        Answer.objects.filter(response__questionnaire__scan__in=ids),
        "response__questionnaire__scan",
        "updated_at",
    )
    responses = _count_and_last(_submitted(ids), "questionnaire__scan", "submitted_at")
    codings = _count_and_last(Coding.objects.filter(code__scan__in=ids), "code__scan", "id")
    # The goal tree (reverse check) and the questions (signatures) are inputs too.
    effects = _count_and_last(IntendedEffect.objects.filter(scan__in=ids), "scan", "updated_at")
    items = _count_and_last(
        Item.objects.filter(questionnaire__scan__in=ids), "questionnaire__scan", "id"
    )
    none = (0, None)
    from .compute import VERSION

    return {
        scan_id: "|".join(
            str(part)
            for part in (
                VERSION,
                *answers.get(scan_id, none),
                *responses.get(scan_id, none),
                *codings.get(scan_id, none),
                *effects.get(scan_id, none),
                *items.get(scan_id, none),
            )
        )
        for scan_id in ids
    }


def _count_and_last(queryset, scan_field: str, last_field: str) -> dict:
    """Per scan: how many rows, and the latest value of ``last_field``."""
    return {
        scan_id: (n, last)
        for scan_id, n, last in queryset.values_list(scan_field)
        .annotate(n=Count("id"), last=Max(last_field))
        .order_by()
    }


def load(scan) -> ScanData:
    return load_many([scan])[scan.pk]


def load_many(scans) -> dict[int, ScanData]:
    """``load`` of each scan (scans or their ids), in the same grouped queries for all."""
    ids = _ids(scans)
    result = {scan_id: ScanData() for scan_id in ids}
    submitted = Answer.objects.filter(
        response__questionnaire__scan__in=ids, response__submitted_at__isnull=False
    )
    # Answers are counted per question rather than per cell: the database then sorts
    # and groups on narrow keys; the questions of the scans say which cell each counts for.
    scored = list(
        Item.objects.filter(questionnaire__scan__in=ids, type__in=SCORED).values_list(
            "pk", "questionnaire__scan", "goal", "dimension", "key", "scale", "text"
        )
    )
    cell_of = {pk: (goal, dimension, scale) for pk, _, goal, dimension, _, scale, _ in scored}
    rows = list(
        submitted.filter(dont_know=False, item__type__in=SCORED)
        .values_list(
            "response__questionnaire__scan", "item", "response__layer", "response__actor", "value"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    if missing := {item for _, item, *_ in rows} - cell_of.keys():  # another scan's question
        for item in Item.objects.filter(pk__in=missing):
            cell_of[item.pk] = (item.goal, item.dimension, item.scale)
    for scan_id, item, layer, actor, value, n in rows:
        goal, dimension, scale = cell_of[item]
        frequencies = result[scan_id].frequencies
        key = (goal, dimension, layer, actor, scale, value)
        frequencies[key] = frequencies.get(key, 0) + n
    for scan_id, layer, actor, n in (
        _submitted(ids)
        .values_list("questionnaire__scan", "layer", "actor")
        .annotate(n=Count("id"))
        .order_by()
    ):
        result[scan_id].respondents[layer] += n
        result[scan_id].respondents_by_actor[actor] += n
    reverse = Item.objects.filter(questionnaire__scan__in=ids, type=ItemType.REVERSE_CHECK)
    for scan_id, goal, layer, actor, text in submitted.filter(item__in=reverse).values_list(
        "response__questionnaire__scan", "item__goal", "response__layer", "response__actor", "value"
    ):
        if isinstance(text, str) and text.strip():
            result[scan_id].reverse_answers.append((goal, layer, actor, text))
    _load_codings(ids, result)
    _load_goal_trees(ids, result)
    for scan_id, signatures in item_signatures(scored).items():
        result[scan_id].signatures = signatures
    return result


def _load_goal_trees(ids: list[int], result: dict[int, ScanData]) -> None:
    """The intended effects of step 2's goal tree come first among the statements of
    intent that the reverse check compares with."""
    stated: dict[int, dict[str, list]] = {}
    for scan_id, goal, statement in (
        IntendedEffect.objects.filter(scan__in=ids)
        .order_by("scan", "goal", "order", "id")
        .values_list("scan", "goal", "statement")
    ):
        stated.setdefault(scan_id, {}).setdefault(goal, []).append(statement)
    for scan_id, goals in stated.items():
        intents = result[scan_id].intents
        for goal, statements in goals.items():
            intents[goal] = statements + intents.get(goal, [])


def item_signatures(scored) -> dict[int, dict[str, str]]:
    """Per scan, per goal and dimension, a hash of the scored questions behind it: their
    key, scale and wording. Two scans compare on a measure only where these match.
    ``scored``: the scans' scored questions as (pk, scan, goal, dimension, key, scale, text)."""
    found: dict[int, dict[tuple, list]] = {}
    for _, scan_id, goal, dimension, key, scale, text in scored:
        if not goal:
            continue
        found.setdefault(scan_id, {}).setdefault((goal, dimension), []).append(
            f"{key}\x1f{scale}\x1f{' '.join(text.split())}"
        )
    return {
        scan_id: {
            f"{goal}|{dimension}": hashlib.sha256(
                "\x1e".join(sorted(set(entries))).encode()
            ).hexdigest()[:16]
            for (goal, dimension), entries in cells.items()
        }
        for scan_id, cells in found.items()
    }


def _load_codings(ids: list[int], result: dict[int, ScanData]) -> None:
    # The text of a source is large and not needed here.
    sources = Source.objects.filter(scan__in=ids).defer("text").prefetch_related("participants")
    layer_of = {source.pk: source.layer for source in sources}
    rows = (
        Coding.objects.filter(code__scan__in=ids)
        .values_list("code__scan", "code__kind", "code__key", "passage__source_id", "assessment")
        .annotate(n=Count("id"))
        .order_by()
    )
    for scan_id, kind, key, source_id, assessment, n in rows:
        if not key:
            continue
        counts = Assessments(
            positive=n if assessment == Assessment.POSITIVE else 0,
            negative=n if assessment == Assessment.NEGATIVE else 0,
            neutral=n if assessment == Assessment.NEUTRAL else 0,
        )
        assessments = result[scan_id].assessments
        cell = (kind, key, layer_of.get(source_id, ""))
        assessments[cell] = assessments.get(cell, Assessments()) + counts
    # An intended effect stated in a top-layer document: an intent coding whose passage
    # is also coded with a goal.
    goals_of: dict[int, set] = {}
    intent_quotes = []
    for scan_id, kind, key, passage_id, source_id, quote in Coding.objects.filter(
        code__scan__in=ids, code__kind__in=[CodeKind.GOAL, CodeKind.INTENT]
    ).values_list(
        "code__scan", "code__kind", "code__key", "passage_id", "passage__source_id", "quote"
    ):
        if kind == CodeKind.GOAL:
            goals_of.setdefault(passage_id, set()).add(key)
        elif layer_of.get(source_id) in TOP_LAYERS:
            intent_quotes.append((scan_id, passage_id, quote))
    for scan_id, passage_id, quote in intent_quotes:
        for goal in sorted(goals_of.get(passage_id, ())):
            result[scan_id].intents.setdefault(goal, []).append(quote)
