"""The weekly strip image over HTTP (the Flask seam only: the Lambda package has no Flask, and the
image itself is drawn by skill/alexa/strip.py)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request

from content.schema import Languages
from skill.alexa.strip import CACHE_CONTROL, PATH, StripBusy, render

bp = Blueprint("strip", __name__)


def _labels(language: str) -> dict[str, str] | None:
    """The strip's words in ``language``: its week screen's labels (None: a language not spoken)."""
    languages: Languages = current_app.extensions["close_together"]["runtime"].languages
    catalogue = languages.of_language(language)
    return catalogue.screens["week"].labels if catalogue else None


@bp.get("/strip/<name>")
def strip(name: str) -> Response:
    found = PATH.fullmatch(name)
    if found is None:
        abort(404)
    start = int(found["start"] or 0)
    language = found["language"] or "en"
    labels = _labels(language)
    if found["language"] == "en" or labels is None:  # English is named by no suffix: one path a picture
        abort(404)
    etag = f'"{found["pattern"]}-{found["streak"]}-{start}-{language}"'
    if etag in request.headers.get("If-None-Match", ""):
        reply = Response(status=304)
    else:
        try:
            png = render(found["pattern"], int(found["streak"]), labels, start)
        except StripBusy:  # too many new strips asked of this process at once: a stranger's flood
            busy = Response(status=503)
            busy.headers["Retry-After"] = "1"
            busy.headers["Cache-Control"] = "no-store"
            return busy
        reply = Response(png, mimetype="image/png")
    reply.headers["Cache-Control"] = CACHE_CONTROL
    reply.headers["ETag"] = etag
    return reply
