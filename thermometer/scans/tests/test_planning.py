import datetime

from hypothesis import given
from hypothesis import strategies as st

from thermometer.scans.planning import add_workdays, suggest_planning

MONDAY = datetime.date(2026, 11, 2)


def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 11, 6)
    assert add_workdays(friday, 1) == datetime.date(2026, 11, 9)
    assert add_workdays(datetime.date(2026, 11, 7), 0) == datetime.date(2026, 11, 9)


def test_thermometer_like_planning_spans_about_a_month():
    durations = [("scope", 3), ("goals", 3), ("triangle", 5), ("matrix", 3), ("feedback", 4)]
    planning = suggest_planning(MONDAY, durations)
    assert planning["scope"] == datetime.date(2026, 11, 4)
    assert planning["feedback"] == datetime.date(2026, 11, 25)


def test_two_day_scan_falls_on_consecutive_working_days():
    planning = suggest_planning(
        datetime.date(2026, 11, 5), [("day1", 1), ("day2", 1), ("report", 0)]
    )
    assert planning == {
        "day1": datetime.date(2026, 11, 5),
        "day2": datetime.date(2026, 11, 6),
        "report": datetime.date(2026, 11, 6),
    }


@given(
    start=st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 1, 1)),
    durations=st.lists(st.integers(min_value=0, max_value=15), min_size=1, max_size=9),
)
def test_suggested_dates_are_working_days_in_order(start, durations):
    planning = suggest_planning(start, [(f"s{i}", d) for i, d in enumerate(durations)])
    dates = list(planning.values())
    assert all(day.weekday() < 5 for day in dates)
    assert dates == sorted(dates)
    assert dates[0] >= start
