"""The couple's evening reminder as the skill remembers it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time


@dataclass(frozen=True)
class ReminderRecord:
    hour: int
    minute: int
    alert_token: str | None = None  # None while a create is claimed but not yet answered
    claimed_at: int = 0  # epoch seconds of the claim
    request: str | None = None  # the request that created it (a retried request answers the same)
    # The account's data was deleted while this reminder could not be deleted with that request's
    # token (it is the partner's, or the Reminders API failed): the next request of this account
    # deletes it and says so once (docs/partners.md, "Deleting by voice").
    left: bool = False
    # A create, change or delete whose answer never came (a timeout): what Alexa holds is unknown
    # until the skill lists this account's reminders again (docs/echo-show-and-reminders.md).
    in_doubt: bool = False

    @property
    def time(self) -> time:
        return time(self.hour, self.minute)


@dataclass(frozen=True)
class Alert:
    """One of this skill's reminders as the Reminders API lists it for an account."""

    token: str
    hour: int
    minute: int


def keep_one(alerts: list[Alert], known: str | None) -> tuple[Alert | None, list[Alert]]:
    """After a timeout, which reminder to keep and which to delete so an account has at most one: the
    one the skill knows (``known``, its stored alert token) when Alexa still has it, else the
    newest listed (Alexa lists them oldest first). Returns the keeper and the extras."""
    if not alerts:
        return None, []
    keeper = next((a for a in alerts if a.token == known), alerts[-1])
    return keeper, [a for a in alerts if a is not keeper]
