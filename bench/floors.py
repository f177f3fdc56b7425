"""The two floors the skill is measured against, served by the same gunicorn config as the skill.

* bare floor: parse the body, answer a fixed Alexa response (what any Flask skill costs at least);
* design floor: the same plus exactly one GetItem and one UpdateItem on the skill's table (what
  the skill's design, one read and one write per request, costs at least).

``gunicorn -c deploy/gunicorn.conf.py 'bench.floors:bare_app()'`` (or ``design_app()``).
"""

from __future__ import annotations

import hashlib
import json

from flask import Flask, Response, request

from skill.core.settings import Settings
from skill.store.client import LazyClient

FIXED = json.dumps(
    {
        "version": "1.0",
        "sessionAttributes": {},
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": "<speak>Here is tonight's practice.</speak>"},
            "shouldEndSession": True,
        },
    }
).encode()


def _user(body: bytes) -> str:
    envelope = json.loads(body)
    return str(envelope["context"]["System"]["user"]["userId"])


def bare_app() -> Flask:
    app = Flask(__name__)

    @app.post("/alexa")
    def alexa() -> Response:
        _user(request.get_data(cache=False))
        return Response(FIXED, mimetype="application/json")

    return app


def design_app() -> Flask:
    settings = Settings.from_env()
    table = settings.table_name
    client = LazyClient(settings)
    app = Flask(__name__)

    @app.post("/alexa")
    def alexa() -> Response:
        user = _user(request.get_data(cache=False))
        key = {"pk": {"S": "FLOOR#" + hashlib.sha256(user.encode()).hexdigest()[:32]}, "sk": {"S": "PROFILE"}}
        db = client.get()
        db.get_item(TableName=table, Key=key, ConsistentRead=True)
        db.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="ADD #n :one",
            ExpressionAttributeNames={"#n": "requests"},
            ExpressionAttributeValues={":one": {"N": "1"}},
        )
        return Response(FIXED, mimetype="application/json")

    return app
