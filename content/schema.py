"""The shape of the guide's content, and the phrases the skill speaks.

Every spoken word lives in the TOML files beside this module; code refers to it by id or key.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
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
# Tonight's question (content/questions.toml) is said in at most 8 seconds, so it fits an answer with
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
    # Minutes each step takes to do, where it takes minutes (0: a moment). The walkthrough lets the
    # session end after a timed step and says how to come back for the next (docs/conversation.md).
    step_minutes: tuple[int, ...] = ()

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


# Each phrase key with the placeholders its text may use. Adding a phrase is a content change plus
# one line here, so a typo in a key or placeholder stops start-up instead of a conversation.
PHRASES: dict[str, frozenset[str]] = {
    "launch_new": frozenset(),
    "launch_new_reprompt": frozenset(),
    "launch_returning": frozenset({"streak_words"}),
    "launch_returning_fresh": frozenset(),
    "launch_reprompt": frozenset(),
    "tonight_offer": frozenset({"name", "intro", "minutes"}),
    "tonight_done_already": frozenset({"done"}),
    "another_offer": frozenset({"name", "intro", "minutes"}),
    "start_reprompt": frozenset({"name"}),
    "declined": frozenset(),
    "completed_first_day": frozenset({"name"}),
    "completed_streak": frozenset({"name", "streak_words"}),
    "completed_record": frozenset({"name", "streak_words"}),
    "completed_fresh_start": frozenset({"name"}),
    "completed_fresh_start_explained": frozenset({"name"}),
    "completed_rest_day": frozenset({"name", "streak_words"}),
    "completed_again_today": frozenset({"streak_words"}),
    "completed_anything_else": frozenset(),
    "unnamed_practice": frozenset(),  # "we did it" when no practice was picked: what "That was {name}" says
    "streak_status": frozenset({"streak_words", "longest_words"}),
    "streak_none": frozenset(),
    "help": frozenset(),
    "help_reprompt": frozenset(),
    "goodbye": frozenset(),
    "signoff": frozenset(),  # a table of parts of the day; the skill appends it where a phrase says {signoff}
    "fallback": frozenset(),
    "fallback_reprompt": frozenset(),
    "not_understood": frozenset(),
    "error": frozenset(),
    "error_reprompt": frozenset(),
    "store_unavailable": frozenset(),
    "store_unavailable_not_saved": frozenset(),
    "walk_opening": frozenset({"name", "count"}),
    "walk_step": frozenset({"number"}),
    "walk_timed": frozenset({"minutes"}),
    "walk_last": frozenset(),
    "walk_where": frozenset({"name", "number", "count"}),
    "walk_resume": frozenset({"name"}),
    "grat_thanks": frozenset({"name", "partner"}),
    "grat_resumed_none": frozenset(),
    "grat_resumed_same": frozenset(),
    "not_caught": frozenset(),
    "what_next": frozenset(),
    "repeat_nothing": frozenset(),
    "stay_in_practice": frozenset(),
    "resume_here": frozenset(),
    "paused": frozenset(),
    "paused_nothing": frozenset(),
    "help_in_launched": frozenset(),
    "help_in_offered": frozenset(),
    "help_in_guiding": frozenset(),
    "help_in_reason": frozenset(),
    "help_in_overview": frozenset(),
    "help_in_explained": frozenset(),
    "help_in_grat_names": frozenset(),
    "help_in_grat_confirm_names": frozenset(),
    "help_in_grat_turn": frozenset(),
    "help_in_grat_offer": frozenset(),
    "help_in_summary_more": frozenset(),
    "help_in_confirm_delete": frozenset(),
    "help_in_confirm_delete_mine": frozenset(),
    "store_outcome_unknown": frozenset(),
    "store_outcome_unknown_reprompt": frozenset(),
    "store_outcome_unknown_gratitude": frozenset(),
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
    "grat_not_saved": frozenset(),
    "grat_round_done": frozenset({"count", "entries", "streak_words"}),
    "grat_round_done_rest_day": frozenset({"count", "entries", "streak_words"}),
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
    "summary_empty": frozenset({"which", "focus", "focus_cap"}),
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
    "reasons_intro": frozenset({"physical", "emotional"}),
    "reason_reprompt": frozenset(),
    "steps_intro": frozenset({"count", "groups"}),
    "steps_more": frozenset(),
    "steps_offer": frozenset(),
    "steps_reprompt": frozenset(),
    "step_heading": frozenset({"number", "title"}),
    "step_out_of_range": frozenset({"count"}),
    "step_out_of_range_reprompt": frozenset(),
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
    "join_busy": frozenset(),
    "delete_confirm_linked": frozenset({"partner"}),
    "delete_confirm_mine": frozenset({"partner"}),
    "delete_confirm_mine_reprompt": frozenset(),
    "delete_mine_done": frozenset({"partner"}),
    "partner_unnamed": frozenset(),
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
    # tonight's question, answered apart and heard together (intents/question.py)
    "q_talk": frozenset({"question"}),
    "q_talk_reprompt": frozenset(),
    "q_apart": frozenset({"question"}),
    "q_answer_reprompt": frozenset(),
    "q_again": frozenset({"question"}),
    "q_another": frozenset({"question"}),
    "q_another_enough": frozenset({"question"}),
    "q_kept_wait": frozenset(),
    "q_kept_both": frozenset(),
    "q_hear_reprompt": frozenset(),
    "q_not_kept": frozenset(),
    "q_not_caught": frozenset({"question"}),
    "q_answer_unlinked": frozenset(),
    "q_answer_none": frozenset(),
    "q_reveal": frozenset({"mine", "theirs"}),
    "q_wait_partner": frozenset(),
    "q_both_answered": frozenset(),
    "q_answered_wait": frozenset(),
    "q_wait_you": frozenset({"question"}),
    "q_hear_none": frozenset(),
    "q_hear_unlinked": frozenset(),
    "q_hear_later": frozenset(),
    "q_talk_done": frozenset(),
    "q_answer_later": frozenset(),
    "help_in_q_talk": frozenset(),
    "help_in_q_answer": frozenset(),
    "help_in_q_hear": frozenset(),
    # counted words (Turn.count, content/speech.py counted): <key>_one and <key>_many, {n} the number
    "count_days_one": frozenset({"n"}),
    "count_days_many": frozenset({"n"}),
    "count_minutes_one": frozenset({"n"}),
    "count_minutes_many": frozenset({"n"}),
    "count_practices_one": frozenset({"n"}),
    "count_practices_many": frozenset({"n"}),
    "count_turns_each_one": frozenset(),
    "count_turns_each_many": frozenset({"n"}),
    "word_gratitudes_one": frozenset(),
    "word_gratitudes_many": frozenset(),
    # words filled into the weekly summary's sentences
    "summary_this_week": frozenset(),
    "summary_last_week": frozenset(),
    "summary_more_than": frozenset({"count"}),
    # cards: plain text read in the Alexa app, never spoken
    "card_tonight_title": frozenset({"title"}),
    "card_tonight": frozenset({"intro", "minutes"}),
    "card_steps_title": frozenset(),
    "card_question_title": frozenset(),
    "card_link_title": frozenset(),
    "card_link": frozenset({"code"}),
    "card_week_title_this": frozenset({"dates"}),
    "card_week_title_last": frozenset({"dates"}),
    "card_week_dates": frozenset({"first", "last"}),
    "card_week_active": frozenset({"days"}),
    "card_week_practices": frozenset({"count"}),
    "card_week_practices_named": frozenset({"count", "named"}),
    "card_week_streak": frozenset({"streak", "longest"}),
    "card_week_gratitudes": frozenset({"count"}),
    "card_week_readback": frozenset({"name", "partner", "words"}),
    "card_week_focus": frozenset({"title", "intro"}),
}


# Parts of the couple's local day. A phrase may be a table with one entry per part (openings and
# closings: no "goodnight" at 8 a.m.); any phrase may end with {signoff}, the part's sign-off, which
# the skill fills in itself (intents.base.Turn.say).
PARTS_OF_DAY = ("morning", "afternoon", "evening")
SIGNOFF = "signoff"


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
    questions: tuple[Question, ...] = ()  # tonight's question bank, in file order
    screens: dict[str, ScreenTemplate] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.practices})

    def practice(self, practice_id: str) -> Practice | None:
        return self._by_id.get(practice_id)
