"""What the store knows about the request it serves: its id (idempotency) and its time budget.

The web seam opens one ``request_scope`` per Alexa request. Everything that writes through
``CoupleStore.update`` then gets two guarantees without doing anything itself:

* idempotency: the profile remembers the last few applied request ids, so the same request
  delivered twice (a retry after a lost response) changes the data once;
* a deadline: no DynamoDB attempt starts after the request's budget is spent (a botocore
  ``before-send`` hook raises ``DeadlineExceeded``), so a hung or slow table cannot hold the
  request past Alexa's 8 seconds. See docs/security.md for the worst case.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from botocore.exceptions import BotoCoreError, ConnectTimeoutError, EndpointConnectionError

from skill.store import keys

_request_token: ContextVar[str | None] = ContextVar("close_together_request_token", default=None)
_deadline: ContextVar[float | None] = ContextVar("close_together_deadline", default=None)
# Set while one write call runs: becomes True once an attempt of it may have reached DynamoDB
# without an answer (see ``note_attempt``).
_write_in_doubt: ContextVar[list[bool] | None] = ContextVar("close_together_write_in_doubt", default=None)


class DeadlineExceeded(BotoCoreError):
    """The request's time budget for DynamoDB is spent; no further attempt is started."""

    fmt = "the request's time budget for DynamoDB is spent"


@contextlib.contextmanager
def request_scope(request_id: str | None, deadline: float | None) -> Iterator[None]:
    """``deadline`` is a ``time.monotonic()`` instant after which no DynamoDB attempt starts."""
    token_reset = _request_token.set(keys.request_hash(request_id) if request_id else None)
    deadline_reset = _deadline.set(deadline)
    try:
        yield
    finally:
        _request_token.reset(token_reset)
        _deadline.reset(deadline_reset)


def current_request_token() -> str | None:
    return _request_token.get()


def step_token(token: str | None, step: str) -> str | None:
    """The token of one named write within a request (``main`` keeps the request's own token)."""
    if token is None or step == "main":
        return token
    return hashlib.sha256(f"{token}:{step}".encode()).hexdigest()[:12]


def remaining() -> float | None:
    """Seconds left in the current request's budget (None outside a request)."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


def enforce_deadline(**_: Any) -> None:
    """botocore ``before-send`` hook: runs before every HTTP attempt, retries included."""
    left = remaining()
    if left is not None and left <= 0:
        raise DeadlineExceeded()


@contextlib.contextmanager
def watching_write() -> Iterator[list[bool]]:
    """Around one DynamoDB write call: the yielded flag turns True when an attempt's outcome is unknown."""
    flag = [False]
    reset = _write_in_doubt.set(flag)
    try:
        yield flag
    finally:
        _write_in_doubt.reset(reset)


# Failures that prove the request never reached DynamoDB; any other failure after sending may have.
_NOT_SENT = (ConnectTimeoutError, EndpointConnectionError)


def note_attempt(response: Any = None, caught_exception: Exception | None = None, **_: Any) -> None:
    """botocore ``needs-retry`` hook: runs after every attempt, the last one included.

    An attempt is in doubt when it was sent and no answer came back (a read timeout, a dropped
    connection) or DynamoDB answered with a 5xx (an internal error may follow a write that applied).
    """
    flag = _write_in_doubt.get()
    if flag is None:
        return
    if caught_exception is not None:
        if not isinstance(caught_exception, _NOT_SENT):
            flag[0] = True
        return
    status = getattr(response[0], "status_code", 200) if isinstance(response, tuple) and response else 200
    if status >= 500:
        flag[0] = True
