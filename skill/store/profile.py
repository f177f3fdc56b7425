"""The couple profile: the one small item that every request reads and most requests write.

It holds only what the features need and stays bounded (a few hundred bytes to ~2 KB) however long
a couple uses the skill, so a request's cost does not grow with their history.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from skill.streak import Streak, record_day

# How many days of completions the profile remembers: enough for this week and last week.
HISTORY_DAYS = 21
# How many past suggestions tonight's pick avoids.
RECENT_SUGGESTIONS = 3


@dataclass
class Profile:
    couple_id: str
    version: int = 0  # bumped by every write; writes are conditional on it
    time_zone: str | None = None
    streak: int = 0  # active days in the current run
    longest: int = 0
    last_active: str | None = None  # ISO date of the latest active day
    last_rest: str | None = None  # ISO date of the rest day the current run used
    tonight_date: str | None = None  # the evening `tonight` was picked for
    tonight: str | None = None  # practice id suggested for that evening
    recent: list[str] = field(default_factory=list)  # the last few suggestions, tonight's last
    done: list[list[str]] = field(default_factory=list)  # [[iso date, practice id], ...], bounded
    last_done: dict[str, str] = field(default_factory=dict)  # practice id -> ISO date
    # Gratitude round (docs/gratitude.md). Names are personal data: never logged.
    names: list[str] = field(default_factory=list)  # the partners' first names, in the order given
    voices: dict[str, int] = field(default_factory=dict)  # Alexa personId -> index into names
    readback: str | None = None  # sort key of the gratitude the last weekly summary read back
    # The guide by voice: where the couple was ({"kind", "id", "pos"}) for "what were we on?", and the
    # reasons heard in the current rotation (at most one of each, cleared when all were heard).
    browse: dict[str, Any] = field(default_factory=dict)
    reasons_heard: list[str] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.version == 0

    def last_active_date(self) -> date | None:
        return date.fromisoformat(self.last_active) if self.last_active else None

    def last_rest_date(self) -> date | None:
        return date.fromisoformat(self.last_rest) if self.last_rest else None

    def record_done(self, day: date, practice_id: str) -> None:
        iso = day.isoformat()
        self.done.append([iso, practice_id])
        cutoff = date.fromordinal(day.toordinal() - HISTORY_DAYS).isoformat()
        self.done = [entry for entry in self.done if entry[0] > cutoff]
        self.last_done[practice_id] = iso

    def streak_state(self) -> Streak:
        return Streak(self.streak, self.longest, self.last_active_date(), self.last_rest_date())

    def complete(self, day: date, practice_id: str) -> bool:
        """Count a completed practice on ``day``: the streak rule plus the bounded history.

        Returns False when there is nothing new to store (that practice already counted that day),
        so a retried or simultaneous "we did it" writes nothing.
        """
        old = self.streak_state()
        new = record_day(old, day)
        already = [day.isoformat(), practice_id] in self.done
        if new == old and already:
            return False
        self.streak, self.longest = new.current, new.longest
        self.last_active = new.last_active.isoformat() if new.last_active else None
        self.last_rest = new.last_rest.isoformat() if new.last_rest else None
        if not already:
            self.record_done(day, practice_id)
        return True

    def suggest(self, day: date, practice_id: str) -> None:
        self.recent = [*self.recent, practice_id][-RECENT_SUGGESTIONS:]
        self.tonight_date = day.isoformat()
        self.tonight = practice_id

    def copy(self) -> Profile:
        # A deep copy: drafts handed to a change must never alias the stored lists and maps.
        return copy.deepcopy(self)

    def to_attributes(self) -> dict[str, Any]:
        """Plain values for boto3's TypeSerializer (None values are left out)."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None}

    @classmethod
    def from_attributes(cls, attrs: dict[str, Any]) -> Profile:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: _plain(v) for k, v in attrs.items() if k in known})


def _plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal; the profile only stores whole numbers."""
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
