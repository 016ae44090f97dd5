"""A scan's whole analysis from its plain data and its method: pure, JSON-ready.

Groups below the method's minimum size never leave this module: layers are merged
upward into reporting groups first (as the exports do), and any cell, actor or link
that still has fewer answers than the minimum is left out.
"""

from dataclasses import asdict, replace

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


def analyse(data: ScanData, definition: dict) -> dict:
    minimum = definition["min_group_size"]
    low, high = definition["score"]["min"], definition["score"]["max"]
    thresholds = definition["score"]["traffic_lights"]
    settings = {**DEFAULT_SETTINGS, **definition.get("analysis", {})}
    light_rules = {**thresholds, **settings["lights"]}
    scales = {scale["key"]: scale for scale in definition["scales"]}
    order = [layer["key"] for layer in definition["layers"]]
    layer_actor = {layer["key"]: layer["actor"] for layer in definition["layers"]}
    goals = [goal["key"] for goal in definition["goals"]]
    dimensions = [dimension["key"] for dimension in definition["dimensions"]]
    actors = [a for a in ACTOR_ORDER if a in {x["key"] for x in definition["actors"]}]

    groups = reporting_groups(dict(data.respondents), order, minimum)
    group_of = {layer: "+".join(group) for layer, group in groups.items() if group}
    group_order = list(dict.fromkeys(group_of[layer] for layer in order if layer in group_of))

    def summary(sums):
        return shown(summarise(sums, minimum, low, high)) if sums is not None else None

    cells = cell_sums(data.frequencies, scales)
    by_group = pooled(
        cells, lambda g, d, layer, a: (g, d, group_of[layer]) if layer in group_of else None
    )
    goal_group = pooled(
        cells, lambda g, d, layer, a: (g, group_of[layer]) if g and layer in group_of else None
    )
    goal_all = pooled(cells, lambda g, d, layer, a: g if g and layer in group_of else None)
    actor_ok = {a for a, n in data.respondents_by_actor.items() if n >= minimum}
    goal_actor = pooled(cells, lambda g, d, layer, a: (g, a) if g and a in actor_ok else None)
    dimension_actor = pooled(
        cells, lambda g, d, layer, a: (g, d, a) if g and a in actor_ok else None
    )
    grade_actor = pooled(cells, lambda g, d, layer, a: a if not g and a in actor_ok else None)

    temperature = [
        {
            "goal": goal,
            "dimension": dimension,
            "groups": {
                group: _score(summary(by_group.get((goal, dimension, group))))
                for group in group_order
            },
            "actors": {
                a: _score(summary(dimension_actor.get((goal, dimension, a)))) for a in actors
            },
        }
        for goal in goals
        for dimension in dimensions
    ]

    chains = []
    for goal in goals:
        chain = whisper_chain(
            goal,
            {group: summary(goal_group.get((goal, group))) for group in group_order},
            group_order,
        )
        chains.append(
            {
                "goal": goal,
                "scores": [{"group": group, **_score(score)} for group, score in chain.scores],
                "links": [asdict(link) for link in chain.links],
                "worst": asdict(chain.worst) if chain.worst else None,
            }
        )

    alignment_rules = settings["alignment"]
    goal_texts = {goal["key"]: goal.get("description", "") for goal in definition["goals"]}
    reverse = []
    for goal in goals:
        intents = [i for i in (goal_texts[goal], *data.intents.get(goal, [])) if i]
        per_group = {}
        for group in group_order:
            layers = set(group.split("+"))
            answers = sorted(
                text for g, layer, _, text in data.reverse_answers if g == goal and layer in layers
            )
            found = alignment(answers, intents, minimum)
            if found is not None:
                # Read with two decimals; its light is that of the shown value.
                score = rounded(found.score, 2)
                per_group[group] = {
                    "n": found.n,
                    "score": score,
                    "colour": light(
                        score, alignment_rules["red_below"], alignment_rules["green_from"]
                    ),
                    "best": {"text": found.best[0], "similarity": round(found.best[1], 3)},
                    "worst": {"text": found.worst[0], "similarity": round(found.worst[1], 3)},
                }
        reverse.append({"goal": goal, "intents": len(intents), "groups": per_group})

    triangles = []
    for goal in goals:
        scores = {a: summary(goal_actor.get((goal, a))) for a in actors}
        divergence = triangle(scores)
        triangles.append(
            {
                "goal": goal,
                "actors": {a: _score(score) for a, score in scores.items()},
                "divergence": asdict(divergence) if divergence else None,
            }
        )

    def coded(kind: str, key: str, actor: str | None = None) -> Assessments:
        total = Assessments()
        for (k, code_key, layer), counts in data.assessments.items():
            if k == kind and code_key == key and (actor is None or layer_actor.get(layer) == actor):
                total = total + counts
        return total

    matrix = []
    for goal in goals:
        for actor in actors:
            score = summary(goal_actor.get((goal, actor)))
            counts = coded(CodeKind.GOAL, goal, actor)
            matrix.append(
                {
                    "goal": goal,
                    "actor": actor,
                    "score": _score(score),
                    "assessments": asdict(counts),
                    "light": _light(combined_light(score, counts, light_rules)),
                }
            )

    themes = []
    for theme in definition["themes"]:
        selectors = settings["theme_measures"].get(theme["key"], [])

        def selected(g, d, layer, a, selectors=selectors):
            for selector in selectors:
                if (
                    g
                    and a in actor_ok
                    and g in selector.get("goals", [g])
                    and d in selector.get("dimensions", [d])
                    and a in selector.get("actors", [a])
                ):
                    return "theme"
            return None

        score = summary(pooled(cells, selected).get("theme")) if selectors else None
        counts = coded(CodeKind.THEME, theme["key"])
        themes.append(
            {
                "theme": theme["key"],
                "score": _score(score),
                "assessments": asdict(counts),
                "light": _light(combined_light(score, counts, light_rules)),
            }
        )

    return {
        "min_group_size": minimum,
        "respondents": dict(data.respondents),
        "groups": group_order,
        "suppressed_layers": sorted(layer for layer, group in groups.items() if group is None),
        "temperature": temperature,
        "chains": chains,
        "reverse": reverse,
        "triangles": triangles,
        "matrix": matrix,
        "themes": themes,
        "grades": {a: _score(summary(grade_actor.get(a))) for a in actors},
        # Each goal over all its answers in the reporting groups (the chain's groups).
        "goal_scores": {goal: _score(summary(goal_all.get(goal))) for goal in goals},
        "signatures": dict(data.signatures),
        "colours": sorted(
            {item["light"]["colour"] for item in matrix + themes} - {None},
            key=[RED, AMBER, GREEN].index,
        ),
    }
