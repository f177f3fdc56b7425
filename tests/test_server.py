"""The skill as `make run` serves it: gunicorn with deploy/gunicorn.conf.py, DynamoDB Local on disk.

Also the failure a couple would notice most: the database stops mid-evening and comes back.
"""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from devtools import dynamodb_local
from devtools.envelopes import envelope, new_user_id
from skill.manage import operator_store

from conftest import start_gunicorn
from support.alexa import speech_text
from support.settings import skill_settings
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)


def call(port: int, path: str, body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=15) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Any, Path]]:
    data = tmp_path / "data"
    db = dynamodb_local.DynamoDBLocal(data_dir=data).start()
    settings = skill_settings(table_name="served", dynamodb_endpoint=db.endpoint)
    operator_store(settings).create_table_if_missing()
    server, port = start_gunicorn(settings, tmp_path / "gunicorn.log", workers=2)
    try:
        yield port, db, data
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        db.stop()


def test_served_skill_keeps_a_streak_across_a_database_crash(served: tuple[int, Any, Path]) -> None:
    port, db, _data = served
    user = new_user_id()
    assert call(port, "/healthz") == (200, {"status": "ok", "table": "reachable"})
    status, body = call(port, "/alexa", envelope("intent", user_id=user, at=NOW, intent="CompletedExerciseIntent"))
    assert status == 200 and "day one" in speech_text(body)

    db.stop(signal.SIGKILL)  # a crash, not a clean shutdown
    assert call(port, "/healthz")[0] == 503
    status, body = call(port, "/alexa", envelope("intent", user_id=user, at=NOW, intent="StreakIntent"))
    assert status == 200 and "can't reach" in speech_text(body)

    db.start()  # same port, same data folder
    # A freshly started engine can miss the health check's short timeout on a busy machine: healthy again
    # within a few seconds is what an operator (or a load balancer's next probe) sees.
    deadline = time.monotonic() + 20
    while call(port, "/healthz")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert call(port, "/healthz")[0] == 200
    status, body = call(port, "/alexa", envelope("launch", user_id=user, at=NOW, new=True))
    assert status == 200 and "1 day" in speech_text(body)
