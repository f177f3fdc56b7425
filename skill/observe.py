"""What one request did, for its one structured log line: type, intent, outcome, latency, DynamoDB calls.

The web seam opens a ``RequestRecord`` per request (a contextvar, so each gunicorn thread has its
own); a botocore event hook on the DynamoDB client counts calls into whichever record is open; the
skill's exception handlers are wrapped so the outcome says when a request ended in an apology.
Nothing personal goes in: no user or device id, no slot values, no speech.
"""

from __future__ import annotations

import time
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from skill.store.errors import OutcomeUnknown, StoreUnavailable

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


# -- DynamoDB calls, counted by botocore's own events -------------------------------------------------

_STARTED = "close_together_started"


def _before_call(context: dict[str, Any], **_: Any) -> None:
    record = _current.get()
    if record is not None:
        record.dynamodb_calls += 1
        context[_STARTED] = time.perf_counter()


def _after_call(http_response: Any, context: dict[str, Any], **_: Any) -> None:
    _finished(context, failed=getattr(http_response, "status_code", 200) >= 300)


def _after_call_error(context: dict[str, Any], **_: Any) -> None:
    _finished(context, failed=True)


def _finished(context: dict[str, Any], failed: bool) -> None:
    record = _current.get()
    started = context.pop(_STARTED, None)
    if record is None or started is None:
        return
    record.dynamodb_seconds += time.perf_counter() - started
    if failed:
        record.dynamodb_failures += 1


def instrument(client: Any) -> None:
    """Count every DynamoDB API call this client makes (once per call, however many retries)."""
    events = client.meta.events
    events.register("before-call.dynamodb", _before_call, unique_id="close-together-count-before")
    events.register("after-call.dynamodb", _after_call, unique_id="close-together-count-after")
    events.register("after-call-error.dynamodb", _after_call_error, unique_id="close-together-count-error")


# -- outcomes of requests that ended in an exception handler ---------------------------------------


class Observed(AbstractExceptionHandler):
    """Wraps one of the skill's exception handlers: records the outcome, then lets it answer."""

    def __init__(self, inner: AbstractExceptionHandler) -> None:
        self.inner = inner

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return bool(self.inner.can_handle(handler_input, exception))

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response | None:
        set_outcome(
            STORE_UNAVAILABLE
            if isinstance(exception, StoreUnavailable)
            else OUTCOME_UNKNOWN
            if isinstance(exception, OutcomeUnknown)
            else ERROR
        )
        return self.inner.handle(handler_input, exception)
