"""A scan's whole analysis from its plain data and its method: pure, JSON-ready.

Groups below the method's minimum size never leave this module: layers are merged
upward into reporting groups first (as the exports do), and any cell, actor or link
that still has fewer answers than the minimum is left out.
"""

from dataclasses import asdict, dataclass, replace

from thermometer.coding.constants import CodeKind
from thermometer.core.formatting import rounded
from thermometer.questionnaires.anonymity import reporting_groups

from .loading import ScanData
from .measures import (
    AMBER,
    GREEN,
    RED,
    Assessments,
    Score,
    alignment,
    cell_sums,
    combined_light,
    light,
    pooled,
    summarise,
    triangle,
    whisper_chain,
)

ACTOR_ORDER = ("inwoner", "professional", "gemeente")
# For method versions without an ``analysis`` block (the Thermometer's 1.0).
DEFAULT_SETTINGS = {
    "lights": {"min_judged": 3, "red_from_negative": 0.5, "green_below_negative": 0.25},
    "alignment": {"red_below": 0.15, "green_from": 0.3},
    "theme_measures": {},
}


# Part of every stored analysis's fingerprint: a change in how it is computed makes
# each scan's kept analysis stale.
VERSION = "2"


def shown(score: Score | None) -> Score | None:
    """The score as people read it: mean, spread and interval rounded once
    (``core.formatting.rounded``); lights, losses and gaps are worked out from this."""
    if score is None:
        return None
    return replace(
        score,
        mean=rounded(score.mean),
        sd=rounded(score.sd),
        low=rounded(score.low),
        high=rounded(score.high),
    )


def _score(score: Score | None) -> dict | None:
    return None if score is None else asdict(score)


def _light(result) -> dict:
    return {"colour": result.colour, "reasons": [asdict(reason) for reason in result.reasons]}


@dataclass(frozen=True)
class _Frame:
    """What every part of the analysis reads: the method's settings, the reporting
    groups the layers merge into, and the answer sums pooled once per grouping."""

    data: ScanData
    definition: dict
    minimum: int
    low: float
    high: float
    settings: dict
    light_rules: dict
    layer_actor: dict
    goals: list
    dimensions: list
    actors: list
    groups: dict
    group_order: list
    cells: dict
    actor_ok: set
    by_group: dict
    goal_group: dict
    goal_all: dict
    goal_actor: dict
    dimension_actor: dict
    grade_actor: dict

    def summary(self, sums) -> Score | None:
        if sums is None:
            return None
        return shown(summarise(sums, self.minimum, self.low, self.high))

    def coded(self, kind: str, key: str, actor: str | None = None) -> Assessments:
        """The coded assessments of a goal or theme, of one actor's layers or of all."""
        total = Assessments()
        for (k, code_key, layer), counts in self.data.assessments.items():
            if (
                k == kind
                and code_key == key
                and (actor is None or self.layer_actor.get(layer) == actor)
            ):
                total = total + counts
        return total


def _frame(data: ScanData, definition: dict) -> _Frame:
    minimum = definition["min_group_size"]
    settings = {**DEFAULT_SETTINGS, **definition.get("analysis", {})}
    scales = {scale["key"]: scale for scale in definition["scales"]}
    order = [layer["key"] for layer in definition["layers"]]
    actor_keys = {x["key"] for x in definition["actors"]}

    groups = reporting_groups(dict(data.respondents), order, minimum)
    group_of = {layer: "+".join(group) for layer, group in groups.items() if group}
    group_order = list(dict.fromkeys(group_of[layer] for layer in order if layer in group_of))

    cells = cell_sums(data.frequencies, scales)
    actor_ok = {a for a, n in data.respondents_by_actor.items() if n >= minimum}
    return _Frame(
        data=data,
        definition=definition,
        minimum=minimum,
        low=definition["score"]["min"],
        high=definition["score"]["max"],
        settings=settings,
        light_rules={**definition["score"]["traffic_lights"], **settings["lights"]},
        layer_actor={layer["key"]: layer["actor"] for layer in definition["layers"]},
        goals=[goal["key"] for goal in definition["goals"]],
        dimensions=[dimension["key"] for dimension in definition["dimensions"]],
        actors=[a for a in ACTOR_ORDER if a in actor_keys],
        groups=groups,
        group_order=group_order,
        cells=cells,
        actor_ok=actor_ok,
        by_group=pooled(
            cells, lambda g, d, layer, a: (g, d, group_of[layer]) if layer in group_of else None
        ),
        goal_group=pooled(
            cells, lambda g, d, layer, a: (g, group_of[layer]) if g and layer in group_of else None
        ),
        goal_all=pooled(cells, lambda g, d, layer, a: g if g and layer in group_of else None),
        goal_actor=pooled(cells, lambda g, d, layer, a: (g, a) if g and a in actor_ok else None),
        dimension_actor=pooled(
            cells, lambda g, d, layer, a: (g, d, a) if g and a in actor_ok else None
        ),
        grade_actor=pooled(cells, lambda g, d, layer, a: a if not g and a in actor_ok else None),
    )


def _temperature(frame: _Frame) -> list[dict]:
    """Each goal × dimension per reporting group and per actor."""
    return [
        {
            "goal": goal,
            "dimension": dimension,
            "groups": {
                group: _score(frame.summary(frame.by_group.get((goal, dimension, group))))
                for group in frame.group_order
            },
            "actors": {
                a: _score(frame.summary(frame.dimension_actor.get((goal, dimension, a))))
                for a in frame.actors
            },
        }
        for goal in frame.goals
        for dimension in frame.dimensions
    ]


def _chains(frame: _Frame) -> list[dict]:
    """Each goal's whisper chain down the reporting groups."""
    chains = []
    for goal in frame.goals:
        chain = whisper_chain(
            goal,
            {
                group: frame.summary(frame.goal_group.get((goal, group)))
                for group in frame.group_order
            },
            frame.group_order,
        )
        chains.append(
            {
                "goal": goal,
                "scores": [{"group": group, **_score(score)} for group, score in chain.scores],
                "links": [asdict(link) for link in chain.links],
                "worst": asdict(chain.worst) if chain.worst else None,
            }
        )
    return chains


def _reverse_check(frame: _Frame) -> list[dict]:
    """How close each group's own words for a goal come to its intents."""
    rules = frame.settings["alignment"]
    goal_texts = {goal["key"]: goal.get("description", "") for goal in frame.definition["goals"]}
    reverse = []
    for goal in frame.goals:
        intents = [i for i in (goal_texts[goal], *frame.data.intents.get(goal, [])) if i]
        per_group = {}
        for group in frame.group_order:
            layers = set(group.split("+"))
            answers = sorted(
                text
                for g, layer, _, text in frame.data.reverse_answers
                if g == goal and layer in layers
            )
            found = alignment(answers, intents, frame.minimum)
            if found is not None:
                # Read with two decimals; its light is that of the shown value.
                score = rounded(found.score, 2)
                per_group[group] = {
                    "n": found.n,
                    "score": score,
                    "colour": light(score, rules["red_below"], rules["green_from"]),
                    "best": {"text": found.best[0], "similarity": round(found.best[1], 3)},
                    "worst": {"text": found.worst[0], "similarity": round(found.worst[1], 3)},
                }
        reverse.append({"goal": goal, "intents": len(intents), "groups": per_group})
    return reverse


def _triangles(frame: _Frame) -> list[dict]:
    """Each goal as the actors see it, and how far they diverge."""
    triangles = []
    for goal in frame.goals:
        scores = {a: frame.summary(frame.goal_actor.get((goal, a))) for a in frame.actors}
        divergence = triangle(scores)
        triangles.append(
            {
                "goal": goal,
                "actors": {a: _score(score) for a, score in scores.items()},
                "divergence": asdict(divergence) if divergence else None,
            }
        )
    return triangles


def _matrix(frame: _Frame) -> list[dict]:
    """Goal × actor: the score beside the coded assessments, with their combined light."""
    matrix = []
    for goal in frame.goals:
        for actor in frame.actors:
            score = frame.summary(frame.goal_actor.get((goal, actor)))
            counts = frame.coded(CodeKind.GOAL, goal, actor)
            matrix.append(
                {
                    "goal": goal,
                    "actor": actor,
                    "score": _score(score),
                    "assessments": asdict(counts),
                    "light": _light(combined_light(score, counts, frame.light_rules)),
                }
            )
    return matrix


def _theme_selector(frame: _Frame, selectors: list):
    """A ``pooled`` key function keeping the cells any of a theme's selectors names."""

    def selected(g, d, layer, a):
        for selector in selectors:
            if (
                g
                and a in frame.actor_ok
                and g in selector.get("goals", [g])
                and d in selector.get("dimensions", [d])
                and a in selector.get("actors", [a])
            ):
                return "theme"
        return None

    return selected


def _themes(frame: _Frame) -> list[dict]:
    """Each theme: the score of the cells its measures select, beside its coded assessments."""
    themes = []
    for theme in frame.definition["themes"]:
        selectors = frame.settings["theme_measures"].get(theme["key"], [])
        score = None
        if selectors:
            pooled_theme = pooled(frame.cells, _theme_selector(frame, selectors))
            score = frame.summary(pooled_theme.get("theme"))
        counts = frame.coded(CodeKind.THEME, theme["key"])
        themes.append(
            {
                "theme": theme["key"],
                "score": _score(score),
                "assessments": asdict(counts),
                "light": _light(combined_light(score, counts, frame.light_rules)),
            }
        )
    return themes


def analyse(data: ScanData, definition: dict) -> dict:
    frame = _frame(data, definition)
    temperature = _temperature(frame)
    chains = _chains(frame)
    reverse = _reverse_check(frame)
    triangles = _triangles(frame)
    matrix = _matrix(frame)
    themes = _themes(frame)
    return {
        "min_group_size": frame.minimum,
        "respondents": dict(data.respondents),
        "groups": frame.group_order,
        "suppressed_layers": sorted(
            layer for layer, group in frame.groups.items() if group is None
        ),
        "temperature": temperature,
        "chains": chains,
        "reverse": reverse,
        "triangles": triangles,
        "matrix": matrix,
        "themes": themes,
        "grades": {a: _score(frame.summary(frame.grade_actor.get(a))) for a in frame.actors},
        # Each goal over all its answers in the reporting groups (the chain's groups).
        "goal_scores": {
            goal: _score(frame.summary(frame.goal_all.get(goal))) for goal in frame.goals
        },
        "signatures": dict(data.signatures),
        "colours": sorted(
            {item["light"]["colour"] for item in matrix + themes} - {None},
            key=[RED, AMBER, GREEN].index,
        ),
    }
