"""Slow clients cannot stall the skill (issue 23, item 1), against a real gunicorn and DynamoDB Local.

A client that sends headers announcing a body, a few bytes of it, then nothing, used to hold a
server thread for as long as it stayed connected; a handful of them held every thread. Now a thread
gets a request only once all of it has arrived (skill/web/worker.py), and a request that has not
arrived within its read deadline is answered 408 and closed. docs/operations.md, "Slow clients".
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from devtools.envelopes import envelope, new_user_id
from skill.core.settings import Settings

from conftest import start_gunicorn, stop_gunicorn

HOLDERS = 50
# Far past the worker's 2 s read deadline: a connection still open this long was never cut.
PATIENCE = 15.0


@pytest.fixture
def server(settings: Settings, tmp_path: Path) -> Iterator[int]:
    """One worker with two threads: the smallest server, so a few held threads would show at once."""
    process, port = start_gunicorn(settings, tmp_path / "gunicorn.log", threads=2, own_control_socket=False)
    try:
        yield port
    finally:
        stop_gunicorn(process)


def launch_body() -> bytes:
    return json.dumps(envelope("launch", user_id=new_user_id(), at=datetime.now(UTC))).encode()


def post_head(length: int, path: str = "/alexa") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: skill\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    ).encode()


def real_request(port: int) -> int:
    """A whole launch request on a fresh connection; its status (0 when no answer came in PATIENCE)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
    try:
        conn.request("POST", "/alexa", body=launch_body(), headers={"Content-Type": "application/json"})
        reply = conn.getresponse()
        payload = json.loads(reply.read())
        return reply.status if reply.status != 200 or payload["response"]["outputSpeech"]["ssml"] else 0
    except OSError:
        return 0
    finally:
        conn.close()


def until_closed(sock: socket.socket, feed: bytes = b"", every: float = 0.0) -> tuple[bytes, bool]:
    """Keep the connection open (trickling ``feed`` a byte at a time, ``every`` seconds apart) until the
    server closes it. Returns what the server sent and whether it closed within PATIENCE."""
    sock.settimeout(0.2)
    received = b""
    deadline = time.monotonic() + PATIENCE
    next_byte = time.monotonic() + every
    while time.monotonic() < deadline:
        if feed and time.monotonic() >= next_byte:
            try:
                sock.sendall(feed[:1])
            except OSError:
                return received, True
            feed, next_byte = feed[1:], time.monotonic() + every
        try:
            chunk = sock.recv(4096)
        except TimeoutError:
            continue
        except OSError:
            return received, True
        if not chunk:
            return received, True
        received += chunk
    return received, False


def cut(sock: socket.socket, feed: bytes = b"", every: float = 0.0) -> bool:
    """True when the server closed the connection (after a 408, or silently) while it was incomplete."""
    received, closed = until_closed(sock, feed, every)
    sock.close()
    return closed and (received == b"" or received.startswith(b"HTTP/1.1 408"))


def test_fifty_stalled_bodies_hold_no_thread_and_are_cut(server: int) -> None:
    port = server
    holders = []
    for _ in range(HOLDERS):  # headers announcing 5,000 bytes, a few of them, then nothing
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(post_head(5000) + b'{"version"')
        holders.append(sock)
    time.sleep(0.3)  # every holder has reached the server

    statuses = [real_request(port) for _ in range(20)]
    assert statuses == [200] * 20, statuses  # answered while all fifty are held open

    verdicts: list[bool] = [False] * HOLDERS

    def watch(i: int) -> None:
        verdicts[i] = cut(holders[i])

    watchers = [threading.Thread(target=watch, args=(i,)) for i in range(HOLDERS)]
    for t in watchers:
        t.start()
    for t in watchers:
        t.join()
    assert all(verdicts), f"{verdicts.count(False)} of {HOLDERS} stalled bodies were never cut"


def test_trickled_headers_and_bodies_are_cut_before_they_finish(server: int) -> None:
    """A byte every half second stays under any per-read timeout; the deadline covers the whole request."""
    port = server
    body = launch_body()
    trickles = {
        "headers": (b"", post_head(len(body)) + body),
        "body": (post_head(len(body)), body),
        "chunked body": (
            b"POST /alexa HTTP/1.1\r\nHost: skill\r\nTransfer-Encoding: chunked\r\n\r\n",
            f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n",
        ),
    }
    outcomes: dict[str, bool] = {}

    def trickle(name: str, head: bytes, rest: bytes) -> None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(head)
        outcomes[name] = cut(sock, feed=rest, every=0.5)

    threads = [threading.Thread(target=trickle, args=(name, *parts)) for name, parts in trickles.items()]
    for t in threads:
        t.start()
    time.sleep(0.3)
    assert [real_request(port) for _ in range(5)] == [200] * 5
    for t in threads:
        t.join()
    assert outcomes == dict.fromkeys(trickles, True)


def test_a_kept_alive_connection_that_stalls_mid_request_is_cut(server: int) -> None:
    """The deadline starts again with each request on a kept-alive connection, and holds for each."""
    sock = socket.create_connection(("127.0.0.1", server), timeout=PATIENCE)
    body = launch_body()
    sock.sendall(post_head(len(body)) + body)
    first = b""
    while b"\r\n\r\n" not in first:
        first += sock.recv(65536)
    assert first.startswith(b"HTTP/1.1 200")
    time.sleep(3)  # idle between requests is fine: keep-alive, no thread
    sock.sendall(post_head(len(body)) + body[:20])
    received, closed = until_closed(sock)
    sock.close()
    assert closed and b"HTTP/1.1 408" in received


def test_a_whole_request_split_across_many_packets_is_served(server: int) -> None:
    """Buffering must not break what is legitimate: a body in pieces, chunked, pipelined requests."""
    body = launch_body()
    pieces = [post_head(len(body)), body[:7], body[7:500], body[500:]]
    sock = socket.create_connection(("127.0.0.1", server), timeout=PATIENCE)
    for piece in pieces:
        sock.sendall(piece)
        time.sleep(0.05)
    chunked = (
        b"POST /alexa HTTP/1.1\r\nHost: skill\r\nTransfer-Encoding: chunked\r\n\r\n"
        + f"{len(body[:100]):x};ext=1\r\n".encode()
        + body[:100]
        + f"\r\n{len(body[100:]):x}\r\n".encode()
        + body[100:]
        + b"\r\n0\r\nX-Trailer: yes\r\n\r\n"
    )
    health = b"GET /healthz HTTP/1.1\r\nHost: skill\r\n\r\n"
    sock.sendall(chunked + health)  # pipelined behind it
    data = b""
    sock.settimeout(PATIENCE)
    while data.count(b"HTTP/1.1 200") < 3:
        chunk = sock.recv(65536)
        assert chunk, data
        data += chunk
    sock.close()
    assert data.count(b"HTTP/1.1 200") == 3


def test_a_client_that_waits_for_100_continue_is_served(server: int) -> None:
    """``Expect: 100-continue``: the client sends its body only after the server's interim answer."""
    body = launch_body()
    sock = socket.create_connection(("127.0.0.1", server), timeout=PATIENCE)
    head = post_head(len(body)).replace(b"\r\n\r\n", b"\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
    sock.sendall(head)
    interim = sock.recv(65536)
    assert interim.startswith(b"HTTP/1.1 100 Continue")
    sock.sendall(body)
    data = interim
    while chunk := sock.recv(65536):
        data += chunk
    sock.close()
    assert b"HTTP/1.1 200" in data
