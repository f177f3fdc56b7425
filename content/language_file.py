"""content/<lang>/language.toml: what code would otherwise say in English (docs/languages.md) - the
clock a reminder's time is said on, a list's "and", dates, the hour's words, mended time words and
the words for numbers."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from content.schema import ContentError, DateWords, NumberWords, placeholders


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ContentError(path.name, "file", f"is not valid TOML ({err})") from err


def _numbers(table: object) -> NumberWords:
    """language.toml [numbers]: the words for one to twelve (each a word or a list of its forms) as
    counted and as ordinals, and the shapes of "step five" (regular expressions, the number's word
    their one group). Optional: without it only digits are understood in a practice's words."""
    if table is None:
        return NumberWords()
    if not isinstance(table, dict):
        raise ContentError("language.toml", "numbers", "must be a table")
    values: dict[str, int] = {}
    for kind in ("counting", "ordinals"):
        words = table.get(kind)
        if not isinstance(words, list) or len(words) != 12:
            raise ContentError("language.toml", f"numbers.{kind}", "must list the words for one to twelve")
        for n, forms in enumerate(words, start=1):
            for form in [forms] if isinstance(forms, str) else forms if isinstance(forms, list) else [None]:
                if not isinstance(form, str) or not form.strip():
                    raise ContentError("language.toml", f"numbers.{kind}[{n - 1}]", "must be a word or a list of words")
                values.setdefault(form.strip().lower(), n)
    shapes = []
    for n, text in enumerate(table.get("steps", [])):
        try:
            shape = re.compile(str(text))
        except re.error as err:
            raise ContentError("language.toml", f"numbers.steps[{n}]", f"is not a regular expression ({err})") from err
        if shape.groups != 1:
            raise ContentError("language.toml", f"numbers.steps[{n}]", "must have one group: the number's word")
        shapes.append(shape)
    unknown = set(table) - {"counting", "ordinals", "steps"}
    if unknown:
        raise ContentError(
            "language.toml", f"numbers.{sorted(unknown)[0]}", "unknown (expected counting, ordinals, steps)"
        )
    return NumberWords(values, tuple(shapes))


def _dates(table: object) -> DateWords:
    """language.toml [dates]: twelve month names, January first, and a day's shape with {day} and {month}."""
    if not isinstance(table, dict):
        raise ContentError("language.toml", "dates", "must be a table with months and day")
    months, day = table.get("months"), table.get("day")
    if not isinstance(months, list) or len(months) != 12 or not all(isinstance(m, str) and m.strip() for m in months):
        raise ContentError("language.toml", "dates.months", "must list the twelve month names, January first")
    if not isinstance(day, str) or placeholders(day) != {"day", "month"}:
        raise ContentError("language.toml", "dates.day", "must say a date with {day} and {month}")
    return DateWords(tuple(m.strip() for m in months), day)


def read_language_file(folder: Path) -> tuple[str, str, dict[str, str], dict[str, str], NumberWords, DateWords]:
    """language.toml: the clock reminders are said on, the word that joins a list's last item, and
    the words "tonight" becomes by day."""
    path = folder / "language.toml"
    if not path.is_file():
        raise ContentError("language.toml", "file", "is missing")
    data = read_toml(path)
    clock, daytime, and_word = data.get("clock"), data.get("daytime"), data.get("and")
    if clock not in ("12h", "24h"):
        raise ContentError("language.toml", "clock", 'must be "12h" or "24h"')
    if not isinstance(and_word, str) or not and_word.strip() or any(ch in and_word for ch in "<>&{}"):
        raise ContentError("language.toml", "and", 'must be the word before a list\'s last item ("and")')
    if (
        not isinstance(daytime, dict)
        or not daytime
        or not all(isinstance(v, str) and v.strip() and k.strip() for k, v in daytime.items())
    ):
        raise ContentError("language.toml", "daytime", "must map the evening's words to the day's")
    time_words = data.get("time_words", {})
    if not isinstance(time_words, dict) or not all(isinstance(v, str) and v.strip() for v in time_words.values()):
        raise ContentError("language.toml", "time_words", "must map the words of a said time to their mended form")
    unknown = set(data) - {"clock", "and", "daytime", "time_words", "numbers", "dates"}
    if unknown:
        raise ContentError(
            "language.toml",
            ", ".join(sorted(unknown)),
            "unknown setting (expected clock, and, daytime, time_words, numbers, dates)",
        )
    words = _numbers(data.get("numbers")), _dates(data.get("dates"))
    return str(clock), and_word.strip(), dict(daytime), dict(time_words), *words
