"""What the web seam learnt about a request before dispatch, handed to the skill as the SDK's context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
class RequestContext:
    # Alexa's request timestamp as UTC: "now" for day boundaries. With verification on it is within
    # 150 s of the server clock; using it keeps a retried request on the same day.
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
