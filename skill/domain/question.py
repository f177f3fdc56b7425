"""Tonight's question: which one a couple hears, as plain types and pure functions.

A couple's place in their own shuffled order of the bank (content/en/questions.toml) is one small
profile field (``Profile.question``, a ``QuestionPlace``, stored as "<seed>:<position>:<evening>:<extra>"),
never a list of what was asked: each evening moves one place on, "another question" one more, at most once an evening
(docs/question.md).
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from content.schema import QUESTIONS_PER_EVENING, Question
from skill.domain.evening import day_from_number, day_number

_SEEDS = 1 << 20  # a couple's order is one of a million shuffles (the seed fits in a few bytes)


@dataclass(frozen=True)
class QuestionPlace:
    """Where a couple is in their shuffled order: ``pos`` counts every question they were given."""

    seed: int
    pos: int
    evening: date
    extra: int  # "another question" moves made this evening

    def encode(self) -> str:
        return f"{self.seed}:{self.pos}:{day_number(self.evening)}:{self.extra}"

    @classmethod
    def decode(cls, text: str | None) -> QuestionPlace | None:
        """The place from its stored form; anything malformed counts as none (the couple starts a fresh order)."""
        try:
            seed, pos, day, extra = (int(part) for part in (text or "").split(":"))
            place = cls(seed, pos, day_from_number(day), extra)
        except (ValueError, OverflowError):
            return None
        return place if 0 <= seed < _SEEDS and pos >= 0 and 0 <= extra < QUESTIONS_PER_EVENING else None


@lru_cache(maxsize=1024)
def order(seed: int, size: int) -> tuple[int, ...]:
    """A couple's fixed shuffle of the bank's indexes."""
    indexes = list(range(size))
    random.Random(seed).shuffle(indexes)
    return tuple(indexes)


def question_at(questions: tuple[Question, ...], place: QuestionPlace) -> Question:
    return questions[order(place.seed, len(questions))[place.pos % len(questions)]]


def moved_on(place: QuestionPlace | None, tonight: date, another: bool) -> QuestionPlace:
    """The place after asking for tonight's question (``another``: for another one)."""
    if place is None:
        place = QuestionPlace(secrets.randbelow(_SEEDS), 0, tonight, 0)
    elif place.evening != tonight:
        place = QuestionPlace(place.seed, place.pos + 1, tonight, 0)
    if another and place.extra < QUESTIONS_PER_EVENING - 1:
        place = QuestionPlace(place.seed, place.pos + 1, tonight, place.extra + 1)
    return place
