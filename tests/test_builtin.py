"""Help, stop, cancel, fallback, navigate home, session end, unknown intents and errors."""

from __future__ import annotations

import json
import logging
from datetime import UTC, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import envelope, new_user_id
from skill.app import create_app
from skill.core.settings import Settings
from skill.store import keys
from skill.store.couples import CoupleStore, to_item

from support.alexa import Conversation
from support.settings import skill_settings
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)


def test_help_says_what_to_say_and_keeps_listening(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("AMAZON.HelpIntent", NOW)
    assert "today's exercise" in said  # 4 p.m. in New York and "we did it" in said
    assert said.endswith("?") and not c.ended and c.reprompt


@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"])
def test_stop_cancel_and_home_end_the_session_kindly(client: FlaskClient, intent: str) -> None:
    c = Conversation(client)
    c.launch(NOW)
    said = c.say(intent, NOW)
    assert said and c.ended


def test_fallback_offers_what_the_skill_can_do(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("AMAZON.FallbackIntent", NOW)
    assert "today's exercise" in said and not c.ended and c.reprompt


def test_unknown_intent_gets_a_spoken_answer_not_an_error(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("SomethingWeNeverDefinedIntent", NOW)
    assert "didn't catch" in said and not c.ended and c.reprompt


def test_yes_with_nothing_asked_is_not_misread(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("AMAZON.YesIntent", NOW)
    assert "didn't catch" in said and not c.ended


def test_session_ended_gets_an_empty_response(client: FlaskClient) -> None:
    env = envelope("session_ended", user_id=new_user_id(), at=NOW)
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 200
    body = reply.get_json()
    assert "outputSpeech" not in body["response"]


def test_an_unexpected_error_is_an_apology_and_a_log_line(
    client: FlaskClient, store: CoupleStore, caplog: pytest.LogCaptureFixture
) -> None:
    c = Conversation(client)
    # A real fault: a profile item whose streak is not a number.
    store.client.put_item(
        TableName=store.table,
        Item=to_item(
            {
                keys.PK: keys.couple_pk(keys.couple_id_for_user(c.user_id)),
                keys.SK: keys.PROFILE_SK,
                "version": 3,
                "streak": "many",
                "last_active": (NOW - timedelta(days=1)).date().isoformat(),
            }
        ),
    )
    with caplog.at_level(logging.ERROR):
        said = c.one_shot("CompletedExerciseIntent", NOW)
    assert "Sorry" in said and not c.ended and c.reprompt
    assert "Traceback" not in json.dumps(c.last)
    assert any(r.exc_info for r in caplog.records)


def test_dynamodb_unreachable_is_said_honestly(settings: Settings, catalogue: Catalogue) -> None:
    # Nothing listens on this port: a real connection failure, not a mock.
    down = skill_settings(dynamodb_endpoint="http://127.0.0.1:9")
    app: Flask = create_app({"SETTINGS": down, "CATALOGUE": catalogue})
    c = Conversation(app.test_client())
    said = c.one_shot("CompletedExerciseIntent", NOW)
    assert "couldn't save" in said and "saved" not in said.replace("couldn't save", "")
    assert not c.ended
    said = c.launch(NOW)
    assert "can't reach" in said
