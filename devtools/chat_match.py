"""`make chat`'s understanding: each typed line matched to an intent and its slots using the project's
own interaction model (deploy/skill-package/interactionModels/custom/<locale>.json) plus the built-in
intents' everyday phrasings (devtools/chat_words.py), with custom slot values resolved to their id as
Alexa's entity resolution does."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from devtools.chat_ears import Ear, ear
from devtools.chat_words import (
    SLOT,
    date_value,
    normalise,
    number_value,
    ordinal_value,
)

MODELS = Path(__file__).resolve().parent.parent / "deploy" / "skill-package" / "interactionModels" / "custom"

FREESLOT_TYPES = {"AMAZON.SearchQuery", "AMAZON.FirstName", None}


class _LaterPattern:
    """A pattern compiled the first time it is used."""

    def __init__(self, regex: str) -> None:
        self.regex = regex

    def match(self, text: str) -> re.Match[str] | None:
        return re.match(f"^{self.regex}$", text)


@dataclass(frozen=True)
class Sample:
    intent: str
    text: str  # as written in the model
    pattern: re.Pattern[str] | _LaterPattern
    slots: tuple[str, ...]
    literal: int  # characters outside slots: more means more specific


@dataclass
class Match:
    intent: str
    sample: str
    slots: dict[str, str] = field(default_factory=dict)
    # slot -> (id, canonical value) for custom slot values the model lists; None when it lists none
    resolved: dict[str, tuple[str, str] | None] = field(default_factory=dict)


class Matcher:
    """Maps a typed line to an intent and slot values using one locale's interaction model."""

    def __init__(self, language_model: dict[str, Any], today: date | None = None, locale: str = "en-US") -> None:
        self.invocation = normalise(str(language_model["invocationName"]))
        self.locale = locale
        self.ear: Ear = ear(locale)  # Alexa's own words around the model, in the locale's language
        self.today = today
        self.slot_types: dict[tuple[str, str], str] = {}
        self.values: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in language_model.get("types", []):
            table: dict[str, tuple[str, str]] = {}
            for value in slot_type.get("values", []):
                name = value["name"]["value"]
                ident = value.get("id") or name
                for word in [name, *value["name"].get("synonyms", [])]:
                    table[normalise(word)] = (ident, name)
            self.values[slot_type["name"]] = table
        self.intents = [i["name"] for i in language_model["intents"]]
        self.literals: dict[str, Sample] = {}
        self.builtins: dict[str, Sample] = {}
        self.patterns: list[Sample] = []
        # Slot samples: what Alexa takes as the slot's value while the skill elicits it (Dialog.ElicitSlot).
        self.slot_samples: dict[tuple[str, str], list[Sample]] = {}
        for intent in language_model["intents"]:
            for slot in intent.get("slots", []):
                self.slot_types[(intent["name"], slot["name"])] = slot["type"]
                compiled = [self._compile(intent["name"], text) for text in slot.get("samples", [])]
                self.slot_samples[(intent["name"], slot["name"])] = sorted(compiled, key=lambda s: -s.literal)
            for text in intent.get("samples", []):
                sample = self._compile(intent["name"], text)
                if sample.slots:
                    self.patterns.append(sample)
                else:
                    self.literals.setdefault(normalise(text), sample)
            for text in self.ear.builtin_phrases.get(intent["name"], ()):
                self.builtins.setdefault(normalise(text), self._compile(intent["name"], text))
        self.patterns.sort(key=lambda s: -s.literal)

    @classmethod
    def for_locale(cls, locale: str = "en-US", models: Path = MODELS) -> Matcher:
        """The matcher for one locale's generated model (``make models`` writes one per locale)."""
        path = models / f"{locale}.json"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in models.glob("*.json")))
            raise FileNotFoundError(f"no interaction model for {locale!r} (known: {known}); run `make models`")
        data = json.loads(path.read_text())
        return cls(data["interactionModel"]["languageModel"], locale=locale)

    @staticmethod
    def _compile(intent: str, text: str) -> Sample:
        parts = SLOT.split(text)  # literal, slot name, literal, ...: slot names keep their case
        slots = tuple(parts[1::2])
        pieces = [normalise(p) if i % 2 == 0 else f"(?P<s{i}>.+?)" for i, p in enumerate(parts)]
        regex = " ".join(re.escape(p) if i % 2 == 0 else p for i, p in enumerate(pieces) if p)
        literal = sum(len(p) for p in pieces[::2])
        # A sample without slots is looked up word for word, never tried as a pattern: compiling
        # thousands of them (deploy/model/en/everyday.json) would cost seconds per matcher.
        pattern = re.compile(f"^{regex}$") if slots else _LaterPattern(regex)
        return Sample(intent, text, pattern, slots, literal)

    def match(self, line: str) -> Match | None:
        """The best intent for a line: a sample word for word, a built-in phrasing, then a sample with slots."""
        text = normalise(line)
        if not text:
            return None
        for table in (self.literals, self.builtins):
            if text in table:
                return Match(table[text].intent, table[text].text)
        best: tuple[tuple[int, int, int], Match] | None = None
        for sample in self.patterns:
            found = sample.pattern.match(text)
            if not found:
                continue
            candidate = self._fill(sample, [found.group(f"s{i}") for i in range(1, 2 * len(sample.slots), 2)])
            if candidate is None:
                continue
            unresolved = sum(1 for v in candidate.resolved.values() if v is None)
            # Between equally literal samples, a typed slot (a number, a listed value) beats free words.
            typed = sum(1 for name in sample.slots if self.slot_types.get((sample.intent, name)) not in FREESLOT_TYPES)
            rank = (-unresolved, sample.literal, typed)
            if best is None or rank > best[0]:
                best = (rank, candidate)
        return best[1] if best else None

    def match_elicited(self, line: str, intent: str, slot: str) -> Match | None:
        """While the skill elicits ``slot`` of ``intent``: a built-in or a word-for-word sample still
        means its own intent ("skip", "stop", "help"), else the line fills the slot through its samples."""
        text = normalise(line)
        for table in (self.literals, self.builtins):
            if text in table:
                return Match(table[text].intent, table[text].text)
        for sample in self.slot_samples.get((intent, slot), []):
            found = sample.pattern.match(text)
            if found:
                filled = self._fill(sample, [found.group(f"s{i}") for i in range(1, 2 * len(sample.slots), 2)])
                if filled is not None:
                    return filled
        return self.match(line)

    def _fill(self, sample: Sample, values: list[str]) -> Match | None:
        found = Match(sample.intent, sample.text)
        for name, raw in zip(sample.slots, values, strict=True):
            value = raw.strip()
            slot_type = self.slot_types.get((sample.intent, name), "AMAZON.SearchQuery")
            if slot_type == "AMAZON.NUMBER":
                number = number_value(value, self.ear.numbers)
                if number is None:
                    return None
                value = number
            elif slot_type == "AMAZON.Ordinal":
                ordinal = ordinal_value(value, self.ear.ordinals, self.ear.numbers)
                if ordinal is None:
                    return None
                value = ordinal
            elif slot_type == "AMAZON.TIME":
                time_text = self.ear.times(value)
                if time_text is None:
                    return None
                value = time_text
            elif slot_type == "AMAZON.DATE":
                value = date_value(value, self.today or datetime.now(UTC).date(), self.ear.days)
            elif slot_type == "AMAZON.FirstName" and not re.fullmatch(
                r"(?:[^\W\d_]|['\-])+( (?:[^\W\d_]|['\-])+)?", value
            ):
                return None  # a first name is a word or two, not a sentence
            elif slot_type in self.values:
                found.resolved[name] = self.values[slot_type].get(value)
            found.slots[name] = value
        return found

    def closest(self, line: str, n: int = 5) -> list[tuple[str, str]]:
        """The samples nearest to a line that matched nothing, as (intent, sample)."""
        pool: dict[str, tuple[str, str]] = {}
        for sample in [*self.literals.values(), *self.patterns, *self.builtins.values()]:
            pool.setdefault(normalise(sample.text), (sample.intent, sample.text))
        text = normalise(line)
        near = difflib.get_close_matches(text, list(pool), n=n, cutoff=0.0)
        return [pool[k] for k in near]

    def samples(self, intent: str | None = None) -> list[tuple[str, str]]:
        every = [*self.literals.values(), *self.patterns, *self.builtins.values()]
        return sorted({(s.intent, s.text) for s in every if intent is None or s.intent.lower() == intent.lower()})


@dataclass
class Heard:
    """What a typed line means to Alexa: open the skill, an intent (maybe one-shot), or end the session."""

    kind: str  # "launch", "intent", "end"
    match: Match | None = None
    one_shot: bool = False


def _strip_prefix(text: str, prefixes: Iterable[str]) -> str | None:
    for prefix in sorted(prefixes, key=len, reverse=True):
        if text == prefix:
            return ""
        if text.startswith(prefix + " "):
            return text[len(prefix) + 1 :]
    return None


def elicited(reply: dict[str, Any] | None) -> tuple[str, str] | None:
    """(intent, slot) when the skill's last answer elicits a slot and keeps the session open."""
    response = (reply or {}).get("response", {})
    if response.get("shouldEndSession") is True:
        return None
    for directive in response.get("directives", []):
        if directive.get("type") == "Dialog.ElicitSlot":
            return str(directive["updatedIntent"]["name"]), str(directive["slotToElicit"])
    return None


def hear(matcher: Matcher, line: str, eliciting: tuple[str, str] | None = None) -> Heard | None:
    """Interpret a line the way Alexa would, including "open ..." and "ask ... to ..." around the skill."""
    text = normalise(line)
    words = matcher.ear
    if eliciting is not None and _strip_prefix(text, words.wake_words) is None:
        found = matcher.match_elicited(line, *eliciting)
        if found is not None:
            return Heard("intent", found)
    rest = _strip_prefix(text, words.wake_words)
    text = rest if rest is not None else text
    if text in words.exit_words:
        return Heard("end")
    invocation = matcher.invocation
    if text == invocation:
        return Heard("launch")
    opened = _strip_prefix(text, (normalise(v) for v in words.launch_verbs))
    if opened is not None and (opened == invocation or opened in (f"{a} {invocation}" for a in words.articles)):
        return Heard("launch")
    asked = _strip_prefix(text, (normalise(v) for v in words.one_shot_verbs))
    if asked is not None:
        inner = _strip_prefix(asked, (invocation,))
        if inner is not None:
            if not inner:
                return Heard("launch")
            for candidate in (inner, _strip_prefix(inner, words.connectors)):
                found = matcher.match(candidate) if candidate else None
                if found:
                    return Heard("intent", found, one_shot=True)
            return None
    found = matcher.match(text)
    return Heard("intent", found) if found else None
