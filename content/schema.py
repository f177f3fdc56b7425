"""The shape of the guide's content, and the phrases the skill speaks.

Every spoken word lives in the TOML files beside this module; code refers to it by id or key.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

# Speech is estimated at about 165 words a minute (Alexa's pace; tests/test_spoken_length.py checks
# the estimate against espeak-ng). An answer takes at most 20 seconds to say; a passage of the
# guide (a reason, an explanation, an overview page) at most 30; the weekly summary at most 25.
WORDS_PER_SECOND = 2.75
MAX_ANSWER_SECONDS = 20
MAX_PASSAGE_SECONDS = 30
MAX_SUMMARY_SECONDS = 25
# An explanation ("tell me about active listening") is the `about` text plus a short offer: keeping
# `about` under 25 seconds leaves room for the offer within one answer.
MAX_ABOUT_SECONDS = 25
# Tonight's question (content/en/questions.toml) is said in at most 8 seconds, so it fits an answer with
# its lead-in and still sounds like a question, not a passage.
MAX_QUESTION_SECONDS = 8
# The groups the question bank is drawn from, each with at least a few questions.
QUESTION_GROUPS = ("light", "memories", "dreams", "appreciation", "hard_things", "closeness")
# No question twice within REPEAT_FREE_DAYS evenings: a couple hears at most QUESTIONS_PER_EVENING
# a night (tonight's, then one "another question"), so the bank holds at least their product.
REPEAT_FREE_DAYS = 90
QUESTIONS_PER_EVENING = 2
MIN_QUESTIONS = REPEAT_FREE_DAYS * QUESTIONS_PER_EVENING


class ContentError(ValueError):
    """A content file is broken; the message names the file and the field."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        super().__init__(f"{file}: {where}: {problem}")
        self.file = file
        self.where = where
        self.problem = problem


def spoken_seconds(text: str) -> float:
    return len(text.split()) / WORDS_PER_SECOND


@dataclass(frozen=True)
class Practice:
    """One of the guide's exercises or steps, as something to do tonight (how many comes from the content)."""

    id: str
    kind: str  # "exercise" or "step"
    number: int
    title: str
    name: str
    synonyms: tuple[str, ...]
    minutes: int
    intro: str
    steps: tuple[str, ...]
    about: str
    exercise: str | None = None
    # Minutes each step takes to do, where it takes minutes (0: a moment). The walkthrough holds a
    # timed step's time inside its answer, then asks to go on (docs/conversation.md, "Held time").
    step_minutes: tuple[int, ...] = ()
    # A little more about each step, for "tell me more" during the walkthrough (one per step).
    more: tuple[str, ...] = ()

    def minutes_of(self, step: int) -> int:
        return self.step_minutes[step] if 0 <= step < len(self.step_minutes) else 0


@dataclass(frozen=True)
class Reason:
    id: str
    group: str  # "physical" or "emotional"
    title: str
    text: str


@dataclass(frozen=True)
class StepGroup:
    """A few related steps, named together in the steps overview ("what are the steps?")."""

    id: str
    title: str
    line: str  # what the overview says for this group
    steps: tuple[str, ...]  # practice ids of kind "step"


@dataclass(frozen=True)
class Question:
    """One question of the bank: its id is its group and its place in the group ("light_3")."""

    id: str
    group: str
    text: str


# Parts of the couple's local day. A phrase may be a table with one entry per part (openings and
# closings: no "goodnight" at 8 a.m.); any phrase may end with {signoff}, the part's sign-off, which
# the skill fills in itself (intents.base.Turn.say).
PARTS_OF_DAY = ("morning", "afternoon", "evening")
SIGNOFF = "signoff"


# Before the evening (5 p.m.) "tonight" is not yet the word: every phrase says "today" instead, so an
# offer at 8 a.m. is "today's exercise" (docs/conversation.md, "Words for the hour"). Each language
# names its own words in content/<lang>/language.toml ([daytime]); whole words only, exact case,
# longest first, in the phrase's own text (never in what fills its placeholders: names, answers).
@lru_cache(maxsize=16)
def _daytime_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?!\w)")


def for_the_hour(text: str, part: str, daytime: Mapping[str, str]) -> str:
    """``text`` as said at this part of the day: "tonight" only in the evening."""
    if part == "evening" or not daytime:
        return text
    return _daytime_pattern(tuple(daytime)).sub(lambda m: daytime[m.group(1)], text)


def part_of_day(hour: int) -> str:
    """Morning 5-12, afternoon 12-17, evening 17-5 (late night is still the evening before)."""
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    return "evening"


@dataclass(frozen=True)
class Phrases:
    variants: dict[str, tuple[str, ...]]  # every variant of a key (all parts of the day together)
    # key -> part of day -> its variants, for the keys written as a table of parts
    by_part: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # The language's words for "tonight" before the evening (content/<lang>/language.toml [daytime]).
    daytime: dict[str, str] = field(default_factory=dict)

    def by_time(self, key: str) -> bool:
        """The key's words depend on the part of the day."""
        return key in self.by_part

    def pick(self, key: str, seed: str | None = None, part: str | None = None, rotation: int = -1) -> str:
        """One variant's text. With a seed (the Alexa request id) the choice is repeatable, so a
        redelivered request is answered in the very same words. ``part`` picks a time-aware key's
        variants for that part of the day; ``rotation`` (a count kept by the caller, e.g. offers made
        this evening) rotates through the variants in order, so consecutive answers differ."""
        options = self.by_part[key].get(part or "evening", ()) if key in self.by_part else ()
        options = options or self.variants[key]
        if len(options) == 1:
            return options[0]
        if rotation >= 0:
            return options[rotation % len(options)]
        return (random.Random(f"{seed}:{key}") if seed else random).choice(options)

    def said(self, key: str, seed: str | None, part: str, rotation: int = -1) -> str:
        """The words for ``key`` as said at ``part`` of the day: a time-aware key's own variants for
        that part, and in every phrase "tonight" only from the evening on (``for_the_hour``)."""
        return for_the_hour(self.pick(key, seed, part if self.by_time(key) else None, rotation), part, self.daytime)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class ScreenTemplate:
    """An APL document and its data source for one kind of screen (content/apl/<name>.*.json).

    In ``datasource`` a string "=field" is a value the skill fills in (``fields``); ``labels`` are the
    screen's words, formatted by the skill and never sent as they are.
    """

    name: str
    document: dict[str, Any]
    datasource: dict[str, Any]
    labels: dict[str, str]
    fields: frozenset[str]


# What a partner's turn can be besides the answer itself (content/en/hearing/turns.toml), in the order
# the loader accepts them; skill/domain/hearing.py gives each its meaning.
ASIDE_KINDS = ("wait", "pass", "example", "again", "why", "another", "stop", "elsewhere")

Words = tuple[str, ...]  # a phrase as compared: lower case, no punctuation, contractions spelled out


@dataclass(frozen=True)
class AsideRule:
    """One kind of aside: whole phrases (a turn made of them is this aside) and shapes (regular
    expressions over a whole turn)."""

    kind: str
    phrases: frozenset[Words]
    shapes: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class TurnRules:
    """How a turn's words are told apart (content/en/hearing/turns.toml, read by skill/domain/hearing.py)."""

    contractions: dict[str, Words] = field(default_factory=dict)
    thinking: frozenset[Words] = frozenset()  # sounds of thinking; also taken off either end
    start: frozenset[Words] = frozenset()  # filler taken off the start
    end: frozenset[Words] = frozenset()  # filler taken off the end
    between: frozenset[Words] = frozenset()  # allowed between aside phrases
    asides: tuple[AsideRule, ...] = ()  # in ASIDE_KINDS order
    clause_starts: frozenset[str] = frozenset()  # a read-back may stop just before one of these
    hanging: frozenset[str] = frozenset()  # a cut read-back never ends on one of these
    # A filler word that is also a word of the answer when one of these follows it: Spanish "este"
    # is a sound of thinking before "viniste", a demonstrative before "fin de semana".
    word_before: dict[str, frozenset[str]] = field(default_factory=dict)

    # The sets a turn is matched against, made once (skill/domain/hearing.py indexes each once).
    @cached_property
    def heads(self) -> frozenset[Words]:
        return self.start | self.thinking

    @cached_property
    def tails(self) -> frozenset[Words]:
        return self.end | self.thinking

    @cached_property
    def glue(self) -> frozenset[Words]:
        return self.between | self.thinking

    @cached_property
    def any_filler(self) -> frozenset[Words]:
        return self.between | self.thinking | self.start | self.end


@dataclass(frozen=True)
class NumberWords:
    """A language's words for the numbers one to twelve, and the shapes of "step five" (each a
    pattern whose group is the number's word), from content/<lang>/language.toml [numbers]."""

    values: dict[str, int] = field(default_factory=dict)  # "five" -> 5, "fifth" -> 5
    steps: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class DateWords:
    """How a language says a date on a card: its month names and a day's shape ("{day} {month}")."""

    months: tuple[str, ...] = (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )  # fmt: skip
    day: str = "{day} {month}"


@dataclass(frozen=True)
class Catalogue:
    practices: tuple[Practice, ...]
    reasons: tuple[Reason, ...]
    phrases: Phrases
    _by_id: dict[str, Practice] = field(default_factory=dict, compare=False, repr=False)
    step_groups: tuple[StepGroup, ...] = ()
    questions: tuple[Question, ...] = ()  # tonight's question bank, in file order
    screens: dict[str, ScreenTemplate] = field(default_factory=dict, compare=False)
    hearing: TurnRules = field(default_factory=TurnRules, compare=False)
    language: str = "en"  # content/<language>/ (content/languages.toml)
    locale: str = "en-US"  # the Alexa locale these words are for (a locale's overlay included)
    clock: str = "12h"  # how a reminder's time is said: "8:30" (12h) or "20:30" (24h)
    list_and: str = "and"  # the word before a list's last item: "a, b and c" (language.toml ``and``)
    # Words of a said reminder time mended after {clock} is filled ("a las 1" -> "a la 1"), optional.
    time_words: dict[str, str] = field(default_factory=dict, compare=False)
    numbers: NumberWords = field(default_factory=NumberWords, compare=False)  # "step five" in its words
    dates: DateWords = field(default_factory=DateWords, compare=False)  # "24 November", "24. November"

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.practices})

    def practice(self, practice_id: str) -> Practice | None:
        return self._by_id.get(practice_id)


@dataclass(frozen=True)
class Language:
    """One language of content/languages.toml: its Alexa locales and its espeak-ng voice."""

    code: str
    locales: tuple[str, ...]
    voice: str


DEFAULT_LOCALE = "en-US"


@dataclass(frozen=True)
class Languages:
    """Every locale's catalogue: the words a request in that locale hears (intents.base.Turn)."""

    by_locale: dict[str, Catalogue]
    default: Catalogue  # en-US: for a locale the skill does not speak, or a request without one

    def for_locale(self, locale: object) -> Catalogue:
        return self.by_locale.get(locale, self.default) if isinstance(locale, str) else self.default

    def of_language(self, code: str) -> Catalogue | None:
        """A language's words (its first locale's), or None for a language the skill does not speak."""
        return next((c for c in (self.default, *self.by_locale.values()) if c.language == code), None)

    @classmethod
    def only(cls, catalogue: Catalogue) -> Languages:
        """One catalogue for every request, whatever its locale (tests with their own content)."""
        return cls({}, catalogue)
