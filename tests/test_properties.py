"""Property-based: thousands of signed but arbitrary or mutated requests never get a 5xx, and every
200 is a valid Alexa response envelope. The real verifier checks every one (generated PKI), and
requests that pass reach the real skill and DynamoDB Local.

Runtime is kept modest (2,945 examples in all, about a minute on an idle machine); the "ci" profile is
derandomized so a run is reproducible. Set HYPOTHESIS_PROFILE=dev for fresh random examples while working on the seam.
"""

from __future__ import annotations

import copy
import http.client
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.schema import Catalogue
from deploy.envelopes import APP_ID, envelope
from skill.app import create_app
from skill.core.settings import Settings
from skill.web.verification import RequestVerifier

from certs import Pki, make_pki
from conftest import ROOT, Served
from personal import personal

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
USERS = [f"amzn1.ask.account.PROPERTY{n}" for n in range(3)]
INTENTS = [
    "TonightsExerciseIntent",
    "AnotherExerciseIntent",
    "StartExerciseIntent",
    "CompletedExerciseIntent",
    "StreakIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.FallbackIntent",
    "UnknownIntent",
]

SESSIONS: list[dict[str, Any]] = [
    {},
    {"phase": "offered", "practice": "touch_map"},
    {"phase": "launched"},
    {"phase": 7, "practice": ["x"]},
]

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["", "IntentRequest", "LaunchRequest", "NONE", "x" * 400]),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki(now=NOW)


@pytest.fixture(scope="module")
def signed(settings: Settings, catalogue: Catalogue, pki: Pki) -> Iterator[FlaskClient]:
    ours = Settings(
        table_name=settings.table_name,
        dynamodb_endpoint=settings.dynamodb_endpoint,
        skill_id=APP_ID,
        default_time_zone=settings.default_time_zone,
        time_zone_lookup=False,
    )
    verifier = RequestVerifier(
        skill_id=APP_ID, trust_roots=[pki.root_cert], fetcher=lambda url: pki.chain_pem, clock=lambda: NOW
    )
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
            ET.fromstring(speech["ssml"])  # well-formed XML, whatever the request carried


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
    slots = data.draw(
        st.dictionaries(
            st.sampled_from(["words", "name", "practice"]),
            st.text(max_size=400).map(lambda t: personal(f"<<{t}>>")),
            max_size=2,
        )
    )
    return envelope(
        "intent", user_id=user, at=NOW, intent=data.draw(st.sampled_from(INTENTS)), slots=slots, attributes=attrs
    )


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
@given(
    body=st.one_of(
        st.binary(max_size=300), st.text(max_size=300).map(str.encode), json_value.map(lambda v: json.dumps(v).encode())
    )
)
def test_signed_arbitrary_bodies_never_break_the_skill(signed: FlaskClient, pki: Pki, body: bytes) -> None:
    status, raw = post(signed, pki, body)
    assert_valid_answer(status, raw)
    assert status == 400


@settings(max_examples=400)
@given(data=st.data())
def test_signed_envelopes_with_odd_slots_and_session_never_break_the_skill(
    signed: FlaskClient, pki: Pki, data: st.DataObject
) -> None:
    env = envelope(
        "intent", user_id=data.draw(st.sampled_from(USERS)), at=NOW, intent=data.draw(st.sampled_from(INTENTS))
    )
    env["request"]["intent"]["slots"] = data.draw(
        st.one_of(
            json_value,
            st.dictionaries(
                st.text(max_size=8),
                st.fixed_dictionaries(
                    {"name": st.text(max_size=8)},
                    optional={"value": json_value, "resolutions": json_value, "confirmationStatus": json_value},
                ),
                max_size=3,
            ),
        )
    )
    env["session"]["attributes"] = data.draw(json_value)
    status, raw = post(signed, pki, copy.deepcopy(json.dumps(env)).encode())
    assert_valid_answer(status, raw)


# -- what a hostile client can send: dates, nesting, odd characters, chunked bodies, tampered state -

# Characters XML forbids (controls, U+FFFE/U+FFFF, lone surrogates) and other odd ones Alexa could
# pass through in free speech.
ODD_CHARS = [
    "\x00",
    "\x07",
    "\x08",
    "\x1b",
    "\x7f",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\u200b",
    "\u202e",
    "\U0010ffff",
    "&",
    "<",
    "]]>",
    '"',
    "'",
]
hostile_text = st.lists(st.one_of(st.sampled_from(ODD_CHARS), st.characters()), max_size=40).map("".join)


def model_intents() -> dict[str, list[str]]:
    """Every intent of the interaction model with its slot names (deploy/model is the contract)."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "deploy" / "model" / "intents").glob("*.json")):
        for intent in json.loads(path.read_text())["intents"]:
            found[intent["name"]] = [slot["name"] for slot in intent.get("slots", [])]
    return found


MODEL = model_intents()
# Every session attribute key the skill writes, and the phases it sets (intents/*.py).
SESSION_KEYS = ["phase", "couple", "practice", "browse", "grat", "grat_names", "grat_pending", "grat_each", "trail"]
PHASES = [
    "offered",
    "launched",
    "grat_names",
    "grat_confirm_names",
    "grat_turn",
    "grat_offer",
    "guiding",
    "reason",
    "overview",
    "explained",
    "confirm_delete",
    "confirm_delete_mine",
    "summary_more",
    "walk",
]
timestamps = st.one_of(
    st.datetimes(timezones=st.sampled_from([UTC])).map(lambda d: d.isoformat()),
    st.builds(
        lambda d, sign, hh, mm: d.isoformat() + f"{sign}{hh:02d}:{mm:02d}",
        st.datetimes(),
        st.sampled_from("+-"),
        st.integers(0, 23),
        st.integers(0, 59),
    ),
    st.sampled_from(
        [
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+23:59",
            "9999-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "2026-02-30T10:00:00Z",
            "2026-11-25T25:00:00Z",
            "",
            "Z",
            "now",
            "2026-11-25",
            "+275760-09-13T00:00:00Z",
            "2026-11-25T21:00:00+99:99",
        ]
    ),
    st.text(max_size=30),
)


@settings(max_examples=200)
@given(stamp=timestamps, kind=st.sampled_from(["launch", "intent", "session_ended"]))
def test_extreme_and_malformed_timestamps_never_break_the_skill(
    signed: FlaskClient, pki: Pki, stamp: str, kind: str
) -> None:
    env = envelope(kind, user_id=USERS[0], at=NOW, intent="StreakIntent" if kind == "intent" else None)
    env["request"]["timestamp"] = stamp
    status, raw = post(signed, pki, json.dumps(env).encode())
    assert_valid_answer(status, raw)


def deep_text(depth: int, opener: str) -> str:
    """JSON nested ``depth`` levels, built as text (json.dumps itself would recurse that deep)."""
    if opener == "[":
        return "[" * depth + "1" + "]" * depth
    return '{"k":' * depth + "1" + "}" * depth


@settings(max_examples=120)
@given(
    depth=st.one_of(st.integers(0, 80), st.integers(0, 5000)),
    opener=st.sampled_from("[{"),
    where=st.sampled_from(["body", "attributes", "slot", "context"]),
)
def test_deep_nesting_anywhere_never_breaks_the_skill(
    signed: FlaskClient, pki: Pki, depth: int, opener: str, where: str
) -> None:
    env = envelope("intent", user_id=USERS[1], at=NOW, intent="AMAZON.HelpIntent")
    if where == "attributes":
        env["session"]["attributes"] = {"grat": "__DEEP__"}
    elif where == "slot":
        env["request"]["intent"]["slots"] = {"words": {"name": "words", "value": "__DEEP__"}}
    elif where == "context":
        env["context"]["Extra"] = "__DEEP__"
    text = (
        json.dumps(env).replace('"__DEEP__"', deep_text(depth, opener)) if where != "body" else deep_text(depth, opener)
    )
    status, raw = post(signed, pki, text.encode())
    assert_valid_answer(status, raw)
    if depth > 64:
        assert status == 400


@settings(max_examples=200)
@given(data=st.data())
def test_hostile_characters_in_every_slot_of_every_intent_never_break_the_skill(
    signed: FlaskClient, pki: Pki, data: st.DataObject
) -> None:
    intent = data.draw(st.sampled_from(sorted(MODEL)))
    slots = {name: personal(data.draw(hostile_text)) for name in MODEL[intent]}
    phase = data.draw(st.sampled_from([None, *PHASES]))
    attrs: dict[str, Any] = {} if phase is None else {"phase": phase}
    if phase == "grat_turn":
        attrs["grat"] = {
            "round": "r",
            "each": 1,
            "turns": 2,
            "asked": 0,
            "last": None,
            "shared": 0,
            "retry": 0,
            "voices": {},
        }
    env = envelope(
        "intent", user_id=data.draw(st.sampled_from(USERS)), at=NOW, intent=intent, slots=slots, attributes=attrs
    )
    status, raw = post(signed, pki, json.dumps(env).encode())
    assert_valid_answer(status, raw)


tampered_value = st.one_of(
    json_value,
    hostile_text,
    st.sampled_from(PHASES),
    st.lists(st.text(max_size=300), max_size=50),
    st.dictionaries(st.text(max_size=60), st.integers(-3, 3), max_size=300),
)


@settings(max_examples=200)
@given(data=st.data())
def test_tampered_session_attributes_of_every_key_never_break_the_skill(
    signed: FlaskClient, pki: Pki, data: st.DataObject
) -> None:
    attrs = data.draw(st.dictionaries(st.sampled_from(SESSION_KEYS), tampered_value, min_size=1, max_size=4))
    if data.draw(st.booleans()):
        attrs["phase"] = data.draw(st.sampled_from(PHASES))
    intent = data.draw(st.sampled_from(sorted(MODEL)))
    env = envelope(
        "intent",
        user_id=data.draw(st.sampled_from(USERS)),
        at=NOW,
        intent=intent,
        slots={name: "Sam" for name in MODEL[intent]},
    )
    env["session"]["attributes"] = attrs
    body = json.dumps(env).encode()
    if len(body) > 128 * 1024:
        return
    status, raw = post(signed, pki, body)
    assert_valid_answer(status, raw)


def chunked(served: Served, body: bytes, piece: int) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    try:
        conn.putrequest("POST", "/alexa")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        try:
            for start in range(0, len(body), piece):
                part = body[start : start + piece]
                conn.send(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            conn.send(b"0\r\n\r\n")
        except BrokenPipeError:
            pass  # the server answered before the body ended (a refusal): read what it said
        reply = conn.getresponse()
        return reply.status, reply.read()
    finally:
        conn.close()


@settings(max_examples=25)
@given(
    extra=st.one_of(st.integers(-2000, 2000), st.integers(-100_000, 200_000)),
    piece=st.sampled_from([1000, 8192, 65536, 200_000]),
    pad=st.sampled_from([b" ", b"\n", b"x"]),
)
def test_chunked_bodies_of_any_size_are_answered_or_refused_whole(
    served_skill: Served, extra: int, piece: int, pad: bytes
) -> None:
    env = envelope("launch", user_id=USERS[2], at=datetime.now(UTC))
    base = json.dumps(env).encode()
    limit = 128 * 1024
    size = max(len(base), limit + extra)
    body = base + pad * (size - len(base))
    status, raw = chunked(served_skill, body, piece)
    assert_valid_answer(status, raw)
    if len(body) > limit:
        assert status == 413
    elif pad != b"x":
        assert status == 200  # whitespace after the object is still valid JSON: answered whole
