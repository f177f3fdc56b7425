"""What a hostile client can send, and what every answer to it must still be: the builders and checks
the hostile-body and property-based tests share (signed requests, deep nesting, chunked bodies).

The Hypothesis profiles are registered here, so every module that generates requests runs with the
same settings: "ci" (the default) is derandomized so a run is reproducible; HYPOTHESIS_PROFILE=dev
draws fresh random examples while working on the seam.
"""

from __future__ import annotations

import http.client
import json
import os
import xml.etree.ElementTree as ET
from datetime import UTC
from typing import TYPE_CHECKING, Any

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from content.schema import Catalogue
from devtools.envelopes import APP_ID
from skill.app import create_app
from skill.core.settings import Settings
from skill.web.verification import RequestVerifier

from support.certs import Pki
from support.settings import skill_settings
from support.today import WEDNESDAY, coming_at

if TYPE_CHECKING:  # conftest imports this module for its fixtures
    from conftest import Served

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # stored items expire after it: derived from today (tests/support/today.py)
USERS = [f"amzn1.ask.account.PROPERTY{n}" for n in range(3)]

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


def signed_app(settings: Settings, catalogue: Catalogue, verifier: RequestVerifier) -> Flask:
    """The skill behind its web seam with this (real) verifier: the test table, APP_ID as the skill id."""
    ours = skill_settings(dynamodb_endpoint=settings.dynamodb_endpoint, skill_id=APP_ID, verify_requests=True)
    return create_app({"SETTINGS": ours, "CATALOGUE": catalogue, "VERIFIER": verifier})


def signed_client(settings: Settings, catalogue: Catalogue, pki: Pki) -> FlaskClient:
    """The skill with the real verifier on, trusting ``pki`` and its clock at NOW."""
    verifier = RequestVerifier(
        skill_id=APP_ID, trust_roots=[pki.root_cert], fetcher=lambda url: pki.chain_pem, clock=lambda: NOW
    )
    return signed_app(settings, catalogue, verifier).test_client()


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


def post(client: FlaskClient, pki: Pki, body: bytes) -> tuple[int, bytes]:
    reply = client.post("/alexa", data=body, headers=pki.headers(body), content_type="application/json")
    return reply.status_code, reply.get_data()


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def deep_text(depth: int, opener: str) -> str:
    """JSON nested ``depth`` levels, built as text (json.dumps itself would recurse that deep)."""
    if opener == "[":
        return "[" * depth + "1" + "]" * depth
    return '{"k":' * depth + "1" + "}" * depth


def chunked_post(served: Served, body: bytes, piece: int = 16 * 1024) -> tuple[int, bytes]:
    """POST ``body`` to the real gunicorn in chunks of ``piece`` bytes (Transfer-Encoding: chunked)."""
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
