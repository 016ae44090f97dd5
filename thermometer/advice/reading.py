"""What the advice pages show, read in a few queries: the working copy grouped by goal
and theme, a feedback round's progress, and its consolidation."""

from collections import Counter

from django.utils.translation import gettext as _

from thermometer.questionnaires.anonymity import group_label, reporting_groups

from .consolidation import LEVELS, Reaction, by_actor, consolidate, overall
from .models import FeedbackAnswer, MinorityRecord
from .services import working_copy


def grouped(scan, recommendations=None) -> list[dict]:
    """The recommendations in the adviser's order, grouped by goal, then theme, then the
    rest; each flagged when no finding with evidence stands behind it.

    ``recommendations``: the ``working_copy`` when the caller has it already."""
    method = scan.method
    recommendations = list(working_copy(scan) if recommendations is None else recommendations)
    groups = []
    for key, name in method.goals.items():
        groups.append({"key": f"goal-{key}", "name": name, "items": []})
    for key, name in method.themes.items():
        groups.append({"key": f"theme-{key}", "name": name, "items": []})
    other = {"key": "other", "name": _("Other recommendations"), "items": []}
    by_key = {g["key"]: g for g in groups}
    for position, recommendation in enumerate(recommendations):
        findings = list(recommendation.findings.all())
        item = {
            "recommendation": recommendation,
            "findings": findings,
            "unfounded": not findings,
            "evidence": sum(len(f.evidence.all()) for f in findings),
            "first": position == 0,
            "last": position == len(recommendations) - 1,
        }
        if recommendation.goal:
            by_key[f"goal-{recommendation.goal}"]["items"].append(item)
        elif recommendation.theme:
            by_key[f"theme-{recommendation.theme}"]["items"].append(item)
        else:
            other["items"].append(item)
    return [g for g in [*groups, other] if g["items"]]


def round_progress(feedback_round, scan) -> list[dict]:
    """Invited, started and sent per layer (counts of people, no answers)."""
    counts = Counter()
    for layer, started, sent in feedback_round.invitations.values_list(
        "layer", "started_at", "submitted_at"
    ):
        counts[(layer, "invited")] += 1
        counts[(layer, "started")] += started is not None
        counts[(layer, "sent")] += sent is not None
    return [
        {
            "layer": name,
            "invited": counts[(key, "invited")],
            "started": counts[(key, "started")],
            "sent": counts[(key, "sent")],
        }
        for key, name in scan.method.layers.items()
        if counts[(key, "invited")]
    ]


def _round_reactions(feedback_round) -> tuple[Counter, Counter, list[Reaction]]:
    """The senders per layer and per actor, and every answer of the round's sent
    invitations with its sender's layer and actor."""
    sent = feedback_round.invitations.filter(submitted_at__isnull=False)
    senders = list(sent.values_list("layer", "actor"))
    respondents = Counter(layer for layer, _actor in senders)
    by_actor_sent = Counter(actor for _layer, actor in senders)
    reactions = [
        Reaction(str(rec), layer, support, needs, comment, actor)
        for rec, layer, support, needs, comment, actor in FeedbackAnswer.objects.filter(
            invitation__in=sent
        ).values_list(
            "recommendation",
            "invitation__layer",
            "support",
            "needs",
            "comment",
            "invitation__actor",
        )
    ]
    return respondents, by_actor_sent, reactions


def _group_rows(shown: list, method, records: dict, recommendation: str) -> list[dict]:
    """A row per reporting group's support, with what was recorded about its view."""
    rows = []
    for support in shown:
        label = group_label(support.group, method.layers)
        rows.append(
            {
                "support": support,
                "label": label,
                "counts": [support.counts[level] for level in LEVELS],
                "record": records.get((recommendation, label)),
            }
        )
    return rows


def _actor_rows(supports: list, method) -> list[dict]:
    """The support per actor, in the method's order of actors."""
    return [
        {
            "label": method.actors.get(g.group[0], g.group[0]),
            "counts": [g.counts[level] for level in LEVELS],
        }
        for g in sorted(supports, key=lambda g: list(method.actors).index(g.group[0]))
    ]


def consolidation_for(feedback_round, scan) -> list[dict]:
    """Per recommendation of the round's version: overall support, the groups with the
    minority views first, and what was recorded about each minority view."""
    method = scan.method
    order = list(method.layers)
    respondents, senders, reactions = _round_reactions(feedback_round)
    by_recommendation = consolidate(reactions, respondents, order, method.min_group_size)
    per_actor = by_actor(reactions, method.layer_default_actor, senders, method.min_group_size)
    groups = reporting_groups(respondents, order, method.min_group_size)
    suppressed = sorted(
        {method.layers.get(layer, layer) for layer, group in groups.items() if group is None}
    )
    records = {
        (str(m.recommendation), m.group): m
        for m in MinorityRecord.objects.filter(scan=scan, round=feedback_round)
    }
    items = []
    for rec in feedback_round.version.snapshot["recommendations"]:
        shown = by_recommendation.get(rec["uuid"], [])
        rows = _group_rows(shown, method, records, rec["uuid"])
        items.append(
            {
                "actors": _actor_rows(per_actor.get(rec["uuid"], []), method),
                "recommendation": rec,
                "overall": overall(shown),
                "rows": rows,
                "minority": [row for row in rows if row["support"].minority],
            }
        )
    # The recommendations with the most dissent come first.
    items.sort(
        key=lambda i: (
            -sum(r["support"].cannot_live for r in i["minority"]),
            -len(i["minority"]),
        )
    )
    return [{**item, "suppressed": suppressed} for item in items]
