"""A couple's day is an evening: it runs from 4 a.m. to 4 a.m. in their time zone.

Couples practise late; a practice finished at 00:30 belongs to the evening it began in. Every
feature that speaks of "today" or "tonight" (the streak and its rest day, tonight's pick, the
weekly summary's days, tonight's question, greetings) asks this module, and nothing else, which
evening a moment belongs to.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

EVENING_ENDS_HOUR = 4
# "Tonight" is only said from this hour on (content/schema.py: part_of_day); before it, "today".
EVENING_WORDS_HOUR = 17


def evening_of(local: datetime) -> date:
    """The evening a local moment belongs to (before 4 a.m. it is still last night's)."""
    return (local - timedelta(hours=EVENING_ENDS_HOUR)).date()


def evening_at(now: datetime, zone: tzinfo) -> date:
    """The evening an aware instant belongs to where the couple is."""
    return evening_of(now.astimezone(zone))


def evening_clock(local: datetime) -> tuple[date, time]:
    """The evening a local moment belongs to and the time since that evening's day began (4 a.m. is
    00:00), so moments of one evening sort in the order they happened, 00:30 after 23:40."""
    shifted = local - timedelta(hours=EVENING_ENDS_HOUR)
    return shifted.date(), shifted.time().replace(microsecond=0)


# Stored dates are day numbers counted from this day (a few bytes where an ISO date takes ten): the
# profile's dates and its history (skill/store/profile_codec.py), and tonight's question's evening.
DAY_ZERO = date(2000, 1, 1)


def day_number(day: date) -> int:
    return day.toordinal() - DAY_ZERO.toordinal()


def day_from_number(number: int) -> date:
    return date.fromordinal(number + DAY_ZERO.toordinal())
