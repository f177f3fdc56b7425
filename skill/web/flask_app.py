"""The HTTPS seam: Flask views for POST /alexa and /healthz, the body limit, the signature check.

``skill.app.create_app`` (the composition root) builds the Flask app with ``make_flask_app``.
Everything after the signature check is skill/web/pipeline.py, which the Lambda entry shares.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, RequestEntityTooLarge, RequestTimeout

from skill.core.settings import Settings
from skill.store.couples import CoupleStore
from skill.web import strip_route
from skill.web.pipeline import Rejected, Runtime, answer
from skill.web.verification import RequestVerifier, VerificationError
from skill.web.worker import ARRIVED_KEY

log = logging.getLogger("close_together.web")
bp = Blueprint("alexa", __name__)

# Set on SIGTERM (deploy/gunicorn.conf.py): the health check answers 503 from then on, so a load
# balancer stops sending here while in-flight requests finish (docs/operations.md, "Stopping").
STOPPING = threading.Event()


def make_flask_app(runtime: Runtime, verifier: RequestVerifier | None, overrides: Mapping[str, Any]) -> Flask:
    """The Flask app around a built runtime; ``verifier`` None means verification is off (logged loudly)."""
    settings = runtime.settings
    app = Flask("skill.app")
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
    app.register_blueprint(strip_route.bp)  # the weekly strip image (skill/alexa/strip.py)
    app.register_error_handler(HTTPException, _http_error)
    return app


def _ext() -> dict[str, Any]:
    ext: dict[str, Any] = current_app.extensions["close_together"]
    return ext


def _http_error(err: HTTPException) -> tuple[Response, int]:
    return jsonify(error=err.name.lower(), message=err.description or err.name), err.code or 500


_DRAIN_BYTES = 1024 * 1024


def read_body(max_bytes: int) -> bytes:
    """The whole body; RequestEntityTooLarge past the limit (a chunked body is refused, never cut);
    RequestTimeout when it has not all arrived by its deadline (the worker bounds every read,
    skill/web/worker.py): never a truncated body passed on as if it were whole.
    """
    try:
        body = _read_body(max_bytes)
    except (OSError, ClientDisconnected) as err:  # the worker's read deadline, or the client went away
        raise RequestTimeout("the request body did not arrive in time") from err
    expected = request.content_length
    if expected is not None and len(body) < expected:
        raise RequestTimeout("the request body did not arrive in time")
    return body


def _read_body(max_bytes: int) -> bytes:
    """Werkzeug already refuses a Content-Length over the limit; for a body without one (chunked) it
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
    """The HTTPS seam: the signed body goes through the shared pipeline (skill/web/pipeline.py)."""
    ext = _ext()
    verifier: RequestVerifier | None = ext["verifier"]

    def authenticate(body: bytes, envelope: dict[str, Any]) -> None:
        assert verifier is not None
        try:
            verifier.verify(dict(request.headers.items()), body, envelope)
        except VerificationError as err:
            raise Rejected(str(err)) from err

    # 413 past the limit, with or without a Content-Length; 408 for a body that did not arrive (read_body)
    settings: Settings = ext["settings"]
    reply = answer(
        ext["runtime"],
        lambda: read_body(settings.max_body_bytes),
        authenticate if verifier is not None else None,
        arrived=_arrived(),
    )
    return jsonify(reply.body), reply.status


def _arrived() -> float | None:
    """When the server accepted this request (``time.monotonic()``), from the worker
    (skill/web/worker.py); None under a server that does not say, and then the pipeline starts now."""
    arrived = request.environ.get(ARRIVED_KEY)
    return arrived if isinstance(arrived, float) else None


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    if STOPPING.is_set():
        return jsonify(status="stopping"), 503
    store: CoupleStore = _ext()["store"]
    if store.ping():
        return jsonify(status="ok", table="reachable"), 200
    return jsonify(status="unavailable", table="unreachable"), 503
