"""RequestVerifier against generated PKI, the certificate: its URL, its chain and its name, and the
default fetcher against a local server standing in for S3."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from skill.web.verification import (
    RequestVerifier,
    UrlCertFetcher,
    VerificationError,
    canonical_cert_url,
    load_default_trust_roots,
)

from support.certs import Pki
from support.verifying import NOW, SKILL_ID, URL, Clock, LocalServer, RecordingFetcher, encode, envelope, verifier_for

# --- certificate URL ----------------------------------------------------------------------------

BAD_URLS = [
    "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://notamazon.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
    "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
    "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
    "https://s3.amazonaws.com/../echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com.evil.com/echo.api/echo-api-cert.pem",
    "https://evil@s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem",
    "https://s3.amazonaws.com/echo.api",
    "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
    "",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_cert_url_rejected_without_fetch(
    url: str, pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher
) -> None:
    env = envelope()
    body = encode(env)
    with pytest.raises(VerificationError, match=r"certificate URL|SignatureCertChainUrl"):
        verifier.verify(pki.headers(body, url=url), body, env)
    assert fetcher.calls == []


def test_missing_cert_url_rejected(pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    env = envelope()
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^missing SignatureCertChainUrl header$"):
        verifier.verify({"Signature-256": pki.sign(body)}, body, env)
    assert fetcher.calls == []


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "HTTPS://s3.Amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/./echo-api-cert.pem",
    ],
)
def test_accepted_cert_url_variants_fetch_canonical_url(
    url: str, pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher
) -> None:
    env = envelope()
    body = encode(env)
    verifier.verify(pki.headers(body, url=url), body, env)
    # What was validated is exactly what gets fetched (and cached).
    assert fetcher.calls == [URL]


@pytest.mark.parametrize(
    "url",
    [
        URL + "?v=2",
        URL + "?",
        URL + "#x",
        "https://S3.AMAZONAWS.COM/echo.api/x?n",
        "https://s3.amazonaws.com/echo.api/%2e%2e/echo.api/echo-api-cert.pem",
    ],
)
def test_query_fragment_and_escapes_refused(
    url: str, pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher
) -> None:
    # Each such variant of one file would otherwise be a cache key of its own, and a fetch of its own.
    with pytest.raises(VerificationError, match=r"certificate URL (query|path) not allowed"):
        canonical_cert_url(url)
    env = envelope()
    body = encode(env)
    with pytest.raises(VerificationError):
        verifier.verify(pki.headers(body, url=url), body, env)
    assert fetcher.calls == []


def test_valid_url_then_invalid_url_with_same_body(
    pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher
) -> None:
    env = envelope()
    body = encode(env)
    verifier.verify(pki.headers(body), body, env)
    with pytest.raises(VerificationError, match=r"certificate URL host"):
        verifier.verify(pki.headers(body, url="https://notamazon.com/echo.api/echo-api-cert.pem"), body, env)
    assert fetcher.calls == [URL]


# --- certificate chain --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "reason"),
    [
        ("expired", "^certificate expired$"),
        ("not_yet_valid", "^certificate not yet valid$"),
        ("wrong_san", "^certificate not issued for echo-api.amazon.com$"),
        ("untrusted", "^certificate chain not trusted$"),
    ],
)
def test_bad_chain_rejected(variant: str, reason: str, pki: Pki) -> None:
    bad = {
        "expired": lambda: pki.expired(NOW),
        "not_yet_valid": lambda: pki.not_yet_valid(NOW),
        "wrong_san": pki.wrong_san,
        "untrusted": pki.untrusted,
    }[variant]()
    env = envelope()
    body = encode(env)
    # The body is correctly signed by the bad chain's own leaf: only the chain check can object.
    verifier = verifier_for(pki, RecordingFetcher(bad.chain_pem))
    with pytest.raises(VerificationError, match=reason):
        verifier.verify(bad.headers(body), body, env)


def test_cached_chain_is_revalidated_against_the_clock(pki: Pki, fetcher: RecordingFetcher) -> None:
    clock = Clock()
    verifier = verifier_for(pki, fetcher, clock=clock)
    env = envelope()
    body = encode(env)
    verifier.verify(pki.headers(body), body, env)
    clock.now = pki.leaf_cert.not_valid_after_utc + timedelta(minutes=1)
    later = envelope(offset=clock.now - NOW)
    later_body = encode(later)
    with pytest.raises(VerificationError, match=r"^certificate expired$"):
        verifier.verify(pki.headers(later_body), later_body, later)
    assert fetcher.calls == [URL]


def test_unparseable_chain_rejected(pki: Pki) -> None:
    env = envelope()
    body = encode(env)
    verifier = verifier_for(pki, RecordingFetcher(b"<html>AccessDenied</html>"))
    with pytest.raises(VerificationError, match=r"^invalid certificate chain$"):
        verifier.verify(pki.headers(body), body, env)


def test_fetch_failure_rejected(pki: Pki) -> None:
    fetcher = RecordingFetcher(error=ConnectionRefusedError("nope"))
    env = envelope()
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^certificate fetch failed$"):
        verifier_for(pki, fetcher).verify(pki.headers(body), body, env)
    assert fetcher.calls == [URL]


def test_oversized_chain_rejected(pki: Pki) -> None:
    fetcher = RecordingFetcher(pki.chain_pem)
    verifier = verifier_for(pki, fetcher, max_chain_bytes=len(pki.chain_pem) - 1)
    env = envelope()
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^certificate chain too large$"):
        verifier.verify(pki.headers(body), body, env)


def test_default_trust_roots_do_not_trust_test_root(pki: Pki, fetcher: RecordingFetcher) -> None:
    assert len(load_default_trust_roots()) > 10
    verifier = RequestVerifier(skill_id=SKILL_ID, fetcher=fetcher, clock=Clock())
    env = envelope()
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^certificate chain not trusted$"):
        verifier.verify(pki.headers(body), body, env)


def test_wildcard_san_is_not_enough(pki: Pki) -> None:
    # *.amazon.com covers echo-api.amazon.com for TLS, not for Alexa: the exact name is required.
    wild = pki.wrong_san(("*.amazon.com",))
    env = envelope()
    body = encode(env)
    verifier = verifier_for(wild, RecordingFetcher(wild.chain_pem))
    with pytest.raises(VerificationError, match=r"^certificate not issued for echo-api.amazon.com$"):
        verifier.verify(wild.headers(body), body, env)


# --- default fetcher against a local server -----------------------------------------------------


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


def url_verifier(pki: Pki, server: LocalServer, *, timeout: float = 0.5, max_bytes: int = 64 * 1024) -> RequestVerifier:
    fetcher = UrlCertFetcher(timeout=timeout, max_bytes=max_bytes, urlopen=server.urlopen)
    return RequestVerifier(skill_id=SKILL_ID, trust_roots=[pki.root_cert], fetcher=fetcher, clock=Clock())


def test_default_fetcher_fetches_chain(pki: Pki, server: LocalServer) -> None:
    server.routes["/echo.api/cert.pem"] = pki.chain_pem
    env = envelope()
    body = encode(env)
    verifier = url_verifier(pki, server, max_bytes=len(pki.chain_pem))  # exactly at the cap is fine
    verifier.verify(pki.headers(body, url="https://s3.amazonaws.com/echo.api/cert.pem"), body, env)


@pytest.mark.parametrize("name", ["slow", "trickle"])
def test_default_fetcher_slow_server_times_out_quickly(name: str, pki: Pki, server: LocalServer) -> None:
    env = envelope()
    body = encode(env)
    verifier = url_verifier(pki, server, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(VerificationError, match=r"^certificate fetch timed out$"):
        verifier.verify(pki.headers(body, url=f"https://s3.amazonaws.com/echo.api/{name}.pem"), body, env)
    assert time.monotonic() - started < 2.0


def test_default_fetcher_rejects_oversized_chain(pki: Pki, server: LocalServer) -> None:
    server.routes["/echo.api/big.pem"] = pki.chain_pem + b"\n" * 2048
    env = envelope()
    body = encode(env)
    verifier = url_verifier(pki, server, max_bytes=len(pki.chain_pem) + 2047)
    with pytest.raises(VerificationError, match=r"^certificate chain too large$"):
        verifier.verify(pki.headers(body, url="https://s3.amazonaws.com/echo.api/big.pem"), body, env)


def test_default_fetcher_http_error_is_fetch_failure(pki: Pki, server: LocalServer) -> None:
    env = envelope()
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^certificate fetch failed$"):
        url_verifier(pki, server).verify(
            pki.headers(body, url="https://s3.amazonaws.com/echo.api/missing.pem"), body, env
        )


def test_default_fetcher_requires_https(server: LocalServer) -> None:
    fetcher = UrlCertFetcher(timeout=0.5, max_bytes=1024, urlopen=server.urlopen)
    with pytest.raises(VerificationError, match=r"https"):
        fetcher("http://s3.amazonaws.com/echo.api/cert.pem")
