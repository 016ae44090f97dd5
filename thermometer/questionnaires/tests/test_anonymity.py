from hypothesis import given
from hypothesis import strategies as st

from thermometer.questionnaires.anonymity import reporting_groups

ORDER = ["bestuur", "visie", "beleid", "regelgeving", "opdrachtgeving", "uitvoering", "inwoner"]


def test_large_layers_stand_alone_and_small_ones_join_the_layer_above():
    counts = {"bestuur": 6, "visie": 2, "beleid": 8, "uitvoering": 12, "inwoner": 3}
    groups = reporting_groups(counts, ORDER, 5)
    assert groups["bestuur"] == ("bestuur", "visie")
    assert groups["visie"] == ("bestuur", "visie")
    assert groups["beleid"] == ("beleid",)
    assert groups["inwoner"] == ("uitvoering", "inwoner")


def test_small_layers_at_the_top_are_pooled():
    groups = reporting_groups({"bestuur": 2, "visie": 3, "beleid": 9}, ORDER, 5)
    assert groups["bestuur"] == groups["visie"] == ("bestuur", "visie")


def test_everything_too_small_is_suppressed():
    assert reporting_groups({"bestuur": 2, "beleid": 1}, ORDER, 5) == {
        "bestuur": None,
        "beleid": None,
    }


@given(
    st.dictionaries(st.sampled_from(ORDER), st.integers(min_value=0, max_value=20)),
    st.integers(min_value=1, max_value=10),
)
def test_no_reported_group_is_smaller_than_the_minimum(counts, min_size):
    groups = reporting_groups(counts, ORDER, min_size)
    for layer, group in groups.items():
        if group is not None:
            assert layer in group
            assert sum(counts.get(g, 0) for g in group) >= min_size
    # A layer is suppressed only when the whole scan is below the minimum.
    if any(g is None for g in groups.values()):
        assert sum(counts.values()) < min_size
    assert set(groups) == {layer for layer, n in counts.items() if n}
