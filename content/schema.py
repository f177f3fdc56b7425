"""The shape of the guide's content, and the phrases the skill speaks.

Every spoken word lives in the TOML files beside this module; code refers to it by id or key.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from typing import Any

# Speech is checked at start-up against a speaking rate of about 150 words a minute: an answer
# should take at most about 30 seconds to say.
WORDS_PER_SECOND = 2.5
MAX_ANSWER_SECONDS = 30
# An explanation ("tell me about active listening") is the `about` text plus a short offer: keeping
# `about` under 25 seconds leaves room for the offer within one answer.
MAX_ABOUT_SECONDS = 25


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


@dataclass(frozen=True)
class StepGroup:
    """A few related steps, named together in the steps overview ("what are the steps?")."""

    id: str
    title: str
    line: str  # what the overview says for this group
    steps: tuple[str, ...]  # practice ids of kind "step"


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
    # gratitude round (intents/gratitude.py)
    "grat_activity_name": frozenset(),
    "grat_ask_names": frozenset(),
    "grat_ask_names_reprompt": frozenset(),
    "grat_names_again": frozenset(),
    "grat_confirm_two": frozenset({"first", "second"}),
    "grat_confirm_one": frozenset({"first", "second"}),
    "grat_confirm_reprompt": frozenset(),
    "grat_names_retry": frozenset(),
    "grat_names_retry_partner": frozenset(),
    "grat_ask_partner": frozenset({"name"}),
    "grat_ask_partner_reprompt": frozenset(),
    "grat_start": frozenset({"each_words"}),
    "grat_each_set": frozenset({"each_words"}),
    "grat_ask": frozenset({"name", "partner"}),
    "grat_reprompt": frozenset({"name", "partner"}),
    "grat_again": frozenset({"name", "partner"}),
    "grat_ask_again_after_error": frozenset({"name", "partner"}),
    "grat_move_on": frozenset(),
    "grat_skipped": frozenset(),
    "grat_reflect": frozenset({"name", "partner", "words"}),
    "grat_not_saved": frozenset(),
    "grat_help": frozenset(),
    "grat_round_done": frozenset({"count", "entries", "streak_words"}),
    "grat_round_done_not_counted": frozenset({"count", "entries"}),
    "grat_round_empty": frozenset(),
    "grat_stopped": frozenset({"count", "entries"}),
    "grat_stopped_none": frozenset(),
    "grat_not_in_round": frozenset(),
    "grat_offer_reprompt": frozenset(),
    "grat_nothing_to_resume": frozenset(),
    "grat_already_done": frozenset(),
    "grat_resumed": frozenset({"count", "entries"}),
    "grat_declined": frozenset(),
    # weekly summary (intents/summary.py)
    "summary_empty": frozenset({"which", "focus"}),
    "summary_days_named": frozenset({"which", "days", "practices", "named"}),
    "summary_days": frozenset({"which", "days", "practices", "named"}),
    "summary_no_practice": frozenset({"which"}),
    "summary_streak": frozenset({"streak_words"}),
    "summary_streak_record": frozenset({"streak_words"}),
    "summary_gratitudes": frozenset({"count", "entries"}),
    "summary_no_gratitudes": frozenset(),
    "summary_readback": frozenset({"name", "partner", "words"}),
    "summary_focus": frozenset({"focus"}),
    "summary_more": frozenset(),
    "summary_more_reprompt": frozenset(),
    # The guide by voice (intents/guide.py, intents/browsing.py; content/phrases/guide.toml)
    "reason_answer": frozenset({"title", "text"}),
    "reason_offer": frozenset(),
    "reason_reprompt": frozenset(),
    "steps_intro": frozenset({"count", "groups"}),
    "steps_more": frozenset(),
    "steps_offer": frozenset(),
    "steps_reprompt": frozenset(),
    "step_heading": frozenset({"number", "title"}),
    "exercise_heading": frozenset({"title"}),
    "explain_offer_exercise": frozenset({"exercise"}),
    "explain_offer_self": frozenset(),
    "explain_offer_exercise_self": frozenset(),
    "explain_reprompt": frozenset({"name"}),
    "explain_unknown": frozenset(),
    "explain_unknown_reprompt": frozenset(),
    "browse_end": frozenset(),
    "browse_at_start": frozenset(),
    "browse_nothing": frozenset(),
    "browse_nothing_reprompt": frozenset(),
    "browse_resume": frozenset(),
    "browse_declined": frozenset(),
    "explain_declined": frozenset(),
    "walk_next": frozenset(),
    "walk_reprompt": frozenset(),
    "walk_end": frozenset(),
    "walk_wait": frozenset(),
    "walk_stopped": frozenset({"name"}),
    "walk_paused": frozenset(),
    # partners: linking two accounts, unlinking, deleting by voice (intents/partners.py)
    "link_code": frozenset({"code_digits"}),
    "link_already": frozenset(),
    "join_ask_code": frozenset(),
    "join_ask_code_reprompt": frozenset(),
    "join_done": frozenset({"streak_words"}),
    "join_done_fresh": frozenset(),
    "join_wrong": frozenset(),
    "join_wrong_reprompt": frozenset(),
    "join_expired": frozenset(),
    "join_throttled": frozenset(),
    "join_own_code": frozenset(),
    "join_already_linked": frozenset(),
    "join_taken": frozenset(),
    "unlink_done": frozenset({"streak_words"}),
    "unlink_not_linked": frozenset(),
    "delete_confirm": frozenset(),
    "delete_confirm_reprompt": frozenset(),
    "delete_done": frozenset(),
    "delete_kept": frozenset(),
    # the evening reminder (intents/reminders.py; content/phrases/reminders.toml)
    "reminder_text": frozenset(),
    "reminder_set": frozenset({"time"}),
    "reminder_changed": frozenset({"time"}),
    "reminder_already": frozenset({"time"}),
    "reminder_busy": frozenset(),
    "reminder_stopped": frozenset(),
    "reminder_none": frozenset(),
    "reminder_stop_in_app": frozenset(),
    "reminder_unavailable": frozenset(),
    "reminder_permission_ask": frozenset(),
    "reminder_permission_card": frozenset(),
    "reminder_which_time": frozenset(),
    "reminder_which_time_reprompt": frozenset(),
    # guard (intents/guard.py): slot values the skill will not use
    "input_too_long": frozenset(),
    "input_too_long_reprompt": frozenset(),
}


@dataclass(frozen=True)
class Phrases:
    variants: dict[str, tuple[str, ...]]

    def say(self, key: str, **values: object) -> str:
        """One variant of a phrase (varied so nightly use doesn't sound canned), placeholders filled in."""
        return self.pick(key).format(**values)

    def pick(self, key: str, seed: str | None = None) -> str:
        """One variant's text. With a seed (the Alexa request id) the choice is repeatable, so a
        redelivered request is answered in the very same words."""
        options = self.variants[key]
        if len(options) == 1:
            return options[0]
        return (random.Random(f"{seed}:{key}") if seed else random).choice(options)


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


@dataclass(frozen=True)
class Catalogue:
    practices: tuple[Practice, ...]
    reasons: tuple[Reason, ...]
    phrases: Phrases
    _by_id: dict[str, Practice] = field(default_factory=dict, compare=False, repr=False)
    step_groups: tuple[StepGroup, ...] = ()
    screens: dict[str, ScreenTemplate] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.practices})

    def practice(self, practice_id: str) -> Practice | None:
        return self._by_id.get(practice_id)

    def say(self, key: str, **values: object) -> str:
        return self.phrases.say(key, **values)
