"""The gunicorn worker: a thread is given a connection only once its whole request has arrived.

Gunicorn's gthread worker hands a connection to a thread as soon as it is accepted (or a kept-alive
one turns readable), and the thread then reads headers and body with blocking reads. A client that
sends headers announcing a body, a few bytes, then nothing, holds that thread for as long as it
likes: thirty such clients held every thread of a server (issue 23, item 1).

``BufferingThreadWorker`` keeps gthread's threads, keep-alive and shutdown, and changes two things:

* The worker's own event loop reads each request without blocking, into a buffer, until the
  headers and the whole body (by Content-Length, or the chunked framing up to its last chunk) are
  there; only then does a thread get it. A request not complete within ``READ_SECONDS`` of its
  arrival is answered 408 and closed by the loop. Slow clients cost a socket, never a thread.
* Every read a thread still makes for a request (a body larger than the buffer takes, a pipelined
  request, a drain after the answer) is bounded by the same deadline, so the fallback paths cannot
  hold a thread past it either.

It also records when each request arrived (accepted, or its kept-alive connection turned readable)
and puts that ``time.monotonic()`` instant in the WSGI environ as ``ARRIVED_KEY``: the request's
time budget counts from there, queue time included (skill/web/pipeline.py; docs/operations.md).
"""

from __future__ import annotations

import contextlib
import errno
import re
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import TConn, ThreadWorker

ARRIVED_KEY = "close_together.arrived"

# From a request's arrival to its last byte. Alexa (or a load balancer in front) sends a whole
# request at once: a few kilobytes arrive in milliseconds. Two seconds also leaves the rest of
# Alexa's 8 s for the answer.
READ_SECONDS = 2.0
# What the loop buffers for one request; past it a thread reads the rest, under the same deadline
# (the app refuses bodies over its own 128 KiB limit, skill/core/settings.py).
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 256 * 1024

_TIMEOUT_BODY = b'{"error": "request timeout", "message": "the request did not arrive in time"}'
_TIMEOUT_REPLY = (
    b"HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
    + f"Content-Length: {len(_TIMEOUT_BODY)}\r\n\r\n".encode()
    + _TIMEOUT_BODY
)

_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d{1,12})[ \t]*\r?$", re.I | re.M)
_CHUNKED = re.compile(rb"^transfer-encoding[ \t]*:.*chunked", re.I | re.M)
_HEADERS_END = b"\r\n\r\n"
_EXPECT_CONTINUE = re.compile(rb"^expect[ \t]*:[ \t]*100-continue[ \t]*\r?$", re.I | re.M)
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"

_current = threading.local()


def request_complete(data: bytes | bytearray) -> bool | None:
    """True when ``data`` starts with one whole HTTP/1.x request, False when more is needed, None
    when the loop should stop buffering and let a thread (and gunicorn's own parser) take it: a
    request too large for the buffer, or framing this scan does not follow (gunicorn answers 400)."""
    end = data.find(_HEADERS_END)
    if end < 0:
        return None if len(data) > MAX_HEADER_BYTES else False
    head = bytes(data[:end])
    body = memoryview(data)[end + len(_HEADERS_END) :]
    if _CHUNKED.search(head):
        return _chunked_complete(body)
    lengths = _CONTENT_LENGTH.findall(head)
    if not lengths:
        return True  # no body (a GET, or a POST without one)
    if len(set(lengths)) > 1:
        return None  # conflicting lengths: gunicorn refuses them
    length = int(lengths[0])
    if length > MAX_BODY_BYTES:
        return None
    return len(body) >= length


def _chunked_complete(body: memoryview) -> bool | None:
    """Follows chunk sizes to the last chunk and the blank line after any trailers."""
    at = 0
    total = 0
    while True:
        line_end = bytes(body[at : at + 1024]).find(b"\r\n")
        if line_end < 0:
            return None if len(body) - at > 1024 else False
        size_text = bytes(body[at : at + line_end]).split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return None
        at += line_end + 2
        if size == 0:  # the last chunk: then optional trailers and a blank line
            trailers = bytes(body[at:])
            if trailers.startswith(b"\r\n") or _HEADERS_END in trailers:
                return True
            return None if len(trailers) > 8192 else False
        total += size
        if total > MAX_BODY_BYTES:
            return None
        at += size + 2
        if at > len(body):
            return False


class RequestTooSlow(NoMoreData):  # type: ignore[misc]
    """The request had not fully arrived by its deadline. An OSError (the Flask seam answers 408);
    gunicorn's worker closes the connection quietly, as for a client that went away."""

    def __str__(self) -> str:
        return "the request did not arrive in time"


class _DeadlineSocket:
    """The socket as gunicorn's request parser sees it: every read ends by the request's deadline."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.deadline = time.monotonic() + READ_SECONDS
        self._timeout: float | None = None

    def recv(self, size: int) -> bytes:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise RequestTooSlow()
        wait = left if self._timeout is None else min(left, self._timeout)
        self.sock.settimeout(wait)
        try:
            return self.sock.recv(size)
        except TimeoutError:
            if self._timeout is not None and self._timeout < left:
                raise  # the caller's own, shorter timeout (gunicorn's drain)
            raise RequestTooSlow() from None
        finally:
            self.sock.settimeout(None)  # the answer is written with blocking sends

    # gunicorn's body drain bounds its own reads through these
    def gettimeout(self) -> float | None:
        return self._timeout

    def settimeout(self, timeout: float | None) -> None:
        self._timeout = timeout

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sock, name)


class BufferingThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn ships no types
    """gthread, except that a thread only ever gets a request that has fully arrived (see above)."""

    def init_process(self) -> None:
        self.reading: deque[Any] = deque()  # connections whose request is arriving, oldest first
        # TLS or cleartext HTTP/2 here (neither is used: TLS ends in front) keep gthread's own reading.
        self.buffering = not self.cfg.is_ssl and self.cfg.http2_cleartext not in ("prior-knowledge", "both")
        super().init_process()  # runs the worker; returns only when it stops

    def load_wsgi(self) -> None:
        super().load_wsgi()
        app: Callable[..., Iterable[bytes]] = self.wsgi  # type: ignore[has-type]

        def stamped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            environ[ARRIVED_KEY] = getattr(_current, "arrived", None)
            result: Iterable[bytes] = app(environ, start_response)
            return result

        self.wsgi = stamped

    # -- connections whose request is arriving: the event loop's side ------------------------------

    def accept(self, listener: Any) -> None:
        if not self.buffering:
            super().accept(listener)
            return
        try:
            client, address = listener.accept()
        except OSError as err:
            if err.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._start_reading(TConn(self.cfg, client, address, listener.getsockname()))

    def on_client_socket_readable(self, conn: Any, client: Any) -> None:
        if not self.buffering:
            super().on_client_socket_readable(conn, client)
            return
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._start_reading(conn)

    def _start_reading(self, conn: Any) -> None:
        conn.arrived = time.monotonic()
        conn.deadline = conn.arrived + READ_SECONDS
        conn.received = bytearray()
        conn.continued = False  # each request on a kept-alive connection may ask for its own 100
        conn.sock.setblocking(False)
        self.reading.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_request_bytes, conn))
        self._on_request_bytes(conn, conn.sock)  # often already there: no extra trip through the loop

    def _on_request_bytes(self, conn: Any, client: Any) -> None:
        try:
            while True:
                data = conn.sock.recv(64 * 1024)
                if not data:  # the client went away before sending a whole request
                    self._stop_reading(conn)
                    self._close(conn)
                    return
                conn.received += data
                complete = request_complete(conn.received)
                if complete is not False:
                    break
                self._continue_if_asked(conn)
        except (BlockingIOError, InterruptedError):
            return  # wait for more
        except OSError:
            self._stop_reading(conn)
            self._close(conn)
            return
        self._stop_reading(conn)
        conn.data_ready = True
        self.enqueue_req(conn)

    def _continue_if_asked(self, conn: Any) -> None:
        """A client that sent ``Expect: 100-continue`` waits for this before its body (gunicorn would
        send it when a thread took the request: here that is only once the body is in)."""
        if conn.continued:
            return
        end = conn.received.find(_HEADERS_END)
        if end >= 0 and _EXPECT_CONTINUE.search(bytes(conn.received[:end])):
            conn.continued = True
            with contextlib.suppress(OSError):  # non-blocking and tiny; a client that cannot take it is cut later
                conn.sock.send(_CONTINUE)

    def _stop_reading(self, conn: Any) -> None:
        self.poller.unregister(conn.sock)
        self.reading.remove(conn)

    def _close(self, conn: Any) -> None:
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """Also called on every turn of the loop: answer 408 to requests past their deadline."""
        super().murder_pending()
        now = time.monotonic()
        while self.reading and self.reading[0].deadline <= now:
            conn = self.reading[0]
            self._stop_reading(conn)
            with contextlib.suppress(OSError):  # non-blocking, best effort: it is small
                conn.sock.send(_TIMEOUT_REPLY)
            self._close(conn)

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        # Wake in time to cut the oldest arriving request at its deadline, not up to a second late.
        if self.reading:
            timeout = max(0.0, min(timeout, self.reading[0].deadline - time.monotonic()))
        super().wait_for_and_dispatch_events(timeout)

    # -- a thread: the whole request is there (or the deadline bounds every read) -----------------

    def enqueue_req(self, conn: Any) -> None:
        if getattr(conn, "received", None) is None:  # not through the loop (pipelined, stopping)
            conn.arrived = time.monotonic()
            conn.deadline = conn.arrived + READ_SECONDS
        super().enqueue_req(conn)

    def handle(self, conn: Any) -> Any:
        received, conn.received = getattr(conn, "received", None), None
        if self.buffering:
            conn.init()  # plain HTTP/1.x: only creates the parser (gunicorn's handle skips it then)
            unreader = conn.parser.unreader
            if not isinstance(unreader.sock, _DeadlineSocket):
                unreader.sock = _DeadlineSocket(unreader.sock)
            unreader.sock.deadline = conn.deadline
            if received:  # what the loop read comes first, ahead of anything still on the socket
                unreader.unread(unreader.take_buffered() + bytes(received))
        _current.arrived = conn.arrived
        try:
            return super().handle(conn)
        finally:
            _current.arrived = None
