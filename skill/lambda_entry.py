"""AWS Lambda entry point: ``skill.lambda_entry.handler`` (deploy/cloudformation/lambda.yaml).

The same skill as the Flask app (skill/app.py): the same builder, handlers and store, and the same
per-request pipeline (skill/web/pipeline.py). What differs is only the transport:

* no HTTPS signature check: Alexa invokes the function directly, and the function's resource policy
  (an Alexa Skills Kit trigger whose EventSourceToken is the skill id) lets no one else invoke it;
* the skill-id check stays (``SKILL_ID`` is required here), so a trigger set up without the token
  still serves only this skill;
* a request the pipeline refuses raises ``RequestRefused``: Lambda reports an error, which is what
  Alexa expects from a skill that will not answer (there is no HTTP 400 to send).

Dependencies are built once per container, on the first invocation (not at import time: no boto3
client exists before a request needs one), and reused while Lambda keeps the container warm.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from skill.builder import build_runtime
from skill.core.logs import JsonFormatter
from skill.core.settings import Settings, SettingsError
from skill.web.pipeline import Runtime, answer

_runtime: Runtime | None = None


class RequestRefused(Exception):
    """The pipeline answered 400; the message is the safe one it would have sent over HTTP."""


def runtime() -> Runtime:
    """This container's skill, built from the environment on first use."""
    global _runtime
    if _runtime is None:
        settings = Settings.from_env()
        if not settings.skill_id:
            # The trigger's token is one safeguard; the id check is the second. Never run with neither.
            raise SettingsError("SKILL_ID is required on AWS Lambda (docs/security.md)")
        if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
            json_logs(logging.getLogger())
        _runtime = build_runtime(settings)
    return _runtime


def json_logs(root: logging.Logger) -> None:
    """Print the same one-JSON-object lines as gunicorn does (skill/core/logs.py), through Lambda's own handler."""

    if not root.handlers:
        root.addHandler(logging.StreamHandler())
    for handler in root.handlers:
        handler.setFormatter(JsonFormatter())
    root.setLevel(logging.INFO)


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """Alexa's request envelope in, the response envelope out."""
    body = json.dumps(event).encode("utf-8")  # the pipeline checks and logs the same bytes Flask sees
    reply = answer(runtime(), lambda: body, authenticate=None)
    if reply.status != 200:
        raise RequestRefused(reply.body.get("message", "bad request"))
    return reply.body
