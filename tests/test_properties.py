"""Property-based: thousands of signed but arbitrary or mutated requests never get a 5xx, and every
200 is a valid Alexa response envelope. The real verifier checks every one (generated PKI), and
requests that pass reach the real skill and DynamoDB Local.

Runtime is kept modest (2,200 examples in all, about half a minute); the "ci" profile is derandomized so a run is
reproducible. Set HYPOTHESIS_PROFILE=dev for fresh random examples while working on the seam.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.schema import Catalogue
from skill.app import create_app
from skill.settings import Settings
from skill.verification import RequestVerifier

from alexa import APP_ID, envelope
from certs import Pki, make_pki
from personal import personal

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
USERS = [f"amzn1.ask.account.PROPERTY{n}" for n in range(3)]
INTENTS = ["TonightsExerciseIntent", "AnotherExerciseIntent", "StartExerciseIntent", "CompletedExerciseIntent",
           "StreakIntent", "AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent",
           "AMAZON.FallbackIntent", "UnknownIntent"]

SESSIONS: list[dict[str, Any]] = [{}, {"phase": "offered", "practice": "touch_map"}, {"phase": "launched"},
                                  {"phase": 7, "practice": ["x"]}]

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                      st.text(max_size=40), st.sampled_from(["", "IntentRequest", "LaunchRequest", "NONE", "x" * 400]))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki(now=NOW)


@pytest.fixture(scope="module")
def signed(settings: Settings, catalogue: Catalogue, pki: Pki) -> Iterator[FlaskClient]:
    ours = Settings(table_name=settings.table_name, dynamodb_endpoint=settings.dynamodb_endpoint, skill_id=APP_ID,
                    default_time_zone=settings.default_time_zone, time_zone_lookup=False)
    verifier = RequestVerifier(skill_id=APP_ID, trust_roots=[pki.root_cert], fetcher=lambda url: pki.chain_pem,
                               clock=lambda: NOW)
    yield create_app({"SETTINGS": ours, "CATALOGUE": catalogue, "VERIFIER": verifier}).test_client()


def assert_valid_answer(status: int, raw: bytes) -> None:
    assert status < 500, raw[:300]
    body = json.loads(raw)
    assert isinstance(body, dict)
    if status != 200:
        assert status in (400, 413) and isinstance(body.get("message"), str)
        return
    assert body.get("version") == "1.0"
    response = body["response"]
    assert isinstance(response, dict)
    assert isinstance(body.get("sessionAttributes", {}), dict)
    assert response.get("shouldEndSession") in (None, True, False)
    for speech in (response.get("outputSpeech"), (response.get("reprompt") or {}).get("outputSpeech")):
        if speech is not None:
            assert speech["type"] == "SSML"
            assert speech["ssml"].startswith("<speak>") and speech["ssml"].endswith("</speak>")


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


def mutate(env: dict[str, Any], data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(paths(env)))
    parent: Any = env
    for step in path[:-1]:
        parent = parent[step]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(json_value)


def base_envelope(data: st.DataObject) -> dict[str, Any]:
    kind = data.draw(st.sampled_from(["launch", "intent", "session_ended"]))
    user = data.draw(st.sampled_from(USERS))
    attrs: dict[str, Any] = data.draw(st.sampled_from(SESSIONS))
    if kind != "intent":
        return envelope(kind, user_id=user, at=NOW, attributes=attrs)
    slots = data.draw(st.dictionaries(st.sampled_from(["words", "name", "practice"]),
                                      st.text(max_size=400).map(lambda t: personal(f"<<{t}>>")), max_size=2))
    return envelope("intent", user_id=user, at=NOW, intent=data.draw(st.sampled_from(INTENTS)), slots=slots,
                    attributes=attrs)


def post(client: FlaskClient, pki: Pki, body: bytes) -> tuple[int, bytes]:
    reply = client.post("/alexa", data=body, headers=pki.headers(body), content_type="application/json")
    return reply.status_code, reply.get_data()


@settings(max_examples=1500)
@given(data=st.data())
def test_signed_mutated_envelopes_never_break_the_skill(signed: FlaskClient, pki: Pki, data: st.DataObject) -> None:
    env = base_envelope(data)
    for _ in range(data.draw(st.integers(0, 3))):
        mutate(env, data)
    status, raw = post(signed, pki, json.dumps(env).encode())
    assert_valid_answer(status, raw)


@settings(max_examples=300)
@given(body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                      json_value.map(lambda v: json.dumps(v).encode())))
def test_signed_arbitrary_bodies_never_break_the_skill(signed: FlaskClient, pki: Pki, body: bytes) -> None:
    status, raw = post(signed, pki, body)
    assert_valid_answer(status, raw)
    assert status == 400


@settings(max_examples=400)
@given(data=st.data())
def test_signed_envelopes_with_odd_slots_and_session_never_break_the_skill(
        signed: FlaskClient, pki: Pki, data: st.DataObject) -> None:
    env = envelope("intent", user_id=data.draw(st.sampled_from(USERS)), at=NOW,
                   intent=data.draw(st.sampled_from(INTENTS)))
    env["request"]["intent"]["slots"] = data.draw(st.one_of(json_value, st.dictionaries(
        st.text(max_size=8), st.fixed_dictionaries({"name": st.text(max_size=8)}, optional={
            "value": json_value, "resolutions": json_value, "confirmationStatus": json_value}), max_size=3)))
    env["session"]["attributes"] = data.draw(json_value)
    status, raw = post(signed, pki, copy.deepcopy(json.dumps(env)).encode())
    assert_valid_answer(status, raw)
