"""What the verifier tests share: a fixed clock, recording and blocking certificate fetchers, a local
HTTP server standing in for S3, and the envelope they sign (devtools/envelopes)."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from devtools import envelopes
from skill.web.verification import (
    RequestVerifier,
)

from support.certs import DEFAULT_CHAIN_URL, Pki

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
