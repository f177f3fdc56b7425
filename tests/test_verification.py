"""RequestVerifier against generated PKI: the real cryptographic path, offline (only 127.0.0.1)."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from werkzeug.datastructures import Headers

from deploy import envelopes
from skill.web.verification import (
    RequestVerifier,
    UrlCertFetcher,
    VerificationError,
    canonical_cert_url,
    load_default_trust_roots,
)

from certs import DEFAULT_CHAIN_URL, Pki, make_pki, new_key, sign_body

NOW = datetime(2026, 11, 25, 23, 14, 13, tzinfo=UTC)
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000001"
URL = DEFAULT_CHAIN_URL


class RecordingFetcher:
    """Serves fixed PEM bytes (or raises) and records every URL it is asked for."""

    def __init__(self, pem: bytes = b"", error: Exception | None = None) -> None:
        self.pem = pem
        self.error = error
        self.calls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        if self.error is not None:
            raise self.error
        return self.pem


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def envelope(
    *,
    offset: timedelta = timedelta(0),
    request_type: str = "LaunchRequest",
    app_id: str | None = SKILL_ID,
    in_session: bool = False,
) -> dict[str, Any]:
    """A real launch envelope whose request is of ``request_type``, sent at NOW + ``offset``, with the
    application id in context.System only, in the session only (``in_session``), or nowhere (None)."""
    env = envelopes.envelope("launch", user_id=envelopes.new_user_id(), at=NOW + offset, application_id=app_id or "")
    env["request"]["type"] = request_type
    if app_id is None or not in_session:
        del env["session"]["application"]
    if app_id is None or in_session:
        del env["context"]["System"]["application"]
    return env


def encode(env: Mapping[str, Any]) -> bytes:
    return json.dumps(env).encode()


def verifier_for(pki: Pki, fetcher: RecordingFetcher, **kwargs: Any) -> RequestVerifier:
    kwargs.setdefault("skill_id", SKILL_ID)
    kwargs.setdefault("clock", Clock())
    return RequestVerifier(trust_roots=[pki.root_cert], fetcher=fetcher, **kwargs)


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki(now=NOW)


@pytest.fixture
def fetcher(pki: Pki) -> RecordingFetcher:
    return RecordingFetcher(pki.chain_pem)


@pytest.fixture
def verifier(pki: Pki, fetcher: RecordingFetcher) -> RequestVerifier:
    return verifier_for(pki, fetcher)


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


# --- default fetcher against a local server -----------------------------------------------------


class LocalServer:
    """HTTP on 127.0.0.1 standing in for S3; ``urlopen`` redirects the fetcher's https URLs here."""

    def __init__(self) -> None:
        self.routes: dict[str, bytes] = {}
        self.release = threading.Event()  # lets slow handlers finish at teardown
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path
                if path.endswith("/slow.pem"):
                    server.release.wait(5)
                    return
                if path.endswith("/trickle.pem"):
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    # Bounded so a broken deadline makes the test fail rather than hang.
                    for _ in range(100):
                        if server.release.wait(0.05):
                            return
                        try:
                            self.wfile.write(b"-")
                            self.wfile.flush()
                        except OSError:
                            return
                    return
                payload = server.routes.get(path)
                if payload is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def urlopen(self, url: str, *, timeout: float) -> Any:
        port = self.httpd.server_address[1]
        local = url.replace("https://s3.amazonaws.com", f"http://127.0.0.1:{port}", 1)
        return self._opener.open(local, timeout=timeout)

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


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


# --- cache --------------------------------------------------------------------------------------


def test_cache_hit_does_not_fetch_again(pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    for request_id in ("a", "b", "c"):
        env = envelope()
        env["request"]["requestId"] = request_id
        body = encode(env)
        verifier.verify(pki.headers(body), body, env)
    assert fetcher.calls == [URL]


def _url(i: int) -> str:
    return f"https://s3.amazonaws.com/echo.api/cert-{i}.pem"


def test_cache_is_bounded(pki: Pki, verifier: RequestVerifier, fetcher: RecordingFetcher) -> None:
    env = envelope()
    body = encode(env)
    cache_size = 16  # the default
    for i in range(cache_size + 1):
        verifier.verify(pki.headers(body, url=_url(i)), body, env)
    assert len(fetcher.calls) == cache_size + 1
    verifier.verify(pki.headers(body, url=_url(cache_size)), body, env)  # newest: still cached
    assert len(fetcher.calls) == cache_size + 1
    verifier.verify(pki.headers(body, url=_url(0)), body, env)  # oldest: evicted
    assert fetcher.calls[-1] == _url(0)
    assert len(fetcher.calls) == cache_size + 2


def test_cache_evicts_least_recently_used(pki: Pki, fetcher: RecordingFetcher) -> None:
    verifier = verifier_for(pki, fetcher, cache_size=2)
    env = envelope()
    body = encode(env)
    for i in (0, 1, 0, 2):  # touching 0 again makes 1 the eviction victim
        verifier.verify(pki.headers(body, url=_url(i)), body, env)
    assert fetcher.calls == [_url(0), _url(1), _url(2)]
    verifier.verify(pki.headers(body, url=_url(0)), body, env)
    verifier.verify(pki.headers(body, url=_url(1)), body, env)
    assert fetcher.calls == [_url(0), _url(1), _url(2), _url(1)]


def test_concurrent_requests_share_the_cache(pki: Pki, fetcher: RecordingFetcher) -> None:
    verifier = verifier_for(pki, fetcher, cache_size=2)
    env = envelope()
    body = encode(env)
    headers = [pki.headers(body, url=_url(i)) for i in range(4)]

    def work(n: int) -> None:
        for j in range(10):
            verifier.verify(headers[(n + j) % 4], body, env)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(work, range(16)))
    assert set(fetcher.calls) == {_url(i) for i in range(4)}


# --- fetching bounded as a whole (forged URLs must not tie up every fetch) -------------------------


class BlockingFetcher(RecordingFetcher):
    """Holds every fetch until ``release`` is set (a stalled name lookup or server), then serves."""

    def __init__(self, pem: bytes) -> None:
        super().__init__(pem)
        self.release = threading.Event()
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self, url: str) -> bytes:
        with self._lock:
            self.calls.append(url)
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            self.release.wait(10)
            return self.pem
        finally:
            with self._lock:
                self.running -= 1


def test_a_stalled_fetch_cannot_hold_a_request_past_the_budget(pki: Pki) -> None:
    # The fetcher never returns within the budget (as a name lookup outside urllib's timeout could):
    # the request is answered while the fetch is still stuck.
    fetcher = BlockingFetcher(pki.chain_pem)
    verifier = verifier_for(pki, fetcher, fetch_timeout=0.3)
    env = envelope()
    body = encode(env)
    try:
        with pytest.raises(VerificationError, match=r"^certificate fetch timed out$"):
            verifier.verify(pki.headers(body), body, env)
        assert fetcher.running == 1  # still stuck, yet the request got its answer
    finally:
        fetcher.release.set()


def test_simultaneous_requests_for_one_url_share_one_fetch(pki: Pki) -> None:
    fetcher = BlockingFetcher(pki.chain_pem)
    verifier = verifier_for(pki, fetcher, fetch_timeout=5.0)
    env = envelope()
    body = encode(env)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = [pool.submit(verifier.verify, pki.headers(body), body, env) for _ in range(10)]
        deadline = time.monotonic() + 5
        while not fetcher.calls and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)  # let every request reach the in-flight fetch
        fetcher.release.set()
        for r in results:
            r.result()
    assert fetcher.calls == [URL]


def test_a_failed_fetch_is_remembered_briefly(pki: Pki) -> None:
    fetcher = RecordingFetcher(error=ConnectionRefusedError("nope"))
    verifier = verifier_for(pki, fetcher, failure_memory_seconds=0.3)
    env = envelope()
    body = encode(env)
    for _ in range(5):
        with pytest.raises(VerificationError, match=r"^certificate fetch failed$"):
            verifier.verify(pki.headers(body), body, env)
    assert fetcher.calls == [URL]
    time.sleep(0.4)
    fetcher.error = None
    fetcher.pem = pki.chain_pem
    verifier.verify(pki.headers(body), body, env)  # forgotten: fetched again, and it works now
    assert fetcher.calls == [URL, URL]


def test_fetches_in_flight_are_capped_and_the_rest_refused_at_once(pki: Pki) -> None:
    fetcher = BlockingFetcher(pki.chain_pem)
    verifier = verifier_for(pki, fetcher, fetch_timeout=0.5, max_fetches=3)
    env = envelope()
    body = encode(env)
    reasons: list[str] = []

    def forged(i: int) -> None:
        try:
            verifier.verify(pki.headers(body, url=_url(i)), body, env)
        except VerificationError as err:
            reasons.append(str(err))

    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            list(pool.map(forged, range(20)))
        assert fetcher.most_at_once == 3 and len(fetcher.calls) == 3
        assert reasons.count("certificate fetch busy") == 17
        assert reasons.count("certificate fetch timed out") == 3
    finally:
        fetcher.release.set()


def test_failed_forged_urls_do_not_evict_the_real_chain(pki: Pki) -> None:
    real = pki.chain_pem

    def fetch(url: str) -> bytes:
        fetch.calls.append(url)  # type: ignore[attr-defined]
        if url != URL:
            raise ConnectionRefusedError("403 from S3")
        return real

    fetch.calls = []  # type: ignore[attr-defined]
    verifier = RequestVerifier(
        skill_id=SKILL_ID, trust_roots=[pki.root_cert], fetcher=fetch, clock=Clock(), cache_size=2
    )
    env = envelope()
    body = encode(env)
    verifier.verify(pki.headers(body), body, env)
    for i in range(20):
        with pytest.raises(VerificationError):
            verifier.verify(pki.headers(body, url=_url(i)), body, env)
    verifier.verify(pki.headers(body), body, env)
    assert fetch.calls.count(URL) == 1  # type: ignore[attr-defined]


def test_wildcard_san_is_not_enough(pki: Pki) -> None:
    # *.amazon.com covers echo-api.amazon.com for TLS, not for Alexa: the exact name is required.
    wild = pki.wrong_san(("*.amazon.com",))
    env = envelope()
    body = encode(env)
    verifier = verifier_for(wild, RecordingFetcher(wild.chain_pem))
    with pytest.raises(VerificationError, match=r"^certificate not issued for echo-api.amazon.com$"):
        verifier.verify(wild.headers(body), body, env)


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_timestamps_at_the_edge_of_the_calendar_are_refused(stamp: str, pki: Pki, verifier: RequestVerifier) -> None:
    env = envelope()
    env["request"]["timestamp"] = stamp
    body = encode(env)
    with pytest.raises(VerificationError, match=r"^request timestamp out of range$"):
        verifier.verify(pki.headers(body), body, env)
