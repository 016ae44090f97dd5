import datetime

from thermometer.core.periods import add_months


def test_months_are_added_as_calendar_months():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 2), 12) == datetime.date(2027, 11, 2)
    assert add_months(datetime.date(2024, 2, 29), 24) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 12, 15), 1) == datetime.date(2027, 1, 15)
    assert add_months(datetime.date(2026, 3, 31), 0) == datetime.date(2026, 3, 31)
