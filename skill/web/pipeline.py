"""One Alexa request, whatever carried it: envelope checks, skill id, request scope, invoke, one log line.

Both entry points call ``answer``: the Flask view (skill/app.py, behind HTTPS, which adds the
signature check) and the AWS Lambda handler (skill/lambda_entry.py, where Alexa's trigger has
already authenticated the caller). Neither does any of this itself, so the two cannot drift.
No Flask here: the Lambda package does not ship it.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ask_sdk_core.exceptions import AskSdkException, SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import Context, RequestEnvelope

from content.schema import Languages
from skill.core import observe
from skill.core.request import RequestContext
from skill.core.settings import Settings
from skill.store.client import STORE_BUDGET_SECONDS
from skill.store.couples import CoupleStore
from skill.store.scope import request_scope
from skill.web.rules import RuleError, check_application_id, request_time

log = logging.getLogger("close_together.web")
request_log = logging.getLogger("close_together.request")


# The SDK's private (name-mangled) steps this subclass reuses or replaces.
_DESERIALIZE: str = "_DefaultSerializer__deserialize"
_DESERIALIZE_DATETIME: str = "_DefaultSerializer__deserialize_datetime"
_DESERIALIZE_MODEL: str = "_DefaultSerializer__deserialize_model"


class EnvelopeSerializer(DefaultSerializer):
    """The SDK's serializer with two shortcuts on the hot path (docs/performance.md): the envelope
    the pipeline has already parsed is not parsed again, and ISO 8601 times are read with
    ``datetime.fromisoformat`` rather than dateutil's general parser (~0.4 ms of CPU a request)."""

    def envelope(self, parsed: dict[str, Any]) -> RequestEnvelope:
        """The request and session strictly; the context leniently (``ContextSerializer``)."""
        rest = {key: value for key, value in parsed.items() if key != "context"}
        model: RequestEnvelope = getattr(self, _DESERIALIZE)(rest, RequestEnvelope)
        if "context" in parsed:
            model.context = _context_serializer.context(parsed["context"])
        return model

    def _DefaultSerializer__deserialize_datetime(self, payload: object, obj_type: object) -> object:
        # Overrides the SDK's name-mangled private parser; anything fromisoformat refuses goes to it.
        if isinstance(payload, str):
            try:
                parsed = datetime.fromisoformat(payload)
            except ValueError:
                pass
            else:
                return parsed.date() if obj_type is date else parsed
        return getattr(super(), _DESERIALIZE_DATETIME)(payload, obj_type)


class ContextSerializer(EnvelopeSerializer):
    """The context describes the device, and new devices bring values the SDK's models do not know
    yet (a viewport shaped OVAL, MULTI touch, a QWERTY keyboard, the AV1 codec, a new viewport type).
    The skill never reads them, so a part of the context the models cannot map becomes None (the
    screen is then unknown) instead of refusing the whole request (docs/security.md, section 2).
    The request and the session stay strict: an unknown request type is still a 400."""

    def context(self, payload: object) -> Context | None:
        model: Context | None = getattr(self, _DESERIALIZE)(payload, Context)
        return model

    def _DefaultSerializer__deserialize_model(self, payload: object, obj_type: object) -> object:
        # Overrides the SDK's name-mangled private step; nested parts fail (and become None) innermost first.
        try:
            return getattr(super(), _DESERIALIZE_MODEL)(payload, obj_type)
        except SerializationException:
            return None


_serializer = EnvelopeSerializer()
_context_serializer = ContextSerializer()

# Checks what only the transport can prove (the HTTPS signature); raises Rejected.
Authenticate = Callable[[bytes, dict[str, Any]], None]


class BadRequest(ValueError):
    """The body is not a request we will act on; the message is safe to return."""


class Rejected(Exception):
    """The request failed an authenticity check (signature, timestamp, skill id); the message is safe to return.

    Its own type, not skill.web.verification's, so the Lambda package needs no X.509 code."""


@dataclass(frozen=True)
class Runtime:
    """What serves requests, built once per process (a gunicorn worker's app, a Lambda container)."""

    settings: Settings
    store: CoupleStore
    skill: CustomSkill
    languages: Languages  # each locale's words (the strip image's labels are drawn from them)


@dataclass(frozen=True)
class Reply:
    status: int  # 200, or 400 with {"error", "message"}
    body: dict[str, Any]


def _bad(message: str) -> Reply:
    return Reply(400, {"error": "bad request", "message": message})


# Alexa's envelopes nest about eight levels deep, the skill's own session attributes a few more.
# Anything deeper is refused before json.loads (whose recursion a 1,000-level body exhausts) and
# before the SDK deep-copies session attributes (the same, from 500 levels).
MAX_JSON_DEPTH = 64
# One left-to-right scan: a whole string literal, a bracket, or a quote that opens no complete
# string (the text is invalid from there on, and json.loads stops there too, so the scan does).
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|"')


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside string literals nest deeper than ``limit`` (linear, no recursion)."""
    if text.count("{") + text.count("[") <= limit:
        return False  # cannot nest deeper than it has brackets (Alexa's envelopes have a few dozen)
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        kind = token.group()
        if kind in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        elif kind in ("]", "}"):
            depth -= 1
        elif kind == '"':
            return False
    return False


def check_envelope(envelope: object) -> datetime:
    """Reject a structurally broken envelope before the SDK sees it. Returns the request time."""
    if not isinstance(envelope, dict):
        raise BadRequest("the body must be a JSON object")
    req = envelope.get("request")
    if not isinstance(req, dict) or not isinstance(req.get("type"), str) or not isinstance(req.get("requestId"), str):
        raise BadRequest("request.type and request.requestId are required")
    system = envelope.get("context", {}).get("System") if isinstance(envelope.get("context"), dict) else None
    if not isinstance(system, dict):
        raise BadRequest("context.System is required")
    user = system.get("user")
    app_ = system.get("application")
    if not isinstance(user, dict) or not isinstance(user.get("userId"), str) or not user["userId"]:
        raise BadRequest("context.System.user.userId is required")
    if not isinstance(app_, dict) or not isinstance(app_.get("applicationId"), str):
        raise BadRequest("context.System.application.applicationId is required")
    if "session" in envelope and not isinstance(envelope["session"], dict):
        raise BadRequest("session must be an object")
    if req["type"] == "IntentRequest":
        intent = req.get("intent")
        if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
            raise BadRequest("request.intent.name is required")
        if "slots" in intent and not isinstance(intent["slots"], dict | None):
            raise BadRequest("request.intent.slots must be an object")
    try:
        return request_time(req.get("timestamp"))
    except RuleError as err:
        raise BadRequest(f"request.timestamp is {err}") from err


def _note(record: observe.RequestRecord, envelope: Any) -> None:
    """Names only: the request's id, type, intent name and locale. Never slots, ids of people or words."""
    req = envelope.get("request") if isinstance(envelope, dict) else None
    if not isinstance(req, dict):
        return
    for attr, key in (("request_id", "requestId"), ("request_type", "type"), ("locale", "locale")):
        if isinstance(req.get(key), str):
            setattr(record, attr, req[key][:100])
    intent = req.get("intent")
    if isinstance(intent, dict) and isinstance(intent.get("name"), str):
        record.intent = intent["name"][:100]


def answer(
    runtime: Runtime, read_body: Callable[[], bytes], authenticate: Authenticate | None, arrived: float | None = None
) -> Reply:
    """One structured log line per request (skill/core/observe.py), whatever happens to it.

    ``read_body`` is called inside the log line's scope, so a body the transport refuses (Flask's
    413) is still logged; its exception propagates to the transport.

    ``arrived`` is when the server accepted the request (``time.monotonic()``; the gunicorn worker
    records it, skill/web/worker.py), else now. The store's time budget counts from it, queue time
    included: a request that waited past the budget before a thread took it is answered with the
    honest apology and no DynamoDB attempt is sent for it (docs/security.md, section 3).
    """
    if arrived is None:
        arrived = time.monotonic()
    record, token = observe.begin()
    try:
        reply = _answer(runtime, read_body(), authenticate, arrived, record)
        record.status = reply.status
        return reply
    except Exception:
        record.outcome, record.status = observe.ERROR, 500
        raise
    finally:
        observe.end(token)
        request_log.info("alexa request", extra=record.fields())


def _answer(
    runtime: Runtime, body: bytes, authenticate: Authenticate | None, arrived: float, record: observe.RequestRecord
) -> Reply:
    settings = runtime.settings
    record.outcome = observe.BAD_REQUEST
    try:
        text = body.decode("utf-8")
        if json_too_deep(text):
            return _bad(f"the body nests deeper than {MAX_JSON_DEPTH} levels")
        envelope = json.loads(text)
        _note(record, envelope)
        now = check_envelope(envelope)
    except UnicodeDecodeError:
        return _bad("the body is not UTF-8")
    except ValueError as err:  # JSONDecodeError and BadRequest
        return _bad(str(err) if isinstance(err, BadRequest) else "the body is not valid JSON")
    try:
        if authenticate is not None:
            authenticate(body, envelope)  # the verifier checks the skill id first, with the same rule
        else:
            check_application_id(envelope, settings.skill_id)
    except (RuleError, Rejected) as err:
        record.outcome = observe.REJECTED
        log.info("request rejected: %s", err)
        return _bad(str(err))
    try:
        request_envelope = _serializer.envelope(envelope)
    except Exception:  # the SDK raises several types for shapes it cannot map
        return _bad("not an Alexa request envelope this skill understands")
    record.outcome = observe.OK
    try:
        with request_scope(envelope["request"]["requestId"], arrived + STORE_BUDGET_SECONDS):
            response_envelope = runtime.skill.invoke(request_envelope=request_envelope, context=RequestContext(now=now))
    except AskSdkException as err:
        record.outcome = observe.REFUSED
        log.info("request refused by the skill: %s", type(err).__name__)
        return _bad("the skill cannot handle this request")
    serialized = _serializer.serialize(response_envelope)
    assert isinstance(serialized, dict)  # a response envelope serializes to a JSON object
    return Reply(200, serialized)
