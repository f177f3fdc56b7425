"""Load and validate the content files. A broken file stops start-up with its name and field.

Each language of content/languages.toml has its folder, ``content/<lang>/``, mirroring English's
(docs/languages.md): this module loads one language's folder; content/languages.py loads them all,
refuses a language that lacks or adds anything English has, and lays each locale's few variants
(``content/<locale>/phrases/*.toml``) over its language. Every ``*.toml`` in a content folder may
hold ``[[practice]]``, ``[[reason]]`` and ``[[step_group]]`` tables (every step belongs to exactly
one group, for the spoken overview); every ``phrases/*.toml`` holds phrase keys. More folders can
be layered on top (``extra_dirs``), so adding a reason or a step is a data change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from content.hearing import load_turn_rules
from content.language_file import read_language_file, read_toml
from content.naming import practice_names
from content.phrase_keys import PHRASES
from content.schema import (
    MAX_ABOUT_SECONDS,
    MAX_ANSWER_SECONDS,
    MAX_QUESTION_SECONDS,
    MIN_QUESTIONS,
    PARTS_OF_DAY,
    QUESTION_GROUPS,
    SIGNOFF,
    Catalogue,
    ContentError,
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


_read = read_toml


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
                    f"phrases/{path.name}",
                    key,
                    "is not a phrase the skill knows (content/phrase_keys.py: make phrase-keys)",
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
    clock, and_word, daytime, time_words, numbers, dates = read_language_file(folder)
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
