"""Real Alexa request envelopes (tests/envelopes/*.json), loaded by one helper, and a conversation
driver that carries session attributes from turn to turn as Alexa does."""

from __future__ import annotations

import copy
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

ENVELOPES = Path(__file__).resolve().parent / "envelopes"
APP_ID = "amzn1.ask.skill.8f3d2b6e-1c4a-4e7f-9b0d-2a6c8e1f3b5d"


@cache
def _template(name: str) -> str:
    return (ENVELOPES / f"{name}.json").read_text()


def load(name: str) -> dict[str, Any]:
    """A fresh copy of one stored envelope."""
    data: dict[str, Any] = json.loads(_template(name))
    return data


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_user_id() -> str:
    return f"amzn1.ask.account.TEST{uuid.uuid4().hex.upper()}"


def envelope(
    kind: str,
    *,
    user_id: str,
    at: datetime,
    device_id: str = "amzn1.ask.device.AEXAMPLEDEVICEID",
    intent: str | None = None,
    slots: dict[str, Any] | None = None,
    session_id: str | None = None,
    new: bool = False,
    attributes: dict[str, Any] | None = None,
    request_id: str | None = None,
    person_id: str | None = None,
) -> dict[str, Any]:
    """An envelope of one kind ("launch", "intent", "session_ended") for this user at this time."""
    env = load(kind)
    for holder in (env["session"]["user"], env["context"]["System"]["user"]):
        holder["userId"] = user_id
    env["context"]["System"]["device"]["deviceId"] = device_id
    env["session"]["new"] = new
    env["session"]["sessionId"] = session_id or f"amzn1.echo-api.session.{uuid.uuid4()}"
    env["session"]["attributes"] = copy.deepcopy(attributes or {})
    env["request"]["timestamp"] = stamp(at)
    env["request"]["requestId"] = request_id or f"amzn1.echo-api.request.{uuid.uuid4()}"
    if intent is not None:
        env["request"]["intent"] = {
            "name": intent,
            "confirmationStatus": "NONE",
            "slots": {
                name: {"name": name, **value}
                if isinstance(value, dict)  # a whole slot, e.g. with resolutions
                else {"name": name, "value": value, "confirmationStatus": "NONE"}
                for name, value in (slots or {}).items()
            },
        }
    if person_id is not None:  # Alexa recognised the speaker's voice
        env["context"]["System"]["person"] = {"personId": person_id}
    return env


class Client(Protocol):
    def post(
        self, path: str, *, data: bytes, headers: dict[str, str] | None = None, content_type: str = ...
    ) -> Any: ...


def speech_text(response: dict[str, Any]) -> str:
    """The spoken answer as plain text (SSML tags removed)."""
    ssml = response["response"].get("outputSpeech", {}).get("ssml", "")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", ssml)).replace("&amp;", "&").strip()


@dataclass
class Conversation:
    """One Alexa user talking to the skill; each ``say`` is one request in the current session."""

    client: Any
    user_id: str = field(default_factory=new_user_id)
    device_id: str = "amzn1.ask.device.AEXAMPLEDEVICEID"
    session_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    last: dict[str, Any] = field(default_factory=dict)
    person_id: str | None = None  # set to speak as a recognised voice

    def post(self, env: dict[str, Any]) -> dict[str, Any]:
        reply = self.client.post("/alexa", data=json.dumps(env).encode(), content_type="application/json")
        assert reply.status_code == 200, reply.get_data(as_text=True)
        body: dict[str, Any] = reply.get_json()
        self.last = body
        self.attributes = body.get("sessionAttributes") or {}
        if body["response"].get("shouldEndSession", False) is True:
            self.session_id = None
        return body

    def _send(self, kind: str, at: datetime, **kwargs: Any) -> dict[str, Any]:
        new = self.session_id is None
        if new:
            self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
            self.attributes = {}
        return self.post(
            envelope(
                kind,
                user_id=self.user_id,
                device_id=self.device_id,
                at=at,
                new=new,
                session_id=self.session_id,
                attributes=self.attributes,
                person_id=self.person_id,
                **kwargs,
            )
        )

    def launch(self, at: datetime) -> str:
        self.session_id = None
        return speech_text(self._send("launch", at))

    def say(self, intent: str, at: datetime, **slots: Any) -> str:
        """An intent in the current session (a one-shot opens a new one)."""
        return speech_text(self._send("intent", at, intent=intent, slots=slots))

    def one_shot(self, intent: str, at: datetime, **slots: Any) -> str:
        self.session_id = None
        return self.say(intent, at, **slots)

    @property
    def ended(self) -> bool:
        return bool(self.last["response"].get("shouldEndSession"))

    @property
    def reprompt(self) -> str:
        ssml = self.last["response"].get("reprompt", {}).get("outputSpeech", {}).get("ssml", "")
        return re.sub(r"<[^>]+>", " ", ssml).strip()

    @property
    def card(self) -> dict[str, Any] | None:
        card: dict[str, Any] | None = self.last["response"].get("card")
        return card


def ends_with_next_step(said: str) -> bool:
    """An answer that expects a reply ends with a question or tells the couple what to say next."""
    last = re.split(r"(?<=[.?!])\s+", said.strip())[-1].lower()
    return last.endswith("?") or bool(re.search(r"\b(say|name)\b", last))
