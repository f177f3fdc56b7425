"""Real Alexa request envelopes, as an Echo sends them: the one builder the tests, the benchmark and
`make chat` use.

The templates beside this file (launch, intent, session_ended, skill_disabled) are envelopes as Alexa
sends them; ``envelope`` fills in the user, device, time, session and intent of one request, and the
helpers below build the requests that have no template (Connections.Response, AlexaSkillEvent.*) and
the parts a caller adds (slot resolutions, a screen). Plain standard library: importing it pulls in
neither Flask nor pytest.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent
APP_ID = "amzn1.ask.skill.8f3d2b6e-1c4a-4e7f-9b0d-2a6c8e1f3b5d"
DEVICE_ID = "amzn1.ask.device.AEXAMPLEDEVICEID"
# What an Echo Show sends: the APL interface, and the viewport the skill lays its screen out for.
APL = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}


@cache
def _template(name: str) -> str:
    return (TEMPLATES / f"{name}.json").read_text()


def load(name: str) -> dict[str, Any]:
    """A fresh copy of one stored envelope ("launch", "intent", "session_ended", "skill_disabled")."""
    data: dict[str, Any] = json.loads(_template(name))
    return data


def stamp(at: datetime) -> str:
    """A request timestamp as Alexa writes it (UTC, whole seconds, a Z)."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_user_id() -> str:
    return f"amzn1.ask.account.TEST{uuid.uuid4().hex.upper()}"


def new_session_id() -> str:
    return f"amzn1.echo-api.session.{uuid.uuid4()}"


def new_request_id() -> str:
    return f"amzn1.echo-api.request.{uuid.uuid4()}"


def slot(name: str, value: str | dict[str, Any]) -> dict[str, Any]:
    """One slot as Alexa sends it: a heard value, or a whole slot given as a dict (e.g. with resolutions)."""
    if isinstance(value, dict):
        return {"name": name, **value}
    return {"name": name, "value": value, "confirmationStatus": "NONE"}


def resolved(value: str, *, authority: str, match: tuple[str, str] | None = None) -> dict[str, Any]:
    """A custom slot's value with Alexa's entity resolution: ``match`` is the (id, name) it resolved to;
    without one, Alexa reports ER_SUCCESS_NO_MATCH and lists no values."""
    resolution: dict[str, Any] = {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
    if match is not None:
        resolution["status"]["code"] = "ER_SUCCESS_MATCH"
        resolution["values"] = [{"value": {"name": match[1], "id": match[0]}}]
    return {"value": value, "confirmationStatus": "NONE", "resolutions": {"resolutionsPerAuthority": [resolution]}}


def envelope(
    kind: str,
    *,
    user_id: str,
    at: datetime,
    device_id: str = DEVICE_ID,
    intent: str | None = None,
    slots: dict[str, Any] | None = None,
    session_id: str | None = None,
    new: bool = False,
    attributes: dict[str, Any] | None = None,
    request_id: str | None = None,
    person_id: str | None = None,
    api_endpoint: str | None = None,
    api_access_token: str | None = None,
    locale: str | None = None,
    application_id: str | None = None,
) -> dict[str, Any]:
    """An envelope of one kind ("launch", "intent", "session_ended") for this user at this time.

    ``slots`` maps each slot name to its heard value or to a whole slot (``resolved``); ``person_id``
    is a recognised voice; ``api_endpoint`` is where the skill's Alexa API calls go (a local stand-in),
    with ``api_access_token`` as their bearer token.
    """
    env = load(kind)
    system = env["context"]["System"]
    for holder in (env["session"]["user"], system["user"]):
        holder["userId"] = user_id
    system["device"]["deviceId"] = device_id
    if application_id is not None:
        for holder in (env["session"], system):
            holder["application"]["applicationId"] = application_id
    if person_id is not None:  # Alexa recognised the speaker's voice
        system["person"] = {"personId": person_id}
    if api_endpoint is not None:
        system["apiEndpoint"] = api_endpoint
    if api_access_token is not None:
        system["apiAccessToken"] = api_access_token
    env["session"]["new"] = new
    env["session"]["sessionId"] = session_id or new_session_id()
    env["session"]["attributes"] = copy.deepcopy(attributes or {})
    env["request"]["timestamp"] = stamp(at)
    env["request"]["requestId"] = request_id or new_request_id()
    if locale is not None:
        env["request"]["locale"] = locale
    if intent is not None:
        env["request"]["intent"] = {
            "name": intent,
            "confirmationStatus": "NONE",
            "slots": {name: slot(name, value) for name, value in (slots or {}).items()},
        }
    return env


def skill_disabled_event(user_id: str, at: datetime) -> dict[str, Any]:
    """AlexaSkillEvent.SkillDisabled as Alexa delivers it: no session, no device."""
    env = load("skill_disabled")
    env["context"]["System"]["user"]["userId"] = user_id
    env["request"]["timestamp"] = stamp(at)
    return env


def skill_event(event_type: str, at: datetime, request_id: str | None = None) -> dict[str, Any]:
    """The request of an AlexaSkillEvent.* (``event_type``: "SkillEnabled", ...), created and published at ``at``."""
    when = stamp(at)
    return {
        "type": f"AlexaSkillEvent.{event_type}",
        "requestId": request_id or new_request_id(),
        "timestamp": when,
        "eventCreationTime": when,
        "eventPublishingTime": when,
    }


def connections_response(
    *, user_id: str, at: datetime, name: str, status: str, payload: dict[str, Any], token: str
) -> dict[str, Any]:
    """Alexa's Connections.Response to a Connections.SendRequest the skill sent (e.g. "AskFor" a permission),
    in the session that asked."""
    env = envelope("intent", user_id=user_id, at=at)
    env["request"] = {
        "type": "Connections.Response",
        "requestId": new_request_id(),
        "timestamp": env["request"]["timestamp"],
        "locale": "en-US",
        "name": name,
        "status": {"code": "200", "message": "OK"},
        "payload": {**payload, "status": status},
        "token": token,
    }
    return env


def on_screen(env: dict[str, Any], viewport: dict[str, Any]) -> dict[str, Any]:
    """``env`` as an Echo Show sends it: APL among the supported interfaces, and its viewport."""
    env["context"]["System"]["device"]["supportedInterfaces"] = copy.deepcopy(APL)
    env["context"]["Viewport"] = viewport
    return env
