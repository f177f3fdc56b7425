"""The streak rule, as pure functions over local calendar dates (README: "How the streak counts").

A streak counts the days on which the couple completed at least one practice. It is gentle:
one rest day in any seven does not break it. A second rest day within seven days, or two missed
days in a row, and the next practice starts a new streak at day one. The longest streak is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

REST_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Streak:
    current: int = 0
    longest: int = 0
    last_active: date | None = None
    last_rest: date | None = None


def _rest_allowed(streak: Streak, missed: date) -> bool:
    # Two rest days must be at least seven days apart, so no seven-day window holds two.
    return streak.last_rest is None or (missed - streak.last_rest).days >= REST_WINDOW_DAYS


def record_day(streak: Streak, today: date) -> Streak:
    """The streak after a completion today. Unchanged if today (or a later day) already counted."""
    last = streak.last_active
    if last is not None and today <= last:
        return streak
    gap = (today - last).days if last else None
    if gap == 1:
        current, rest = streak.current + 1, streak.last_rest
    elif gap == 2 and _rest_allowed(streak, today - timedelta(days=1)):
        current, rest = streak.current + 1, today - timedelta(days=1)
    else:
        current, rest = 1, None
    return Streak(current=current, longest=max(streak.longest, current), last_active=today, last_rest=rest)


def current(streak: Streak, today: date) -> int:
    """The streak as it stands today: still alive if a practice today (or already done) would continue it."""
    last = streak.last_active
    if last is None:
        return 0
    gap = (today - last).days
    if gap <= 1 or (gap == 2 and _rest_allowed(streak, today - timedelta(days=1))):
        return streak.current
    return 0
