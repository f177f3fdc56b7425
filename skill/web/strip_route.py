"""The weekly strip image over HTTP (the Flask seam only: the Lambda package has no Flask, and the
image itself is drawn by skill/alexa/strip.py)."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, request

from content.loader import load_catalogue
from skill.alexa.strip import CACHE_CONTROL, PATH, StripBusy, render

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
    start = int(found["start"] or 0)
    etag = f'"{found["pattern"]}-{found["streak"]}-{start}"'
    if etag in request.headers.get("If-None-Match", ""):
        reply = Response(status=304)
    else:
        try:
            png = render(found["pattern"], int(found["streak"]), _labels(), start)
        except StripBusy:  # too many new strips asked of this process at once: a stranger's flood
            busy = Response(status=503)
            busy.headers["Retry-After"] = "1"
            busy.headers["Cache-Control"] = "no-store"
            return busy
        reply = Response(png, mimetype="image/png")
    reply.headers["Cache-Control"] = CACHE_CONTROL
    reply.headers["ETag"] = etag
    return reply
