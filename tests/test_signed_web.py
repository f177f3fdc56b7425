"""Verification end to end through the Flask view: signed envelopes, real cryptography, DynamoDB Local.

Each check is covered once here, at the HTTP seam (400 JSON, nothing written, nothing fetched for a
bad URL); tests/test_verification*.py cover every variant of each check at the verifier level.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import APP_ID, envelope, new_user_id, skill_event
from skill.app import create_app
from skill.core.settings import Settings
from skill.store.couples import CoupleStore
from skill.web.verification import RequestVerifier, UrlCertFetcher

from support.certs import DEFAULT_CHAIN_URL, Pki, make_pki, new_key, sign_body
from support.hostile import signed_app
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)


class Fetcher:
    """Serves one PEM chain (or fails) and records what it was asked for."""

    def __init__(self, pem: bytes, fail: bool = False) -> None:
        self.pem, self.fail = pem, fail
        self.calls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        if self.fail:
            raise ConnectionError("no route to the certificate")
        return self.pem


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki(now=NOW)


def signed_client(
    settings: Settings, catalogue: Catalogue, root: Pki, fetcher: Fetcher, clock: Callable[[], datetime] = lambda: NOW
) -> FlaskClient:
    verifier = RequestVerifier(skill_id=APP_ID, trust_roots=[root.root_cert], fetcher=fetcher, clock=clock)
    return signed_app(settings, catalogue, verifier).test_client()


def completion(at: datetime = NOW, **kwargs: Any) -> tuple[str, dict[str, Any]]:
    user = new_user_id()
    return user, envelope(
        "intent", user_id=user, at=at, intent="CompletedExerciseIntent", attributes={"practice": "touch_map"}, **kwargs
    )


def post(client: FlaskClient, body: bytes, headers: dict[str, str]) -> Any:
    return client.post("/alexa", data=body, headers=headers, content_type="application/json")


def assert_refused(reply: Any, store: CoupleStore, user: str, reason: str) -> None:
    assert reply.status_code == 400, reply.get_data(as_text=True)
    assert reply.is_json and reason in reply.get_json()["message"]
    assert len(reply.get_data()) < 200  # a short error, never an echo of the body
    assert store.load_for_user(user).is_new  # nothing was written


def test_a_signed_completion_is_answered_and_counted(
    settings: Settings, catalogue: Catalogue, pki: Pki, store: CoupleStore
) -> None:
    fetcher = Fetcher(pki.chain_pem)
    client = signed_client(settings, catalogue, pki, fetcher)
    user, env = completion()
    body = json.dumps(env).encode()
    reply = post(client, body, pki.headers(body))
    assert reply.status_code == 200 and "day one" in reply.get_json()["response"]["outputSpeech"]["ssml"]
    assert store.load_for_user(user).streak == 1
    assert fetcher.calls == [DEFAULT_CHAIN_URL]


# (name, how the request is spoiled, the reason in the 400) — one per check, each end to end.
def _tampered(pki: Pki, body: bytes) -> tuple[bytes, dict[str, str]]:
    return body.replace(b"touch_map", b"mirror_listening"), pki.headers(body)


def _forged(pki: Pki, body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {"SignatureCertChainUrl": DEFAULT_CHAIN_URL, "Signature-256": sign_body(new_key(), body)}


def _missing(pki: Pki, body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {"SignatureCertChainUrl": DEFAULT_CHAIN_URL}


def _legacy_only(pki: Pki, body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {"SignatureCertChainUrl": DEFAULT_CHAIN_URL, "Signature": pki.sign(body)}


def _garbage(pki: Pki, body: bytes) -> tuple[bytes, dict[str, str]]:
    return body, {"SignatureCertChainUrl": DEFAULT_CHAIN_URL, "Signature-256": "not base64 at all!"}


SIGNATURE_FAILURES = [
    ("tampered body", _tampered, "signature mismatch"),
    ("forged signer", _forged, "signature mismatch"),
    ("missing signature", _missing, "missing Signature-256"),
    ("legacy SHA-1 only", _legacy_only, "legacy SHA-1"),
    ("garbage signature", _garbage, "invalid signature encoding"),
]


@pytest.mark.parametrize(("name", "spoil", "reason"), SIGNATURE_FAILURES, ids=[f[0] for f in SIGNATURE_FAILURES])
def test_bad_signatures_are_400_and_write_nothing(
    name: str,
    spoil: Callable[[Pki, bytes], tuple[bytes, dict[str, str]]],
    reason: str,
    settings: Settings,
    catalogue: Catalogue,
    pki: Pki,
    store: CoupleStore,
) -> None:
    client = signed_client(settings, catalogue, pki, Fetcher(pki.chain_pem))
    user, env = completion()
    body, headers = spoil(pki, json.dumps(env).encode())
    assert_refused(post(client, body, headers), store, user, reason)


@pytest.mark.parametrize(
    "url",
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
    ],
)
def test_bad_cert_urls_are_400_without_any_fetch(
    url: str, settings: Settings, catalogue: Catalogue, pki: Pki, store: CoupleStore
) -> None:
    fetcher = Fetcher(pki.chain_pem)
    client = signed_client(settings, catalogue, pki, fetcher)
    user, env = completion()
    body = json.dumps(env).encode()
    assert_refused(post(client, body, pki.headers(body, url=url)), store, user, "certificate URL")
    assert fetcher.calls == []


def test_an_accepted_url_variant_then_a_bad_url_with_the_same_body(
    settings: Settings, catalogue: Catalogue, pki: Pki, store: CoupleStore
) -> None:
    fetcher = Fetcher(pki.chain_pem)
    client = signed_client(settings, catalogue, pki, fetcher)
    user, env = completion()
    body = json.dumps(env).encode()
    variant = "HTTPS://S3.amazonaws.com:443/echo.api/../echo.api/echo-api-cert.pem"
    assert post(client, body, pki.headers(body, url=variant)).status_code == 200
    assert fetcher.calls == [DEFAULT_CHAIN_URL]  # the normalised URL is what was fetched and cached
    reply = post(client, body, pki.headers(body, url="https://notamazon.example/echo.api/echo-api-cert.pem"))
    assert reply.status_code == 400 and "certificate URL" in reply.get_json()["message"]
    assert fetcher.calls == [DEFAULT_CHAIN_URL]
    assert store.load_for_user(user).version == 1  # only the valid delivery wrote


@pytest.mark.parametrize(
    ("variant", "reason"),
    [
        ("expired", "certificate expired"),
        ("not_yet_valid", "certificate not yet valid"),
        ("wrong_san", "certificate not issued for echo-api.amazon.com"),
        ("untrusted", "certificate chain not trusted"),
        ("fetch_failure", "certificate fetch failed"),
    ],
)
def test_bad_chains_are_400_and_write_nothing(
    variant: str, reason: str, settings: Settings, catalogue: Catalogue, pki: Pki, store: CoupleStore
) -> None:
    chains: dict[str, Callable[[], Pki]] = {
        "expired": lambda: pki.expired(NOW),
        "not_yet_valid": lambda: pki.not_yet_valid(NOW),
        "wrong_san": pki.wrong_san,
        "untrusted": pki.untrusted,
        "fetch_failure": lambda: pki,
    }
    signer = chains[variant]()
    client = signed_client(settings, catalogue, pki, Fetcher(signer.chain_pem, fail=variant == "fetch_failure"))
    user, env = completion()
    body = json.dumps(env).encode()
    assert_refused(post(client, body, signer.headers(body)), store, user, reason)


@pytest.mark.parametrize(
    ("kind", "offset", "status"),
    [
        ("intent", timedelta(seconds=-140), 200),
        ("intent", timedelta(seconds=-151), 400),
        ("intent", timedelta(seconds=200), 400),
        ("skill_event", timedelta(minutes=-50), 200),
        ("skill_event", timedelta(minutes=-61), 400),
    ],
)
def test_timestamp_window_at_the_seam(
    kind: str, offset: timedelta, status: int, settings: Settings, catalogue: Catalogue, pki: Pki, store: CoupleStore
) -> None:
    client = signed_client(settings, catalogue, pki, Fetcher(pki.chain_pem))
    user, env = completion(at=NOW + offset)
    if kind == "skill_event":
        env["request"] = skill_event("SkillEnabled", NOW + offset, env["request"]["requestId"])
    body = json.dumps(env).encode()
    reply = post(client, body, pki.headers(body))
    assert reply.status_code == status, reply.get_data(as_text=True)
    if status == 400:
        assert_refused(reply, store, user, "timestamp out of range")


def test_wrong_application_id_is_400_and_writes_nothing(
    settings: Settings, catalogue: Catalogue, pki: Pki, store: CoupleStore
) -> None:
    client = signed_client(settings, catalogue, pki, Fetcher(pki.chain_pem))
    user, env = completion()
    for holder in (env["context"]["System"], env["session"]):
        holder["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    body = json.dumps(env).encode()
    assert_refused(post(client, body, pki.headers(body)), store, user, "application id")


def test_size_and_method_limits_hold_with_verification_on(settings: Settings, catalogue: Catalogue, pki: Pki) -> None:
    fetcher = Fetcher(pki.chain_pem)
    client = signed_client(settings, catalogue, pki, fetcher)
    big = b'{"pad": "' + b"x" * (settings.max_body_bytes + 1) + b'"}'
    reply = post(client, big, pki.headers(big))
    assert reply.status_code == 413 and reply.is_json
    for method in (client.get, client.put, client.delete):
        reply = method("/alexa")
        assert reply.status_code == 405 and reply.is_json
    assert fetcher.calls == []


def test_production_settings_leave_every_check_on(
    settings: Settings, catalogue: Catalogue, pki: Pki, store: CoupleStore
) -> None:
    prod = Settings.from_env(
        {
            "SKILL_ID": APP_ID,
            "SKILL_TABLE_NAME": settings.table_name,
            "SKILL_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint or "",
        }
    )
    assert prod.verify_requests is True
    app = create_app({"SETTINGS": prod, "CATALOGUE": catalogue})
    verifier = app.extensions["close_together"]["verifier"]
    assert isinstance(verifier, RequestVerifier)
    assert verifier.policy() == {
        "skill_id": APP_ID,
        "trust_roots": "default CA bundle",
        "fetcher": UrlCertFetcher.__name__,
        "fetch_timeout": 1.5,
        "max_chain_bytes": 64 * 1024,
        "cache_size": 16,
        "max_fetches": 4,
        "failure_memory_seconds": 15.0,
        "max_skew_seconds": 150.0,
        "skill_event_skew_seconds": 3600.0,
        "clock": "system",
    }
    # Unsigned, or signed by a chain that does not lead to a public root: refused, nothing written.
    client = app.test_client()
    user, env = completion(at=datetime.now(UTC))
    body = json.dumps(env).encode()
    assert_refused(post(client, body, {}), store, user, "SignatureCertChainUrl")
    assert_refused(
        post(client, body, pki.headers(body, url="http://s3.amazonaws.com/echo.api/x.pem")), store, user, "https"
    )
