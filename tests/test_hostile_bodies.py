"""Hostile bodies that used to end in a 500 or be cut short: a client must never see a stack trace.

Each answers a JSON 400/413 before verification (or a spoken answer after it), never a 5xx:
nesting deeper than the limit (in the body or in session attributes), timestamps at the edge of the
calendar, and chunked bodies over the size limit (served by the real gunicorn, which is what
decodes chunked transfer encoding).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from devtools.envelopes import envelope, new_user_id
from skill.web.pipeline import MAX_JSON_DEPTH, json_too_deep

from conftest import Served
from support.alexa import speech_text
from support.hostile import chunked_post, nested
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)


def post(client: FlaskClient, body: bytes | str) -> Any:
    return client.post("/alexa", data=body, content_type="application/json")


@pytest.mark.parametrize("body", ["[" * 1000 + "]" * 1000, '{"a":' * 5000 + "1" + "}" * 5000, "[" * 100_000])
def test_a_deeply_nested_body_is_a_json_400(client: FlaskClient, body: str) -> None:
    reply = post(client, body)
    assert reply.status_code == 400
    assert "deeper" in reply.get_json()["message"]


def test_session_attributes_nested_500_levels_are_a_400_not_a_500(client: FlaskClient) -> None:
    env = envelope("intent", user_id=new_user_id(), at=NOW, intent="AMAZON.HelpIntent")
    env["session"]["attributes"] = {"phase": "offered", "deep": nested(500)}  # 4 KB of brackets
    reply = post(client, json.dumps(env))
    assert reply.status_code == 400 and "deeper" in reply.get_json()["message"]


def test_nesting_within_the_limit_still_reaches_the_skill(client: FlaskClient) -> None:
    # The envelope itself takes a few levels; an attribute nested well inside the limit is served.
    env = envelope(
        "intent",
        user_id=new_user_id(),
        at=NOW,
        intent="AMAZON.HelpIntent",
        attributes={"deep": nested(MAX_JSON_DEPTH - 8)},
    )
    reply = post(client, json.dumps(env))
    assert reply.status_code == 200 and speech_text(reply.get_json())


def test_brackets_inside_strings_do_not_count() -> None:
    assert not json_too_deep(json.dumps({"words": "[" * 5000}))
    assert json_too_deep(json.dumps(nested(MAX_JSON_DEPTH + 1)))
    assert not json_too_deep(json.dumps(nested(MAX_JSON_DEPTH)))
    assert not json_too_deep('"' + '\\"' * 50_000)  # an unterminated string: left for json.loads


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_timestamps_past_the_calendar_are_a_json_400(client: FlaskClient, stamp: str) -> None:
    env = envelope("launch", user_id=new_user_id(), at=NOW)
    env["request"]["timestamp"] = stamp
    reply = post(client, json.dumps(env))
    assert reply.status_code == 400 and "timestamp" in reply.get_json()["message"]


def test_chunked_bodies_are_refused_past_the_limit_never_cut(served_skill: Served) -> None:
    env = envelope("launch", user_id=new_user_id(), at=datetime.now(UTC))
    small = json.dumps(env).encode()
    status, raw = chunked_post(served_skill, small)
    assert status == 200 and json.loads(raw)["version"] == "1.0"  # chunked itself is fine
    # The same envelope followed by whitespace past 128 KiB: the first 128 KiB alone would be a
    # complete, valid request, which is why cutting it used to answer 200.
    padded = small + b" " * (128 * 1024)
    status, raw = chunked_post(served_skill, padded)
    assert status == 413 and json.loads(raw)["error"]
    exactly = small + b" " * (128 * 1024 - len(small))
    status, _ = chunked_post(served_skill, exactly)
    assert status == 200  # at the limit is allowed, as with Content-Length
