"""The shape of the guide's content, and the phrases the skill speaks.

Every spoken word lives in the TOML files beside this module; code refers to it by id or key.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

# Speech is checked at start-up against a speaking rate of about 150 words a minute: an answer
# should take at most about 30 seconds to say.
WORDS_PER_SECOND = 2.5
MAX_ANSWER_SECONDS = 30


class ContentError(ValueError):
    """A content file is broken; the message names the file and the field."""

    def __init__(self, file: str, where: str, problem: str) -> None:
        super().__init__(f"{file}: {where}: {problem}")
        self.file = file
        self.where = where


def spoken_seconds(text: str) -> float:
    return len(text.split()) / WORDS_PER_SECOND


@dataclass(frozen=True)
class Practice:
    """One of the guide's four exercises or eleven steps, as something to do tonight."""

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


@dataclass(frozen=True)
class Reason:
    id: str
    group: str  # "physical" or "emotional"
    title: str
    text: str


# Each phrase key with the placeholders its text may use. Adding a phrase is a content change plus
# one line here, so a typo in a key or placeholder stops start-up instead of a conversation.
PHRASES: dict[str, frozenset[str]] = {
    "launch_new": frozenset(),
    "launch_new_reprompt": frozenset(),
    "launch_returning": frozenset({"streak_words"}),
    "launch_returning_fresh": frozenset(),
    "launch_reprompt": frozenset(),
    "tonight_offer": frozenset({"name", "intro", "minutes"}),
    "tonight_same": frozenset({"name"}),
    "another_offer": frozenset({"name", "intro", "minutes"}),
    "start_question": frozenset(),
    "start_reprompt": frozenset({"name"}),
    "guide_opening": frozenset({"name"}),
    "guide_closing": frozenset(),
    "guide_reprompt": frozenset(),
    "declined": frozenset(),
    "completed_first_day": frozenset({"name"}),
    "completed_streak": frozenset({"name", "streak_words"}),
    "completed_record": frozenset({"name", "streak_words"}),
    "completed_fresh_start": frozenset({"name"}),
    "completed_again_today": frozenset({"streak_words"}),
    "completed_anything_else": frozenset(),
    "streak_status": frozenset({"streak_words", "longest_words"}),
    "streak_none": frozenset(),
    "help": frozenset(),
    "help_reprompt": frozenset(),
    "goodbye": frozenset(),
    "fallback": frozenset(),
    "fallback_reprompt": frozenset(),
    "not_understood": frozenset(),
    "error": frozenset(),
    "error_reprompt": frozenset(),
    "store_unavailable": frozenset(),
    "store_unavailable_not_saved": frozenset(),
    # guard (intents/guard.py): slot values the skill will not use
    "input_too_long": frozenset(),
    "input_too_long_reprompt": frozenset(),
}


@dataclass(frozen=True)
class Phrases:
    variants: dict[str, tuple[str, ...]]

    def say(self, key: str, **values: object) -> str:
        """One variant of a phrase (varied so nightly use doesn't sound canned), placeholders filled in."""
        options = self.variants[key]
        text = random.choice(options) if len(options) > 1 else options[0]
        return text.format(**values)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Catalogue:
    practices: tuple[Practice, ...]
    reasons: tuple[Reason, ...]
    phrases: Phrases
    _by_id: dict[str, Practice] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.practices})

    def practice(self, practice_id: str) -> Practice | None:
        return self._by_id.get(practice_id)

    def say(self, key: str, **values: object) -> str:
        return self.phrases.say(key, **values)
