"""The Flask app factory and the web seam: HTTP request -> verification -> the shared pipeline -> JSON.

``gunicorn 'skill.app:create_app()'`` serves it. Tests build their own app with ``test_config``.
Everything after the signature check is skill/pipeline.py, which the Lambda entry shares.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from skill import strip_route
from skill.pipeline import Rejected, answer, build_runtime
from skill.settings import Settings, SettingsError
from skill.store.couples import CoupleStore
from skill.verification import RequestVerifier, VerificationError

log = logging.getLogger("close_together.web")
bp = Blueprint("alexa", __name__)

# Set on SIGTERM (deploy/gunicorn.conf.py): the health check answers 503 from then on, so a load
# balancer stops sending here while in-flight requests finish (docs/operations.md, "Stopping").
STOPPING = threading.Event()


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then the environment, then the test override (SETTINGS, CATALOGUE, VERIFIER, STORE)."""
    overrides = dict(test_config or {})
    settings: Settings = overrides.pop("SETTINGS", None) or Settings.from_env()
    runtime = build_runtime(settings, overrides.pop("CATALOGUE", None), overrides.pop("STORE", None))
    verifier: RequestVerifier | None = overrides.pop("VERIFIER", None)
    if settings.verify_requests and verifier is None:
        # Amazon signs requests for every skill: without our id, another skill's requests would pass.
        if settings.skill_id is None:
            raise SettingsError("SKILL_ID is required while SKILL_VERIFY_REQUESTS is on (docs/security.md)")
        verifier = RequestVerifier(skill_id=settings.skill_id)
    if not settings.verify_requests:
        verifier = None
        log.warning(
            "REQUEST VERIFICATION IS OFF (SKILL_VERIFY_REQUESTS=false): local development only, "
            "never expose this server to the internet"
        )

    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=settings.max_body_bytes, JSON_SORT_KEYS=False)
    app.config.update(overrides)
    app.extensions["close_together"] = {
        "settings": settings,
        "store": runtime.store,
        "verifier": verifier,
        "skill": runtime.skill,
        "runtime": runtime,
    }
    app.register_blueprint(bp)
    app.register_blueprint(strip_route.bp)  # the weekly strip image (skill/strip.py)
    app.register_error_handler(HTTPException, _http_error)
    return app


def _ext() -> dict[str, Any]:
    ext: dict[str, Any] = current_app.extensions["close_together"]
    return ext


def _http_error(err: HTTPException) -> tuple[Response, int]:
    return jsonify(error=err.name.lower(), message=err.description or err.name), err.code or 500


_DRAIN_BYTES = 1024 * 1024


def read_body(max_bytes: int) -> bytes:
    """The whole body, or RequestEntityTooLarge: a chunked body past the limit is refused, never cut.

    Werkzeug already refuses a Content-Length over the limit; for a body without one (chunked) it
    stops reading at the limit and returns what it has, so read one byte further ourselves.
    """
    if request.content_length is not None or "wsgi.input_terminated" not in request.environ:
        return request.get_data(cache=False)
    stream = request.environ["wsgi.input"]
    data = bytearray()
    while len(data) <= max_bytes:
        chunk = stream.read(min(64 * 1024, max_bytes + 1 - len(data)))
        if not chunk:
            break
        data += chunk
    if len(data) > max_bytes:
        # Read (and drop) a bounded amount more, so a client still sending gets to read the 413
        # rather than a reset from a close with its data unread.
        for _ in range(_DRAIN_BYTES // (64 * 1024)):
            if not stream.read(64 * 1024):
                break
        raise RequestEntityTooLarge()
    return bytes(data)


@bp.post("/alexa")
def alexa() -> tuple[Response, int]:
    """The HTTPS seam: the signed body goes through the shared pipeline (skill/pipeline.py)."""
    ext = _ext()
    verifier: RequestVerifier | None = ext["verifier"]

    def authenticate(body: bytes, envelope: dict[str, Any]) -> None:
        assert verifier is not None
        try:
            verifier.verify(dict(request.headers.items()), body, envelope)
        except VerificationError as err:
            raise Rejected(str(err)) from err

    # 413 past the limit, with or without a Content-Length (read_body)
    settings: Settings = ext["settings"]
    reply = answer(
        ext["runtime"], lambda: read_body(settings.max_body_bytes), authenticate if verifier is not None else None
    )
    return jsonify(reply.body), reply.status


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    if STOPPING.is_set():
        return jsonify(status="stopping"), 503
    store: CoupleStore = _ext()["store"]
    if store.ping():
        return jsonify(status="ok", table="reachable"), 200
    return jsonify(status="unavailable", table="unreachable"), 503
