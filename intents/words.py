"""Couples' own words made ready to keep and to quote: spoken filler dropped, quotes kept short."""

from __future__ import annotations

import re

QUOTE_WORDS = 12  # a quote read back (the weekly summary, tonight's answers) is no longer than this

# Spoken filler that carries no meaning in a quote read back later ("um okay so like ...").
_FILLER = re.compile(r"\b(?:um+|uh+|uhm|erm|er|hmm+|mm+|you know|i mean)\b[,.]?\s*", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:okay|ok|so|well|like|yeah|alright|right|and)\b[,.]?\s*)+", re.IGNORECASE)


def clean_words(words: str) -> str:
    """The words without spoken filler, as they are kept and later quoted."""
    text = _FILLER.sub("", words)
    text = re.sub(r"\b(so|okay|um) like\b", r"\1", text, flags=re.IGNORECASE)
    text = _LEADING.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip(" ,.")


def quote(words: str, limit: int = QUOTE_WORDS) -> str:
    """A short, clean quote of a gratitude for the ear: filler dropped, at most ``limit`` words,
    cut after a comma where one falls late enough to leave a whole thought."""
    said = clean_words(words).split()
    if len(said) <= limit:
        return " ".join(said)
    head = said[:limit]
    commas = [i for i, w in enumerate(head) if w.endswith(",") and i >= limit // 2]
    if commas:
        head = head[: commas[-1] + 1]
    return " ".join(head).rstrip(",")
