"""Load and validate the content files. A broken file stops start-up with its name and field.

Each language of content/languages.toml has its folder, ``content/<lang>/``, mirroring English's
(docs/languages.md): ``load_languages`` loads them all, refuses a language that lacks or adds
anything English has (``check_parity``), and lays each locale's few variants
(``content/<locale>/phrases/*.toml``) over its language. Every ``*.toml`` in a content folder may
hold ``[[practice]]``, ``[[reason]]`` and ``[[step_group]]`` tables (every step belongs to exactly
one group, for the spoken overview); every ``phrases/*.toml`` holds phrase keys. More folders can
be layered on top (``extra_dirs``), so adding a reason or a step is a data change.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from content.hearing import load_turn_rules
from content.naming import practice_names
from content.phrase_keys import PHRASES
from content.schema import (
    DEFAULT_LOCALE,
    MAX_ABOUT_SECONDS,
    MAX_ANSWER_SECONDS,
    MAX_QUESTION_SECONDS,
    MIN_QUESTIONS,
    PARTS_OF_DAY,
    QUESTION_GROUPS,
    SIGNOFF,
    Catalogue,
    ContentError,
    DateWords,
    Language,
    Languages,
    NumberWords,
    Phrases,
    Practice,
    Question,
    Reason,
    ScreenTemplate,
    StepGroup,
    TurnRules,
    placeholders,
    spoken_seconds,
)

ROOT = Path(__file__).resolve().parent  # content/: languages.toml and a folder per language and locale
CONTENT_DIR = ROOT / "en"  # English, the language every other one mirrors (tests may point it at a copy)
REFERENCE = "en"
# Files of a language folder that are not [[practice]]/[[reason]]/... tables.
_NOT_GUIDE = {"language.toml", "screens.toml"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KINDS = {"exercise", "step"}
_GROUPS = {"physical", "emotional"}


class _Fields:
    """Typed access to one TOML table, raising ContentError that names file and field."""

    def __init__(self, file: str, where: str, table: Mapping[str, Any]) -> None:
        self.file, self.where, self.table = file, where, table

    def fail(self, name: str, problem: str) -> ContentError:
        return ContentError(self.file, f"{self.where}.{name}", problem)

    def text(self, name: str, max_seconds: float = MAX_ANSWER_SECONDS) -> str:
        value = self.table.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, "must be non-empty text")
        if any(ch in value for ch in "<>&{}"):
            raise self.fail(name, "must be plain words (no markup or braces)")
        if spoken_seconds(value) > max_seconds:
            raise self.fail(name, f"takes about {spoken_seconds(value):.0f}s to say; keep it under {max_seconds}s")
        return value.strip()

    def ident(self, name: str) -> str:
        value = self.table.get(name)
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(name, "must be a snake_case id")
        return value

    def choice(self, name: str, options: set[str]) -> str:
        value = self.table.get(name)
        if value not in options:
            raise self.fail(name, f"must be one of {sorted(options)}")
        return str(value)

    def integer(self, name: str, low: int, high: int) -> int:
        value = self.table.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(name, f"must be a whole number from {low} to {high}")
        return value

    def texts(self, name: str, min_items: int = 1) -> tuple[str, ...]:
        value = self.table.get(name)
        if not isinstance(value, list) or len(value) < min_items:
            raise self.fail(name, f"must be a list of at least {min_items} texts")
        return tuple(
            _Fields(self.file, f"{self.where}.{name}", {str(i): v for i, v in enumerate(value)}).text(str(i))
            for i in range(len(value))
        )


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ContentError(path.name, "file", f"is not valid TOML ({err})") from err


def _practice(file: str, index: int, table: Mapping[str, Any]) -> Practice:
    f = _Fields(file, f"practice[{index}]", table)
    exercise = table.get("exercise")
    if exercise is not None and (not isinstance(exercise, str) or not _ID.match(exercise)):
        raise f.fail("exercise", "must be the id of an exercise")
    steps = f.texts("steps", 2)
    return Practice(
        id=f.ident("id"),
        kind=f.choice("kind", _KINDS),
        number=f.integer("number", 0, 99),
        title=f.text("title"),
        name=f.text("name"),
        synonyms=tuple(s.lower() for s in f.texts("synonyms")),
        minutes=f.integer("minutes", 1, 60),
        intro=f.text("intro"),
        steps=steps,
        about=f.text("about", MAX_ABOUT_SECONDS),
        exercise=exercise,
        step_minutes=_step_minutes(f, len(steps)),
        more=_more(f, len(steps)),
    )


def _more(f: _Fields, count: int) -> tuple[str, ...]:
    more = f.texts("more", count)
    if len(more) != count:
        raise f.fail("more", f"must say a little more about each of the {count} steps")
    return more


def _step_minutes(f: _Fields, count: int) -> tuple[int, ...]:
    value = f.table.get("step_minutes", [])
    if (
        not isinstance(value, list)
        or len(value) not in (0, count)
        or not all(isinstance(m, int) and not isinstance(m, bool) and 0 <= m <= 30 for m in value)
    ):
        raise f.fail("step_minutes", f"must list whole minutes from 0 to 30 for each of the {count} steps")
    return tuple(value)


def _reason(file: str, index: int, table: Mapping[str, Any]) -> Reason:
    f = _Fields(file, f"reason[{index}]", table)
    return Reason(id=f.ident("id"), group=f.choice("group", _GROUPS), title=f.text("title"), text=f.text("text"))


def _step_group(file: str, index: int, table: Mapping[str, Any]) -> StepGroup:
    f = _Fields(file, f"step_group[{index}]", table)
    steps = table.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(s, str) and _ID.match(s) for s in steps):
        raise f.fail("steps", "must be a list of step ids")
    return StepGroup(id=f.ident("id"), title=f.text("title"), line=f.text("line"), steps=tuple(steps))


# Alexa narrates tonight's question to one partner or both: "me", "I", "my" would stand for Alexa
# herself, and "we", "us", "our" would count her in the couple.
_SPEAKER_WORDS = re.compile(
    r"\b(?:i|me|my|mine|myself|i'd|i'm|i've|i'll|we|us|our|ours|ourselves|we're|we've|we'd|we'll)\b", re.IGNORECASE
)


def _question_group(file: str, index: int, table: Mapping[str, Any]) -> list[Question]:
    f = _Fields(file, f"question_group[{index}]", table)
    group = f.choice("id", set(QUESTION_GROUPS))
    f.text("title")
    raw = table.get("questions")
    if not isinstance(raw, list) or not raw:
        raise f.fail("questions", "must be a non-empty list of questions")
    found = []
    for n, _ in enumerate(raw):
        text = _Fields(file, f"question_group {group}", {f"questions[{n}]": raw[n]}).text(
            f"questions[{n}]", MAX_QUESTION_SECONDS
        )
        if not text.endswith("?") or text.count("?") != 1:
            raise f.fail(f"questions[{n}]", "must be one question, ending with a question mark")
        speaker = _SPEAKER_WORDS.findall(text)
        if speaker:
            raise f.fail(
                f"questions[{n}]",
                f"is said by Alexa, so {speaker[0]!r} would mean Alexa: say 'your partner', 'the two of you'",
            )
        found.append(Question(f"{group}_{n + 1}", group, text))
    return found


def _check_questions(questions: list[Question]) -> None:
    """Tonight's question bank: only if there is one at all (a layered extra folder may hold none)."""
    if not questions:
        return
    texts = [q.text.lower() for q in questions]
    if len(set(texts)) != len(texts):
        raise ContentError("questions.toml", "question_group.questions", "a question is there twice")
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise ContentError("questions.toml", "question_group.id", "a group is there twice")
    if len(questions) < MIN_QUESTIONS:
        raise ContentError("questions.toml", "question_group", f"need at least {MIN_QUESTIONS} questions")
    missing = sorted(set(QUESTION_GROUPS) - {q.group for q in questions})
    if missing:
        raise ContentError("questions.toml", "question_group", f"no questions in: {', '.join(missing)}")


def _phrase_texts(file: str, key: str, value: object) -> tuple[str, ...]:
    raw = [value] if isinstance(value, str) else value
    if not isinstance(raw, list) or not raw or not all(isinstance(v, str) and v.strip() for v in raw):
        raise ContentError(file, key, "must be a text or a list of texts")
    for text in raw:
        unknown = placeholders(text) - PHRASES[key.split(".")[0]] - {SIGNOFF}
        if unknown:
            raise ContentError(file, key, f"uses unknown placeholder(s) {sorted(unknown)}")
        if SIGNOFF in placeholders(text) and not text.rstrip().endswith("{" + SIGNOFF + "}"):
            raise ContentError(file, key, "may use {signoff} only as its last words")
        if spoken_seconds(text) > MAX_ANSWER_SECONDS:
            raise ContentError(file, key, f"is too long to say in {MAX_ANSWER_SECONDS} seconds")
    return tuple(v.strip() for v in raw)


def _phrases(files: Iterable[Path], daytime: Mapping[str, str] | None = None) -> Phrases:
    variants: dict[str, tuple[str, ...]] = {}
    by_part: dict[str, dict[str, tuple[str, ...]]] = {}
    origin: dict[str, str] = {}
    for path in files:
        for key, value in _read(path).items():
            if key not in PHRASES:
                raise ContentError(
                    f"phrases/{path.name}", key, "is not a phrase the skill knows (see content/phrase_keys.py)"
                )
            if key in variants:
                raise ContentError(f"phrases/{path.name}", key, f"is already defined in {origin[key]}")
            if isinstance(value, dict):  # key.morning, key.afternoon, key.evening: one per part of the day
                if set(value) != set(PARTS_OF_DAY):
                    raise ContentError(
                        f"phrases/{path.name}", key, f"as a table needs exactly the parts {list(PARTS_OF_DAY)}"
                    )
                by_part[key] = {
                    part: _phrase_texts(f"phrases/{path.name}", f"{key}.{part}", value[part]) for part in PARTS_OF_DAY
                }
                variants[key] = tuple(dict.fromkeys(t for part in PARTS_OF_DAY for t in by_part[key][part]))
            else:
                variants[key] = _phrase_texts(f"phrases/{path.name}", key, value)
            if key == SIGNOFF and any(SIGNOFF in placeholders(t) for t in variants[key]):
                raise ContentError(f"phrases/{path.name}", key, "cannot use itself")
            origin[key] = f"phrases/{path.name}"
    missing = sorted(set(PHRASES) - set(variants))
    if missing:
        raise ContentError("phrases/", ", ".join(missing), "missing")
    return Phrases(variants, by_part, dict(daytime or {}))


def language_dir(language: str, root: Path | None = None) -> Path:
    """``content/<language>/`` (English's is CONTENT_DIR, which tests may point at a copy)."""
    if root is None:
        return CONTENT_DIR if language == REFERENCE else ROOT / language
    return root / language


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


def _language_file(folder: Path) -> tuple[str, str, dict[str, str], dict[str, str], NumberWords, DateWords]:
    """language.toml: the clock reminders are said on, the word that joins a list's last item, and
    the words "tonight" becomes by day."""
    path = folder / "language.toml"
    if not path.is_file():
        raise ContentError("language.toml", "file", "is missing")
    data = _read(path)
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


def load_catalogue(extra_dirs: Iterable[Path] = (), language: str = REFERENCE, root: Path | None = None) -> Catalogue:
    """One language's words (English unless told), checked on their own; ``load_languages`` also
    compares each with English. Errors name the file as ``<language>/<file>``."""
    folder = language_dir(language, root)
    try:
        return _load(folder, list(extra_dirs), language)
    except ContentError as err:
        if err.file.startswith(f"{language}/"):
            raise
        raise ContentError(f"{language}/{err.file}", err.where, err.problem) from err


def _load(folder: Path, extra_dirs: list[Path], language: str) -> Catalogue:
    if not folder.is_dir():
        raise ContentError("", "folder", "is missing (content/languages.toml lists the language)")
    dirs = [folder, *extra_dirs]
    clock, and_word, daytime, time_words, numbers, dates = _language_file(folder)
    practices: list[Practice] = []
    reasons: list[Reason] = []
    groups: list[StepGroup] = []
    questions: list[Question] = []
    for where in dirs:
        for path in sorted(where.glob("*.toml")):
            if path.name in _NOT_GUIDE:
                continue
            data = _read(path)
            unknown = set(data) - {"practice", "reason", "step_group", "question_group"}
            if unknown:
                raise ContentError(
                    path.name,
                    ", ".join(sorted(unknown)),
                    "unknown table (expected practice, reason, step_group or question_group)",
                )
            practices += [_practice(path.name, i, t) for i, t in enumerate(data.get("practice", []))]
            reasons += [_reason(path.name, i, t) for i, t in enumerate(data.get("reason", []))]
            groups += [_step_group(path.name, i, t) for i, t in enumerate(data.get("step_group", []))]
            for i, table in enumerate(data.get("question_group", [])):
                questions += _question_group(path.name, i, table)
    catalogue = Catalogue(
        practices=tuple(practices),
        reasons=tuple(reasons),
        phrases=_phrases((p for d in dirs for p in sorted((d / "phrases").glob("*.toml"))), daytime),
        step_groups=tuple(groups),
        questions=tuple(questions),
        screens=load_screens(labels=_screen_labels(folder)),
        hearing=_hearing(folder),
        language=language,
        clock=clock,
        list_and=and_word,
        time_words=time_words,
        numbers=numbers,
        dates=dates,
    )
    _check_questions(questions)
    _check_links(catalogue)
    _check_groups(catalogue)
    return catalogue


def _hearing(folder: Path) -> TurnRules:
    path = folder / "hearing" / "turns.toml"
    if not path.is_file():
        raise ContentError("hearing/turns.toml", "file", "is missing")
    return load_turn_rules(path)


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


def _screen_labels(folder: Path) -> dict[str, dict[str, str]]:
    """screens.toml: the words of each screen (and of the strip image), by screen name."""
    path = folder / "screens.toml"
    if not path.is_file():
        raise ContentError("screens.toml", "file", "is missing")
    data = _read(path)
    labels: dict[str, dict[str, str]] = {}
    for name in SCREEN_FIELDS:
        table = data.get(name)
        if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
            raise ContentError("screens.toml", name, "must map names to texts")
        labels[name] = dict(table)
    unknown = set(data) - set(SCREEN_FIELDS)
    if unknown:
        raise ContentError("screens.toml", ", ".join(sorted(unknown)), "is not a screen")
    return labels


APL_DIR = Path(__file__).resolve().parent / "apl"
# The screens the skill draws (skill/alexa/apl.py) and the fields it fills in each one's data source.
SCREEN_FIELDS: dict[str, frozenset[str]] = {
    "practice": frozenset({"heading", "title", "minutes", "guiding", "steps", "hint"}),
    "week": frozenset(
        {"heading", "label", "days_active", "days", "streak", "streak_label", "gratitudes", "gratitudes_label"}
    ),
}


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise ContentError(f"apl/{path.name}", "file", f"is not readable JSON ({err})") from err
    if not isinstance(data, dict):
        raise ContentError(f"apl/{path.name}", "file", "must hold a JSON object")
    return data


def _fields_of(value: object) -> set[str]:
    """The "=field" placeholders in a data source template."""
    if isinstance(value, str):
        return {value[1:]} if value.startswith("=") else set()
    if isinstance(value, dict):
        return {f for v in value.values() for f in _fields_of(v)}
    if isinstance(value, list):
        return {f for v in value for f in _fields_of(v)}
    return set()


def load_screens(
    folder: Path = APL_DIR, labels: Mapping[str, Mapping[str, str]] | None = None
) -> dict[str, ScreenTemplate]:
    """Each screen's APL document (``<name>.document.json``) and data source (``<name>.datasource.json``),
    with the words of a language's screens.toml (English's unless given)."""
    if labels is None:
        labels = _screen_labels(CONTENT_DIR)
    screens: dict[str, ScreenTemplate] = {}
    for name, wanted in SCREEN_FIELDS.items():
        document = _json(folder / f"{name}.document.json")
        if document.get("type") != "APL" or not isinstance(document.get("mainTemplate"), dict):
            raise ContentError(f"apl/{name}.document.json", "type", "must be an APL document with a mainTemplate")
        source = _json(folder / f"{name}.datasource.json")
        datasource = source.get("datasource")
        if not isinstance(datasource, dict) or not datasource:
            raise ContentError(f"apl/{name}.datasource.json", "datasource", "must be a non-empty object")
        fields = _fields_of(datasource)
        if fields != wanted:
            raise ContentError(
                f"apl/{name}.datasource.json",
                "datasource",
                f"fills {sorted(fields)}; the skill provides {sorted(wanted)}",
            )
        screens[name] = ScreenTemplate(name, document, datasource, dict(labels[name]), frozenset(fields))
    return screens


def _check_links(catalogue: Catalogue) -> None:
    seen: dict[str, str] = {}
    for p in catalogue.practices:
        if p.id in seen:
            raise ContentError("practices.toml", f"practice {p.id}.id", "is used twice")
        seen[p.id] = p.id
        if p.exercise is not None:
            target = catalogue.practice(p.exercise)
            if target is None or target.kind != "exercise":
                raise ContentError("practices.toml", f"practice {p.id}.exercise", f"{p.exercise!r} is not an exercise")
    # Compared as a couple's words are (content.naming): "hug" and "a hug" are one name to the ear.
    owner: dict[str, str] = {}
    for p in catalogue.practices:
        for name in practice_names(p):
            if owner.setdefault(name, p.id) != p.id:
                raise ContentError("practices.toml", f"practice {p.id}.synonyms", f"{name!r} also names {owner[name]}")
    if len(catalogue.practices) < 4:
        raise ContentError("practices.toml", "practice", "need at least four practices to rotate suggestions")
    if len({r.id for r in catalogue.reasons}) != len(catalogue.reasons):
        raise ContentError("reasons.toml", "reason.id", "an id is used twice")


def _check_groups(catalogue: Catalogue) -> None:
    """Every step sits in exactly one group, and groups name only steps."""
    if len({g.id for g in catalogue.step_groups}) != len(catalogue.step_groups):
        raise ContentError("guide.toml", "step_group.id", "an id is used twice")
    placed: dict[str, str] = {}
    for group in catalogue.step_groups:
        for step_id in group.steps:
            practice = catalogue.practice(step_id)
            if practice is None or practice.kind != "step":
                raise ContentError("guide.toml", f"step_group {group.id}.steps", f"{step_id!r} is not a step")
            if placed.setdefault(step_id, group.id) != group.id or group.steps.count(step_id) > 1:
                raise ContentError(
                    "step groups", f"step_group {group.id}.steps", f"{step_id!r} is already in group {placed[step_id]}"
                )
    missing = sorted(p.id for p in catalogue.practices if p.kind == "step" and p.id not in placed)
    if missing:
        raise ContentError("guide.toml", "step_group", f"step(s) in no group: {', '.join(missing)}")
