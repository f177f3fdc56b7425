"""The request mix: one evening of a couple, as a table of request types -> envelope builders.

Every target (floors, skill, peer) receives the same real Alexa envelopes (tests/envelopes/*.json
with the user, time, session and intent filled in). The gratitude and weekly-summary types are used
only when the interaction model has such intents; until then they are reported as not yet available.
"""

from __future__ import annotations

import copy
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENVELOPES = ROOT / "tests" / "envelopes"
MODEL = ROOT / "deploy" / "skill-package" / "interactionModels" / "custom" / "en-US.json"
EVENING = time(21, 0)
# The day every seeded history ends before (history covers the days up to the day before it).
BASE_DAY = date(2026, 11, 2)

# Said in a gratitude turn by the load generator (bench text only, never a real couple's words).
GRATITUDE_WORDS = "I'm grateful that you made us tea and listened while I talked about my day"
FIRST_NAMES = ("Sam", "Alex")


@cache
def _template(kind: str) -> str:
    return (ENVELOPES / f"{kind}.json").read_text()


def user_id(pool: str, index: int) -> str:
    """A stable Alexa-style user id for couple ``index`` of a seeded pool."""
    tag = hashlib.sha256(f"{pool}:{index}".encode()).hexdigest()[:40].upper()
    return f"amzn1.ask.account.BENCH{tag}"


def at_evening(day: date) -> datetime:
    return datetime.combine(day, EVENING, tzinfo=UTC)


def envelope(kind: str, *, user: str, at: datetime, session_id: str, new: bool,
             attributes: dict[str, Any], intent: str | None = None,
             slots: dict[str, str] | None = None) -> dict[str, Any]:
    env: dict[str, Any] = json.loads(_template(kind))
    for holder in (env["session"]["user"], env["context"]["System"]["user"]):
        holder["userId"] = user
    env["session"]["new"] = new
    env["session"]["sessionId"] = session_id
    env["session"]["attributes"] = copy.deepcopy(attributes)
    env["request"]["timestamp"] = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    env["request"]["requestId"] = f"amzn1.echo-api.request.{uuid.uuid4()}"
    if intent is not None:
        env["request"]["intent"] = {"name": intent, "confirmationStatus": "NONE", "slots": {
            name: {"name": name, "value": value, "confirmationStatus": "NONE"}
            for name, value in (slots or {}).items()}}
    return env


# -- the interaction model decides which request types exist yet ---------------------------------

@dataclass(frozen=True)
class ModelIntent:
    name: str
    samples: tuple[str, ...]
    slots: dict[str, str]  # slot name -> slot type


@cache
def model_intents() -> tuple[ModelIntent, ...]:
    model = json.loads(MODEL.read_text())["interactionModel"]["languageModel"]
    return tuple(
        ModelIntent(i["name"], tuple(s.lower() for s in i.get("samples", [])),
                    {s["name"]: s["type"] for s in i.get("slots", []) or []})
        for i in model["intents"] if not i["name"].startswith("AMAZON.")
    )


def _find(words: tuple[str, ...], avoid: tuple[str, ...] = (), prefer: tuple[str, ...] = ()) -> ModelIntent | None:
    found = [i for i in model_intents()
             if any(w in s for s in i.samples for w in words) and not any(a in s for s in i.samples for a in avoid)]
    found.sort(key=lambda i: -sum(p in s for s in i.samples for p in prefer))
    return found[0] if found else None


def gratitude_intent() -> ModelIntent | None:
    """The intent that takes a gratitude turn: samples mention gratitude or being grateful."""
    return _find(("gratitude", "grateful"), prefer=("start", "round"))


def summary_intent() -> ModelIntent | None:
    """The weekly summary: samples mention the week or a summary (and not gratitude)."""
    return _find(("this week", "summary", "our week"), avoid=("gratitude", "grateful"))


def slot_values(intent: ModelIntent) -> dict[str, str]:
    """Plausible spoken values for the intent's slots (free speech gets a gratitude sentence)."""
    values: dict[str, str] = {}
    for name, kind in intent.slots.items():
        if kind == "AMAZON.SearchQuery":
            values[name] = GRATITUDE_WORDS
        elif kind in ("AMAZON.FirstName", "AMAZON.US_FIRST_NAME"):
            values[name] = FIRST_NAMES[len(values) % 2]
    return values


# -- the table -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RequestType:
    """One kind of request in a couple's evening; ``session`` is "new" (one-shot or launch) or "continue"."""

    name: str
    kind: str  # envelope template: launch or intent
    intent: str | None
    session: str
    slots: dict[str, str] = field(default_factory=dict)
    available: bool = True
    why_not: str = ""


# Default names the peer answers to while the skill has no such intents yet.
PEER_GRATITUDE_INTENT = "GratitudeIntent"
PEER_SUMMARY_INTENT = "WeeklySummaryIntent"


def request_types() -> tuple[RequestType, ...]:
    """The evening, in order: open, ask for tonight's exercise, start it, then one-shots afterwards."""
    gratitude, summary = gratitude_intent(), summary_intent()
    return (
        RequestType("launch", "launch", None, "new"),
        RequestType("tonight", "intent", "TonightsExerciseIntent", "continue"),
        RequestType("start", "intent", "StartExerciseIntent", "continue"),
        RequestType("did_it", "intent", "CompletedExerciseIntent", "new"),
        RequestType("gratitude", "intent", gratitude.name if gratitude else PEER_GRATITUDE_INTENT, "new",
                    slot_values(gratitude) if gratitude else {"gratitude": GRATITUDE_WORDS},
                    available=gratitude is not None,
                    why_not="" if gratitude else "not yet available: no gratitude intent in the interaction model"),
        RequestType("summary", "intent", summary.name if summary else PEER_SUMMARY_INTENT, "new",
                    available=summary is not None,
                    why_not="" if summary else "not yet available: no weekly summary intent in the interaction model"),
    )


def active_types(include_unavailable: bool = False) -> tuple[RequestType, ...]:
    return tuple(t for t in request_types() if t.available or include_unavailable)


@dataclass
class Couple:
    """A couple's evenings, one request at a time, carrying session attributes as Alexa does."""

    user: str
    day: date
    types: tuple[RequestType, ...]
    step: int = 0
    session_id: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)

    def next(self) -> tuple[RequestType, dict[str, Any]]:
        rtype = self.types[self.step]
        new = rtype.session == "new" or not self.session_id
        if new:
            self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
            self.attributes = {}
        env = envelope(rtype.kind, user=self.user, at=at_evening(self.day), session_id=self.session_id, new=new,
                       attributes=self.attributes, intent=rtype.intent, slots=rtype.slots)
        self.step += 1
        if self.step == len(self.types):
            self.step = 0
            self.day += timedelta(days=1)
        return rtype, env

    def answered(self, body: dict[str, Any]) -> None:
        if body.get("response", {}).get("shouldEndSession") is True:
            self.session_id = ""
            self.attributes = {}
        else:
            self.attributes = body.get("sessionAttributes") or {}


