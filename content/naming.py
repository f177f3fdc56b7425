"""How a couple names a practice: the words as heard, made comparable, and every name a practice
answers to. The content loader refuses two practices that share a name here, so finding a practice
by what a couple called it (intents/finding.py) never has to choose between two."""

from __future__ import annotations

import re

from content.schema import Practice

_ARTICLES = ("the ", "a ", "an ", "our ", "some ")


def normalise(words: str) -> str:
    """Lower case, apostrophes dropped, anything else that is not a letter or digit a space, and one
    leading article gone: "The Daily Check-in" and "daily check in" are the same name."""
    text = re.sub(r"[^a-z0-9]+", " ", words.lower().replace("'", "").replace("\u2019", "")).strip()
    for article in _ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
    return text


def practice_names(practice: Practice) -> list[str]:
    """Every way a couple may name a practice (the model's PracticeName slot is built from the same)."""
    names = [practice.name, practice.title, *practice.synonyms]
    return list(dict.fromkeys(n for n in (normalise(name) for name in names) if n))
