"""Which goals a passage concerns and whether it states an intended effect (pure).

One function for the product's suggestions and for ``manage.py analyse_passages``:
words (the method's word lists on Dutch stems and compounds, the Dutch intent phrases)
beside meaning (the embedding model's closeness to the goals' and intent's examples,
``coding.meaning``). Where the passage has no vector (the model is not installed) the
words decide alone. Every answer says why: the words that matched and the closest
example sentence.

A goal is suggested when the passage is close in meaning to it (margin at least
"goal_from"), or when its words are there and the meaning does not speak against it
(margin at least "goal_with_words_from"). Intent likewise with an intent phrase. The
thresholds were chosen on the tune part of bench/data/passages.jsonl.
"""

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _

from thermometer.core import embeddings

from .examples import GOAL_EXAMPLES, INTENT_EXAMPLES
from .meaning import closeness
from .suggestions import find_intents, suggest_codes

DEFAULT_THRESHOLDS = {
    "goal_from": {"self_reliance": 0.04, "integrality": 0.03, "finances": 0.045},
    "goal_with_words_from": {"self_reliance": 0.01, "integrality": -0.01, "finances": -0.01},
    "intent_from": 0.025,
    "intent_with_phrase_from": -0.025,
}
FALLBACK_GOAL_FROM = 0.04
FALLBACK_WITH_WORDS_FROM = 0.0


@dataclass(frozen=True)
class GoalAnswer:
    key: str
    score: float  # the meaning margin, or the number of matched words without a vector
    reason: str
    start: int  # where the matched words are (the whole passage for meaning alone)
    end: int


@dataclass(frozen=True)
class IntentAnswer:
    value: bool
    score: float
    reason: str
    start: int  # the sentence that states it
    end: int


def thresholds_of(method_data: dict) -> dict:
    """The measured defaults, overridden by the method's ``analysis.passages``."""
    own = method_data.get("analysis", {}).get("passages", {})
    merged = {**DEFAULT_THRESHOLDS, **own}
    for key in ("goal_from", "goal_with_words_from"):
        merged[key] = {**DEFAULT_THRESHOLDS[key], **own.get(key, {})}
    return merged


@cache
def _example_vectors():
    """The examples' vectors, per class: worked out once per process."""
    goals = {k: embeddings.embed_queries(v) for k, v in GOAL_EXAMPLES.items()}
    intent = {k: embeddings.embed_queries(v) for k, v in INTENT_EXAMPLES.items()}
    return goals, intent


def analyse(
    text: str, lexicon: dict, goal_keys, vector=None, thresholds: dict | None = None
) -> tuple[list[GoalAnswer], IntentAnswer]:
    """The goals (of ``goal_keys``) the passage concerns, strongest first, and its intent.

    ``lexicon``: the method's word lists per goal; ``vector``: the passage's unit vector
    in the embedding model, or None to judge by words alone."""
    limits = thresholds or DEFAULT_THRESHOLDS
    words = {s.key: s for s in suggest_codes(text, {k: lexicon.get(k, []) for k in goal_keys})}
    intents = find_intents(text)
    whole = (0, len(text))
    if vector is None:
        goals = [
            GoalAnswer(key, s.score, _("words: %(words)s") % {"words": s.reason}, s.start, s.end)
            for key, s in words.items()
        ]
        goals.sort(key=lambda g: -g.score)
        if intents:
            first = intents[0]
            reason = _("phrase: “%(phrase)s”") % {"phrase": first.reason}
            return goals, IntentAnswer(True, 1.0, reason, first.start, first.end)
        return goals, IntentAnswer(False, 0.0, "", *whole)

    goal_vectors, intent_vectors = _example_vectors()
    near = closeness(vector, GOAL_EXAMPLES, goal_vectors)
    goals = []
    for key in goal_keys:
        if key not in near:
            continue
        margin = near[key].margin
        hit = words.get(key)
        alone = limits["goal_from"].get(key, FALLBACK_GOAL_FROM)
        with_words = limits["goal_with_words_from"].get(key, FALLBACK_WITH_WORDS_FROM)
        if margin >= alone or (hit is not None and margin >= with_words):
            parts = [_("words: %(words)s") % {"words": hit.reason}] if hit else []
            parts.append(_("close to: “%(example)s”") % {"example": near[key].example})
            span = (hit.start, hit.end) if hit else whole
            goals.append(GoalAnswer(key, margin, "; ".join(parts), *span))
    goals.sort(key=lambda g: -g.score)

    intent_near = closeness(vector, INTENT_EXAMPLES, intent_vectors)["intent"]
    margin = intent_near.margin
    phrase = intents[0] if intents else None
    value = margin >= limits["intent_from"] or (
        phrase is not None and margin >= limits["intent_with_phrase_from"]
    )
    parts = [_("phrase: “%(phrase)s”") % {"phrase": phrase.reason}] if phrase else []
    parts.append(_("close to: “%(example)s”") % {"example": intent_near.example})
    span = (phrase.start, phrase.end) if phrase else whole
    return goals, IntentAnswer(value, margin, "; ".join(parts), *span)
