"""The Flask app factory and the web seam: HTTP request -> verification -> ASK dispatch -> JSON.

``gunicorn 'skill.app:create_app()'`` serves it. Tests build their own app with ``test_config``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from content.loader import load_catalogue
from intents.base import Deps, RequestContext
from skill import observe, strip
from skill.builder import build_skill
from skill.settings import Settings, SettingsError
from skill.store.client import STORE_BUDGET_SECONDS
from skill.store.couples import CoupleStore
from skill.store.scope import request_scope
from skill.verification import RequestVerifier, VerificationError

log = logging.getLogger("close_together.web")
request_log = logging.getLogger("close_together.request")
bp = Blueprint("alexa", __name__)
_serializer = DefaultSerializer()


class BadRequest(ValueError):
    """The body is not a request we will act on; the message is safe to return."""


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then the environment, then the test override (SETTINGS, CATALOGUE, VERIFIER, STORE)."""
    overrides = dict(test_config or {})
    settings: Settings = overrides.pop("SETTINGS", None) or Settings.from_env()
    catalogue = overrides.pop("CATALOGUE", None) or load_catalogue()
    store = overrides.pop("STORE", None) or CoupleStore(settings)
    verifier: RequestVerifier | None = overrides.pop("VERIFIER", None)
    if settings.verify_requests and verifier is None:
        # Amazon signs requests for every skill: without our id, another skill's requests would pass.
        if settings.skill_id is None:
            raise SettingsError("SKILL_ID is required while SKILL_VERIFY_REQUESTS is on (docs/security.md)")
        verifier = RequestVerifier(skill_id=settings.skill_id)
    if not settings.verify_requests:
        verifier = None
        log.warning("REQUEST VERIFICATION IS OFF (SKILL_VERIFY_REQUESTS=false): local development only, "
                    "never expose this server to the internet")

    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=settings.max_body_bytes, JSON_SORT_KEYS=False)
    app.config.update(overrides)
    app.extensions["close_together"] = {
        "settings": settings, "store": store, "verifier": verifier,
        "skill": build_skill(Deps(settings=settings, content=catalogue, store=store)),
    }
    app.register_blueprint(bp)
    app.register_blueprint(strip.bp)  # the weekly strip image (skill/strip.py)
    app.register_error_handler(HTTPException, _http_error)
    return app


def _ext() -> dict[str, Any]:
    ext: dict[str, Any] = current_app.extensions["close_together"]
    return ext


def _http_error(err: HTTPException) -> tuple[Response, int]:
    return jsonify(error=err.name.lower(), message=err.description or err.name), err.code or 500


def _bad(message: str) -> tuple[Response, int]:
    return jsonify(error="bad request", message=message), 400


def parse_timestamp(raw: object) -> datetime:
    if not isinstance(raw, str):
        raise BadRequest("request.timestamp is missing")
    try:
        stamp = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as err:
        raise BadRequest("request.timestamp is not an ISO 8601 time") from err
    if stamp.tzinfo is None:
        raise BadRequest("request.timestamp has no time zone")
    return stamp.astimezone(UTC)


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
    return parse_timestamp(req.get("timestamp"))


@bp.post("/alexa")
def alexa() -> tuple[Response, int] | Response:
    """One structured log line per request (skill/observe.py), whatever happens to it."""
    record, token = observe.begin()
    try:
        reply = _alexa(record)
        record.status = reply[1] if isinstance(reply, tuple) else reply.status_code
        return reply
    except Exception:
        record.outcome, record.status = observe.ERROR, 500
        raise
    finally:
        observe.end(token)
        request_log.info("alexa request", extra=record.fields())


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


def _alexa(record: observe.RequestRecord) -> tuple[Response, int] | Response:
    arrived = time.monotonic()  # the store's time budget counts from here (docs/security.md)
    ext = _ext()
    settings: Settings = ext["settings"]
    body = request.get_data(cache=False)  # werkzeug answers 413 past MAX_CONTENT_LENGTH
    record.outcome = observe.BAD_REQUEST
    try:
        text = body.decode("utf-8")
        envelope = json.loads(text)
        _note(record, envelope)
        now = check_envelope(envelope)
    except UnicodeDecodeError:
        return _bad("the body is not UTF-8")
    except ValueError as err:  # JSONDecodeError and BadRequest
        return _bad(str(err) if isinstance(err, BadRequest) else "the body is not valid JSON")
    verifier: RequestVerifier | None = ext["verifier"]
    try:
        if verifier is not None:
            verifier.verify(dict(request.headers.items()), body, envelope)
        elif settings.skill_id and envelope["context"]["System"]["application"]["applicationId"] != settings.skill_id:
            raise VerificationError("the application id is not this skill's")
    except VerificationError as err:
        record.outcome = observe.REJECTED
        log.info("request rejected: %s", err)
        return _bad(str(err))
    try:
        request_envelope = _serializer.deserialize(text, RequestEnvelope)
    except Exception:  # the SDK raises several types for shapes it cannot map
        return _bad("not an Alexa request envelope this skill understands")
    record.outcome = observe.OK
    try:
        with request_scope(envelope["request"]["requestId"], arrived + STORE_BUDGET_SECONDS):
            response_envelope = ext["skill"].invoke(request_envelope=request_envelope,
                                                    context=RequestContext(now=now))
    except AskSdkException as err:
        record.outcome = observe.REFUSED
        log.info("request refused by the skill: %s", type(err).__name__)
        return _bad("the skill cannot handle this request")
    return jsonify(_serializer.serialize(response_envelope))


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    store: CoupleStore = _ext()["store"]
    if store.ping():
        return jsonify(status="ok", table="reachable"), 200
    return jsonify(status="unavailable", table="unreachable"), 503
