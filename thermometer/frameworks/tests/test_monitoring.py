"""Periods as people and CBS write them, and the traffic light, trend and explanation of
an indicator against its norm.

Messages are checked in English (the msgids), so the tests do not depend on the Dutch
catalogue; one test checks that numbers and month names follow Dutch.
"""

import math
from pathlib import Path

import pytest
import yaml
from django.utils import translation

from thermometer.frameworks.monitoring import (
    KIND_FOR_FREQUENCY,
    Direction,
    Period,
    indicator_status,
    parse_period,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# Periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "kind", "number"),
    [
        ("2025", "2025", "year", 0),
        (" 2025 ", "2025", "year", 0),
        (2025, "2025", "year", 0),
        ("2025JJ00", "2025", "year", 0),
        ("2025-H1", "2025-H1", "half", 1),
        ("2025H2", "2025-H2", "half", 2),
        ("2025 HJ1", "2025-H1", "half", 1),
        ("2025-hj2", "2025-H2", "half", 2),
        ("2025HJ01", "2025-H1", "half", 1),
        ("H1 2025", "2025-H1", "half", 1),
        ("2025-Q3", "2025-Q3", "quarter", 3),
        ("2025Q3", "2025-Q3", "quarter", 3),
        ("2025 q3", "2025-Q3", "quarter", 3),
        ("2025 K3", "2025-Q3", "quarter", 3),
        ("2025-K4", "2025-Q4", "quarter", 4),
        ("2025 KW 1", "2025-Q1", "quarter", 1),
        ("2025KW03", "2025-Q3", "quarter", 3),
        ("Q3 2025", "2025-Q3", "quarter", 3),
        ("K2-2025", "2025-Q2", "quarter", 2),
        ("2025-03", "2025-03", "month", 3),
        ("2025-3", "2025-03", "month", 3),
        ("2025/12", "2025-12", "month", 12),
        ("03-2025", "2025-03", "month", 3),
        ("2025MM03", "2025-03", "month", 3),
        ("2025MM12", "2025-12", "month", 12),
    ],
)
def test_accepted_period_forms(text, code, kind, number):
    period = parse_period(text)
    assert (period.code, period.kind, period.number) == (code, kind, number)
    assert period.year == 2025


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The period is empty."),
        ("   ", "The period is empty."),
        ("2025-Q0", "“2025-Q0”: a year has quarters 1 to 4."),
        ("2025-Q5", "“2025-Q5”: a year has quarters 1 to 4."),
        ("2025KW05", "“2025KW05”: a year has quarters 1 to 4."),
        ("2025-H3", "“2025-H3”: a year has half years 1 and 2."),
        ("2025-13", "“2025-13”: a year has months 1 to 12."),
        ("2025MM00", "“2025MM00”: a year has months 1 to 12."),
        ("1899", "“1899”: the year must lie between 1900 and 2100."),
        ("2101-Q1", "“2101-Q1”: the year must lie between 1900 and 2100."),
    ],
)
def test_impossible_periods_are_refused_with_a_reason(text, message):
    with pytest.raises(ValueError) as error:
        parse_period(text)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "text",
    ["abc", "25-Q3", "2025JJ01", "2020G200", "2019X000", "2025SJ00", "2025 3", "2025.5", "Q3"],
)
def test_what_is_not_a_period_is_refused(text):
    with pytest.raises(ValueError) as error:
        parse_period(text)
    assert str(error.value) == (
        f"“{text}” is not a period. Write a year (2025), a half year (2025-H1), "
        "a quarter (2025-Q3) or a month (2025-03)."
    )


@pytest.mark.parametrize("value", [None, True, 2025.0, ["2025"]])
def test_only_text_and_whole_numbers_are_read(value):
    with pytest.raises(ValueError):
        parse_period(value)


def test_a_long_input_is_cut_in_the_message():
    with pytest.raises(ValueError) as error:
        parse_period("x" * 100)
    assert "“" + "x" * 39 + "…”" in str(error.value)


def test_codes_labels_and_cbs_codes():
    periods = [parse_period(text) for text in ("2025", "2025-H1", "2025-Q3", "2025-03")]
    assert [p.code for p in periods] == ["2025", "2025-H1", "2025-Q3", "2025-03"]
    assert [p.cbs_code for p in periods] == ["2025JJ00", "2025HJ01", "2025KW03", "2025MM03"]
    assert [p.label for p in periods] == ["2025", "2025 H1", "2025 Q3", "March 2025"]
    assert [str(p) for p in periods] == ["2025", "2025-H1", "2025-Q3", "2025-03"]


def test_every_period_round_trips_through_its_code_and_cbs_code():
    periods = [Period(2024, "year", 0)]
    periods += [Period(2024, "half", n) for n in (1, 2)]
    periods += [Period(2024, "quarter", n) for n in range(1, 5)]
    periods += [Period(2024, "month", n) for n in range(1, 13)]
    for period in periods:
        assert parse_period(period.code) == period
        assert parse_period(period.cbs_code) == period
        assert parse_period(period) is period


def test_periods_sort_by_year_first_month_and_last_month():
    texts = ["2025-Q2", "2024", "2025-04", "2025-H1", "2025", "2024-12", "2025-Q1"]
    ordered = sorted((parse_period(t) for t in texts), key=lambda p: p.sort_key)
    assert [p.code for p in ordered] == [
        "2024",
        "2024-12",
        "2025-Q1",
        "2025-H1",
        "2025",
        "2025-04",
        "2025-Q2",
    ]
    assert parse_period("2025-Q3").sort_key == (2025, 7, 9)


@pytest.mark.parametrize(
    ("year", "kind", "number"),
    [
        (2025, "year", 1),
        (2025, "half", 0),
        (2025, "quarter", 5),
        (2025, "week", 1),
        (1800, "year", 0),
    ],
)
def test_a_period_cannot_be_built_impossible(year, kind, number):
    with pytest.raises(ValueError):
        Period(year, kind, number)


def test_periods_are_frozen_and_hashable():
    period = parse_period("2025-Q3")
    assert {period, parse_period("2025KW03")} == {period}
    with pytest.raises(AttributeError):
        period.year = 2026


def test_every_frequency_of_the_method_has_a_period_kind():
    method = Path(__file__).resolve().parents[2] / "methods/definitions/raad_in_positie/1.0.yaml"
    keys = {entry["key"] for entry in yaml.safe_load(method.read_text())["frequencies"]}
    assert keys <= set(KIND_FOR_FREQUENCY)
    assert KIND_FOR_FREQUENCY["quarterly"] == "quarter"
    assert KIND_FOR_FREQUENCY["half_yearly"] == "half"
    assert KIND_FOR_FREQUENCY["yearly"] == "year"


# Status: norms ----------------------------------------------------------------------------


def status(values, norm, direction, **kwargs):
    kwargs.setdefault("unit", "%")
    return indicator_status(values, norm, direction, **kwargs)


def test_no_measurement_has_no_colour():
    result = status([], 15, "at_least")
    assert (result.colour, result.latest, result.previous, result.trend) == (None, None, None, None)
    assert result.explanation == "No measurement yet."
    assert result.colour_label == "no colour"
    assert result.series == ()


def test_the_example_sentence():
    result = status([("2025", 12.4)], 15, "at_least")
    assert result.colour == "red"
    assert result.explanation == (
        "2025: 12.4 % — norm at least 15 %: red (more than 10 % below the norm)"
    )


@pytest.mark.parametrize(
    ("value", "colour", "reason"),
    [
        (16.0, "green", "at or above the norm"),
        (15.0, "green", "at or above the norm"),  # exactly the norm
        (14.99, "amber", "below the norm, by at most 10 %"),
        (13.5, "amber", "below the norm, by at most 10 %"),  # exactly 15 x (1 - 0.1)
        (13.49, "red", "more than 10 % below the norm"),
        (0.0, "red", "more than 10 % below the norm"),
    ],
)
def test_at_least(value, colour, reason):
    result = status([("2025", value)], 15, "at_least")
    assert result.colour == colour
    assert result.explanation.endswith(f"norm at least 15 %: {colour} ({reason})")


@pytest.mark.parametrize(
    ("value", "colour", "reason"),
    [
        (9.0, "green", "at or below the norm"),
        (10.0, "green", "at or below the norm"),
        (10.5, "amber", "above the norm, by at most 10 %"),
        (11.0, "amber", "above the norm, by at most 10 %"),  # exactly 10 x (1 + 0.1)
        (11.01, "red", "more than 10 % above the norm"),
    ],
)
def test_at_most_mirrors_at_least(value, colour, reason):
    result = status([("2025", value)], 10, "at_most")
    assert result.colour == colour
    assert result.explanation.endswith(f"norm at most 10 %: {colour} ({reason})")


def test_the_band_edge_survives_rounding():
    # (0.3 - 0.27) / 0.3 is 0.10000000000000003 in floating point.
    assert status([("2025", 0.27)], 0.3, "at_least").colour == "amber"
    assert status([("2025", 0.33)], 0.3, "at_most").colour == "amber"


def test_the_tolerance_widens_or_removes_the_amber_band():
    wide = status([("2025", 12.4)], 15, "at_least", tolerance=0.2)
    assert (wide.colour, wide.explanation) == (
        "amber",
        "2025: 12.4 % — norm at least 15 %: amber (below the norm, by at most 20 %)",
    )
    narrow = status([("2025", 14.9)], 15, "at_least", tolerance=0.005)
    assert narrow.explanation.endswith("red (more than 0.5 % below the norm)")
    none = status([("2025", 14.99)], 15, "at_least", tolerance=0)
    assert (none.colour, none.explanation) == (
        "red",
        "2025: 15.0 % — norm at least 15 %: red (below the norm)",
    )
    assert status([("2025", 15)], 15, "at_least", tolerance=0).colour == "green"


@pytest.mark.parametrize(
    ("direction", "value", "colour", "end"),
    [
        ("at_least", 0.0, "green", "green (at or above the norm)"),
        ("at_least", 0.1, "green", "green (at or above the norm)"),
        ("at_least", -0.1, "red", "red (below the norm)"),  # no band around 0
        ("at_most", 0.0, "green", "green (at or below the norm)"),
        ("at_most", -2.0, "green", "green (at or below the norm)"),
        ("at_most", 0.1, "red", "red (above the norm)"),
    ],
)
def test_a_norm_of_zero_has_no_amber_band(direction, value, colour, end):
    result = status([("2025", value)], 0, direction, unit="")
    assert result.colour == colour
    assert result.explanation.endswith(end)


def test_a_negative_norm_measures_the_band_against_its_size():
    # At least -5 (say, a net outflow of at most 5): the band is 0.5 wide.
    assert status([("2025", -4.0)], -5, "at_least").colour == "green"
    assert status([("2025", -5.5)], -5, "at_least").colour == "amber"
    assert status([("2025", -5.6)], -5, "at_least").colour == "red"
    assert status([("2025", -4.5)], -5, "at_most").colour == "amber"


def test_a_norm_direction_without_a_norm_has_no_colour_but_a_trend():
    result = status([("2024", 10), ("2025", 12)], None, "at_least")
    assert (result.colour, result.trend) == (None, "up")
    assert result.explanation == "2025: 12.0 % — no norm has been set, so there is no colour."


def test_the_trend_does_not_change_a_norm_colour():
    falling = status([("2024", 30), ("2025", 20)], 15, "at_least")
    assert (falling.colour, falling.trend) == ("green", "down")


def test_numbers_follow_places_unit_and_the_norm_s_own_decimals():
    result = indicator_status([("2025", 7)], 12.5, "at_most", places=0, unit="dagen")
    assert (
        result.explanation
        == "2025: 7 dagen — norm at most 12.5 dagen: green (at or below the norm)"
    )
    bare = indicator_status([("2025", 80)], 90, "at_least")
    assert bare.explanation == "2025: 80.0 — norm at least 90: red (more than 10 % below the norm)"
    fine = indicator_status([("2025", 0.1234)], 0.125, "at_least", places=3)
    assert fine.explanation.startswith("2025: 0.123 — norm at least 0.125: amber")


def test_the_explanation_is_dutch_in_dutch():
    with translation.override("nl"):
        result = indicator_status([("2025-03", 12.4)], 15, "at_least", unit="%")
        assert result.explanation.startswith("maart 2025: 12,4 % — ")
        assert "15 %" in result.explanation and "10 %" in result.explanation
        large = indicator_status([("2025", 1234.5)], 1000.25, "at_least")
        assert large.explanation.startswith("2025: 1234,5 — ") and "1000,25" in large.explanation


# Status: trends ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "values", "colour", "trend", "reason"),
    [
        ("higher", [12.0], "amber", None, "only one measurement, no trend yet"),
        ("higher", [10.0, 12.0], "green", "up", "up from 10.0 in 2024"),
        ("higher", [12.0, 10.0], "red", "down", "down from 12.0 in 2024"),
        ("higher", [100.0, 101.0], "amber", "flat", "about the same as 100.0 in 2024"),
        ("higher", [100.0, 99.0], "amber", "flat", "about the same as 100.0 in 2024"),
        ("higher", [100.0, 101.01], "green", "up", "up from 100.0 in 2024"),
        ("lower", [12.0], "amber", None, "only one measurement, no trend yet"),
        ("lower", [12.0, 10.0], "green", "down", "down from 12.0 in 2024"),
        ("lower", [10.0, 12.0], "red", "up", "up from 10.0 in 2024"),
        ("lower", [-50.0, -50.4], "amber", "flat", "about the same as -50.0 in 2024"),
        ("lower", [-50.0, -50.6], "green", "down", "down from -50.0 in 2024"),
    ],
)
def test_higher_and_lower_follow_the_trend(direction, values, colour, trend, reason):
    periods = ["2024", "2025"][-len(values) :]
    result = indicator_status(list(zip(periods, values, strict=True)), None, direction)
    assert (result.colour, result.trend) == (colour, trend)
    rule = "higher is better" if direction == "higher" else "lower is better"
    value = f"{values[-1]:.1f}"
    assert result.explanation == f"2025: {value} — {rule}: {colour} ({reason})"


def test_from_zero_only_an_unchanged_zero_is_flat():
    assert indicator_status([("2024", 0), ("2025", 0)], None, "higher").trend == "flat"
    assert indicator_status([("2024", 0), ("2025", 0.001)], None, "higher").trend == "up"
    assert indicator_status([("2024", 0), ("2025", -0.001)], None, "higher").trend == "down"


def test_higher_and_lower_ignore_a_norm():
    result = indicator_status([("2024", 3), ("2025", 4)], 50, "higher")
    assert result.colour == "green"
    assert "norm" not in result.explanation


def test_labels_for_colour_and_trend():
    result = indicator_status([("2024", 12), ("2025", 10)], None, "lower")
    assert (result.colour_label, result.trend_label) == ("green", "falling")
    assert indicator_status([("2025", 1)], None, "lower").trend_label == ""
    assert indicator_status([("2025", 1)], 1, "at_least").colour_label == "green"


# Status: input -----------------------------------------------------------------------------


def test_unsorted_measurements_are_sorted_by_period():
    values = [("2025-Q1", 3.0), ("2024-Q4", 2.0), ("2024KW02", 1.0), ("2024 K3", 5.0)]
    result = indicator_status(values, None, "higher")
    assert [(p.code, v) for p, v in result.series] == [
        ("2024-Q2", 1.0),
        ("2024-Q3", 5.0),
        ("2024-Q4", 2.0),
        ("2025-Q1", 3.0),
    ]
    assert (result.latest[0].code, result.latest[1]) == ("2025-Q1", 3.0)
    assert (result.previous[0].code, result.previous[1]) == ("2024-Q4", 2.0)
    assert result.trend == "up"
    assert result.explanation == "2025 Q1: 3.0 — higher is better: green (up from 2.0 in 2024 Q4)"


def test_periods_and_numbers_of_other_types_are_accepted():
    result = indicator_status([(parse_period("2024"), 10), ("2025", "11.5")], 10, "at_least")
    assert result.latest == (parse_period("2025"), 11.5)


def test_the_previous_measurement_is_the_one_before_even_across_a_gap():
    result = indicator_status([("2021", 5), ("2025", 6)], None, "higher")
    assert result.previous == (parse_period("2021"), 5.0)


def test_mixed_period_kinds_are_refused():
    with pytest.raises(ValueError) as error:
        indicator_status([("2024", 1), ("2025-Q1", 2), ("2025-Q2", 2)], 1, "at_least")
    assert str(error.value) == (
        "The measurements mix periods of different kinds (year, quarter); "
        "an indicator is measured per one kind of period."
    )


def test_two_measurements_for_one_period_are_refused():
    with pytest.raises(ValueError) as error:
        indicator_status([("2025-Q3", 1), ("2025KW03", 2)], 1, "at_least")
    assert str(error.value) == "There are two measurements for 2025 Q3."


@pytest.mark.parametrize(
    ("values", "norm", "direction", "tolerance"),
    [
        ([("2025", 1)], 1, "sideways", 0.1),
        ([("2025", 1)], 1, "at_least", -0.1),
        ([("2025", 1)], 1, "at_least", 1.0),
        ([("2025", math.nan)], 1, "at_least", 0.1),
        ([("2025", math.inf)], 1, "at_least", 0.1),
        ([("2025", "veel")], 1, "at_least", 0.1),
        ([("2025", True)], 1, "at_least", 0.1),
        ([("2025", 1)], math.nan, "at_least", 0.1),
        ([("2025", 1)], math.inf, "at_most", 0.1),
        ([("veertig", 1)], 1, "at_least", 0.1),
    ],
)
def test_bad_input_is_refused(values, norm, direction, tolerance):
    with pytest.raises(ValueError):
        indicator_status(values, norm, direction, tolerance)


def test_an_unknown_direction_says_so():
    with pytest.raises(ValueError) as error:
        indicator_status([], None, "sideways")
    assert str(error.value) == "Unknown direction “sideways”."


def test_direction_values():
    assert [d.value for d in Direction] == ["at_least", "at_most", "higher", "lower"]
    assert indicator_status([("2025", 1)], 1, Direction.AT_LEAST).colour == "green"
