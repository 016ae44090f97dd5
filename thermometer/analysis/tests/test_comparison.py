"""Trends and the anonymised benchmark, on small hand-made snapshots."""

import random

from hypothesis import given
from hypothesis import strategies as st

from thermometer.analysis.comparison import (
    Snapshot,
    benchmark,
    comparable,
    measure_key,
    measures_of,
    size_class,
    trend,
)

SIGS = {"finances|effect": "a", "finances|policy": "b"}
EFFECT = measure_key("finances", "effect", "gemeente")
CELL = measure_key("finances", "", "gemeente")


def snap(scan, municipality="GM0629", mean=6.0, date="2026-01-01", signatures=SIGS, **kw):
    return Snapshot(
        scan=scan,
        municipality=municipality,
        method=kw.pop("method", "thermometer 1.1"),
        date=date,
        label=f"scan {scan}",
        population=kw.pop("population", 26_000),
        measures=kw.pop("measures", {EFFECT: (mean, 10), CELL: (mean + 0.5, 20)}),
        signatures=signatures,
    )


def test_measures_of_reads_shown_grades_and_leaves_suppressed_out():
    result = {
        "temperature": [
            {
                "goal": "finances",
                "dimension": "effect",
                "actors": {"gemeente": {"mean": 6.1, "n": 8}, "inwoner": None},
            }
        ],
        "matrix": [
            {"goal": "finances", "actor": "gemeente", "score": {"mean": 6.4, "n": 30}},
            {"goal": "finances", "actor": "inwoner", "score": None},
        ],
    }
    assert measures_of(result) == {EFFECT: (6.1, 8), CELL: (6.4, 30)}


def test_a_measure_compares_only_on_the_same_questions():
    base = snap(1)
    assert comparable(EFFECT, base, snap(2))
    reworded = snap(2, signatures={**SIGS, "finances|policy": "changed"})
    assert comparable(EFFECT, base, reworded)  # the effect questions are the same
    assert not comparable(CELL, base, reworded)  # the cell pools the changed ones too
    assert not comparable(EFFECT, base, snap(2, method="thermometer 1.0"))


def test_trend_runs_oldest_first_and_skips_what_does_not_match():
    current = snap(3, mean=7.0, date="2026-06-01")
    older = snap(1, mean=5.0, date="2025-01-01")
    middle = snap(2, mean=6.0, date="2025-09-01", signatures={**SIGS, "finances|policy": "x"})
    elsewhere = snap(9, municipality="GM0171", mean=9.0, date="2025-05-01")
    series = trend(current, [middle, elsewhere, older])
    assert [(p["scan"], p["mean"]) for p in series[EFFECT]] == [(1, 5.0), (2, 6.0), (3, 7.0)]
    assert [(p["scan"], p["mean"]) for p in series[CELL]] == [(1, 5.5), (3, 7.5)]
    assert trend(current, [elsewhere]) == {}


def _others(values, **kw):
    return [snap(i + 10, municipality=f"GM{i:04d}", mean=v, **kw) for i, v in enumerate(values)]


def test_benchmark_shows_spread_and_position_from_five_municipalities():
    own = snap(1, mean=6.0)
    result = benchmark(own, _others([4.0, 5.0, 6.0, 7.0, 8.0]))
    assert result[EFFECT] == {
        "municipalities": 5,
        "p25": 5.0,
        "median": 6.0,
        "p75": 7.0,
        "own": 6.0,
        "percentile": 50,
    }
    assert benchmark(own, _others([4.0, 5.0, 6.0, 7.0])) == {}


def test_benchmark_takes_each_municipality_once_and_never_itself():
    own = snap(1, mean=6.0)
    others = _others([4.0, 5.0, 6.0, 7.0])
    others.append(snap(50, municipality="GM0000", mean=9.9, date="2024-01-01"))  # older duplicate
    others.append(snap(51, municipality="GM0629", mean=1.0))  # own municipality, earlier scan
    assert benchmark(own, others) == {}


def test_benchmark_by_size_class():
    own = snap(1, mean=6.0, population=26_000)
    small = _others([5, 6, 7, 8, 9], population=15_000)
    assert benchmark(own, small)
    assert benchmark(own, small, same_size_class=True) == {}
    assert size_class(19_999) == "lt20k" and size_class(100_000) == "ge100k"
    assert size_class(None) is None


@given(
    st.lists(st.floats(min_value=1, max_value=10, allow_nan=False), min_size=0, max_size=12),
    st.floats(min_value=1, max_value=10, allow_nan=False),
    st.randoms(use_true_random=False),
)
def test_benchmark_properties(values, own_mean, rnd: random.Random):
    own = snap(1, mean=own_mean)
    others = _others(values)
    result = benchmark(own, others)
    shuffled = others[:]
    rnd.shuffle(shuffled)
    assert benchmark(own, shuffled) == result  # order of the other scans does not matter
    if len(values) < 5:
        assert result == {}  # never fewer than five municipalities
    else:
        shown = result[EFFECT]  # rounded to two decimals
        assert shown["municipalities"] == len(values)
        assert (
            min(values) - 0.005
            <= shown["p25"]
            <= shown["median"]
            <= shown["p75"]
            <= max(values) + 0.005
        )
        assert 0 <= shown["percentile"] <= 100
        assert set(shown) == {"municipalities", "p25", "median", "p75", "own", "percentile"}
