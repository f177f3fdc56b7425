"""What one request did, for its one structured log line: type, intent, outcome, latency, DynamoDB calls.

The web seam opens a ``RequestRecord`` per request (a contextvar, so each gunicorn thread has its
own); the store's botocore event hooks count DynamoDB calls into whichever record is open
(skill/store/client.py); the builder wraps the skill's exception handlers so the outcome says when a
request ended in an apology (skill/builder.py).
Nothing personal goes in: no user or device id, no slot values, no speech.
"""

from __future__ import annotations

import time
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from typing import Any

OK = "ok"
STORE_UNAVAILABLE = "store_unavailable"
OUTCOME_UNKNOWN = "outcome_unknown"  # a write may or may not have landed; the skill said so
ERROR = "error"  # a handler raised; the skill apologised
BAD_REQUEST = "bad_request"  # not a request we act on (400)
REJECTED = "rejected"  # failed signature, timestamp or skill id checks (400)
REFUSED = "refused"  # the SDK refused it, e.g. no handler or a foreign skill id (400)


@dataclass
class RequestRecord:
    started: float = field(default_factory=time.perf_counter)
    request_id: str | None = None
    request_type: str | None = None
    intent: str | None = None
    locale: str | None = None
    outcome: str = OK
    status: int = 200
    dynamodb_calls: int = 0
    dynamodb_failures: int = 0
    dynamodb_seconds: float = 0.0

    def fields(self) -> dict[str, Any]:
        """The log line's fields: only names, counts and times."""
        return {
            "request_id": self.request_id,
            "request_type": self.request_type,
            "intent": self.intent,
            "locale": self.locale,
            "outcome": self.outcome,
            "status": self.status,
            "latency_ms": round((time.perf_counter() - self.started) * 1000, 1),
            "dynamodb_calls": self.dynamodb_calls,
            "dynamodb_failures": self.dynamodb_failures,
            "dynamodb_ms": round(self.dynamodb_seconds * 1000, 1),
        }


_current: ContextVar[RequestRecord | None] = ContextVar("close_together_request", default=None)


def begin() -> tuple[RequestRecord, Token[RequestRecord | None]]:
    record = RequestRecord()
    return record, _current.set(record)


def end(token: Token[RequestRecord | None]) -> None:
    _current.reset(token)


def current() -> RequestRecord | None:
    return _current.get()


def set_outcome(outcome: str) -> None:
    record = _current.get()
    if record is not None:
        record.outcome = outcome
