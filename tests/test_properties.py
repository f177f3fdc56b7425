"""Property-based: thousands of signed but arbitrary or mutated requests never get a 5xx, and every
200 is a valid Alexa response envelope. The real verifier checks every one (generated PKI), and
requests that pass reach the real skill and DynamoDB Local.

Runtime is kept modest (2,945 examples in all with tests/test_properties_hostile.py, about a minute on an
idle machine); tests/support/hostile.py holds the Hypothesis profiles and the checks both modules share.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from devtools.envelopes import envelope

from support.certs import Pki
from support.hostile import NOW, USERS, assert_valid_answer, json_value, post
from support.personal import personal

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


@settings(max_examples=1500)
@given(data=st.data())
def test_signed_mutated_envelopes_never_break_the_skill(
    signed: FlaskClient, signed_pki: Pki, data: st.DataObject
) -> None:
    env = base_envelope(data)
    for _ in range(data.draw(st.integers(0, 3))):
        mutate(env, data)
    status, raw = post(signed, signed_pki, json.dumps(env).encode())
    assert_valid_answer(status, raw)


@settings(max_examples=300)
@given(
    body=st.one_of(
        st.binary(max_size=300), st.text(max_size=300).map(str.encode), json_value.map(lambda v: json.dumps(v).encode())
    )
)
def test_signed_arbitrary_bodies_never_break_the_skill(signed: FlaskClient, signed_pki: Pki, body: bytes) -> None:
    status, raw = post(signed, signed_pki, body)
    assert_valid_answer(status, raw)
    assert status == 400


@settings(max_examples=400)
@given(data=st.data())
def test_signed_envelopes_with_odd_slots_and_session_never_break_the_skill(
    signed: FlaskClient, signed_pki: Pki, data: st.DataObject
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
    status, raw = post(signed, signed_pki, copy.deepcopy(json.dumps(env)).encode())
    assert_valid_answer(status, raw)
