"""The Alexa Reminders API: create, list, move and delete one daily reminder, with a hard deadline.

An Alexa service edge like skill/alexa/device_settings.py, through the ASK SDK's
``ReminderManagementServiceClient`` (``ServiceClientFactory``), which builds every request
({apiEndpoint}/v1/alerts/reminders with the request's apiAccessToken) and reads every answer, over our
``BoundedApiClient`` (skill/alexa/api_client.py), which keeps the deadline. POST creates (an
``alertToken``), GET lists this skill's reminders for the account, PUT .../{alertToken} updates,
DELETE .../{alertToken} deletes. Each call runs on a small worker pool so the request waits at most
``timeout`` seconds; the answer is an ``Outcome`` the conversation turns into words, never an
exception. 401 and 403 mean the couple has not (or no longer) allowed reminders.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services.service_exception import ServiceException

from content import speech
from skill.alexa.api_client import BoundedApiClient, factory, lost
from skill.domain.reminder import Alert

log = logging.getLogger("close_together.reminders")

PERMISSION = "alexa::alerts:reminders:skill:readwrite"
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="alexa-reminders")
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


def listed(reply: Any) -> tuple[Alert, ...]:
    """The reminders of a GET /v1/alerts/reminders answer (its JSON) with the time each rings, read
    from its recurrence rule."""
    alerts = reply.get("alerts") if isinstance(reply, dict) else None
    found = []
    for alert in alerts if isinstance(alerts, list) else []:
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
        "alertInfo": {"spokenInfo": {"content": [{"locale": locale, "text": text, "ssml": speech.document(text)}]}},
        "pushNotification": {"status": "ENABLED"},
    }


def _outcome(err: ServiceException, method: str) -> Outcome:
    if lost(err):
        return Outcome.UNKNOWN if method != "GET" else Outcome.FAILED
    status = int(getattr(err, "status_code", 0) or 0)
    if status in (401, 403):
        return Outcome.NO_PERMISSION
    if status == 404:
        return Outcome.NOT_FOUND
    log.warning("reminders API answered %s to a %s", status, method)
    return Outcome.FAILED


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
        self._client = BoundedApiClient(timeout=timeout, max_body=_LIST_BODY, allow_http=allow_http)

    def _run(self, method: str, call: Callable[[Any], Result]) -> Result:
        if not self.usable:
            log.warning("reminders API not called: no https apiEndpoint or no apiAccessToken")
            return Result(Outcome.FAILED)
        service = factory(self.endpoint, self.token, self._client).get_reminder_management_service()
        future = _pool.submit(call, service)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            log.warning("reminders API took longer than %.1fs", self.timeout)
            return Result(Outcome.UNKNOWN if method != "GET" else Outcome.FAILED)
        except ServiceException as err:
            return Result(_outcome(err, method))
        except (ValueError, TypeError, AttributeError, KeyError, SerializationException) as err:  # unreadable
            log.warning("reminders API answered in an unexpected shape (%s)", type(err).__name__)
            return Result(Outcome.UNKNOWN if method == "POST" else Outcome.FAILED)

    def create(self, body: dict[str, Any]) -> Result:
        def call(service: Any) -> Result:
            token = getattr(service.create_reminder(body), "alert_token", None)
            if not isinstance(token, str) or not token:
                log.warning("reminders API created a reminder without an alertToken")
                return Result(Outcome.UNKNOWN)  # one may exist: the next ask lists them
            return Result(Outcome.OK, token)

        return self._run("POST", call)

    def update(self, alert_token: str, body: dict[str, Any]) -> Result:
        return self._run("PUT", lambda service: _done(service.update_reminder(alert_token, body)))

    def listing(self) -> Result:
        """This skill's reminders for the account (GET): what Alexa really holds after a timeout."""

        def call(service: Any) -> Result:
            # The same request the SDK's get_reminders builds, read as plain JSON: the SDK's model of
            # its answer names a class that ask-sdk-model does not ship (alert_info_spoken_info), so
            # any listed reminder with spoken text fails to deserialize (SerializationException).
            reply = service.invoke(
                method="GET",
                endpoint=self.endpoint,
                path="/v1/alerts/reminders",
                query_params=[],
                header_params=[
                    ("Content-type", "application/json"),
                    ("User-Agent", service.user_agent),
                    ("Authorization", f"Bearer {self.token}"),
                ],
                path_params={},
                response_definitions=[],
                body=None,
                response_type="object",
            )
            return Result(Outcome.OK, alerts=listed(reply.body))

        return self._run("GET", call)

    def delete(self, alert_token: str) -> Result:
        return self._run("DELETE", lambda service: _done(service.delete_reminder(alert_token)))


def _done(_: object) -> Result:
    return Result(Outcome.OK)


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
