"""What joining a partner's couple can come to."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from skill.domain.profile import Profile


class JoinOutcome(enum.Enum):
    JOINED = "joined"
    WRONG = "wrong"  # no such code (never issued, already used, or deleted)
    EXPIRED = "expired"
    THROTTLED = "throttled"
    BUSY = "busy"  # all accounts together are over the global cap: try again in a minute
    OWN_CODE = "own_code"
    ALREADY_LINKED = "already_linked"  # the joining account is linked already
    TAKEN = "taken"  # the account that issued the code is linked to someone else by now


@dataclass(frozen=True)
class JoinResult:
    outcome: JoinOutcome
    profile: Profile | None = None  # the shared couple's profile when joined
