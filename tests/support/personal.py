"""Personal words in logs: tests register what a couple would say, the whole run's log is checked.

Any test that speaks a couple's own words (a gratitude, a name, a long free-speech answer) passes
them through ``personal("...")``. ``tests/conftest.py`` installs one root-logger ``Capture`` for the
whole session (root level INFO, as in production) and, at the end of the run, fails it when any
captured record (message or traceback) holds a registered string or a raw request body.
``tests/test_log_privacy.py`` proves once that the check fails a run when it should.
"""

from __future__ import annotations

import logging
import threading

import pytest

_registered: set[str] = set()
_lock = threading.Lock()

# What only a raw Alexa request body (or a raw user id) would put in a log line.
RAW_BODY_MARKERS = ('"requestId"', '"userId"', '"sessionId"', "amzn1.ask.account.")


def personal(text: str) -> str:
    """Register ``text`` as a couple's own words and return it unchanged."""
    if len(text.strip()) >= 4:  # shorter strings would match ordinary words
        with _lock:
            _registered.add(text)
    return text


def registered() -> frozenset[str]:
    with _lock:
        return frozenset(_registered)


# Attributes every LogRecord has; anything else on a record came from ``extra=`` (which the JSON
# log formatter writes out, so it must be checked like the message).
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class Capture(logging.Handler):
    """Keeps every formatted record of the run (tracebacks and ``extra`` fields included)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:  # a record that cannot be formatted still must not hide its arguments
            line = f"{record.msg!r} {record.args!r}"
        extra = {k: v for k, v in record.__dict__.items() if k not in _STANDARD}
        if extra:
            line += f" extra={extra!r}"
        with _lock:
            self.lines.append(line)


def leaks(lines: list[str], words: frozenset[str] | None = None) -> list[str]:
    """Each captured line that holds a registered personal string or a raw request body."""
    words = registered() if words is None else words
    found = []
    for line in lines:
        hits = [w for w in words if w in line] + [m for m in RAW_BODY_MARKERS if m in line]
        if hits:
            found.append(f"{line[:160]!r} holds {len(hits)} personal or raw item(s)")
    return found


CAPTURE = Capture()
_previous_level = logging.WARNING


def install() -> None:
    """Called from pytest_configure: capture everything logged at INFO and above for the run."""
    global _previous_level
    root = logging.getLogger()
    _previous_level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(CAPTURE)


def check() -> None:
    """Called from pytest_sessionfinish: fail the run when a personal string reached a log."""
    root = logging.getLogger()
    root.removeHandler(CAPTURE)
    root.setLevel(_previous_level)
    found = leaks(CAPTURE.lines)
    if found:
        pytest.exit("personal words or raw request bodies were logged:\n" + "\n".join(found[:20]), returncode=1)
