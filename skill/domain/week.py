"""A week as the summary counts it: Monday to Sunday in the couple's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Week:
    first: date  # Monday
    last: date  # Sunday

    @classmethod
    def containing(cls, day: date, weeks_back: int = 0) -> Week:
        monday = day - timedelta(days=day.weekday() + 7 * weeks_back)
        return cls(monday, monday + timedelta(days=6))

    def holds(self, iso: str) -> bool:
        return self.first.isoformat() <= iso <= self.last.isoformat()
