"""A spoken gratitude as the conversation and the weekly summary see it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

ROUND_ACTIVITY = "gratitude_round"  # what a finished round records in the profile's completions


@dataclass(frozen=True)
class Gratitude:
    """Who said it, to whom, the words, when (UTC), and which round it belongs to."""

    by: str
    to: str
    words: str
    at: datetime
    round_id: str
    each: int  # turns per partner the round was set to when this was said
    key: str = ""  # its sort key, once stored (used to rotate the summary's read-back)
    said_on: str = ""  # the couple's local ISO date it was said on, once stored

    def __repr__(self) -> str:  # never show the words or names in a traceback or a log
        return f"Gratitude(key={self.key!r}, round_id={self.round_id!r})"


def said_between(entries: Iterable[Gratitude], first: date, last: date) -> list[Gratitude]:
    """The entries said from ``first`` to ``last`` (the couple's local dates, inclusive), oldest first."""
    low, high = first.isoformat(), last.isoformat()
    return sorted((e for e in entries if low <= e.said_on <= high), key=lambda e: e.key)
