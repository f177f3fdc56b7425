"""The AWS Lambda entry point (skill/lambda_entry.py) answers exactly as the Flask view does.

Real envelopes (tests/support/alexa.py) go to both: the Flask app through its test client, the Lambda
handler called in-process the way the Lambda runtime calls it (the parsed event, a context). Each
path has its own table in the session's DynamoDB Local, so the same couple, the same request ids and
the same clock give both the same history; any difference in an answer or in what was stored is a
difference between the two entry points.
"""

from __future__ import annotations

import json
import logging
import random
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from content import schema
from content.schema import Catalogue
from devtools.envelopes import APP_ID, envelope, new_user_id
from intents import gratitude, guide, practice
from skill import lambda_entry
from skill.app import create_app
from skill.core.logs import JsonFormatter
from skill.core.settings import Settings, SettingsError
from skill.store.couples import CoupleStore

from conftest import ROOT
from support.alexa import Conversation, speech_text
from support.lambdas import CONTEXT, table_settings
from support.personal import personal
from support.today import WEDNESDAY, coming_at

NY = ZoneInfo("America/New_York")
NAMES = (personal("Ximena"), personal("Oluwaseun"))
WORDS = (personal("you carried the heavy groceries up the stairs"), personal("you sang to the kettle this morning"))


def evening(minute: int = 0) -> datetime:
    return coming_at(WEDNESDAY, 20, 0, NY) + timedelta(minutes=minute)


@pytest.fixture
def flask_app(settings: Settings, catalogue: Catalogue) -> Iterator[Flask]:
    mine = table_settings(settings, f"flask-{uuid.uuid4().hex[:8]}")
    yield create_app({"SETTINGS": mine, "CATALOGUE": catalogue, "TESTING": True})
    CoupleStore(mine).client.delete_table(TableName=mine.table_name)


class Mirror:
    """A client for ``Conversation``: every envelope goes to Flask and to the Lambda handler."""

    def __init__(self, app: Flask) -> None:
        self.flask = app.test_client()
        self.turns: list[tuple[str, dict[str, Any], dict[str, Any]]] = []

    def post(self, path: str, *, data: bytes, content_type: str = "application/json", **_: Any) -> Any:
        via_flask = self.flask.post(path, data=data, content_type=content_type)
        assert via_flask.status_code == 200, via_flask.get_data(as_text=True)
        event = json.loads(data)  # what the Lambda runtime hands the function
        via_lambda = lambda_entry.handler(event, CONTEXT)
        intent = event["request"].get("intent", {}).get("name", event["request"]["type"])
        self.turns.append((intent, via_flask.get_json(), via_lambda))
        return via_flask


def test_one_whole_evening_is_answered_identically_by_lambda_and_flask(
    lambda_env: Settings, flask_app: Flask, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tonight's practice, the guide's reasons and a phrase's wording are drawn at random by design, and
    # a gratitude round gets a random id: both paths draw the same here, so any difference left is
    # one between the entry points.
    for module in (practice, guide):
        monkeypatch.setattr(module, "random", SimpleNamespace(Random=lambda: random.Random(17)))
    monkeypatch.setattr(schema, "random", SimpleNamespace(Random=random.Random, choice=lambda options: options[0]))
    monkeypatch.setattr(gratitude, "uuid", SimpleNamespace(uuid4=lambda: uuid.UUID(int=0xC105E)))
    mirror = Mirror(flask_app)
    c = Conversation(mirror)
    heard = [c.launch(evening(0)), c.say("TonightsExerciseIntent", evening(1)), c.say("AMAZON.YesIntent", evening(2))]
    while "say next" in heard[-1].lower():  # the practice, a few steps at a time
        heard.append(c.say("AMAZON.NextIntent", evening(3)))
    did_it = c.say("CompletedExerciseIntent", evening(12))
    heard.append(did_it)
    heard.append(c.one_shot("StartGratitudeRoundIntent", evening(20)))
    heard.append(c.say("PartnerNamesIntent", evening(20), first=NAMES[0], second=NAMES[1]))
    heard.append(c.say("AMAZON.YesIntent", evening(21)))
    heard.append(c.say("GratitudeIntent", evening(22), gratitude=WORDS[0]))
    heard.append(c.say("GratitudeIntent", evening(23), gratitude=WORDS[1]))
    heard.append(c.one_shot("WeeklySummaryIntent", evening(30)))

    # The evening went as a couple would hear it (so the comparison below covers real work) ...
    assert "day one" in did_it
    assert WORDS[1] not in heard[-2] and "Thank you" in heard[-2]  # thanked, not read back
    assert "2 gratitudes" in heard[-2]
    assert len(mirror.turns) == len(heard) >= 11
    # ... and every answer, turn by turn, is the same whole response envelope on both paths.
    for intent, via_flask, via_lambda in mirror.turns:
        assert via_lambda == via_flask, intent
        assert speech_text(via_lambda)
    # Both stored the same: the couple's profile (streak, history, names) is identical.
    flask_store: CoupleStore = flask_app.extensions["close_together"]["store"]
    lambda_store = lambda_entry.runtime().store
    from_flask = flask_store.load_for_user(c.user_id)
    from_lambda = lambda_store.load_for_user(c.user_id)
    assert from_flask.streak == from_lambda.streak == 1
    assert from_flask.names == from_lambda.names == list(NAMES)
    assert from_flask == from_lambda


def test_lambda_refuses_another_skills_request_and_a_broken_one_writing_nothing(lambda_env: Settings) -> None:
    user = new_user_id()
    foreign = envelope("intent", user_id=user, at=evening(), intent="CompletedExerciseIntent")
    for holder in (foreign["session"]["application"], foreign["context"]["System"]["application"]):
        holder["applicationId"] = "amzn1.ask.skill.someone-elses"
    # The same rule and words as the HTTPS verifier's (skill/web/rules.py): one application-id check.
    with pytest.raises(lambda_entry.RequestRefused, match=r"^application id mismatch$"):
        lambda_entry.handler(foreign, CONTEXT)
    broken = envelope("launch", user_id=user, at=evening())
    del broken["request"]["timestamp"]
    with pytest.raises(lambda_entry.RequestRefused, match="timestamp"):
        lambda_entry.handler(broken, CONTEXT)
    assert lambda_entry.runtime().store.load_for_user(user).streak == 0  # nothing was counted


def test_lambda_will_not_start_without_a_skill_id(lambda_env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILL_ID")
    with pytest.raises(SettingsError, match="SKILL_ID"):
        lambda_entry.handler(envelope("launch", user_id=new_user_id(), at=evening()), CONTEXT)


def test_a_container_builds_its_skill_once_on_first_use_and_logs_one_line_per_request(
    lambda_env: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    assert lambda_entry._runtime is None
    with caplog.at_level(logging.INFO, logger="close_together.request"):
        first = lambda_entry.handler(envelope("launch", user_id=new_user_id(), at=evening()), CONTEXT)
        built = lambda_entry._runtime
        second = lambda_entry.handler(envelope("launch", user_id=new_user_id(), at=evening()), CONTEXT)
    assert built is not None and lambda_entry._runtime is built  # reused while the container lives
    assert speech_text(first) and speech_text(second)
    lines = [r for r in caplog.records if r.name == "close_together.request"]
    assert [(getattr(r, "request_type", None), getattr(r, "outcome", None)) for r in lines] == [
        ("LaunchRequest", "ok"),
        ("LaunchRequest", "ok"),
    ]


def test_importing_the_entry_point_creates_no_aws_client() -> None:
    # In a clean interpreter: boto3.client raises if anything calls it while the module is imported.
    code = (
        "import boto3\n"
        "def boom(*a, **k): raise SystemExit('boto3.client called at import time')\n"
        "boto3.client = boom\n"
        "import skill.lambda_entry as e\n"
        "assert e._runtime is None\n"
        "print('imported')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "SKILL_ID": APP_ID},
    )
    assert result.returncode == 0 and result.stdout.strip() == "imported", result.stderr


def test_on_lambda_the_log_lines_are_the_same_json_objects_as_under_gunicorn() -> None:
    logger = logging.Logger("lambda-root-stand-in")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    lambda_entry.json_logs(logger)
    assert isinstance(handler.formatter, JsonFormatter) and logger.level == logging.INFO
    record = logger.makeRecord(
        "close_together.request",
        logging.INFO,
        __file__,
        1,
        "alexa request",
        (),
        None,
        extra={"outcome": "ok", "status": 200},
    )
    line = json.loads(handler.format(record))
    assert line["logger"] == "close_together.request" and line["outcome"] == "ok" and line["status"] == 200
