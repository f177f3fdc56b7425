"""The languages the tests speak: content/languages.toml, each language's words and a representative
locale for the heavy table-driven tests (every locale still gets a cheap check of its own words).

Tests parametrize over these, so a language's whole battery runs as soon as its folder is there."""

from __future__ import annotations

from functools import cache

from content.loader import load_languages, read_languages
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
