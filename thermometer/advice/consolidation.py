"""The feedback round consolidated (pure): per recommendation the spread of support per
reporting group, and the minority views first — who, by group, cannot go along and
what they need. Groups below the method's minimum size are merged up the chain or
left out, as everywhere (``questionnaires.anonymity``)."""

from dataclasses import dataclass, field

from thermometer.questionnaires.anonymity import reporting_groups

from .constants import MINORITY_BELOW, SUPPORT_CHOICES, Support

LEVELS = [value for value, _label in SUPPORT_CHOICES]  # 5 .. 1


@dataclass(frozen=True)
class Reaction:
    recommendation: str  # uuid
    layer: str
    support: int | None
    needs: str = ""
    comment: str = ""
    actor: str = ""  # the sender's own actor, kept when the round opened


@dataclass
class GroupSupport:
    group: tuple  # the layers reported together
    counts: dict = field(default_factory=dict)  # support level -> number
    needs: list = field(default_factory=list)  # what the minority needs, in their words
    comments: list = field(default_factory=list)

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def minority(self) -> int:
        return sum(n for level, n in self.counts.items() if level < MINORITY_BELOW)

    @property
    def cannot_live(self) -> int:
        return self.counts.get(Support.CANNOT_LIVE, 0)


def consolidate(
    reactions: list[Reaction], respondents: dict[str, int], order: list[str], min_size: int
) -> dict[str, list[GroupSupport]]:
    """Per recommendation: its groups, those with a minority view first (most "cannot
    live with this", then most dissent), then the rest in chain order.

    ``respondents``: participants who sent their feedback, per layer; the groups are
    formed on those counts, so a group never shows fewer than ``min_size`` people."""
    groups = reporting_groups(respondents, order, min_size)
    position = {layer: i for i, layer in enumerate(order)}
    result: dict[str, dict[tuple, GroupSupport]] = {}
    for reaction in reactions:
        group = groups.get(reaction.layer)
        if group is None:
            continue
        support = result.setdefault(reaction.recommendation, {}).setdefault(
            group, GroupSupport(group, {level: 0 for level in LEVELS})
        )
        if reaction.support is not None:
            support.counts[reaction.support] += 1
        if reaction.support is not None and reaction.support < MINORITY_BELOW:
            if reaction.needs.strip():
                support.needs.append(reaction.needs.strip())
        if reaction.comment.strip():
            support.comments.append(reaction.comment.strip())
    ordered = {}
    for recommendation, by_group in result.items():
        ordered[recommendation] = sorted(
            by_group.values(),
            key=lambda g: (
                -(g.minority > 0),
                -g.cannot_live,
                -g.minority,
                position[g.group[0]],
            ),
        )
    return ordered


def by_actor(
    reactions: list[Reaction], actor_of_layer: dict, senders: dict[str, int], min_size: int
) -> dict[str, list[GroupSupport]]:
    """Per recommendation the spread per actor (inwoner, professional, gemeente): each
    reaction counts with its sender's own actor, as the questionnaires' answers do (the
    layer's usual actor only where none is known); an actor with fewer than ``min_size``
    senders is left out."""
    shown = {actor for actor, n in senders.items() if n >= min_size}
    result: dict[str, dict[str, GroupSupport]] = {}
    for reaction in reactions:
        actor = reaction.actor or actor_of_layer.get(reaction.layer)
        if actor not in shown or reaction.support is None:
            continue
        support = result.setdefault(reaction.recommendation, {}).setdefault(
            actor, GroupSupport((actor,), {level: 0 for level in LEVELS})
        )
        support.counts[reaction.support] += 1
    return {rec: list(groups.values()) for rec, groups in result.items()}


def overall(groups: list[GroupSupport]) -> dict:
    """Support over all shown groups: counts per level, n, and the share that goes along."""
    counts = {level: sum(g.counts.get(level, 0) for g in groups) for level in LEVELS}
    n = sum(counts.values())
    along = sum(c for level, c in counts.items() if level >= MINORITY_BELOW)
    return {"counts": counts, "n": n, "along": round(along / n, 2) if n else None}
