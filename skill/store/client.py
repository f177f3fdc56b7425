"""The boto3 DynamoDB client: created lazily, once per worker process, never at import time."""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import TYPE_CHECKING, Any

import boto3
from botocore.config import Config

from skill.core import observe
from skill.core.settings import Settings
from skill.store.scope import enforce_deadline, note_attempt

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

# Alexa waits 8 seconds for an answer. Every number that bounds a DynamoDB call is set here, explicitly,
# and docs/security.md ("Time budget") derives the worst case from them:
# - one HTTP attempt takes at most CONNECT_TIMEOUT + READ_TIMEOUT (connect, then each socket read);
# - botocore's standard mode makes at most MAX_ATTEMPTS attempts per call and sleeps at most 1 s
#   between them (throttling backoff: rand(0, 1) x 1 s; other errors 25 ms);
# - no attempt starts later than STORE_BUDGET_SECONDS after the request arrived (skill.store.scope's
#   before-send hook, checked after any backoff sleep), so the store has given up by
#   STORE_BUDGET_SECONDS + MAX_BACKOFF + CONNECT_TIMEOUT + READ_TIMEOUT = 3.0 + 1.0 + 0.5 + 1.5 = 6.0 s
#   after arrival, whatever the table does, leaving 2 s of Alexa's 8 for the network.
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 1.5
MAX_ATTEMPTS = 2
STORE_BUDGET_SECONDS = 3.0
MAX_BACKOFF_SECONDS = 1.0

CLIENT_CONFIG = Config(
    connect_timeout=CONNECT_TIMEOUT,
    read_timeout=READ_TIMEOUT,
    retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
    max_pool_connections=16,
    tcp_keepalive=True,
)


# botocore's DEBUG logging dumps whole request and response bodies: names and gratitude words.
_PAYLOAD_LOGGERS = ("botocore.endpoint", "botocore.parsers")
_PAYLOAD_MESSAGES = ("Making request for", "Response body")


class DropPayloads(logging.Filter):
    """Drop botocore's payload dumps (whatever the log level), keep its other diagnostics."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_PAYLOAD_MESSAGES)


_DROP_PAYLOADS = DropPayloads()


def keep_payloads_out_of_logs() -> None:
    for name in _PAYLOAD_LOGGERS:
        logger = logging.getLogger(name)
        if _DROP_PAYLOADS not in logger.filters:
            logger.addFilter(_DROP_PAYLOADS)


# -- DynamoDB calls, counted by botocore's own events -------------------------------------------------

_STARTED = "close_together_started"


def _before_call(context: dict[str, Any], **_: Any) -> None:
    record = observe.current()
    if record is not None:
        record.dynamodb_calls += 1
        context[_STARTED] = time.perf_counter()


def _after_call(http_response: Any, context: dict[str, Any], **_: Any) -> None:
    _finished(context, failed=getattr(http_response, "status_code", 200) >= 300)


def _after_call_error(context: dict[str, Any], **_: Any) -> None:
    _finished(context, failed=True)


def _finished(context: dict[str, Any], failed: bool) -> None:
    record = observe.current()
    started = context.pop(_STARTED, None)
    if record is None or started is None:
        return
    record.dynamodb_seconds += time.perf_counter() - started
    if failed:
        record.dynamodb_failures += 1


def count_calls(client: Any) -> None:
    """Count every DynamoDB API call this client makes (once per call, however many retries)."""
    events = client.meta.events
    events.register("before-call.dynamodb", _before_call, unique_id="close-together-count-before")
    events.register("after-call.dynamodb", _after_call, unique_id="close-together-count-after")
    events.register("after-call-error.dynamodb", _after_call_error, unique_id="close-together-count-error")


def make_client(settings: Settings, config: Config = CLIENT_CONFIG) -> DynamoDBClient:
    keep_payloads_out_of_logs()
    kwargs: dict[str, Any] = {"region_name": settings.region, "config": config}
    if settings.dynamodb_endpoint:
        kwargs["endpoint_url"] = settings.dynamodb_endpoint
        # DynamoDB Local accepts any credentials; don't require a developer to have real ones.
        if not os.environ.get("AWS_ACCESS_KEY_ID"):
            kwargs["aws_access_key_id"] = "local"
            kwargs["aws_secret_access_key"] = "local"
    client = boto3.client("dynamodb", **kwargs)
    count_calls(client)  # counts calls per request for the request log line
    client.meta.events.register("before-send.dynamodb", enforce_deadline)
    client.meta.events.register("needs-retry.dynamodb", note_attempt, unique_id="close-together-in-doubt")
    return client


class LazyClient:
    """Holds one client per process; gunicorn forks workers, so it must not exist before the fork."""

    def __init__(self, settings: Settings, config: Config = CLIENT_CONFIG) -> None:
        self._settings = settings
        self._config = config
        self._client: DynamoDBClient | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def get(self) -> DynamoDBClient:
        if self._client is None or self._pid != os.getpid():
            with self._lock:
                if self._client is None or self._pid != os.getpid():
                    self._client = make_client(self._settings, self._config)
                    self._pid = os.getpid()
        return self._client
