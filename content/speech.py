"""The one place SSML is written. Content is plain text; this adds escaping and pauses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

# Characters XML 1.0 does not allow anywhere (C0 controls but tab and newlines, lone surrogates,
# U+FFFE and U+FFFF): one of them makes the whole <speak> document malformed, so Alexa speaks nothing.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(words: str) -> str:
    """``words`` without the characters XML forbids (a name or a gratitude may carry them)."""
    return _NOT_XML.sub("", words)


def text(words: str) -> str:
    """Plain words made safe inside <speak>: escaped (names and answers may hold & or <), and
    without characters XML forbids, so the answer is well-formed SSML whatever was stored."""
    return escape(xml_safe(words))


def document(words: str) -> str:
    """A whole SSML document of plain words, for speech Alexa says without the skill's response
    (a reminder's spoken text): the response builder adds <speak> to everything else."""
    return f"<speak>{text(words)}</speak>"


def speak(ssml: str) -> str:
    """A whole SSML document of speech the skill already built (an APL for Audio ``Speech``)."""
    return f"<speak>{ssml}</speak>"


def pause(seconds: float) -> str:
    # Alexa allows breaks of up to 10 s.
    return f'<break time="{min(max(seconds, 0.0), 10.0):g}s"/>'


# A partner who asks for time ("give me a sec") gets this much quiet before they are asked again,
# and then Alexa listens as usual (about 8 s more). Alexa allows breaks of up to 10 s; 8 keeps the
# answer with tonight's longest question again within the 20 s every answer keeps to.
HOLD_SECONDS = 8.0


def held(seconds: float = HOLD_SECONDS) -> str:
    """A quiet wait inside an answer, as SSML breaks of at most Alexa's 10 s each (the one place
    the held silence is built, so it can become an APL-for-audio silence later)."""
    whole, rest = divmod(max(seconds, 0.0), 10.0)
    return " ".join([pause(10.0)] * int(whole) + ([pause(rest)] if rest else []))


def join(parts: Iterable[str], gap_seconds: float = 0.0) -> str:
    """Join escaped plain-text parts, with a pause between them when asked."""
    sep = f" {pause(gap_seconds)} " if gap_seconds else " "
    return sep.join(text(p) for p in parts if p)


def plain(ssml: str) -> str:
    """SSML back to plain text for cards and logs."""
    return (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", ssml))
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .strip()
    )


def and_list(items: list[str], and_word: str = "and") -> str:
    """ "a", "a and b", "a, b and c": names read out as one list (``and_word``: the language's "and",
    content/<lang>/language.toml)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {and_word} " + items[-1]


def counted(key: str, n: int) -> str:
    """The one pluralisation rule: the phrase (or label) key for ``n`` of something, ``<key>_one``
    for exactly one and ``<key>_many`` otherwise. The words themselves live in content."""
    return f"{key}_one" if n == 1 else f"{key}_many"


_BREAK = re.compile(r'<break time="([0-9.]+)s"/>')


def duration(ssml: str, words_per_second: float = 2.75) -> float:
    """About how long an answer takes to say: its words at ~165 a minute plus its pauses."""
    pauses = sum(float(seconds) for seconds in _BREAK.findall(ssml))
    return len(plain(ssml).split()) / words_per_second + pauses
