"""A conversation driver over real Alexa request envelopes (devtools/envelopes, the one builder the tests,
the benchmark and `make chat` share) that carries session attributes from turn to turn as Alexa does."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from content.speech import plain
from devtools.envelopes import DEVICE_ID, envelope, new_session_id, new_user_id
from skill.alexa import held


class Client(Protocol):
    def post(
        self, path: str, *, data: bytes, headers: dict[str, str] | None = None, content_type: str = ...
    ) -> Any: ...


def speech_text(response: dict[str, Any]) -> str:
    """The spoken answer as plain text (SSML tags removed): the output speech, then what an APL for
    Audio directive says after it (a timed step's question, after its held time and chime)."""
    said = plain(response["response"].get("outputSpeech", {}).get("ssml", ""))
    after = [plain(str(v)) for kind, v in held.played(response["response"].get("directives", [])) if kind == "speech"]
    return " ".join([said, *after]).strip()


def held_seconds(response: dict[str, Any]) -> float:
    """The time an answer holds in silence for a timed step (APL for Audio), in seconds."""
    return sum(float(v) for kind, v in held.played(response["response"].get("directives", [])) if kind == "silence")


@dataclass
class Conversation:
    """One Alexa user talking to the skill; each ``say`` is one request in the current session."""

    client: Any
    user_id: str = field(default_factory=new_user_id)
    device_id: str = DEVICE_ID
    session_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    last: dict[str, Any] = field(default_factory=dict)
    person_id: str | None = None  # set to speak as a recognised voice
    locale: str | None = None  # the device's locale (None: the envelope's own, en-US)

    def post(self, env: dict[str, Any]) -> dict[str, Any]:
        reply = self.client.post("/alexa", data=json.dumps(env).encode(), content_type="application/json")
        assert reply.status_code == 200, reply.get_data(as_text=True)
        body: dict[str, Any] = reply.get_json()
        self.last = body
        self.attributes = body.get("sessionAttributes") or {}
        if body["response"].get("shouldEndSession", False) is True:
            self.session_id = None
        return body

    def envelope(self, kind: str, at: datetime, **kwargs: Any) -> dict[str, Any]:
        """The next request of this conversation (a new session when none is open), not yet sent:
        for a test that changes it first, or sends it twice."""
        new = self.session_id is None
        if self.locale:
            kwargs.setdefault("locale", self.locale)
        if new:
            self.session_id = new_session_id()
            self.attributes = {}
        return envelope(
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

    def _send(self, kind: str, at: datetime, **kwargs: Any) -> dict[str, Any]:
        return self.post(self.envelope(kind, at, **kwargs))

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
        return plain(self.last["response"].get("reprompt", {}).get("outputSpeech", {}).get("ssml", ""))

    @property
    def card(self) -> dict[str, Any] | None:
        card: dict[str, Any] | None = self.last["response"].get("card")
        return card


# The words that tell a couple what to say next, by language ("say next", "sagt weiter", "di siguiente").
SAY_WORDS = {
    "en": r"\b(say|name)\b",
    "de": r"\b(sag|sagt|sagen|nenn|nennt)\b",
    "es": r"\b(di|dime|decid|digan|diga|dinos|nombra|nombrad|nombren)\b",
}


def ends_with_next_step(said: str, language: str = "en") -> bool:
    """An answer that expects a reply ends with a question or tells the couple what to say next."""
    last = re.split(r"(?<=[.?!])\s+", said.strip())[-1].lower()
    return last.endswith("?") or bool(re.search(SAY_WORDS[language], last))
