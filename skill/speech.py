"""The one place SSML is written. Content is plain text; this adds escaping and pauses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape


def text(words: str) -> str:
    """Plain words made safe inside <speak> (names and spoken answers may hold & or <)."""
    return escape(words)


def pause(seconds: float) -> str:
    # Alexa allows breaks of up to 10 s.
    return f'<break time="{min(max(seconds, 0.0), 10.0):g}s"/>'


def join(parts: Iterable[str], gap_seconds: float = 0.0) -> str:
    """Join escaped plain-text parts, with a pause between them when asked."""
    sep = f" {pause(gap_seconds)} " if gap_seconds else " "
    return sep.join(text(p) for p in parts if p)


def plain(ssml: str) -> str:
    """SSML back to plain text for cards and logs."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", ssml)).replace("&amp;", "&").replace(
        "&lt;", "<").replace("&gt;", ">").strip()


def count_words(n: int, unit: str = "day") -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


_BREAK = re.compile(r'<break time="([0-9.]+)s"/>')


def duration(ssml: str, words_per_second: float = 2.75) -> float:
    """About how long an answer takes to say: its words at ~165 a minute plus its pauses."""
    pauses = sum(float(seconds) for seconds in _BREAK.findall(ssml))
    return len(plain(ssml).split()) / words_per_second + pauses
