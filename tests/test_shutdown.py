"""Stopping never resets a request that reached the server (a deploy must not drop a couple's turn).

A real gunicorn (deploy/gunicorn.conf.py, --no-control-socket) gets SIGTERM while one request is in
flight (its body half sent) and one kept-alive connection is open. From that instant: the health
check answers 503; new connections are refused before any byte is read (never accepted and later
reset); the in-flight request is answered in full; the server then exits cleanly.
"""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from devtools.envelopes import envelope, new_user_id
from skill.core.settings import Settings

from conftest import start_gunicorn


def start(settings: Settings, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    return start_gunicorn(settings, log, threads=4, own_control_socket=False)


def until(happened: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Wait for an event (polled); the timeout only turns a hang into a failure naming ``what``."""
    deadline = time.monotonic() + timeout
    while not happened():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def _server_side_unread(port: int, peer_port: int) -> int | None:
    """Bytes the server has not yet read on its end of the connection from ``peer_port`` (/proc/net/tcp),
    or None while the connection is not established there."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for row in rows:
            fields = row.split()
            local, remote, state, queues = fields[1], fields[2], fields[3], fields[4]
            ours = int(local.rsplit(":", 1)[1], 16) == port and int(remote.rsplit(":", 1)[1], 16) == peer_port
            if ours and state == "01":  # ESTABLISHED
                return int(queues.split(":")[1], 16)
    return None


def await_read_by_server(port: int, peer_port: int) -> None:
    """Until the server's worker has accepted the connection and read every byte sent so far: the
    listening socket holds no connection waiting to be accepted and the server's end has nothing unread."""

    def backlog() -> int:
        for row in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = row.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # LISTEN
                return int(fields[4].split(":")[1], 16)
        return 0

    until(lambda: _server_side_unread(port, peer_port) == 0 and backlog() == 0, "the worker never read the request")


def try_once(port: int) -> str:
    """One new connection and request: 'refused' (before any byte), 'answered', or 'reset' (the bug)."""
    try:
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    except ConnectionRefusedError:
        return "refused"
    try:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := conn.recv(4096):
            data += chunk
        return "answered" if data.startswith(b"HTTP/1.1 ") else "reset"
    except OSError:
        return "reset"
    finally:
        conn.close()


def test_sigterm_refuses_new_connections_and_finishes_what_arrived(settings: Settings, tmp_path: Path) -> None:
    server, port = start(settings, tmp_path / "gunicorn.log")
    try:
        kept = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        kept.request("GET", "/healthz")
        first = kept.getresponse()
        assert first.status == 200 and first.read()

        body = json.dumps(envelope("launch", user_id=new_user_id(), at=datetime.now(UTC))).encode()
        in_flight = socket.create_connection(("127.0.0.1", port), timeout=15)
        in_flight.sendall(
            b"POST /alexa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body[:40]
        )
        # Awaited, not slept for: the worker has read what was sent and waits for the rest, which
        # must come within the 2 s read deadline (skill/web/worker.py; tests/test_slow_clients.py).
        await_read_by_server(port, in_flight.getsockname()[1])

        outcomes: Counter[str] = Counter()
        stop = threading.Event()

        def knock() -> None:
            while not stop.is_set():
                outcomes[try_once(port)] += 1

        knockers = [threading.Thread(target=knock) for _ in range(4)]
        for t in knockers:
            t.start()
        until(lambda: outcomes["answered"] >= len(knockers), "the knocks were never answered before SIGTERM")
        server.send_signal(signal.SIGTERM)
        # The master passes SIGTERM on to the worker; once its listener is gone (a knock refused),
        # the worker has it, and a kept-alive connection asking again hears 503.
        until(lambda: outcomes["refused"] > 0, "no new connection was refused after SIGTERM")
        kept.request("GET", "/healthz")
        after = kept.getresponse()
        assert after.status == 503 and json.loads(after.read())["status"] == "stopping"
        in_flight.sendall(body[40:])  # the rest of the in-flight request: it is served in full
        # Keep knocking through the stop: many refusals, and never a reset.
        refused = outcomes["refused"]
        until(lambda: outcomes["refused"] >= refused + 100, "the knocks stopped being refused")
        stop.set()
        for t in knockers:
            t.join(10)

        reply = b""
        while chunk := in_flight.recv(65536):
            reply += chunk
        in_flight.close()
        print(f"\nnew connections around SIGTERM: {dict(outcomes)}")
        assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
        assert json.loads(reply.split(b"\r\n\r\n", 1)[1])["version"] == "1.0"
        assert outcomes["reset"] == 0 and outcomes["refused"] > 0
        assert server.wait(timeout=20) == 0
        assert try_once(port) == "refused"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
