"""The peer: the same evening written the idiomatic ASK SDK way, for comparison only (never shipped).

As the ASK SDK's samples and docs do it: ``CustomSkillBuilder`` with the official
``DynamoDbAdapter`` (ask-sdk-dynamodb-persistence-adapter), a request interceptor that loads the
couple's whole attribute map and a response interceptor that saves it back; the history kept as
lists inside that map (every completion and suggestion, the gratitudes). Two modes (env
``BENCH_PEER_MODE``):

* ``fair`` (the default, the peer the targets are judged against): the skill's retention for
  everything, so that a ratio measures the design and not what is kept: gratitudes older than 90
  days dropped, as the skill's expire; completions and suggestions kept 14 days, and the latest
  completion of each practice (the skill's profile window, skill.domain.profile.HISTORY_DAYS); the
  map saved only when a request changed it (the other common idiom: compare with what was loaded).
  Its streak is counted within what it keeps (the skill stores a count; a few bytes, not measured);
* ``idiomatic``: today's idiomatic peer, the second reference: the same, but every completion and
  suggestion kept forever (as the ASK SDK's samples keep history);
* ``naive``: every gratitude kept forever and the map saved on every request, read-only ones too.
It implements every request type of the mix (bench/mix.py), the gratitude round and the weekly summary included.

``gunicorn -c deploy/gunicorn.conf.py 'bench.peer:create_app()'`` (env BENCH_PEER_TABLE,
SKILL_DYNAMODB_ENDPOINT, AWS_REGION). Verification is off: the load generator cannot sign.
"""

from __future__ import annotations

import copy
import json
import os
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

# The adapter builds a default boto3 resource at import time, which needs a region.
os.environ.setdefault("AWS_DEFAULT_REGION", os.environ.get("AWS_REGION", "us-east-1"))

import boto3
from ask_sdk_core.dispatch_components import (
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import get_intent_name, is_intent_name, is_request_type
from ask_sdk_dynamodb.adapter import DynamoDbAdapter
from ask_sdk_model import RequestEnvelope, Response
from flask import Flask
from flask import Response as HttpResponse
from flask import request as http_request

from content.loader import load_catalogue
from content.schema import Catalogue, Practice
from skill.domain import profile

PARTITION_KEY = "id"
ATTRIBUTES = "attributes"


def _today(handler_input: HandlerInput) -> date:
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    return stamp.date() if isinstance(stamp, datetime) else datetime.now(UTC).date()


def _attrs(handler_input: HandlerInput) -> dict[str, Any]:
    attrs: dict[str, Any] = handler_input.attributes_manager.persistent_attributes
    for name in ("completions", "suggestions", "gratitudes"):
        attrs.setdefault(name, [])
    return attrs


def _names(handler_input: HandlerInput) -> tuple[str, str]:
    names = list(_attrs(handler_input).get("names") or ["Sam", "Alex"])
    return str(names[0]), str(names[-1])


def streak(attrs: dict[str, Any], today: date) -> int:
    """Consecutive days with a completion, ending today or yesterday (from the whole history list)."""
    days = {date.fromisoformat(c["date"]) for c in attrs["completions"]}
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


# The fair peer keeps gratitudes as long as the skill does (SKILL_GRATITUDE_RETENTION_DAYS), and
# completions and suggestions as long as the skill's profile does.
RETENTION_DAYS = 90
HISTORY_DAYS = profile.HISTORY_DAYS
MODES = ("fair", "idiomatic", "naive")


def keep(attrs: dict[str, Any], today: date, history_days: int | None) -> None:
    """Drop what the mode does not keep: gratitudes past RETENTION_DAYS; with ``history_days``,
    completions and suggestions older than that, except each practice's latest completion."""
    oldest = (today - timedelta(days=RETENTION_DAYS)).isoformat()
    attrs["gratitudes"] = [g for g in attrs.get("gratitudes", []) if g["date"] > oldest]
    if history_days is None:
        return
    window = (today - timedelta(days=history_days)).isoformat()
    completions = attrs.get("completions", [])
    latest = {c["practice"]: c for c in completions}  # in date order: the last one wins
    attrs["completions"] = [c for c in completions if c["date"] > window or latest[c["practice"]] is c]
    attrs["suggestions"] = [x for x in attrs.get("suggestions", []) if x["date"] > window]


LOADED = "loaded"


class LoadAttributes(AbstractRequestInterceptor):
    def __init__(self, compare: bool) -> None:
        self.fair = compare

    def process(self, handler_input: HandlerInput) -> None:
        attrs = _attrs(handler_input)  # reads the whole item (GetItem, strongly consistent)
        if self.fair:
            handler_input.attributes_manager.request_attributes[LOADED] = copy.deepcopy(attrs)


class SaveAttributes(AbstractResponseInterceptor):
    def __init__(self, mode: str) -> None:
        self.fair = mode != "naive"
        self.history_days = HISTORY_DAYS if mode == "fair" else None

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        manager = handler_input.attributes_manager
        if self.fair:
            attrs: dict[str, Any] = manager.persistent_attributes
            keep(attrs, _today(handler_input), self.history_days)
            if attrs == manager.request_attributes.get(LOADED):
                return  # nothing changed: no write
        manager.save_persistent_attributes()  # writes the whole item (PutItem)


class Base(AbstractRequestHandler):
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue


class Launch(Base):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        days = streak(_attrs(handler_input), _today(handler_input))
        text = f"Welcome back. Your streak is {days} days. Shall we hear tonight's exercise?"
        return handler_input.response_builder.speak(text).ask("Would you like tonight's exercise?").response


def tonight(catalogue: Catalogue, attrs: dict[str, Any], today: date) -> Practice:
    iso = today.isoformat()
    if attrs["suggestions"] and attrs["suggestions"][-1]["date"] == iso:
        found = catalogue.practice(attrs["suggestions"][-1]["practice"])
        if found:
            return found
    recent = {s["practice"] for s in attrs["suggestions"][-3:]}
    last_done: dict[str, str] = {}
    for c in attrs["completions"]:
        last_done[c["practice"]] = max(last_done.get(c["practice"], ""), c["date"])
    pool = [p for p in catalogue.practices if p.id not in recent] or list(catalogue.practices)
    oldest = min(last_done.get(p.id, "") for p in pool)
    choice = random.choice([p for p in pool if last_done.get(p.id, "") == oldest])
    attrs["suggestions"].append({"date": iso, "practice": choice.id})
    return choice


class Tonight(Base):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("TonightsExerciseIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        practice = tonight(self.catalogue, _attrs(handler_input), _today(handler_input))
        session = handler_input.attributes_manager.session_attributes
        if session is not None:
            session["practice"] = practice.id
        text = f"Tonight: {practice.name}. {practice.intro} It takes about {practice.minutes} minutes. Shall we start?"
        return handler_input.response_builder.speak(text).ask("Shall we start?").response


class Start(Base):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("StartExerciseIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        chosen = (handler_input.attributes_manager.session_attributes or {}).get("practice")
        practice = (self.catalogue.practice(chosen) if chosen else None) or tonight(
            self.catalogue, _attrs(handler_input), _today(handler_input)
        )
        text = " ".join((f"Let's begin {practice.name}.", *practice.steps, "Take your time."))
        return handler_input.response_builder.speak(text).set_should_end_session(True).response


class Completed(Base):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("CompletedExerciseIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        attrs, today = _attrs(handler_input), _today(handler_input)
        practice = attrs["suggestions"][-1]["practice"] if attrs["suggestions"] else "practice"
        entry = {"date": today.isoformat(), "practice": practice}
        if entry not in attrs["completions"]:
            attrs["completions"].append(entry)
        text = f"Well done. That's {streak(attrs, today)} days in a row."
        return handler_input.response_builder.speak(text).set_should_end_session(True).response


class StartRound(Base):
    """ "Start a gratitude round": the round's turn count lives in session attributes, as in the skill."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("StartGratitudeRoundIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        session: dict[str, Any] = handler_input.attributes_manager.session_attributes or {}
        session["round_turns"] = 0
        handler_input.attributes_manager.session_attributes = session
        first, second = _names(handler_input)
        return (
            handler_input.response_builder.speak(f"{first}, what do you appreciate about {second} today?")
            .ask(f"{first}, what do you appreciate?")
            .response
        )


class Gratitude(Base):
    """A gratitude inside a round: appended to the history list; the second turn ends the round."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("GratitudeIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        attrs = _attrs(handler_input)
        session: dict[str, Any] = handler_input.attributes_manager.session_attributes or {}
        handler_input.attributes_manager.session_attributes = session
        intent = getattr(handler_input.request_envelope.request, "intent", None)
        slots = (intent.slots if intent else None) or {}
        words = next((s.value for s in slots.values() if s.value), "")
        turns = int(session.get("round_turns", 0))
        first, second = _names(handler_input)
        speaker, partner = (first, second) if turns % 2 == 0 else (second, first)
        attrs["gratitudes"].append({"date": _today(handler_input).isoformat(), "from": speaker, "text": words})
        session["round_turns"] = turns + 1
        if turns + 1 < 2:
            return (
                handler_input.response_builder.speak(f"Thank you, {speaker}. {partner}, what do you appreciate?")
                .ask(f"{partner}, what do you appreciate?")
                .response
            )
        day = {"date": _today(handler_input).isoformat(), "practice": "gratitude_round"}
        if day not in attrs["completions"]:
            attrs["completions"].append(day)
        return (
            handler_input.response_builder.speak("Thank you both. That's your round.")
            .set_should_end_session(True)
            .response
        )


class Summary(Base):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("WeeklySummaryIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        attrs, today = _attrs(handler_input), _today(handler_input)
        since = (today - timedelta(days=6)).isoformat()
        week = [c for c in attrs["completions"] if c["date"] >= since]
        thanks = [g for g in attrs["gratitudes"] if g["date"] >= since]
        days = len({c["date"] for c in week})
        names = {c["practice"] for c in week}
        done = [p.name for p in self.catalogue.practices if p.id in names][:3]
        text = (
            f"This week you were active on {days} of seven days and did {', '.join(done) or 'no practices'}. "
            f"You shared {len(thanks)} gratitudes. Your streak is {streak(attrs, today)} days."
        )
        if thanks:
            pick = thanks[len(attrs["gratitudes"]) % len(thanks)]
            text += f" {pick['from']} said: {pick['text']}."
        return handler_input.response_builder.speak(text).set_should_end_session(True).response


class Fallback(Base):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        name = str(get_intent_name(handler_input)) if is_request_type("IntentRequest")(handler_input) else "request"
        return handler_input.response_builder.speak(f"Sorry, I can't help with {name}.").response


def adapter(table: str, resource: Any) -> DynamoDbAdapter:
    return DynamoDbAdapter(
        table_name=table,
        partition_key_name=PARTITION_KEY,
        attribute_name=ATTRIBUTES,
        create_table=False,
        dynamodb_resource=resource,
    )


def make_resource(endpoint: str | None, region: str) -> Any:
    kwargs: dict[str, Any] = {"region_name": region}
    if endpoint:
        kwargs.update(endpoint_url=endpoint, aws_access_key_id="local", aws_secret_access_key="local")
    return boto3.resource("dynamodb", **kwargs)


def build_skill(table: str, resource: Any, catalogue: Catalogue | None = None, mode: str = "fair") -> CustomSkill:
    catalogue = catalogue or load_catalogue()
    sb = CustomSkillBuilder(persistence_adapter=adapter(table, resource))
    for handler in (
        Launch(catalogue),
        Tonight(catalogue),
        Start(catalogue),
        Completed(catalogue),
        StartRound(catalogue),
        Gratitude(catalogue),
        Summary(catalogue),
        Fallback(catalogue),
    ):
        sb.add_request_handler(handler)
    if mode not in MODES:
        raise ValueError(f"peer mode {mode!r}: one of {', '.join(MODES)}")
    sb.add_global_request_interceptor(LoadAttributes(mode != "naive"))
    sb.add_global_response_interceptor(SaveAttributes(mode))
    return sb.create()


def create_app(resource: Any = None, table: str | None = None, mode: str | None = None) -> Flask:
    table = table or os.environ.get("BENCH_PEER_TABLE", "close-together-peer")
    resource = resource or make_resource(
        os.environ.get("SKILL_DYNAMODB_ENDPOINT"), os.environ.get("AWS_REGION", "us-east-1")
    )
    skill = build_skill(table, resource, mode=mode or os.environ.get("BENCH_PEER_MODE", "fair"))
    serializer = DefaultSerializer()
    app = Flask(__name__)

    @app.post("/alexa")
    def alexa() -> HttpResponse:
        envelope = serializer.deserialize(http_request.get_data(as_text=True), RequestEnvelope)
        reply = skill.invoke(request_envelope=envelope, context=None)  # verification off: cannot sign
        return HttpResponse(json.dumps(serializer.serialize(reply)), mimetype="application/json")

    return app
