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

from botocore.exceptions import BotoCoreError

_request_token: ContextVar[str | None] = ContextVar("close_together_request_token", default=None)
_deadline: ContextVar[float | None] = ContextVar("close_together_deadline", default=None)


class DeadlineExceeded(BotoCoreError):
    """The request's time budget for DynamoDB is spent; no further attempt is started."""

    fmt = "the request's time budget for DynamoDB is spent"


def request_token(request_id: str) -> str:
    """A short fixed-length stand-in for an Alexa request id (ids are ~60 characters; this keeps
    the profile's memory of applied requests small and bounded whatever a client sends)."""
    return hashlib.sha256(request_id.encode("utf-8")).hexdigest()[:12]


@contextlib.contextmanager
def request_scope(request_id: str | None, deadline: float | None) -> Iterator[None]:
    """``deadline`` is a ``time.monotonic()`` instant after which no DynamoDB attempt starts."""
    token_reset = _request_token.set(request_token(request_id) if request_id else None)
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
