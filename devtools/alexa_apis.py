"""Local stand-ins of the Alexa service APIs the skill calls (Settings, Reminders): real HTTP servers on
loopback, for the tests and the benchmark. An envelope's ``apiEndpoint`` points the skill at one.

Each records every request it receives, so a test can check what the skill sent and the benchmark can
count its lookups. Plain standard library: importing it pulls in neither Flask nor pytest.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class LocalApi:
    """A threaded HTTP server on a free loopback port; ``answer`` gives each request's status and body."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.release = threading.Event()  # set on stop: frees a request held on purpose
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real APIs and the skill's client use

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                request = {
                    "method": self.command,
                    "path": self.path,
                    "body": body,
                    "auth": self.headers.get("Authorization", ""),
                    "type": self.headers.get("Content-Type", ""),
                    "agent": self.headers.get("User-Agent", ""),
                }
                with api.lock:
                    api.requests.append(request)
                status, reply = api.answer(request)
                data = b"" if reply is None else json.dumps(reply).encode()
                self.send_response(status)
                if reply is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_PUT = do_DELETE = do_GET = _handle

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, request: dict[str, Any]) -> tuple[int, Any]:
        """The status and JSON body (None: no body) for one recorded request."""
        raise NotImplementedError

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class SettingsApi(LocalApi):
    """The Alexa Settings API's device time zone (``GET /v2/devices/{id}/settings/System.timeZone``).
    ``mode`` is "ok", "slow" (answers only after far longer than the skill waits) or "failing" (a 500)."""

    def __init__(self, mode: str = "ok", zone: str = "Asia/Tokyo") -> None:
        super().__init__()
        self.mode, self.zone = mode, zone
        self.lookups = 0  # time zones answered

    def answer(self, request: dict[str, Any]) -> tuple[int, Any]:
        if self.mode == "slow":
            self.release.wait(5)  # far past the skill's deadline; released when the stand-in stops
        if self.mode == "failing":
            return 500, None
        if not request["path"].endswith("/settings/System.timeZone"):
            return 404, {"message": "not found"}
        with self.lock:
            self.lookups += 1
        return 200, self.zone


class RemindersApi(LocalApi):
    """The Alexa Reminders API: creates, lists, reads, changes and deletes reminders by alert token.
    As in Alexa, a reminder belongs to the account whose access token made it: another account's
    token neither lists it nor reaches it (404). ``status`` overrides the answer per method;
    ``delay`` holds every answer that many seconds (``delays`` per method) after the change is made,
    so a slow answer can follow a change that landed."""

    def __init__(self) -> None:
        super().__init__()
        self.status: dict[str, int] = {}
        self.delay = 0.0
        self.delays: dict[str, float] = {}
        self.live: set[str] = set()  # alert tokens that exist
        self.owner: dict[str, str] = {}  # alert token -> the Authorization header that made it
        self.bodies: dict[str, dict[str, Any]] = {}  # alert token -> its reminder as last set

    def calls(self, method: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["method"] == method]

    def of(self, auth: str) -> list[str]:
        """The live alert tokens of one account (its Authorization header)."""
        with self.lock:
            return sorted(t for t in self.live if self.owner.get(t) == auth)

    def answer(self, request: dict[str, Any]) -> tuple[int, Any]:
        method = request["method"]
        with self.lock:
            status, reply = self._apply(request)
        time.sleep(self.delays.get(method, self.delay))
        return status, reply

    def _apply(self, request: dict[str, Any]) -> tuple[int, Any]:
        method, auth = request["method"], request["auth"]
        status = self.status.get(method)
        token = request["path"].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        reply: dict[str, Any] = {}
        if status is not None:
            if status >= 400:
                reply = {"code": "ERROR", "message": "as the test asked"}
            return status, reply
        if method == "GET" and token == "reminders":
            mine = [t for t in sorted(self.live) if self.owner.get(t) == auth]
            alerts = [{"alertToken": t, "status": "ON", **self.bodies.get(t, {})} for t in mine]
            return 200, {"totalCount": str(len(alerts)), "alerts": alerts}
        if method == "POST":
            token = f"alert-{uuid.uuid4().hex[:8]}"
            self.live.add(token)
            self.owner[token], self.bodies[token] = auth, dict(request["body"] or {})
            return 201, {"alertToken": token, "createdTime": "2026-11-16T19:30:00.000", "status": "ON"}
        if token not in self.live or self.owner.get(token) != auth:
            return 404, {"code": "NOT_FOUND", "message": "no such reminder"}
        if method == "DELETE":
            self.live.discard(token)
        elif method == "PUT":
            self.bodies[token] = dict(request["body"] or {})
        elif method == "GET":
            return 200, {"alertToken": token, "status": "ON", **self.bodies.get(token, {})}
        return 200, reply
