"""The test store refuses time bombs: an item whose TTL (``expires_at``) has already passed, or falls
due while the suite may still be running, is refused before it reaches DynamoDB Local, and fails the
test that wrote it. DynamoDB Local's sweeper deletes expired items by the real clock, mid-test, so a
test that stores gratitudes at a fixed calendar date starts failing on its own once that date plus the
retention has passed (it did, 90 days after 2 November 2026). Tests derive stored dates from today
(tests/support/couples.py ``coming``); a test that wants an expired item on purpose says so with
``@pytest.mark.expired_items``.

It watches every DynamoDB client made in the test process (they all come from boto3's default session,
whose handlers each new client copies); gunicorn and bench processes are outside it."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import boto3

from skill.store import keys

# The longest a whole `make test` may run on a busy two-core machine, with room to spare: an expiry
# sooner than this after the write may be swept while the suite still reads it.
SUITE_RUN_SECONDS = 2 * 60 * 60

_lock = threading.Lock()
_refused: list[str] = []
_allowed = [False]


class TimeBomb(AssertionError):
    """A test tried to store an item that expires before the suite is over."""


def _ttl_values(params: dict[str, Any]) -> list[int]:
    """Every TTL value a write carries: in an item (PutItem, transactions, batches), or set by an
    update expression (``SET #exp = :exp`` where ``#exp`` names ``expires_at``)."""
    found: list[int] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ttl = node.get(keys.TTL_ATTRIBUTE)
            if isinstance(ttl, dict) and "N" in ttl:
                found.append(int(ttl["N"]))
            update = node.get("UpdateExpression")
            if isinstance(update, str):
                names = [n for n, v in (node.get("ExpressionAttributeNames") or {}).items() if v == keys.TTL_ATTRIBUTE]
                for alias in [keys.TTL_ATTRIBUTE, *names]:
                    for value in re.findall(rf"{re.escape(alias)}\s*=\s*(:\w+)", update):
                        found.append(int(node["ExpressionAttributeValues"][value]["N"]))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(params)
    return found


_WRITES = ("PutItem", "UpdateItem", "TransactWriteItems", "BatchWriteItem")


def _refuse_time_bombs(params: dict[str, Any], model: Any, **_: Any) -> None:
    if model.name not in _WRITES or _allowed[0]:
        return
    horizon = time.time() + SUITE_RUN_SECONDS
    soon = [ttl for ttl in _ttl_values(params) if ttl < horizon]
    if soon:
        problem = (
            f"{model.name} stores an item expiring at {time.strftime('%Y-%m-%d %H:%M', time.gmtime(min(soon)))} UTC, "
            "before this suite is over: derive its dates from today (tests/support/couples.py coming), "
            "or mark the test @pytest.mark.expired_items"
        )
        with _lock:
            _refused.append(problem)
        raise TimeBomb(problem)


def install() -> None:
    """Before any client exists: every DynamoDB client of boto3's default session checks its writes."""
    boto3.setup_default_session()
    session = boto3.DEFAULT_SESSION
    assert session is not None
    session.events.register("before-parameter-build.dynamodb", _refuse_time_bombs, unique_id="time-bombs")


def begin(allowed: bool) -> None:
    with _lock:
        _refused.clear()
    _allowed[0] = allowed


def refused() -> list[str]:
    """The writes refused since ``begin`` (a refused write inside the skill is an apology, not an error)."""
    with _lock:
        return list(_refused)
