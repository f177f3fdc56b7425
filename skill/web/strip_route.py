"""The weekly strip image over HTTP (the Flask seam only: the Lambda package has no Flask, and the
image itself is drawn by skill/alexa/strip.py)."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, request

from content.loader import load_catalogue
from skill.alexa.strip import CACHE_CONTROL, PATH, render

bp = Blueprint("strip", __name__)


@cache
def _labels() -> dict[str, str]:
    """The strip's words: the week screen's labels (content/, read once per process)."""
    return load_catalogue().screens["week"].labels


@bp.get("/strip/<name>")
def strip(name: str) -> Response:
    found = PATH.fullmatch(name)
    if found is None:
        abort(404)
    etag = f'"{found["pattern"]}-{found["streak"]}"'
    if etag in request.headers.get("If-None-Match", ""):
        reply = Response(status=304)
    else:
        reply = Response(render(found["pattern"], int(found["streak"]), _labels()), mimetype="image/png")
    reply.headers["Cache-Control"] = CACHE_CONTROL
    reply.headers["ETag"] = etag
    return reply
