"""How a couple names a practice: the words as heard, made comparable, and every name a practice
answers to. The content loader refuses two practices that share a name here, so finding a practice
by what a couple called it (intents/finding.py) never has to choose between two."""

from __future__ import annotations

import re

from content.schema import Practice

# English, German and Spanish ones (content/languages.toml): a name is compared without its article.
_ARTICLES: tuple[str, ...] = ("the ", "a ", "an ", "our ", "some ")
_ARTICLES += ("die ", "der ", "das ", "eine ", "ein ", "unsere ", "unser ")
_ARTICLES += ("el ", "la ", "los ", "las ", "un ", "una ", "nuestro ", "nuestra ")


def normalise(words: str) -> str:
    """Lower case, apostrophes dropped, anything else that is not a letter or digit a space, and one
    leading article gone: "The Daily Check-in" and "daily check in" are the same name."""
    text = re.sub(r"[\W_]+", " ", words.lower().replace("'", "").replace("\u2019", "")).strip()
    for article in _ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
    return text


def practice_names(practice: Practice) -> list[str]:
    """Every way a couple may name a practice (the model's PracticeName slot is built from the same)."""
    names = [practice.name, practice.title, *practice.synonyms]
    return list(dict.fromkeys(n for n in (normalise(name) for name in names) if n))
