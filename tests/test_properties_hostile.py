"""Property-based, what a hostile client can send: extreme timestamps, nesting anywhere, characters XML
forbids in every slot of every intent, tampered session attributes and chunked bodies of any size.
Signed (generated PKI) and checked by the real verifier; none may get a 5xx or a malformed answer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from devtools.envelopes import envelope

from conftest import ROOT, Served
from support.certs import Pki
from support.hostile import NOW, USERS, assert_valid_answer, chunked_post, deep_text, json_value, post
from support.personal import personal

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
    for path in sorted((ROOT / "deploy" / "model" / "en" / "intents").glob("*.json")):
        for intent in json.loads(path.read_text())["intents"]:
            found[intent["name"]] = [slot["name"] for slot in intent.get("slots", [])]
    return found


MODEL = model_intents()
# Every session attribute key the skill writes, and the phases it sets (intents/*.py).
SESSION_KEYS = [
    "phase",
    "couple",
    "practice",
    "browse",
    "grat",
    "grat_names",
    "grat_pending",
    "grat_each",
    "trail",
    "remind_at",
]
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
    "reminder_offer",
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
    signed: FlaskClient, signed_pki: Pki, stamp: str, kind: str
) -> None:
    env = envelope(kind, user_id=USERS[0], at=NOW, intent="StreakIntent" if kind == "intent" else None)
    env["request"]["timestamp"] = stamp
    status, raw = post(signed, signed_pki, json.dumps(env).encode())
    assert_valid_answer(status, raw)


@settings(max_examples=120)
@given(
    depth=st.one_of(st.integers(0, 80), st.integers(0, 5000)),
    opener=st.sampled_from("[{"),
    where=st.sampled_from(["body", "attributes", "slot", "context"]),
)
def test_deep_nesting_anywhere_never_breaks_the_skill(
    signed: FlaskClient, signed_pki: Pki, depth: int, opener: str, where: str
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
    status, raw = post(signed, signed_pki, text.encode())
    assert_valid_answer(status, raw)
    if depth > 64:
        assert status == 400


@settings(max_examples=200)
@given(data=st.data())
def test_hostile_characters_in_every_slot_of_every_intent_never_break_the_skill(
    signed: FlaskClient, signed_pki: Pki, data: st.DataObject
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
    status, raw = post(signed, signed_pki, json.dumps(env).encode())
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
    signed: FlaskClient, signed_pki: Pki, data: st.DataObject
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
    status, raw = post(signed, signed_pki, body)
    assert_valid_answer(status, raw)


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
    status, raw = chunked_post(served_skill, body, piece)
    assert_valid_answer(status, raw)
    if len(body) > limit:
        assert status == 413
    elif pad != b"x":
        assert status == 200  # whitespace after the object is still valid JSON: answered whole
