"""A week as the summary counts it: the last seven evenings, tonight's included (skill/domain/evening.py).

Not a calendar week: a couple who practised every evening and asks on Monday morning hears about
those evenings, not "nothing logged this week" (issue 22). "Last week" is the seven evenings before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

EVENINGS = 7


@dataclass(frozen=True)
class Week:
    first: date  # the earliest evening
    last: date  # tonight's evening, or the last one of an earlier week

    @classmethod
    def ending(cls, evening: date, weeks_back: int = 0) -> Week:
        """The seven evenings up to ``evening`` (``weeks_back`` weeks earlier)."""
        last = evening - timedelta(days=EVENINGS * weeks_back)
        return cls(last - timedelta(days=EVENINGS - 1), last)

    def holds(self, iso: str) -> bool:
        return self.first.isoformat() <= iso <= self.last.isoformat()

    def longest_run(self, active: set[str]) -> int:
        """The most evenings in a row with a practice inside this week (ISO dates in ``active``):
        the streak figure the screen shows for an earlier week, whose own streak is not kept."""
        best = run = 0
        for n in range(EVENINGS):
            run = run + 1 if (self.first + timedelta(days=n)).isoformat() in active else 0
            best = max(best, run)
        return best
