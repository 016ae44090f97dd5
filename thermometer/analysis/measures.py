"""The Thermometer's measures, as pure functions over plain data.

Everything here takes counts and sums, never models, so any number in the advice can
be recomputed by hand from the tables a loader hands in. Scores are on the Dutch school
grade (1–10); the method gives the scale mapping and the traffic-light thresholds.

Answers arrive as frequencies of raw values per cell, ``(goal, dimension, layer, actor,
scale, value) -> count``; ``Sums`` (n, total, sum of squares) add up, so merging
layers, actors or dimensions is addition, and the result does not depend on the order
in which respondents answered.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

from thermometer.core.dutch import content_stems as stems_of

RED, AMBER, GREEN = "red", "amber", "green"


class Additive:
    """A frozen dataclass of counts that adds up field by field."""

    def __add__(self, other):
        # The fields by name (a dataclass's __match_args__), not astuple: astuple deep-copies
        # and was most of the time of a national recompute.
        return type(self)(*(getattr(self, f) + getattr(other, f) for f in self.__match_args__))


@dataclass(frozen=True)
class Sums(Additive):
    n: int = 0
    total: float = 0.0
    total_sq: float = 0.0

    @classmethod
    def of(cls, score: float, count: int = 1) -> "Sums":
        return cls(count, score * count, score * score * count)


@dataclass(frozen=True)
class Score:
    """A mean grade with its n, standard deviation and 90% interval (Student's t)."""

    n: int
    mean: float
    sd: float
    low: float
    high: float


def warm_up() -> None:
    """Import scipy's t-distribution (about a second) at process start, not in the first
    request that shows a grade (wsgi.py and the worker call this)."""
    _t90(10)


@lru_cache(maxsize=512)
def _t90(degrees: int) -> float:
    from scipy.stats import t

    return float(t.ppf(0.95, degrees))


def summarise(sums: Sums, min_n: int, lowest: float = 1.0, highest: float = 10.0) -> Score | None:
    """The score of a group, or None when fewer than ``min_n`` answered (suppressed)."""
    if sums.n < max(min_n, 1):
        return None
    mean = sums.total / sums.n
    if sums.n == 1:
        return Score(1, mean, 0.0, lowest, highest)
    variance = max(sums.total_sq - sums.total * sums.total / sums.n, 0.0) / (sums.n - 1)
    sd = variance**0.5
    half = _t90(sums.n - 1) * sd / sums.n**0.5
    return Score(sums.n, mean, sd, max(lowest, mean - half), min(highest, mean + half))


def score_of(value, scale: dict | None) -> float | None:
    """A raw answer as a grade: through the scale's ``score_map``, else the value itself.

    Only whole numbers that are options of the scale count; anything else (text, a
    fraction, a value off the scale, a boolean) is not an answer to score."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or number != int(number):
        return None
    key = int(number)
    scale = scale or {}
    options = {option["value"] for option in scale.get("options", [])}
    if options and key not in options:
        return None
    mapping = scale.get("score_map")
    if mapping:
        return float(mapping[str(key)]) if str(key) in mapping else None
    return float(key)


def cell_sums(frequencies: dict, scales: dict) -> dict[tuple, Sums]:
    """``(goal, dimension, layer, actor) -> Sums`` from raw value frequencies."""
    cells: dict[tuple, Sums] = {}
    for (goal, dimension, layer, actor, scale, value), count in frequencies.items():
        score = score_of(value, scales.get(scale))
        if score is None:
            continue
        key = (goal, dimension, layer, actor)
        cells[key] = cells.get(key, Sums()) + Sums.of(score, count)
    return cells


def pooled(cells: dict[tuple, Sums], keep) -> dict[tuple, Sums]:
    """Add cells up under a new key: ``keep(goal, dimension, layer, actor)`` gives the key,
    or None to leave a cell out."""
    result: dict[tuple, Sums] = {}
    for cell, sums in cells.items():
        key = keep(*cell)
        if key is not None:
            result[key] = result.get(key, Sums()) + sums
    return result


def light(score: float, red_below: float, green_from: float) -> str:
    if score < red_below:
        return RED
    return GREEN if score >= green_from else AMBER


@dataclass(frozen=True)
class Link:
    upper: str
    lower: str
    loss: float  # how much lower the grade is one step down the chain (negative: a rise)


@dataclass(frozen=True)
class Chain:
    goal: str
    scores: list[tuple[str, Score]]  # (group, score) in chain order, suppressed ones left out
    links: list[Link]
    worst: Link | None  # the link where most intent is lost, if any is lost


def whisper_chain(goal: str, by_group: dict[str, Score | None], order: list[str]) -> Chain:
    """The goal's grade down the chain, the loss at each link and the worst link.

    Links join consecutive groups that are shown; a suppressed group is skipped, so a
    link may span it (and says so by its ends)."""
    shown = [(group, by_group[group]) for group in order if by_group.get(group) is not None]
    links = [
        Link(upper, lower, round(upper_score.mean - lower_score.mean, 10))
        for (upper, upper_score), (lower, lower_score) in zip(shown, shown[1:], strict=False)
    ]
    losing = [link for link in links if link.loss > 0]
    worst = max(losing, key=lambda link: link.loss) if losing else None
    return Chain(goal, shown, links, worst)


@dataclass(frozen=True)
class Divergence:
    first: str
    second: str
    gap: float


def triangle(by_actor: dict[str, Score | None]) -> Divergence | None:
    """The pair of actors whose grades lie furthest apart (None with fewer than two)."""
    shown = sorted((actor, score) for actor, score in by_actor.items() if score is not None)
    pairs = [
        Divergence(a, b, abs(sa.mean - sb.mean))
        for i, (a, sa) in enumerate(shown)
        for b, sb in shown[i + 1 :]
    ]
    return max(pairs, key=lambda d: (d.gap, d.first, d.second)) if pairs else None


@dataclass(frozen=True)
class Assessments(Additive):
    positive: int = 0
    negative: int = 0
    neutral: int = 0

    @property
    def judged(self) -> int:
        return self.positive + self.negative


@dataclass(frozen=True)
class Reason:
    """One ground for a light: a grade, or the negative share of coded assessments."""

    colour: str
    score: float | None = None
    negative: int | None = None
    judged: int | None = None


@dataclass(frozen=True)
class Light:
    colour: str | None  # None: not enough to judge
    reasons: tuple[Reason, ...]  # the deciding ground first


SEVERITY = {GREEN: 0, AMBER: 1, RED: 2}


def combined_light(score: Score | None, assessments: Assessments, thresholds: dict) -> Light:
    """A light from a grade and from coded assessments; the worse of the two counts.

    ``thresholds``: ``red_below``/``green_from`` for grades; ``min_judged``,
    ``red_from_negative``/``green_below_negative`` for the share of negative codings
    among the positive and negative ones. Too few codings say nothing.
    """
    reasons = []
    if score is not None:
        colour = light(score.mean, thresholds["red_below"], thresholds["green_from"])
        reasons.append(Reason(colour, score=score.mean))
    if assessments.judged >= thresholds["min_judged"]:
        share = assessments.negative / assessments.judged
        if share >= thresholds["red_from_negative"]:
            colour = RED
        elif share < thresholds["green_below_negative"]:
            colour = GREEN
        else:
            colour = AMBER
        reasons.append(Reason(colour, negative=assessments.negative, judged=assessments.judged))
    if not reasons:
        return Light(None, ())
    reasons.sort(key=lambda reason: -SEVERITY[reason.colour])
    return Light(reasons[0].colour, tuple(reasons))


@dataclass(frozen=True)
class Alignment:
    """How well executors' own words match the intended effects: 0 (nothing) to 1."""

    n: int
    score: float
    best: tuple[str, float]
    worst: tuple[str, float]


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """The set of meaningful stems (no stop words, nothing shorter than three letters)."""
    return frozenset(stem for stem, _, _ in stems_of(text) if len(stem) > 2)


def similarity(first: frozenset, second: frozenset) -> float:
    """Dice's coefficient of two sets of stems."""
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def alignment(answers: list[str], intents: list[str], min_n: int) -> Alignment | None:
    """Each answer's best match among the intents, averaged; None below ``min_n`` answers."""
    targets = [content_stems(intent) for intent in intents]
    scored = []
    for answer in answers:
        words = content_stems(answer)
        if not words:
            continue
        scored.append((answer, max((similarity(words, t) for t in targets), default=0.0)))
    if len(scored) < max(min_n, 1) or not targets:
        return None
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    mean = sum(value for _, value in scored) / len(scored)
    return Alignment(len(scored), mean, scored[0], scored[-1])
