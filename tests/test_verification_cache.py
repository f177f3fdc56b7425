"""RequestVerifier against generated PKI, the certificate chain cache and the fetch budget: what is
fetched once, what is evicted, and how forged URLs are kept from tying up every fetch."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from skill.web.verification import (
    RequestVerifier,
    VerificationError,
)

from support.certs import Pki
from support.verifying import SKILL_ID, URL, BlockingFetcher, Clock, RecordingFetcher, encode, envelope, verifier_for

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
