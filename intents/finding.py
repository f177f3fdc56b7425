"""Finding a practice by what a couple called it: its name, a synonym, or "step five"."""

from __future__ import annotations

from content.naming import normalise, practice_names
from content.schema import Catalogue, NumberWords, Practice


def number_from(word: str | None, numbers: NumberWords | None = None) -> int | None:
    """A number as Alexa may hear it: "5", "5th", or the language's words for one to twelve ("five",
    "fifth"; content/<lang>/language.toml [numbers]); else None."""
    text = (word or "").strip().lower()
    digits = text.removesuffix("th").removesuffix("st").removesuffix("nd").removesuffix("rd").rstrip(".º°ª")
    if digits.isascii() and digits.isdigit():  # isascii: "¹" passes isdigit() but is no number
        return int(digits)
    return (numbers or NumberWords()).values.get(text)


def step_by_words(content: Catalogue, wanted: str) -> Practice | None:
    """ "step five", "step 5", "fifth step" (in the language's words): a step named by its number in a
    practice slot (Alexa may hear "tell me about step five" as the explain intent with unresolved words)."""
    numbers = content.numbers
    number = next(
        (
            n
            for shape in numbers.steps
            if (found := shape.match(wanted)) and (n := number_from(found.group(1), numbers))
        ),
        None,
    )
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
