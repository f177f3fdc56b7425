"""One structured JSON log line per request, with names and counts only: never a couple's words."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import logging
import os
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC
from typing import Any

import pytest
from flask.testing import FlaskClient
from gunicorn.workers.gthread import ThreadWorker

from content.schema import Catalogue
from devtools import dynamodb_local
from devtools.envelopes import envelope, new_user_id
from skill.app import create_app
from skill.core.logs import JsonFormatter
from skill.core.settings import Settings
from skill.web.worker import BufferingThreadWorker

from conftest import ROOT, Served
from support.alexa import Conversation, speech_text
from support.settings import skill_settings
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)
FIELDS = {
    "request_id",
    "request_type",
    "intent",
    "locale",
    "outcome",
    "status",
    "latency_ms",
    "dynamodb_calls",
    "dynamodb_failures",
    "dynamodb_ms",
}
# Words a couple might say; none may reach a log line.
PERSONAL = "Robin's patience with my sister"


@contextlib.contextmanager
def captured() -> Iterator[io.StringIO]:
    """The skill's log lines, formatted exactly as gunicorn prints them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("close_together")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def request_lines(text: str) -> list[dict[str, Any]]:
    parsed = [json.loads(line) for line in text.splitlines()]  # every line is one JSON object
    return [p for p in parsed if p["logger"] == "close_together.request"]


def test_each_request_logs_one_line_with_its_shape_and_dynamodb_calls(client: FlaskClient) -> None:
    talk = Conversation(client)
    with captured() as stream:
        spoken = [talk.launch(NOW), talk.say("CompletedExerciseIntent", NOW), talk.say("StreakIntent", NOW)]
        # an intent carrying a couple's words in its slots, as a gratitude round would
        spoken.append(talk.say("TellGratitudeIntent", NOW, gratitude=PERSONAL, name="Robin"))
    text = stream.getvalue()
    lines = request_lines(text)
    assert [(r["request_type"], r["intent"]) for r in lines] == [
        ("LaunchRequest", None),
        ("IntentRequest", "CompletedExerciseIntent"),
        ("IntentRequest", "StreakIntent"),
        ("IntentRequest", "TellGratitudeIntent"),
    ]
    for line in lines:
        assert set(line) >= FIELDS, line
        assert line["outcome"] == "ok" and line["status"] == 200 and line["locale"] == "en-US"
        assert line["request_id"].startswith("amzn1.echo-api.request.")
        assert isinstance(line["latency_ms"], float) and line["latency_ms"] >= 0
    # a new couple's launch reads once; "we did it" reads and writes; the streak only reads
    assert [r["dynamodb_calls"] for r in lines[:3]] == [1, 2, 1]
    assert all(r["dynamodb_failures"] == 0 for r in lines)
    for secret in ("Robin", "patience", "sister", talk.user_id, talk.device_id, *spoken):
        assert secret not in text, secret


def test_outage_refusal_and_bad_requests_have_their_own_outcomes(
    settings: Settings, catalogue: Catalogue, client: FlaskClient
) -> None:
    skill_id = "amzn1.ask.skill.only-this-one"
    dead = skill_settings(dynamodb_endpoint=f"http://127.0.0.1:{dynamodb_local.free_port()}", skill_id=skill_id)
    down = create_app({"SETTINGS": dead, "CATALOGUE": catalogue, "TESTING": True}).test_client()
    ours = envelope("intent", user_id=new_user_id(), at=NOW, intent="StreakIntent")
    for holder in (ours["session"]["application"], ours["context"]["System"]["application"]):
        holder["applicationId"] = skill_id
    with captured() as stream:
        assert down.post("/alexa", json=envelope("launch", user_id=new_user_id(), at=NOW)).status_code == 400
        reply = down.post("/alexa", json=ours)
        assert reply.status_code == 200 and "can't reach" in speech_text(reply.get_json())
        assert client.post("/alexa", data=b"{not json", content_type="application/json").status_code == 400
    lines = request_lines(stream.getvalue())
    assert [(r["outcome"], r["status"]) for r in lines] == [
        ("rejected", 400),
        ("store_unavailable", 200),
        ("bad_request", 400),
    ]
    assert lines[1]["dynamodb_calls"] == 1 and lines[1]["dynamodb_failures"] == 1
    assert lines[2]["request_type"] is None and lines[0]["request_type"] == "LaunchRequest"


def test_served_skill_prints_only_json_lines_with_access_and_request_entries(served_skill: Served) -> None:
    user = new_user_id()
    body = envelope("intent", user_id=user, at=NOW, intent="StreakIntent", new=True)
    body["request"]["intent"]["slots"] = {
        "gratitude": {"name": "gratitude", "value": PERSONAL, "confirmationStatus": "NONE"}
    }
    req = urllib.request.Request(
        served_skill.url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=15) as reply:
        assert reply.status == 200
        spoken = speech_text(json.loads(reply.read()))
    request_id = body["request"]["requestId"]
    # gunicorn writes its access line just after the answer has left: on a busy machine, a moment later.
    deadline = time.monotonic() + 10
    while not any('"gunicorn.access"' in line for line in served_skill.log_lines()) and time.monotonic() < deadline:
        time.sleep(0.05)
    lines = served_skill.log_lines()
    parsed = [json.loads(line) for line in lines]  # every line gunicorn prints is one JSON object
    mine = [p for p in parsed if p.get("request_id") == request_id]
    assert len(mine) == 1 and mine[0]["intent"] == "StreakIntent" and mine[0]["dynamodb_calls"] == 1
    assert any(p["logger"] == "gunicorn.access" and p["path"] == "/alexa" and p["status"] == 200 for p in parsed)
    assert any(p["logger"] == "gunicorn.error" for p in parsed)  # gunicorn's own messages too
    text = "\n".join(lines)
    assert user not in text and "Robin" not in text and spoken not in text


def test_gunicorn_settings_fit_alexas_deadline_and_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    def load() -> Any:
        spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "deploy" / "gunicorn.conf.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_GRACEFUL_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    conf = load()
    cpus = conf.cpu_count()
    assert 1 <= cpus <= (os.cpu_count() or 1)
    assert conf.workers == cpus + 1 and conf.threads >= 2
    # gthread's threads, each given a request only once all of it has arrived (tests/test_slow_clients.py)
    assert conf.worker_class == "skill.web.worker.BufferingThreadWorker"
    assert issubclass(BufferingThreadWorker, ThreadWorker)
    assert conf.timeout < 8 and conf.graceful_timeout < 10  # Alexa's 8 s; a container's 10 s stop grace
    assert conf.logconfig_dict["formatters"]["json"]["()"] == "skill.core.logs.JsonFormatter"
    assert conf.logger_class.__name__ == "GunicornLogger"
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    conf = load()
    assert (conf.workers, conf.threads) == (3, 8)
