"""Every language of content/languages.toml, each held to English's shape, and each locale's words:
its language's, with the locale's few variants (``content/<locale>/phrases/*.toml``) laid over them
(docs/languages.md)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from content.loader import _ID, REFERENCE, ROOT, _phrase_texts, _read, load_catalogue
from content.schema import (
    DEFAULT_LOCALE,
    PARTS_OF_DAY,
    Catalogue,
    ContentError,
    Language,
    Languages,
    Phrases,
    placeholders,
)

LANGUAGES_FILE = "languages.toml"


def read_languages(root: Path | None = None) -> dict[str, Language]:
    """content/languages.toml: each language's locales and espeak-ng voice, English first."""
    path = (root or ROOT) / LANGUAGES_FILE
    data = _read(path)
    found: dict[str, Language] = {}
    seen: set[str] = set()
    for code, table in data.items():
        locales = table.get("locales") if isinstance(table, dict) else None
        voice = table.get("voice") if isinstance(table, dict) else None
        if not _ID.match(code) or not isinstance(locales, list) or not locales or not isinstance(voice, str):
            raise ContentError(LANGUAGES_FILE, code, "needs locales (a list) and voice")
        for locale in locales:
            if not isinstance(locale, str) or not re.fullmatch(rf"{code}-[A-Z]{{2}}", locale) or locale in seen:
                raise ContentError(LANGUAGES_FILE, f"{code}.locales", f"{locale!r} is not one of its own, once")
            seen.add(locale)
        found[code] = Language(code, tuple(locales), voice)
    if REFERENCE not in found or DEFAULT_LOCALE not in found[REFERENCE].locales:
        raise ContentError(LANGUAGES_FILE, REFERENCE, f"English and {DEFAULT_LOCALE} must be there")
    return {REFERENCE: found[REFERENCE], **found}


def language_of(locale: str | None, languages: Mapping[str, Language]) -> str:
    """The language a request's locale is spoken in; English for a locale the skill does not speak."""
    return next((code for code, lang in languages.items() if locale in lang.locales), REFERENCE)


def load_languages(root: Path | None = None) -> Languages:
    """Every locale's catalogue: each language loaded and held to English's shape, then each
    locale's overlay (``content/<locale>/phrases``) laid over its language."""
    languages = read_languages(root)
    english = load_catalogue(language=REFERENCE, root=root)
    by_locale: dict[str, Catalogue] = {}
    for code, language in languages.items():
        catalogue = english if code == REFERENCE else load_catalogue(language=code, root=root)
        check_parity(english, catalogue)
        for locale in language.locales:
            by_locale[locale] = _overlaid(catalogue, locale, (root or ROOT) / locale)
    return Languages(by_locale, by_locale[DEFAULT_LOCALE])


def _overlaid(catalogue: Catalogue, locale: str, folder: Path) -> Catalogue:
    """The language's words with the locale's variants (only keys whose wording differs there)."""
    files = sorted((folder / "phrases").glob("*.toml"))
    unknown = [p.name for p in sorted(folder.glob("**/*")) if p.is_file() and p not in files]
    if unknown:
        raise ContentError(f"{locale}/{unknown[0]}", "file", "a locale holds only phrases/*.toml")
    phrases = catalogue.phrases
    variants, by_part = dict(phrases.variants), dict(phrases.by_part)
    for path in files:
        name = f"{locale}/phrases/{path.name}"
        for key, value in _read(path).items():
            if key not in phrases.variants:
                raise ContentError(name, key, f"is not a phrase of {catalogue.language}")
            try:
                single = _phrases_of_key(key, value)
            except ContentError as err:
                raise ContentError(name, err.where, err.problem) from err
            if set(single.by_part) != ({key} & set(phrases.by_part)):
                raise ContentError(name, key, "must be a table of parts of the day exactly when its language's is")
            if _placeholders_of(single, key) != _placeholders_of(phrases, key):
                raise ContentError(
                    name,
                    key,
                    f"must use the placeholders {sorted(_placeholders_of(phrases, key))} as its language does",
                )
            variants[key] = single.variants[key]
            by_part.pop(key, None)
            by_part.update(single.by_part)
    return dataclasses.replace(catalogue, phrases=Phrases(variants, by_part, phrases.daytime), locale=locale, _by_id={})


def _phrases_of_key(key: str, value: object) -> Phrases:
    """One key's texts checked as the loader checks a language's (the same rules, one key)."""
    if isinstance(value, dict):
        if set(value) != set(PARTS_OF_DAY):
            raise ContentError("", key, f"as a table needs exactly the parts {list(PARTS_OF_DAY)}")
        parts = {part: _phrase_texts("", f"{key}.{part}", value[part]) for part in PARTS_OF_DAY}
        return Phrases({key: tuple(dict.fromkeys(t for p in PARTS_OF_DAY for t in parts[p]))}, {key: parts})
    return Phrases({key: _phrase_texts("", key, value)})


def _placeholders_of(phrases: Phrases, key: str) -> set[str]:
    return {name for text in phrases.variants[key] for name in placeholders(text)}


def check_parity(english: Catalogue, other: Catalogue) -> None:
    """Refuse a language that lacks, or adds, anything English has: phrase keys with their
    placeholders and part-of-day tables, practices (ids, kinds, numbers, minutes, steps, "more"
    texts), reasons, step groups, questions, screens' labels, hearing's kinds of aside."""
    lang = other.language
    if other is english:
        return

    def differ(file: str, where: str, what: str, ours: object, theirs: object) -> None:
        if ours != theirs:
            raise ContentError(f"{lang}/{file}", where, f"{what}: English has {ours!r}, {lang} has {theirs!r}")

    def ids(file: str, what: str, ours: Iterable[str], theirs: Iterable[str]) -> None:
        mine, yours = list(ours), list(theirs)
        lacks, adds = [i for i in mine if i not in yours], [i for i in yours if i not in mine]
        if lacks:
            raise ContentError(f"{lang}/{file}", f"{what} {lacks[0]}", "is missing (English has it)")
        if adds:
            raise ContentError(f"{lang}/{file}", f"{what} {adds[0]}", "is not in English")
        differ(file, what, "order", mine, yours)

    ids("phrases/", "phrase", english.phrases.variants, other.phrases.variants)
    for key in english.phrases.variants:
        differ(
            "phrases/",
            key,
            "placeholders",
            sorted(_placeholders_of(english.phrases, key)),
            sorted(_placeholders_of(other.phrases, key)),
        )
        differ("phrases/", key, "part-of-day table", english.phrases.by_time(key), other.phrases.by_time(key))
    ids("practices.toml", "practice", [p.id for p in english.practices], [p.id for p in other.practices])
    for mine in english.practices:
        theirs = other.practice(mine.id)
        assert theirs is not None
        differ("practices.toml", f"practice {mine.id}.steps", "steps", len(mine.steps), len(theirs.steps))
        differ("practices.toml", f"practice {mine.id}.more", "more texts", len(mine.more), len(theirs.more))
        for attr in ("kind", "number", "minutes", "exercise", "step_minutes"):
            differ("practices.toml", f"practice {mine.id}.{attr}", attr, getattr(mine, attr), getattr(theirs, attr))
    ids("reasons.toml", "reason", [r.id for r in english.reasons], [r.id for r in other.reasons])
    groups = {r.id: r.group for r in other.reasons}
    for reason in english.reasons:
        differ("reasons.toml", f"reason {reason.id}.group", "group", reason.group, groups[reason.id])
    ids("guide.toml", "step_group", [g.id for g in english.step_groups], [g.id for g in other.step_groups])
    steps = {g.id: g.steps for g in other.step_groups}
    for group in english.step_groups:
        differ("guide.toml", f"step_group {group.id}.steps", "steps", group.steps, steps[group.id])
    ids("questions.toml", "question", [q.id for q in english.questions], [q.id for q in other.questions])
    for name, screen in english.screens.items():
        labels = other.screens[name].labels
        ids("screens.toml", f"[{name}]", screen.labels, labels)
        for key, text in screen.labels.items():
            differ(
                "screens.toml",
                f"{name}.{key}",
                "placeholders",
                sorted(placeholders(text)),
                sorted(placeholders(labels[key])),
            )
    differ(
        "hearing/turns.toml",
        "aside",
        "kinds",
        [a.kind for a in english.hearing.asides],
        [a.kind for a in other.hearing.asides],
    )
