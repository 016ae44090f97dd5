"""Tests for the Thermometer's measures (pure functions, no database).

The first half checks exact values on small cases worked out by hand; the second half
checks properties with Hypothesis on generated respondents, turned into the frequency
dict ``(goal, dimension, layer, actor, scale, value) -> count`` the way a loader does.

All scores the real scales produce (agreement5: 1, 3.25, 5.5, 7.75, 10; grade10: whole
numbers) are dyadic, so their sums and squares are exact in binary floating point; that
is why the properties below may demand exact equality.
"""

import math
import statistics
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermometer.analysis.measures import (
    AMBER,
    GREEN,
    RED,
    Assessments,
    Divergence,
    Light,
    Link,
    Reason,
    Score,
    Sums,
    alignment,
    cell_sums,
    combined_light,
    content_stems,
    light,
    pooled,
    score_of,
    similarity,
    summarise,
    triangle,
    whisper_chain,
)

AGREEMENT5 = {"score_map": {"1": 1.0, "2": 3.25, "3": 5.5, "4": 7.75, "5": 10.0}}
GRADE10 = {"type": "grade"}  # no score_map: the value is the grade
SCALES = {"agreement5": AGREEMENT5, "grade10": GRADE10}

T90_2 = 2.919986  # t(0.95, 2 degrees of freedom)
T90_4 = 2.131847  # t(0.95, 4 degrees of freedom)

THRESHOLDS = {
    "red_below": 5.5,
    "green_from": 7.0,
    "min_judged": 3,
    "red_from_negative": 0.5,
    "green_below_negative": 0.25,
}


def scores_sums(scores):
    total = Sums()
    for score in scores:
        total = total + Sums.of(score)
    return total


def fixed(mean, n=10):
    """A shown score with the given mean (sd and interval do not matter here)."""
    return Score(n, mean, 0.0, mean, mean)


# --- Sums and summarise ---------------------------------------------------------------


def test_sums_of_and_addition():
    assert Sums.of(5.5, 3) == Sums(3, 16.5, 90.75)
    assert Sums.of(7.75) == Sums(1, 7.75, 60.0625)
    assert Sums(2, 3.0, 5.0) + Sums(1, 4.0, 16.0) == Sums(3, 7.0, 21.0)
    assert Sums() + Sums.of(3.25) == Sums.of(3.25)


def test_summarise_three_scores():
    score = summarise(scores_sums([1.0, 5.5, 10.0]), min_n=3)
    half = T90_2 * 4.5 / math.sqrt(3)  # 7.586..., so both ends are clipped
    assert score.n == 3
    assert score.mean == pytest.approx(5.5)
    assert score.sd == pytest.approx(4.5)
    assert half > 4.5
    assert score.low == 1.0
    assert score.high == 10.0


def test_summarise_three_scores_unclipped_interval():
    # 6, 7, 8: mean 7, sd 1, half-width 2.919986 / sqrt(3) = 1.685855.
    score = summarise(scores_sums([6.0, 7.0, 8.0]), min_n=1)
    half = T90_2 * 1.0 / math.sqrt(3)
    assert score.mean == pytest.approx(7.0)
    assert score.sd == pytest.approx(1.0)
    assert score.low == pytest.approx(7.0 - half, abs=1e-6)
    assert score.high == pytest.approx(7.0 + half, abs=1e-6)
    assert score.low == pytest.approx(5.314145, abs=1e-6)
    assert score.high == pytest.approx(8.685855, abs=1e-6)


def test_summarise_five_respondents_by_hand():
    # Agreement answers 2, 3, 3, 4, 5 -> grades 3.25, 5.5, 5.5, 7.75, 10.
    # Sum 32, mean 6.4; deviations -3.15, -0.9, -0.9, 1.35, 3.6;
    # squares 9.9225 + 0.81 + 0.81 + 1.8225 + 12.96 = 26.325; variance 26.325 / 4.
    # Sum of squared grades: 10.5625 + 30.25 + 30.25 + 60.0625 + 100 = 231.125.
    grades = [score_of(value, AGREEMENT5) for value in ["2", "3", "3", "4", "5"]]
    assert grades == [3.25, 5.5, 5.5, 7.75, 10.0]
    sums = scores_sums(grades)
    assert sums == Sums(5, 32.0, 231.125)
    score = summarise(sums, min_n=5)
    sd = math.sqrt(26.325 / 4)  # 2.565395...
    half = T90_4 * sd / math.sqrt(5)  # 2.445824...
    assert score.n == 5
    assert score.mean == pytest.approx(6.4)
    assert score.sd == pytest.approx(sd)
    assert score.sd == pytest.approx(2.565395, abs=1e-6)
    assert score.low == pytest.approx(6.4 - half, abs=1e-5)
    assert score.high == pytest.approx(6.4 + half, abs=1e-5)
    assert score.low == pytest.approx(3.954176, abs=1e-5)
    assert score.high == pytest.approx(8.845824, abs=1e-5)


def test_summarise_single_answer_spans_whole_scale():
    assert summarise(Sums.of(7.75), min_n=1) == Score(1, 7.75, 0.0, 1.0, 10.0)


def test_summarise_identical_answers_have_zero_width():
    score = summarise(Sums.of(5.5, 4), min_n=1)
    assert score == Score(4, 5.5, 0.0, 5.5, 5.5)


def test_summarise_suppresses_below_min_n():
    sums = scores_sums([6.0, 7.0, 8.0])
    assert summarise(sums, min_n=4) is None
    assert summarise(sums, min_n=3) is not None
    # Nobody answered: nothing to show, whatever the minimum.
    assert summarise(Sums(), min_n=0) is None
    assert summarise(Sums(), min_n=1) is None


def test_summarise_custom_bounds():
    score = summarise(scores_sums([0.0, 1.0]), min_n=1, lowest=0.0, highest=1.0)
    assert score.mean == pytest.approx(0.5)
    assert score.low == 0.0
    assert score.high == 1.0


# --- score_of ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "grade"),
    [("1", 1.0), ("2", 3.25), ("3", 5.5), ("4", 7.75), ("5", 10.0), (1, 1.0), (5, 10.0)],
)
def test_score_of_agreement5(value, grade):
    assert score_of(value, AGREEMENT5) == grade


@pytest.mark.parametrize("value", ["0", "11", -3, "6.5", "nan", "inf", False])
def test_score_of_refuses_what_is_not_an_option_of_the_scale(value):
    grade10 = {"options": [{"value": v} for v in range(1, 11)]}
    assert score_of(value, grade10) is None


@pytest.mark.parametrize(("value", "grade"), [("1", 1.0), ("7", 7.0), (10, 10.0), ("1.0", 1.0)])
def test_score_of_grade_is_the_value(value, grade):
    assert score_of(value, GRADE10) == grade
    assert score_of(value, None) == grade
    assert score_of(value, {}) == grade


@pytest.mark.parametrize(
    "value", [None, "", "dont_know", "abc", "0", "6", 0, 6, "2.5", 2.9, True, "nan", "inf", []]
)
def test_score_of_junk_on_agreement5_is_none(value):
    assert score_of(value, AGREEMENT5) is None


@pytest.mark.parametrize("value", [None, "", "dont_know", "zes", [], {}])
def test_score_of_junk_on_grade_is_none(value):
    assert score_of(value, GRADE10) is None


# --- cell_sums and pooled -----------------------------------------------------------------


def test_cell_sums_by_hand():
    frequencies = {
        ("care", "policy", "board", "municipality", "agreement5", "2"): 2,
        ("care", "policy", "board", "municipality", "agreement5", "5"): 1,
        ("care", "policy", "board", "municipality", "agreement5", "dont_know"): 4,
        ("care", "service", "executor", "provider", "grade10", "7"): 3,
        ("care", "service", "executor", "provider", "unknown_scale", "8"): 1,
        ("care", "service", "executor", "resident", "grade10", "junk"): 5,
    }
    cells = cell_sums(frequencies, SCALES)
    assert cells == {
        # 3.25 twice and 10 once; "dont_know" is no grade and does not count.
        ("care", "policy", "board", "municipality"): Sums(3, 16.5, 121.125),
        # 7 three times (grade10) and 8 once (a scale without map: the value itself).
        ("care", "service", "executor", "provider"): Sums(4, 29.0, 211.0),
    }


def test_pooled_by_hand():
    cells = {
        ("care", "policy", "board", "municipality"): Sums(2, 10.0, 52.0),
        ("care", "service", "board", "provider"): Sums(1, 7.0, 49.0),
        ("care", "policy", "executor", "municipality"): Sums(3, 15.0, 77.0),
        ("money", "policy", "board", "municipality"): Sums(5, 30.0, 190.0),
    }
    by_layer = pooled(
        cells, lambda goal, dimension, layer, actor: (goal, layer) if goal == "care" else None
    )
    assert by_layer == {
        ("care", "board"): Sums(3, 17.0, 101.0),
        ("care", "executor"): Sums(3, 15.0, 77.0),
    }
    assert pooled({}, lambda *cell: "all") == {}


# --- light ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "colour"),
    [
        (1.0, RED),
        (5.4999, RED),
        (5.5, AMBER),  # exactly red_below is no longer red
        (6.9999, AMBER),
        (7.0, GREEN),  # exactly green_from is green
        (10.0, GREEN),
    ],
)
def test_light_boundaries(score, colour):
    assert light(score, red_below=5.5, green_from=7.0) == colour


def test_light_without_amber_band():
    assert light(6.0, red_below=6.0, green_from=6.0) == GREEN
    assert light(5.99, red_below=6.0, green_from=6.0) == RED


# --- whisper_chain -------------------------------------------------------------------------

ORDER = ["board", "management", "team_lead", "executor"]


def test_whisper_chain_losses_and_worst_link():
    by_group = {"board": fixed(8.0), "management": fixed(7.5), "team_lead": fixed(6.5)}
    by_group["executor"] = fixed(4.0)
    chain = whisper_chain("care", by_group, ORDER)
    assert chain.goal == "care"
    assert [group for group, _ in chain.scores] == ORDER
    assert chain.links == [
        Link("board", "management", 0.5),
        Link("management", "team_lead", 1.0),
        Link("team_lead", "executor", 2.5),
    ]
    assert chain.worst == Link("team_lead", "executor", 2.5)


def test_whisper_chain_link_spans_suppressed_group():
    by_group = {
        "board": fixed(8.0),
        "management": fixed(7.5),
        "team_lead": None,  # suppressed
        "executor": fixed(5.0),
    }
    chain = whisper_chain("care", by_group, ORDER)
    assert [group for group, _ in chain.scores] == ["board", "management", "executor"]
    assert chain.links == [Link("board", "management", 0.5), Link("management", "executor", 2.5)]
    assert chain.worst == Link("management", "executor", 2.5)


def test_whisper_chain_missing_and_extra_groups():
    # A group absent from by_group is skipped like a suppressed one; a group outside the
    # order is not part of the chain.
    by_group = {"board": fixed(8.0), "executor": fixed(6.0), "outsider": fixed(1.0)}
    chain = whisper_chain("care", by_group, ORDER)
    assert [group for group, _ in chain.scores] == ["board", "executor"]
    assert chain.links == [Link("board", "executor", 2.0)]
    assert chain.worst == Link("board", "executor", 2.0)


def test_whisper_chain_no_worst_when_grades_only_rise():
    by_group = {"board": fixed(5.0), "management": fixed(6.0), "executor": fixed(7.0)}
    chain = whisper_chain("care", by_group, ORDER)
    assert chain.links == [Link("board", "management", -1.0), Link("management", "executor", -1.0)]
    assert chain.worst is None


def test_whisper_chain_no_worst_when_flat():
    chain = whisper_chain("care", {"board": fixed(6.0), "executor": fixed(6.0)}, ORDER)
    assert chain.links == [Link("board", "executor", 0.0)]
    assert chain.worst is None


def test_whisper_chain_rounds_float_noise_in_losses():
    chain = whisper_chain("care", {"board": fixed(7.3), "executor": fixed(6.1)}, ORDER)
    assert 7.3 - 6.1 != 1.2
    assert chain.links == [Link("board", "executor", 1.2)]


def test_whisper_chain_with_fewer_than_two_shown_groups():
    assert whisper_chain("care", {}, ORDER).links == []
    chain = whisper_chain("care", {"board": fixed(8.0), "executor": None}, ORDER)
    assert [group for group, _ in chain.scores] == ["board"]
    assert chain.links == []
    assert chain.worst is None


# --- triangle ---------------------------------------------------------------------------------


def test_triangle_picks_largest_gap():
    by_actor = {
        "municipality": fixed(6.0),
        "provider": fixed(8.5),
        "resident": fixed(5.0),
        "partner": None,  # suppressed: not part of any pair
    }
    assert triangle(by_actor) == Divergence("provider", "resident", 3.5)


def test_triangle_pair_is_in_alphabetical_order():
    assert triangle({"b": fixed(2.0), "a": fixed(9.0)}) == Divergence("a", "b", 7.0)


def test_triangle_needs_two_actors():
    assert triangle({}) is None
    assert triangle({"municipality": fixed(6.0)}) is None
    assert triangle({"municipality": fixed(6.0), "provider": None}) is None


def test_triangle_tie_does_not_depend_on_insertion_order():
    # a-c and c-d both lie 4 apart (and b-c too); the choice must not follow dict order.
    tie = [("a", fixed(7.0)), ("b", fixed(7.0)), ("c", fixed(3.0)), ("d", fixed(7.0))]
    assert triangle(dict(tie)).gap == 4.0
    assert triangle(dict(tie)) == triangle(dict(reversed(tie)))


# --- combined_light ---------------------------------------------------------------------------


def test_combined_light_grade_only():
    result = combined_light(fixed(6.0), Assessments(), THRESHOLDS)
    assert result == Light(AMBER, (Reason(AMBER, score=6.0),))


def test_combined_light_codings_only():
    result = combined_light(None, Assessments(positive=1, negative=3), THRESHOLDS)
    assert result == Light(RED, (Reason(RED, negative=3, judged=4),))


def test_combined_light_both_worse_wins_and_comes_first():
    result = combined_light(fixed(8.0), Assessments(positive=2, negative=2), THRESHOLDS)
    assert result == Light(RED, (Reason(RED, negative=2, judged=4), Reason(GREEN, score=8.0)))
    # And the other way round: a red grade beats green codings.
    result = combined_light(fixed(4.0), Assessments(positive=9, negative=0), THRESHOLDS)
    assert result == Light(RED, (Reason(RED, score=4.0), Reason(GREEN, negative=0, judged=9)))


def test_combined_light_both_equal_keeps_grade_first():
    result = combined_light(fixed(7.5), Assessments(positive=10, negative=1), THRESHOLDS)
    assert result.colour == GREEN
    assert result.reasons == (Reason(GREEN, score=7.5), Reason(GREEN, negative=1, judged=11))


def test_combined_light_too_few_codings_are_ignored():
    few = Assessments(positive=0, negative=2, neutral=10)  # neutral ones are not judged
    assert few.judged == 2
    assert combined_light(fixed(8.0), few, THRESHOLDS) == Light(GREEN, (Reason(GREEN, score=8.0),))
    assert combined_light(None, few, THRESHOLDS) == Light(None, ())


def test_combined_light_nothing_to_judge():
    assert combined_light(None, Assessments(), THRESHOLDS) == Light(None, ())


@pytest.mark.parametrize(
    ("positive", "negative", "colour"),
    [
        (4, 0, GREEN),
        (4, 1, GREEN),  # 0.2 < 0.25
        (3, 1, AMBER),  # exactly green_below_negative is no longer green
        (3, 2, AMBER),  # 0.4
        (2, 2, RED),  # exactly red_from_negative is red
        (0, 3, RED),
    ],
)
def test_combined_light_negative_share_boundaries(positive, negative, colour):
    result = combined_light(None, Assessments(positive, negative), THRESHOLDS)
    assert result.colour == colour


def test_assessments_add_up():
    total = Assessments(1, 2, 3) + Assessments(4, 5, 6)
    assert total == Assessments(5, 7, 9)
    assert total.judged == 12


# --- similarity and alignment ----------------------------------------------------------------


def test_similarity():
    assert similarity(frozenset({"wijk", "zorg"}), frozenset({"wijk", "zorg"})) == 1.0
    assert similarity(frozenset({"wijk"}), frozenset({"zorg"})) == 0.0
    assert similarity(frozenset({"a", "b"}), frozenset({"b", "c"})) == 0.5
    assert similarity(frozenset(), frozenset({"zorg"})) == 0.0
    assert similarity(frozenset(), frozenset()) == 0.0


def test_content_stems_skip_stop_words_and_short_words():
    assert content_stems("de het een en of") == frozenset()
    assert content_stems("Inwoners doen zelf mee in hun wijk") == content_stems(
        "inwoner wijk doen zelf mee"
    )
    assert "wijk" in content_stems("in de wijken")


INTENTS = [
    "Inwoners doen zelf mee in hun wijk",
    "De gemeente wil dat zorg dichtbij georganiseerd wordt",
]
REPEATING = "Inwoners in de wijk doen zelf mee"
PARTLY = "Zorg wordt dichtbij de inwoners georganiseerd"
UNRELATED = "De parkeerplaatsen worden duurder"


def test_alignment_repeating_answers_score_higher():
    result = alignment([UNRELATED, REPEATING, PARTLY], INTENTS, min_n=3)
    assert result.n == 3
    assert result.best == (REPEATING, 1.0)
    assert result.worst == (UNRELATED, 0.0)
    partly = max(similarity(content_stems(PARTLY), content_stems(i)) for i in INTENTS)
    assert 0.0 < partly < 1.0
    assert result.score == pytest.approx((1.0 + partly + 0.0) / 3)
    only_unrelated = alignment([UNRELATED, "Het weer is slecht"], INTENTS, min_n=2)
    assert only_unrelated.score < result.score
    assert only_unrelated.score == 0.0


def test_alignment_below_min_n_is_none():
    assert alignment([REPEATING, UNRELATED], INTENTS, min_n=3) is None
    # An answer without content words does not count towards the minimum.
    assert alignment([REPEATING, UNRELATED, "de het een"], INTENTS, min_n=3) is None
    assert alignment([], INTENTS, min_n=0) is None


def test_alignment_without_intents_is_none():
    assert alignment([REPEATING, UNRELATED], [], min_n=1) is None


def test_alignment_does_not_depend_on_answer_order():
    answers = [UNRELATED, REPEATING, PARTLY]
    assert alignment(answers, INTENTS, 1) == alignment(answers[::-1], INTENTS, 1)


# --- properties on generated respondents -------------------------------------------------

GOALS = ["care", "money"]
DIMENSIONS = {"policy": "agreement5", "assignment": "agreement5", "service": "grade10"}
LAYERS = ["board", "management", "executor"]
ACTORS = ["municipality", "provider", "resident"]
MIN_N = 3

VALUES = {
    "agreement5": st.sampled_from(["1", "2", "3", "4", "5", "dont_know"]),
    "grade10": st.sampled_from([str(v) for v in range(1, 11)] + ["dont_know"]),
}


@st.composite
def respondents_(draw):
    answers = {}
    for goal in GOALS:
        for dimension, scale in DIMENSIONS.items():
            if draw(st.booleans()):  # a question may be left open
                answers[(goal, dimension)] = (scale, draw(VALUES[scale]))
    return (draw(st.sampled_from(LAYERS)), draw(st.sampled_from(ACTORS)), answers)


respondents = st.lists(respondents_(), max_size=15)


def frequencies_of(people):
    """What a loader hands in: how often each raw value was given per cell."""
    counts = Counter()
    for layer, actor, answers in people:
        for (goal, dimension), (scale, value) in answers.items():
            counts[(goal, dimension, layer, actor, scale, value)] += 1
    return dict(counts)


def touched(person):
    """The cells a respondent adds a grade to."""
    layer, actor, answers = person
    return {
        (goal, dimension, layer, actor): score_of(value, SCALES[scale])
        for (goal, dimension), (scale, value) in answers.items()
        if score_of(value, SCALES[scale]) is not None
    }


def groupings(cells):
    """The pools the advice shows: cells, goal x layer, goal x actor, goal, everything."""
    yield cells
    yield pooled(cells, lambda goal, dimension, layer, actor: (goal, layer))
    yield pooled(cells, lambda goal, dimension, layer, actor: (goal, actor))
    yield pooled(cells, lambda goal, dimension, layer, actor: goal)
    yield pooled(cells, lambda *cell: "all")


@settings(max_examples=100, deadline=None)
@given(respondents)
def test_property_cell_sums_match_direct_computation(people):
    cells = cell_sums(frequencies_of(people), SCALES)
    grades = {}
    for person in people:
        for key, grade in touched(person).items():
            grades.setdefault(key, []).append(grade)
    assert set(cells) == set(grades)
    for key, values in grades.items():
        assert cells[key].n == len(values)
        assert cells[key].total == pytest.approx(sum(values))
        score = summarise(cells[key], min_n=1)
        assert score.mean == pytest.approx(statistics.fmean(values))
        if len(values) > 1:
            assert score.sd == pytest.approx(statistics.stdev(values), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(respondents)
def test_property_scores_lie_within_the_scale(people):
    cells = cell_sums(frequencies_of(people), SCALES)
    for grouping in groupings(cells):
        for sums in grouping.values():
            score = summarise(sums, min_n=1)
            assert score.n == sums.n
            assert 1.0 <= score.low <= score.mean <= score.high <= 10.0
            assert score.sd >= 0.0
            assert not math.isnan(score.sd)


@settings(max_examples=100, deadline=None)
@given(respondents, st.data())
def test_property_respondent_order_does_not_matter(people, data):
    shuffled = data.draw(st.permutations(people))
    cells = cell_sums(frequencies_of(people), SCALES)
    cells_shuffled = cell_sums(frequencies_of(shuffled), SCALES)
    assert cells_shuffled == cells
    for grouping, grouping_shuffled in zip(
        groupings(cells), groupings(cells_shuffled), strict=True
    ):
        assert grouping_shuffled == grouping
        for key, sums in grouping.items():
            assert summarise(grouping_shuffled[key], MIN_N) == summarise(sums, MIN_N)


@settings(max_examples=100, deadline=None)
@given(respondents, st.integers(min_value=1, max_value=8))
def test_property_suppression_never_reveals_small_groups(people, min_n):
    cells = cell_sums(frequencies_of(people), SCALES)
    for grouping in groupings(cells):
        for sums in grouping.values():
            assert (summarise(sums, min_n) is None) == (sums.n < min_n)
    by_layer = pooled(cells, lambda goal, dimension, layer, actor: (goal, layer))
    for goal in GOALS:
        sizes = {layer: by_layer.get((goal, layer), Sums()).n for layer in LAYERS}
        shown = {layer: summarise(by_layer.get((goal, layer), Sums()), min_n) for layer in LAYERS}
        chain = whisper_chain(goal, shown, LAYERS)
        assert all(score.n >= min_n for _, score in chain.scores)
        assert [group for group, _ in chain.scores] == [
            layer for layer in LAYERS if sizes[layer] >= min_n
        ]
        for link in chain.links:
            assert sizes[link.upper] >= min_n and sizes[link.lower] >= min_n
        assert len(chain.links) == max(len(chain.scores) - 1, 0)
        if chain.scores:
            first, last = chain.scores[0][1].mean, chain.scores[-1][1].mean
            assert sum(link.loss for link in chain.links) == pytest.approx(first - last)
        if chain.worst is not None:
            assert chain.worst.loss == max(link.loss for link in chain.links) > 0
        else:
            assert all(link.loss <= 0 for link in chain.links)


@settings(max_examples=100, deadline=None)
@given(respondents, respondents_())
def test_property_one_more_respondent_changes_only_their_cells(people, newcomer):
    before = cell_sums(frequencies_of(people), SCALES)
    after = cell_sums(frequencies_of([*people, newcomer]), SCALES)
    own = touched(newcomer)
    assert set(after) == set(before) | set(own)
    for key, sums in after.items():
        if key in own:
            assert sums == before.get(key, Sums()) + Sums.of(own[key])
            assert sums.n == before.get(key, Sums()).n + 1
        else:
            assert sums == before[key]


@settings(max_examples=100, deadline=None)
@given(respondents, st.data())
def test_property_sums_pool_in_any_order(people, data):
    cells = cell_sums(frequencies_of(people), SCALES)
    everything = pooled(cells, lambda *cell: "all").get("all", Sums())

    def add(parts):
        total = Sums()
        for part in parts:
            total = total + part
        return total

    # Pooling over everything equals adding up the parts, however the parts are cut ...
    for grouping in groupings(cells):
        assert add(grouping.values()) == everything
    # ... in whatever order they are added (commutativity) ...
    parts = list(cells.values())
    assert add(data.draw(st.permutations(parts))) == everything
    # ... and however they are bracketed (associativity).
    if parts:
        cut = data.draw(st.integers(min_value=0, max_value=len(parts)))
        assert add(parts[:cut]) + add(parts[cut:]) == everything
    assert everything.n == sum(len(touched(person)) for person in people)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(ACTORS + ["partner"]),
        st.one_of(st.none(), st.floats(min_value=1.0, max_value=10.0).map(fixed)),
    )
)
def test_property_triangle_gap_is_the_spread(by_actor):
    means = [score.mean for score in by_actor.values() if score is not None]
    result = triangle(by_actor)
    if len(means) < 2:
        assert result is None
    else:
        assert result.gap == max(means) - min(means)
        assert result.first < result.second
        assert {by_actor[result.first].mean, by_actor[result.second].mean} == {
            max(means),
            min(means),
        }


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.none(), st.floats(min_value=1.0, max_value=10.0).map(fixed)),
    st.builds(
        Assessments,
        st.integers(min_value=0, max_value=20),
        st.integers(min_value=0, max_value=20),
        st.integers(min_value=0, max_value=20),
    ),
)
def test_property_combined_light_is_the_worst_reason(score, assessments):
    result = combined_light(score, assessments, THRESHOLDS)
    expected_reasons = (score is not None) + (assessments.judged >= THRESHOLDS["min_judged"])
    assert len(result.reasons) == expected_reasons
    if not result.reasons:
        assert result.colour is None
    else:
        severity = {GREEN: 0, AMBER: 1, RED: 2}
        assert result.colour == result.reasons[0].colour
        assert severity[result.colour] == max(severity[r.colour] for r in result.reasons)
