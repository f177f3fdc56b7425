"""Dates for tests that store something, derived from today (never a fixed calendar date).

Items carry a TTL and DynamoDB Local's sweeper deletes expired ones by the real clock, whatever time
a request says it is: a gratitude written at a fixed 2026 date vanishes 90 days later, mid-test. So a
test's evening is the next one of its weekday after today (the weekday keeps the story the same);
tests/support/expiry.py refuses writes that would expire before the suite is over. Pure-rule tests that
store nothing may keep fixed dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo


def coming(weekday: int) -> date:
    """The first ``weekday`` (Monday 0) after today."""
    today = date.today()
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def coming_at(weekday: int, hour: int, minute: int = 0, tz: tzinfo = UTC) -> datetime:
    """``hour``:``minute`` in ``tz`` on the first ``weekday`` after today."""
    day = coming(weekday)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


def week_label(monday: date) -> str:
    """A week as the card and the screen name it: "16 November to 22 November"."""
    sunday = monday + timedelta(days=6)
    return f"{monday.day} {monday:%B} to {sunday.day} {sunday:%B}"
