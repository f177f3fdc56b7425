"""The device's time zone from the Alexa Settings API, with a hard deadline.

GET {apiEndpoint}/v2/devices/{deviceId}/settings/System.timeZone with the request's apiAccessToken
answers a JSON string such as "Europe/Berlin". The ASK SDK's ``UpsServiceClient``
(``ServiceClientFactory``) builds the request and reads the answer, over our ``BoundedApiClient``
(skill/alexa/api_client.py). The call runs on a small worker pool so the request waits at most
``timeout`` seconds in total (connect, headers and body together); a slow, failing or odd answer
gives None and the caller falls back to the stored or default zone.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services.service_exception import ServiceException

from skill.alexa.api_client import BoundedApiClient, factory

log = logging.getLogger("close_together.device_settings")

_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="alexa-settings")
_MAX_BODY = 256


def _zone(service: Any, device_id: str) -> str | None:
    value = service.get_system_time_zone(device_id)
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
    client = BoundedApiClient(timeout=timeout, max_body=_MAX_BODY, allow_http=allow_http)
    service = factory(api_endpoint.rstrip("/"), token, client).get_ups_service()
    future = _pool.submit(_zone, service, device_id)
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        log.warning("time zone lookup took longer than %.1fs; using the stored or default zone", timeout)
    except (ServiceException, SerializationException, ValueError, TypeError, ZoneInfoNotFoundError) as err:
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
