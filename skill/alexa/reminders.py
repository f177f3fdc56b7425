"""The Alexa Reminders API: create, move and delete one daily reminder, with a hard deadline.

An Alexa service edge like skill/alexa/device_settings.py: {apiEndpoint}/v1/alerts/reminders with the
request's apiAccessToken. POST creates (201 with an ``alertToken``), PUT .../{alertToken} updates,
DELETE .../{alertToken} deletes. Every call runs on a small worker pool so the request waits at most
``timeout`` seconds; the answer is an ``Outcome`` the conversation turns into words, never an
exception. 401 and 403 mean the couple has not (or no longer) allowed reminders.
"""

from __future__ import annotations

import enum
import http.client
import json
import logging
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from html import escape
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from ask_sdk_core.handler_input import HandlerInput

from skill.domain.reminder import Alert

log = logging.getLogger("close_together.reminders")

PERMISSION = "alexa::alerts:reminders:skill:readwrite"
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="alexa-reminders")
_MAX_BODY = 4096
_LIST_BODY = 65536  # a list of an account's reminders: a few, each under 2 KB


class Outcome(enum.Enum):
    OK = "ok"
    NO_PERMISSION = "no_permission"  # 401 / 403: ask the couple to allow reminders
    NOT_FOUND = "not_found"  # 404: the reminder is gone (deleted in the Alexa app, or expired)
    FAILED = "failed"  # 5xx, 429, refused before sending, an odd answer: nothing is known to have changed
    UNKNOWN = "unknown"  # sent, and no answer in time: it may or may not have changed


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    alert_token: str | None = None
    alerts: tuple[Alert, ...] = ()  # GET: this skill's reminders for the account, oldest first


_RULE_PART = re.compile(r"BY(HOUR|MINUTE)=(\d{1,2})")


def listed(reply: Any) -> tuple[Alert, ...] | None:
    """The reminders of a GET /v1/alerts/reminders answer with the time each rings (from its
    recurrence rule); None when the answer is not such a list."""
    if not isinstance(reply, dict) or not isinstance(reply.get("alerts", []), list):
        return None
    found = []
    for alert in reply.get("alerts", []):
        token = alert.get("alertToken") if isinstance(alert, dict) else None
        if not isinstance(token, str) or not token:
            continue
        rules = ((alert.get("trigger") or {}).get("recurrence") or {}).get("recurrenceRules") or [""]
        parts = dict(_RULE_PART.findall(str(rules[0])))
        found.append(Alert(token, int(parts.get("HOUR", 20)) % 24, int(parts.get("MINUTE", 0)) % 60))
    return tuple(found)


def _local(moment: datetime) -> str:
    """ISO 8601 local time without a zone, as the API wants it ("2026-11-16T20:00:00.000")."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000")


def daily_reminder(at: time, zone: str, locale: str, text: str, now: datetime) -> dict[str, Any]:
    """The body of a reminder that recurs every day at ``at`` in ``zone``, spoken in ``locale``."""
    local_now = now.astimezone(ZoneInfo(zone))
    start = local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if start <= local_now:
        start += timedelta(days=1)  # the first one is this evening if it is still ahead, else tomorrow's
    return {
        "requestTime": _local(local_now),
        "trigger": {
            "type": "SCHEDULED_ABSOLUTE",
            "timeZoneId": zone,
            "recurrence": {
                "startDateTime": _local(start),
                "recurrenceRules": [f"FREQ=DAILY;BYHOUR={at.hour};BYMINUTE={at.minute};BYSECOND=0;INTERVAL=1;"],
            },
        },
        "alertInfo": {
            "spokenInfo": {"content": [{"locale": locale, "text": text, "ssml": f"<speak>{escape(text)}</speak>"}]}
        },
        "pushNotification": {"status": "ENABLED"},
    }


def _call(method: str, url: str, token: str, body: dict[str, Any] | None, timeout: float) -> Result:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # the scheme is checked by the caller
            raw = reply.read((_LIST_BODY if method == "GET" else _MAX_BODY) + 1)
    except urllib.error.HTTPError as err:
        status = err.code
        err.close()  # release its connection
        if status in (401, 403):
            return Result(Outcome.NO_PERMISSION)
        if status == 404:
            return Result(Outcome.NOT_FOUND)
        log.warning("reminders API answered %s to a %s", status, method)
        return Result(Outcome.FAILED)
    if method == "GET":
        try:
            alerts = listed(json.loads(raw[:_LIST_BODY]))
        except ValueError:
            alerts = None
        if alerts is None:
            log.warning("reminders API listed reminders in an unexpected shape")
            return Result(Outcome.FAILED)
        return Result(Outcome.OK, alerts=alerts)
    if method != "POST":
        return Result(Outcome.OK)
    try:
        alert_token = json.loads(raw[:_MAX_BODY]).get("alertToken")
    except (ValueError, AttributeError):
        alert_token = None
    if not isinstance(alert_token, str) or not alert_token:
        log.warning("reminders API created a reminder without an alertToken")
        return Result(Outcome.FAILED)
    return Result(Outcome.OK, alert_token)


class RemindersApi:
    """The Reminders API as one request's token sees it."""

    def __init__(
        self, api_endpoint: str | None, token: str | None, *, timeout: float = 2.0, allow_http: bool = False
    ) -> None:
        self.endpoint = (api_endpoint or "").rstrip("/")
        self.token = token or ""
        self.timeout = timeout
        scheme = urlsplit(self.endpoint).scheme
        self.usable = bool(self.endpoint and self.token) and (scheme == "https" or (allow_http and scheme == "http"))

    def _run(self, method: str, path: str, body: dict[str, Any] | None = None) -> Result:
        if not self.usable:
            log.warning("reminders API not called: no https apiEndpoint or no apiAccessToken")
            return Result(Outcome.FAILED)
        future = _pool.submit(_call, method, self.endpoint + path, self.token, body, self.timeout)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            log.warning("reminders API took longer than %.1fs", self.timeout)
            return Result(Outcome.UNKNOWN if method != "GET" else Outcome.FAILED)
        except http.client.HTTPException:
            log.warning("reminders API answered with a broken reply")
            return Result(Outcome.UNKNOWN if method != "GET" else Outcome.FAILED)
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            log.warning("reminders API call failed (%s)", type(reason).__name__)
            # Refused before anything was sent: nothing changed. Any other loss (a timeout, a
            # dropped connection) may follow a request that Alexa applied.
            if method != "GET" and not isinstance(reason, ConnectionRefusedError | ValueError):
                return Result(Outcome.UNKNOWN)
        return Result(Outcome.FAILED)

    def create(self, body: dict[str, Any]) -> Result:
        return self._run("POST", "/v1/alerts/reminders", body)

    def update(self, alert_token: str, body: dict[str, Any]) -> Result:
        return self._run("PUT", f"/v1/alerts/reminders/{quote(alert_token, safe='')}", body)

    def listing(self) -> Result:
        """This skill's reminders for the account (GET): what Alexa really holds after a timeout."""
        return self._run("GET", "/v1/alerts/reminders")

    def delete(self, alert_token: str) -> Result:
        return self._run("DELETE", f"/v1/alerts/reminders/{quote(alert_token, safe='')}")


def permission_granted(handler_input: HandlerInput) -> bool:
    """The request says this account allowed reminders (the scope's status, or a consent token)."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    permissions = getattr(getattr(system, "user", None), "permissions", None)
    if permissions is None:
        return False
    scope = (getattr(permissions, "scopes", None) or {}).get(PERMISSION)
    if scope is not None:
        return str(getattr(getattr(scope, "status", None), "value", "")) == "GRANTED"
    return bool(getattr(permissions, "consent_token", None))


class Reminders:
    """The Reminders API client the skill is built with (skill/services.py); ``api`` binds one request's token."""

    def __init__(self, *, timeout: float, allow_http: bool) -> None:
        self.timeout = timeout
        self.allow_http = allow_http

    def api(self, handler_input: HandlerInput) -> RemindersApi:
        system = getattr(handler_input.request_envelope.context, "system", None)
        return RemindersApi(
            getattr(system, "api_endpoint", None),
            getattr(system, "api_access_token", None),
            timeout=self.timeout,
            allow_http=self.allow_http,
        )
