"""Through the web seam, forged URLs must not starve real requests: a flood of forged certificate
URLs (unsigned requests with the right skill id and a current timestamp) while real signed requests flow.

The stand-in for S3 (tests/support/verifying.py LocalServer, plain HTTP on 127.0.0.1) stalls every
forged path, as a slow name lookup or server would. The forged requests are refused (400) and cost
at most ``max_fetches`` fetches at a time; the real requests, whose chain is cached, are answered
200 throughout. Their latencies are printed, not asserted.
"""

from __future__ import annotations

import json
import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from typing import Any
from urllib.parse import urlsplit

import pytest

from content.schema import Catalogue
from devtools.envelopes import APP_ID, envelope, new_user_id
from skill.core.settings import Settings
from skill.web.verification import RequestVerifier, UrlCertFetcher

from support.certs import DEFAULT_CHAIN_URL, Pki, make_pki
from support.hostile import signed_app
from support.today import WEDNESDAY, coming_at
from support.verifying import LocalServer

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)
MAX_FETCHES = 4


@pytest.fixture
def stand_in() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


def test_forged_urls_cannot_starve_real_requests(
    settings: Settings, catalogue: Catalogue, stand_in: LocalServer
) -> None:
    pki: Pki = make_pki(now=NOW)
    stand_in.routes[urlsplit(DEFAULT_CHAIN_URL).path] = pki.chain_pem
    fetching, most = [0], [0]
    lock = threading.Lock()
    flooding = threading.Event()  # a forged chain is being fetched: the flood is under way

    def counted_urlopen(url: str, *, timeout: float) -> Any:
        with lock:
            fetching[0] += 1
            most[0] = max(most[0], fetching[0])
        if "forged" in url:
            flooding.set()
        try:
            return stand_in.urlopen(url, timeout=timeout)
        finally:
            with lock:
                fetching[0] -= 1

    verifier = RequestVerifier(
        skill_id=APP_ID,
        trust_roots=[pki.root_cert],
        clock=lambda: NOW,
        fetcher=UrlCertFetcher(timeout=1.5, max_bytes=64 * 1024, urlopen=counted_urlopen),
        max_fetches=MAX_FETCHES,
    )
    app = signed_app(settings, catalogue, verifier)

    def real() -> tuple[int, float]:
        body = json.dumps(envelope("launch", user_id=new_user_id(), at=NOW)).encode()
        started = time.perf_counter()
        reply = app.test_client().post("/alexa", data=body, headers=pki.headers(body), content_type="application/json")
        return reply.status_code, time.perf_counter() - started

    assert real()[0] == 200  # the real chain is fetched once and cached

    def forged(i: int) -> int:
        body = json.dumps(envelope("launch", user_id=new_user_id(), at=NOW)).encode()
        headers = {
            "SignatureCertChainUrl": f"https://s3.amazonaws.com/echo.api/forged-{i}/slow.pem",
            "Signature-256": "AAAA",
        }
        return app.test_client().post("/alexa", data=body, headers=headers, content_type="application/json").status_code

    with ThreadPoolExecutor(max_workers=40) as pool:
        flood = [pool.submit(forged, i) for i in range(200)]
        assert flooding.wait(timeout=30), "the forged requests never reached the certificate fetch"
        reals = [pool.submit(real) for _ in range(20)]
        real_results = [r.result() for r in reals]
        forged_statuses = [f.result() for f in flood]
    latencies = sorted(t for _, t in real_results)
    print(
        f"\nreal requests during the flood: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"slowest {latencies[-1] * 1000:.0f} ms; forged: {forged_statuses.count(400)} refused; "
        f"at most {most[0]} fetches at once"
    )
    assert [s for s, _ in real_results] == [200] * 20
    assert forged_statuses == [400] * 200
    assert most[0] <= MAX_FETCHES
