"""Suggest a date per step from the method's durations, in working days."""

import datetime


def add_workdays(start: datetime.date, days: int) -> datetime.date:
    """``start`` moved forward by ``days`` working days (Monday to Friday)."""
    current = start
    while current.weekday() >= 5:
        current += datetime.timedelta(days=1)
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def suggest_planning(start: datetime.date, durations: list[tuple[str, int]]) -> dict:
    """Map each step key to the working day on which it should be done.

    A step of duration 0 (a moment, such as a presentation) falls on the day
    the previous step ends; the first step starts on ``start`` (or the next
    working day).
    """
    planning = {}
    day = add_workdays(start, 0)
    for index, (key, duration) in enumerate(durations):
        # The first day of the scan counts as day one of the first step.
        span = max(duration - 1, 0) if index == 0 else duration
        day = add_workdays(day, span)
        planning[key] = day
    return planning
