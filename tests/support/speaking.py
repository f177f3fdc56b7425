"""The languages the tests speak: content/languages.toml, each language's words and a representative
locale for the heavy table-driven tests (every locale still gets a cheap check of its own words).

Tests parametrize over these, so a language's whole battery runs as soon as its folder is there."""

from __future__ import annotations

import re
import string
from functools import cache

from content.languages import load_languages, read_languages
from content.schema import Catalogue, Language, Languages

LANGUAGES: dict[str, Language] = read_languages()
# The locale each language's heavy tests run in: its first in content/languages.toml (en-US, de-DE, es-ES).
REPRESENTATIVE: dict[str, str] = {code: lang.locales[0] for code, lang in LANGUAGES.items()}
ALL_LOCALES: list[str] = [locale for lang in LANGUAGES.values() for locale in lang.locales]


@cache
def every_language() -> Languages:
    return load_languages()


def words(locale: str | None) -> Catalogue:
    """The words a request in ``locale`` hears (English for None or a locale the skill does not speak)."""
    return every_language().for_locale(locale)


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _patterns(locale: str | None, key: str, values: tuple[tuple[str, str], ...] = ()) -> tuple[re.Pattern[str], ...]:
    """Every variant of a phrase in ``locale``'s words as a pattern: its words as written, each
    placeholder any words (or the value given for it)."""
    given = dict(values)
    found = []
    for variant in words(locale).phrases.variants[key]:
        if not set(given) <= {f for _, f, _, _ in string.Formatter().parse(variant) if f}:
            continue
        parts = []
        for literal, field, _, _ in string.Formatter().parse(_spaced(variant)):
            parts.append(re.escape(literal))
            if field:
                parts.append(re.escape(given[field]) if field in given else ".+?")
        found.append(re.compile("".join(parts), re.DOTALL))
    return tuple(found)


def heard_phrase(key: str, said: str, locale: str | None = None, **values: str) -> bool:
    """Some variant of ``key`` (in ``locale``'s words) is in ``said``."""
    return any(p.search(_spaced(said)) for p in _patterns(locale, key, tuple(values.items())))
