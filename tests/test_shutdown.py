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
from datetime import UTC, datetime
from pathlib import Path

from deploy.envelopes import envelope, new_user_id
from skill.core.settings import Settings

from conftest import start_gunicorn


def start(settings: Settings, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    return start_gunicorn(settings, log, threads=4, own_control_socket=False)


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
        # The worker has it and waits for the rest of the body, which must come within the request's
        # 2 s read deadline (skill/web/worker.py; tests/test_slow_clients.py cuts the ones that do not).
        time.sleep(0.2)

        outcomes: Counter[str] = Counter()
        stop = threading.Event()

        def knock() -> None:
            while not stop.is_set():
                outcomes[try_once(port)] += 1

        knockers = [threading.Thread(target=knock) for _ in range(4)]
        for t in knockers:
            t.start()
        time.sleep(0.3)
        server.send_signal(signal.SIGTERM)
        # The master passes SIGTERM on to the worker; once its listener is gone (a knock refused),
        # the worker has it, and a kept-alive connection asking again hears 503.
        deadline = time.monotonic() + 10
        while not outcomes["refused"] and time.monotonic() < deadline:
            time.sleep(0.01)
        kept.request("GET", "/healthz")
        after = kept.getresponse()
        assert after.status == 503 and json.loads(after.read())["status"] == "stopping"
        in_flight.sendall(body[40:])  # the rest of the in-flight request: it is served in full
        time.sleep(1.5)
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
