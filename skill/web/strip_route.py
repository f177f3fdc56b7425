"""The weekly strip image over HTTP (the Flask seam only: the Lambda package has no Flask, and the
image itself is drawn by skill/alexa/strip.py)."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, Response, abort, request

from content.loader import load_languages
from skill.alexa.strip import CACHE_CONTROL, PATH, StripBusy, render

bp = Blueprint("strip", __name__)


@cache
def _labels() -> dict[str, dict[str, str]]:
    """The strip's words in each language: the week screen's labels (content/, read once per process)."""
    languages = load_languages()
    return {c.language: c.screens["week"].labels for c in (languages.default, *languages.by_locale.values())}


@bp.get("/strip/<name>")
def strip(name: str) -> Response:
    found = PATH.fullmatch(name)
    if found is None:
        abort(404)
    start = int(found["start"] or 0)
    language = found["language"] or "en"
    if found["language"] == "en" or language not in _labels():  # English is named by no suffix: one path a picture
        abort(404)
    etag = f'"{found["pattern"]}-{found["streak"]}-{start}-{language}"'
    if etag in request.headers.get("If-None-Match", ""):
        reply = Response(status=304)
    else:
        try:
            png = render(found["pattern"], int(found["streak"]), _labels()[language], start)
        except StripBusy:  # too many new strips asked of this process at once: a stranger's flood
            busy = Response(status=503)
            busy.headers["Retry-After"] = "1"
            busy.headers["Cache-Control"] = "no-store"
            return busy
        reply = Response(png, mimetype="image/png")
    reply.headers["Cache-Control"] = CACHE_CONTROL
    reply.headers["ETag"] = etag
    return reply
