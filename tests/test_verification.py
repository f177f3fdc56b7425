"""RequestVerifier against generated PKI, the request checks: signatures, timestamps, the application
id. The real cryptographic path, offline (only 127.0.0.1); certificates are test_verification_certs.py,
the chain cache and fetch budget test_verification_cache.py."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import timedelta

import pytest
from werkzeug.datastructures import Headers

from skill.web.verification import (
    RequestVerifier,
    VerificationError,
)

from support.certs import Pki, make_pki, new_key, sign_body
from support.verifying import NOW, URL, RecordingFetcher, encode, envelope, verifier_for

# --- happy path and signatures ------------------------------------------------------------------


def test_valid_request_passes(pki: Pki, fetcher: RecordingFetcher, verifier: RequestVerifier) -> None:
    env = envelope()
    body = encode(env)
    verifier.verify(pki.headers(body), body, env)
    assert fetcher.calls == [URL]


@pytest.mark.parametrize("make_headers", [dict, Headers], ids=["lowercase-dict", "werkzeug"])
def test_header_names_are_case_insensitive(
    pki: Pki, verifier: RequestVerifier, make_headers: Callable[[dict[str, str]], Mapping[str, str]]
) -> None:
    env = envelope()
    body = encode(env)
    headers = {k.lower(): v for k, v in pki.headers(body).items()}
    verifier.verify(make_headers(headers), body, env)


@pytest.mark.parametrize("variant", ["no-intermediate", "chain-with-root"])
def test_chain_shapes_accepted(variant: str) -> None:
    local = make_pki(now=NOW, with_intermediate=variant != "no-intermediate")
    pem = local.full_chain_pem if variant == "chain-with-root" else local.chain_pem
    env = envelope()
    body = encode(env)
    verifier_for(local, RecordingFetcher(pem)).verify(local.headers(body), body, env)


def test_tampered_body_rejected(pki: Pki, verifier: RequestVerifier) -> None:
    env = envelope()
    body = encode(env)
    headers = pki.headers(body)
    tampered = body.replace(b"LaunchRequest", b"IntentRequest")
    assert tampered != body
    with pytest.raises(VerificationError, match=r"^signature mismatch$"):
        verifier.verify(headers, tampered, json.loads(tampered))


def test_signature_by_other_key_rejected(pki: Pki, verifier: RequestVerifier) -> None:
    env = envelope()
    body = encode(env)
    headers = {"SignatureCertChainUrl": URL, "Signature-256": sign_body(new_key(), body)}
    with pytest.raises(VerificationError, match=r"^signature mismatch$"):
        verifier.verify(headers, body, env)


def test_missing_signature_rejected(verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    env = envelope()
    with pytest.raises(VerificationError, match=r"^missing Signature-256 header$"):
        verifier.verify({"SignatureCertChainUrl": URL}, encode(env), env)
    assert fetcher.calls == []


def test_legacy_sha1_signature_only_rejected(pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    env = envelope()
    body = encode(env)
    # A genuine signature from the right key, but only under the legacy header name.
    headers = {"SignatureCertChainUrl": URL, "Signature": pki.sign(body)}
    with pytest.raises(VerificationError, match=r"^legacy SHA-1 signature not accepted$"):
        verifier.verify(headers, body, env)
    assert fetcher.calls == []


# "QUJD!@#$" is valid base64 plus junk: a lenient decoder would silently drop the junk.
@pytest.mark.parametrize("garbage", ["not base64 at all!", "QUJD!@#$", "abc", "====", "   "])
def test_garbage_signature_rejected(garbage: str, verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    env = envelope()
    headers = {"SignatureCertChainUrl": URL, "Signature-256": garbage}
    with pytest.raises(VerificationError, match=r"invalid signature encoding|missing Signature-256"):
        verifier.verify(headers, encode(env), env)
    assert fetcher.calls == []


# --- timestamp ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_type", "offset", "ok"),
    [
        ("LaunchRequest", timedelta(seconds=-140), True),
        ("LaunchRequest", timedelta(seconds=-150), True),
        ("LaunchRequest", timedelta(seconds=-151), False),
        ("LaunchRequest", timedelta(seconds=140), True),
        ("LaunchRequest", timedelta(seconds=200), False),
        ("AlexaSkillEvent.SkillDisabled", timedelta(minutes=-50), True),
        ("AlexaSkillEvent.SkillDisabled", timedelta(minutes=-61), False),
        ("IntentRequest", timedelta(minutes=-50), False),
    ],
)
def test_timestamp_window(
    request_type: str,
    offset: timedelta,
    ok: bool,
    pki: Pki,
    verifier: RequestVerifier,
    fetcher: RecordingFetcher,
) -> None:
    env = envelope(offset=offset, request_type=request_type)
    body = encode(env)
    if ok:
        verifier.verify(pki.headers(body), body, env)
    else:
        with pytest.raises(VerificationError, match=r"^request timestamp out of range$"):
            verifier.verify(pki.headers(body), body, env)
        assert fetcher.calls == []


@pytest.mark.parametrize(
    ("timestamp", "reason"),
    [(None, "missing"), ("", "missing"), (1764112453000, "invalid"), ("yesterday", "invalid")],
)
def test_missing_or_unparseable_timestamp_rejected(
    timestamp: object, reason: str, pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher
) -> None:
    env = envelope()
    if timestamp is None:
        del env["request"]["timestamp"]
    else:
        env["request"]["timestamp"] = timestamp
    body = encode(env)
    with pytest.raises(VerificationError, match=rf"^request timestamp {reason}$"):
        verifier.verify(pki.headers(body), body, env)
    assert fetcher.calls == []


def test_a_time_without_a_zone_is_refused_by_the_one_rule_the_pipeline_uses_too(
    pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher
) -> None:
    """One timestamp rule (skill/web/rules.py): the verifier used to read a bare time as UTC while
    the pipeline refused it; both refuse it now, before any certificate is fetched."""
    env = envelope()
    env["request"]["timestamp"] = NOW.replace(tzinfo=None).isoformat()
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^request timestamp invalid$"):
        verifier.verify(pki.headers(body), body, env)
    assert fetcher.calls == []


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_timestamps_at_the_edge_of_the_calendar_are_refused(stamp: str, pki: Pki, verifier: RequestVerifier) -> None:
    env = envelope()
    env["request"]["timestamp"] = stamp
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^request timestamp out of range$"):
        verifier.verify(pki.headers(body), body, env)


# --- application id -----------------------------------------------------------------------------


def test_wrong_application_id_rejected(pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    env = envelope(app_id="amzn1.ask.skill.someone-else")
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^application id mismatch$"):
        verifier.verify(pki.headers(body), body, env)
    assert fetcher.calls == []


def test_missing_application_id_rejected(pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    env = envelope(app_id=None)
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^application id missing$"):
        verifier.verify(pki.headers(body), body, env)
    assert fetcher.calls == []


def test_application_id_from_session_accepted(pki: Pki, verifier: RequestVerifier) -> None:
    env = envelope(in_session=True)
    body = encode(env)
    verifier.verify(pki.headers(body), body, env)


def test_application_id_not_checked_without_skill_id(pki: Pki, fetcher: RecordingFetcher) -> None:
    env = envelope(app_id="amzn1.ask.skill.anything")
    body = encode(env)
    verifier_for(pki, fetcher, skill_id=None).verify(pki.headers(body), body, env)
