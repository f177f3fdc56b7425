"""The device's time zone from the Alexa Settings API, with a hard deadline.

GET {apiEndpoint}/v2/devices/{deviceId}/settings/System.timeZone with the request's apiAccessToken
answers a JSON string such as "Europe/Berlin". The call runs on a small worker pool so the request
waits at most ``timeout`` seconds in total (connect, headers and body together); a slow, failing or
odd answer gives None and the caller falls back to the stored or default zone.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ask_sdk_core.handler_input import HandlerInput

log = logging.getLogger("close_together.device_settings")

_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="alexa-settings")
_MAX_BODY = 256


def time_zone_url(api_endpoint: str, device_id: str) -> str:
    return f"{api_endpoint.rstrip('/')}/v2/devices/{quote(device_id, safe='')}/settings/System.timeZone"


def _get(url: str, token: str, timeout: float) -> str | None:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # the scheme is checked by the caller
            if reply.status != 200:
                return None
            value = json.loads(reply.read(_MAX_BODY + 1)[:_MAX_BODY] or b"null")
    except urllib.error.HTTPError as err:
        err.close()  # an error status: release its connection, then report it like any other failure
        raise
    if not isinstance(value, str):
        return None
    ZoneInfo(value)  # raises for a name this machine does not know
    return value


def fetch_time_zone(
    api_endpoint: str | None,
    device_id: str | None,
    token: str | None,
    *,
    timeout: float = 0.8,
    allow_http: bool = False,
) -> str | None:
    """The device's IANA time zone, or None when it can't be had within ``timeout`` seconds."""
    if not (api_endpoint and device_id and token):
        return None
    scheme = urlsplit(api_endpoint).scheme
    if scheme != "https" and not (allow_http and scheme == "http"):
        log.warning("time zone not fetched: the apiEndpoint is not https")
        return None
    future = _pool.submit(_get, time_zone_url(api_endpoint, device_id), token, timeout)
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        log.warning("time zone lookup took longer than %.1fs; using the stored or default zone", timeout)
    except (urllib.error.URLError, OSError, ValueError, ZoneInfoNotFoundError) as err:
        log.warning("time zone lookup failed (%s); using the stored or default zone", type(err).__name__)
    return None


class DeviceSettings:
    """The Settings API client the skill is built with (skill/services.py): deadline and scheme rule set once."""

    def __init__(self, *, timeout: float, allow_http: bool) -> None:
        self.timeout = timeout
        self.allow_http = allow_http

    def time_zone(self, handler_input: HandlerInput) -> str | None:
        """The zone of the device this request came from, or None (see ``fetch_time_zone``)."""
        system = getattr(handler_input.request_envelope.context, "system", None)
        return fetch_time_zone(
            getattr(system, "api_endpoint", None),
            getattr(getattr(system, "device", None), "device_id", None),  # a request may come without one
            getattr(system, "api_access_token", None),
            timeout=self.timeout,
            allow_http=self.allow_http,
        )
