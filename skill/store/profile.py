"""The couple profile: the one small item that every request reads and most requests write.

It holds only what the features need and stays bounded (a few hundred bytes to ~2 KB) however long
a couple uses the skill, so a request's cost does not grow with their history.
"""

from __future__ import annotations

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
# How many applied requests the profile remembers, so a redelivered request changes nothing
# (Alexa retries within seconds; eight covers two devices talking over each other).
APPLIED_REQUESTS = 8
# Fields that live only for one request and are never stored.
TRANSIENT_FIELDS = frozenset({"outcome"})


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
    # [[request token, outcome], ...] of the last APPLIED_REQUESTS writes, newest last (skill.store.scope)
    applied: list[list[str]] = field(default_factory=list)
    # Set by a change to name what it did ("completed_streak"); stored with the request token so a
    # redelivered request can answer the same way. Never stored on its own.
    outcome: str = field(default="", compare=False)

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

    def remember(self, token: str, outcome: str) -> None:
        """Note that the request ``token`` was applied, and what it did; bounded."""
        self.applied = [*(e for e in self.applied if e[0] != token), [token, outcome]][-APPLIED_REQUESTS:]

    def outcome_of(self, token: str | None) -> str | None:
        """What the request ``token`` did, when it was already applied to this profile; else None."""
        for entry in self.applied:
            if token is not None and len(entry) == 2 and entry[0] == token:
                return entry[1]
        return None

    def copy(self) -> Profile:
        return dataclasses.replace(
            self, recent=list(self.recent), done=[list(e) for e in self.done], last_done=dict(self.last_done),
            applied=[list(e) for e in self.applied], outcome="",
        )

    def to_attributes(self) -> dict[str, Any]:
        """Plain values for boto3's TypeSerializer (None values and transient fields are left out)."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v is not None and k not in TRANSIENT_FIELDS}

    @classmethod
    def from_attributes(cls, attrs: dict[str, Any]) -> Profile:
        known = {f.name for f in dataclasses.fields(cls)} - TRANSIENT_FIELDS
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
