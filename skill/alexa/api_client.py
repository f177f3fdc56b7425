"""Our ``ApiClient`` for the ASK SDK's service clients (``ServiceClientFactory``'s
``ReminderManagementServiceClient`` and ``UpsServiceClient``): the SDK builds every request (path,
headers, body) and reads every answer; this only carries it over HTTPS with the skill's limits.

Why not the SDK's ``DefaultApiClient``: it uses ``requests`` without a timeout, so a slow Alexa API
would hold the request past Alexa's 8 seconds, and it reports every failure alike. Here each call has
a socket timeout, runs on a small worker pool so the caller waits at most ``timeout`` seconds in
total, reads a bounded body, and tells a call that never left (``NotSent``: nothing changed) from
one whose answer was lost (``AnswerLost``: it may have been applied).
"""

from __future__ import annotations

import http.client
import json
import logging
import urllib.error
import urllib.request
from typing import TypeVar
from urllib.parse import urlsplit

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.services.api_client import ApiClient
from ask_sdk_model.services.api_client_request import ApiClientRequest
from ask_sdk_model.services.api_client_response import ApiClientResponse
from ask_sdk_model.services.api_configuration import ApiConfiguration
from ask_sdk_model.services.service_client_factory import ServiceClientFactory
from ask_sdk_model.services.service_exception import ServiceException

log = logging.getLogger("close_together.alexa_api")

T = TypeVar("T")


class NotSent(Exception):
    """The call never reached the API (refused, a scheme not allowed): nothing changed."""


class AnswerLost(Exception):
    """The call went out and no answer came in time (a timeout, a dropped connection): it may have
    been applied."""


class BoundedApiClient(ApiClient):
    """Carries one SDK request with urllib: a socket timeout, a bounded body, https only (plain http
    when ``allow_http``, for the local stand-ins). Any HTTP status is returned for the SDK to read."""

    def __init__(self, *, timeout: float, max_body: int, allow_http: bool) -> None:
        self.timeout, self.max_body, self.allow_http = timeout, max_body, allow_http

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        url = str(request.url)
        scheme = urlsplit(url).scheme
        if scheme != "https" and not (self.allow_http and scheme == "http"):
            raise NotSent("the apiEndpoint is not https")
        headers = dict(request.headers or [])
        data = json.dumps(request.body).encode() if request.body is not None else None
        outgoing = urllib.request.Request(url, data=data, method=str(request.method), headers=headers)
        try:
            with urllib.request.urlopen(outgoing, timeout=self.timeout) as reply:  # scheme checked above
                return ApiClientResponse(
                    headers=list(reply.headers.items()),
                    status_code=reply.status,
                    body=reply.read(self.max_body + 1)[: self.max_body].decode("utf-8", "replace"),
                )
        except urllib.error.HTTPError as err:
            with err:  # releases its connection
                body = err.read(self.max_body)[: self.max_body].decode("utf-8", "replace")
                return ApiClientResponse(headers=list(err.headers.items()), status_code=err.code, body=body)
        except urllib.error.URLError as err:
            if isinstance(err.reason, ConnectionRefusedError):
                raise NotSent("refused") from err
            raise AnswerLost(type(err.reason).__name__) from err
        except (OSError, http.client.HTTPException) as err:
            raise AnswerLost(type(err).__name__) from err


def factory(api_endpoint: str, token: str, client: BoundedApiClient) -> ServiceClientFactory:
    """The SDK's service client factory for one request's endpoint and token."""
    return ServiceClientFactory(
        ApiConfiguration(
            serializer=DefaultSerializer(), api_client=client, authorization_value=token, api_endpoint=api_endpoint
        )
    )


def lost(err: ServiceException) -> bool:
    """Whether an SDK service error hides a call whose answer was lost (it may have been applied)."""
    cause = err.__context__
    return isinstance(cause, AnswerLost)
