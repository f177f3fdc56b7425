"""How the worker's event loop knows a request has wholly arrived (skill/web/worker.py ``request_complete``):
True hands it to a thread, False waits for more, None stops buffering and lets gunicorn's parser decide."""

from __future__ import annotations

import pytest

from skill.web.worker import MAX_BODY_BYTES, MAX_HEADER_BYTES, request_complete

POST = b"POST /alexa HTTP/1.1\r\nHost: skill\r\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"GET /healthz HTTP/1.1\r\nHost: skill\r\n\r\n", True),
        (b"GET /healthz HTTP/1.1\r\nHost: sk", False),
        (b"", False),
        (POST + b"Content-Length: 5\r\n\r\nhello", True),
        (POST + b"Content-Length: 5\r\n\r\nhell", False),
        (POST + b"content-length:5\r\n\r\nhello", True),
        (POST + b"CONTENT-LENGTH: 5 \r\nX: y\r\n\r\nhello", True),
        (POST + b"Content-Length: 0\r\n\r\n", True),
        (POST + b"Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", None),
        (POST + f"Content-Length: {MAX_BODY_BYTES + 1}\r\n\r\n".encode(), None),
        (POST + b"X-Long: " + b"a" * (MAX_HEADER_BYTES + 1), None),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", True),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n", True),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Trailer: 1\r\n", False),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhel", False),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", False),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n5", False),
        (POST + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", None),
        (POST + b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", True),
    ],
)
def test_whole_partial_and_unfollowable_requests(data: bytes, expected: bool | None) -> None:
    assert request_complete(data) is expected


def test_a_chunked_body_past_the_buffer_is_left_to_a_thread() -> None:
    chunk = b"a" * 65536
    body = b"".join(b"10000\r\n" + chunk + b"\r\n" for _ in range(MAX_BODY_BYTES // len(chunk) + 1))
    assert request_complete(POST + b"Transfer-Encoding: chunked\r\n\r\n" + body) is None
