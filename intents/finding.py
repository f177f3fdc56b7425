"""Finding a practice by what a couple called it: its name, a synonym, or "step five"."""

from __future__ import annotations

import re

from content.naming import normalise, practice_names
from content.schema import Catalogue, Practice

_COUNTING = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
_STEP_WORDS = re.compile(r"^(?:step (?:number )?(\w+)|(\w+) step)$")


def number_from(word: str | None) -> int | None:
    """A number as Alexa may hear it: "5", "5th", "five", "fifth" (up to twelve); else None."""
    text = (word or "").strip().lower()
    digits = text.removesuffix("th").removesuffix("st").removesuffix("nd").removesuffix("rd")
    if digits.isascii() and digits.isdigit():  # isascii: "¹" passes isdigit() but is no number
        return int(digits)
    if text in _COUNTING:
        return _COUNTING.index(text) + 1
    if text in _ORDINALS:
        return _ORDINALS.index(text) + 1
    return None


def step_by_words(content: Catalogue, wanted: str) -> Practice | None:
    """ "step five", "step 5", "fifth step": a step named by its number in a practice slot (Alexa may
    hear "tell me about step five" as the explain intent with unresolved words)."""
    found = _STEP_WORDS.match(wanted)
    number = number_from((found.group(1) or found.group(2)) if found else "")
    return next((p for p in content.practices if p.kind == "step" and p.number == number), None)


def find_practice(content: Catalogue, resolved: str | None, spoken: str | None) -> Practice | None:
    """The practice a slot names: Alexa's resolved id first, else the words as heard."""
    if resolved and content.practice(resolved):
        return content.practice(resolved)
    if not spoken:
        return None
    wanted = normalise(spoken)
    if step_by_words(content, wanted):
        return step_by_words(content, wanted)
    by_name: dict[str, Practice] = {}
    for practice in content.practices:
        for name in practice_names(practice):
            by_name.setdefault(name, practice)
    return by_name.get(wanted)
