"""The couple's evening reminder as the skill remembers it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReminderRecord:
    hour: int
    minute: int
    alert_token: str | None = None  # None while a create is claimed but not yet answered
    claimed_at: int = 0  # epoch seconds of the claim
    request: str | None = None  # the request that created it (a retried request answers the same)
