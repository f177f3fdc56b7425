"""The conversation map of docs/conversation.md as data: the phases, the kinds of turn, how a test
reaches each phase, and the cells parsed from the document (tests/test_conversation_map.py).

The document is written in English; what a couple hears is checked as phrase keys, filled in from the
words of the conversation's own locale (tests/speaking.py), so the same map holds every language."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from support.alexa import Conversation
from support.couples import coming, link
from support.reminding import Device
from support.speaking import words

DOC = Path(__file__).resolve().parents[2] / "docs" / "conversation.md"
_WEDNESDAY = coming(2)  # in the future: the map links partners (tests/couples.py, coming)
AT = datetime(_WEDNESDAY.year, _WEDNESDAY.month, _WEDNESDAY.day, 20, 30, tzinfo=ZoneInfo("America/New_York"))
NO_MATCH = {
    "value": "the weather",
    "confirmationStatus": "NONE",
    "resolutions": {
        "resolutionsPerAuthority": [
            {"authority": "amzn1.er-authority.echo-sdk.PracticeName", "status": {"code": "ER_SUCCESS_NO_MATCH"}}
        ]
    },
}

# Each kind of turn as the request Alexa sends for it.
KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "yes": ("AMAZON.YesIntent", {}),
    "no": ("AMAZON.NoIntent", {}),
    "next": ("AMAZON.NextIntent", {}),
    "back": ("AMAZON.PreviousIntent", {}),
    "repeat": ("AMAZON.RepeatIntent", {}),
    "help": ("AMAZON.HelpIntent", {}),
    "stop": ("AMAZON.StopIntent", {}),
    "cancel": ("AMAZON.CancelIntent", {}),
    "pause": ("AMAZON.PauseIntent", {}),
    "resume": ("AMAZON.ResumeIntent", {}),
    "where were we": ("ResumeGuideIntent", {}),
    "fallback": ("AMAZON.FallbackIntent", {}),
    "unresolved slot": ("ExplainPracticeIntent", {"practice": NO_MATCH}),
    "unrelated": ("StreakIntent", {}),
}


@dataclass
class Setup:
    names_known: bool
    steps: Callable[[Conversation], object]
    reminders: bool = False  # the couple's devices reach the Reminders API stand-in, permission granted


def _launch(c: Conversation) -> object:
    return c.launch(AT)


@dataclass(frozen=True)
class Name:
    """A practice as a couple names it in their own language (its name in the locale's content)."""

    practice: str

    def __call__(self, c: Conversation) -> str:
        practice = words(c.locale).practice(self.practice)
        assert practice is not None, self.practice
        return practice.name


def heard_slots(c: Conversation, slots: dict[str, Any]) -> dict[str, Any]:
    """The slots as this couple says them: a ``Name`` in the conversation's language."""
    return {k: v(c) if isinstance(v, Name) else v for k, v in slots.items()}


def _one(intent: str, **slots: Any) -> Callable[[Conversation], object]:
    return lambda c: c.one_shot(intent, AT, **heard_slots(c, slots))


def _confirm(c: Conversation) -> object:
    c.one_shot("StartGratitudeRoundIntent", AT)
    return c.say("PartnerNamesIntent", AT, first="Marisol", second="Teodoro")


def _linked(c: Conversation) -> Conversation:
    """Link ``c`` with a partner on a second device through the real link and join flow."""
    partner = Conversation(c.client, device_id="amzn1.ask.device.MAP_PARTNER_ECHO", locale=c.locale)
    link(c, partner, AT, join_after=timedelta(0))
    return partner


def _answering(c: Conversation) -> object:
    _linked(c)
    return c.one_shot("TonightsQuestionIntent", AT)


def _hearing(c: Conversation) -> object:
    partner = _linked(c)
    partner.one_shot("TonightsQuestionIntent", AT)
    partner.say("QuestionAnswerIntent", AT, answer="the lake at dawn")
    c.one_shot("TonightsQuestionIntent", AT)
    return c.say("QuestionAnswerIntent", AT, answer="our first trip together")


def _linked_delete_mine(c: Conversation) -> object:
    _linked(c)
    return c.one_shot("DeleteMyDataIntent", AT)


def _something_to_delete(c: Conversation) -> object:
    c.one_shot("GratitudeIntent", AT, gratitude="you make me laugh")  # a gratitude kept: there is data to delete
    return c.one_shot("DeleteDataIntent", AT)


def _partner_has_a_reminder(c: Conversation) -> object:
    """Linked; the partner sets an evening reminder on their own device; "change the reminder" here."""
    device: Device = c.client
    partner = Conversation(
        Device(device.client, device.api, token="token-map-partner"),
        device_id="amzn1.ask.device.MAP_PARTNER_ECHO",
        locale=c.locale,
    )
    link(c, partner, AT, join_after=timedelta(0))
    partner.one_shot("SetReminderIntent", AT, time="20:00")
    return c.one_shot("ChangeReminderIntent", AT)


# How a couple reaches each phase ("none": a new session, nothing going on).
PHASES: dict[str, Setup] = {
    "none": Setup(False, lambda c: None),
    "launched": Setup(False, _launch),
    "offered": Setup(False, _one("TonightsExerciseIntent")),
    "guiding": Setup(False, _one("StartPracticeIntent", practice=Name("daily_check_in"))),
    "reason": Setup(False, _one("WhyClosenessIntent")),
    "overview": Setup(False, _one("StepsOverviewIntent")),
    "explained": Setup(False, _one("ExplainPracticeIntent", practice=Name("touch_map"))),
    "grat_names": Setup(False, _one("StartGratitudeRoundIntent")),
    "grat_confirm_names": Setup(False, _confirm),
    "grat_turn": Setup(True, _one("StartGratitudeRoundIntent")),
    "grat_offer": Setup(True, _one("GratitudeIntent", gratitude="you make me laugh")),
    "summary_more": Setup(False, _one("WeeklySummaryIntent")),
    "confirm_delete": Setup(True, _something_to_delete),
    "confirm_delete_mine": Setup(False, _linked_delete_mine),
    "q_talk": Setup(False, _one("TonightsQuestionIntent")),
    "q_answer": Setup(False, _answering),
    "q_hear": Setup(False, _hearing),
    "reminder_offer": Setup(False, _partner_has_a_reminder, reminders=True),
}


@dataclass(frozen=True)
class Cell:
    phase: str
    kind: str
    outcome: str  # "stays", "ends", or "→ <phase>" ("→ none": open, no phase)
    says: str  # what the document says the skill does


_CELL = re.compile(r"^\*\*(stays|ends|→ [a-z_]+)\*\*\s*(.*)$")


def cells() -> list[Cell]:
    """Every cell of the map's table: rows are phases, columns kinds of turn."""
    lines = [line for line in DOC.read_text().splitlines() if line.startswith("| ")]
    start = next(i for i, line in enumerate(lines) if line.startswith("| phase | yes |"))
    header = [h.strip() for h in lines[start].strip("|").split("|")]
    found = []
    for line in lines[start + 1 :]:  # (the separator row does not start with "| ")
        row = [c.strip() for c in line.strip("|").split("|")]
        if len(row) != len(header) or row[0].strip("`") not in PHASES:
            break
        for kind, text in zip(header[1:], row[1:], strict=True):
            match = _CELL.match(text)
            assert match, f"cell {row[0]} / {kind} must start with **stays**, **ends** or **→ phase**: {text!r}"
            found.append(Cell(row[0].strip("`"), kind, match.group(1), match.group(2)))
    return found


# -- inside a walkthrough (docs/conversation.md, "Inside a walkthrough") ---------------------------

WALK_KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "yes": ("AMAZON.YesIntent", {}),
    "next": ("AMAZON.NextIntent", {}),
    "keep going": ("NextStepIntent", {}),
    "skip": ("GratitudeSkipIntent", {}),
    "tell me more": ("TellMeMoreIntent", {}),
    "step N": ("StepByNumberIntent", {"number": "3"}),
    "back": ("AMAZON.PreviousIntent", {}),
    "no": ("AMAZON.NoIntent", {}),
}


def _walk(practice: str, *then: tuple[str, dict[str, Any]]) -> Callable[[Conversation], object]:
    def steps(c: Conversation) -> object:
        said: object = c.one_shot("StartPracticeIntent", AT, practice=Name(practice)(c))
        for intent, slots in then:
            said = c.say(intent, AT, **slots)
        return said

    return steps


# How a couple reaches each place in a walkthrough.
WALK_PLACES: dict[str, Callable[[Conversation], object]] = {
    "quick step": _walk("daily_check_in"),
    "timed step": _walk("daily_check_in", ("AMAZON.NextIntent", {})),
    "held part": _walk("touch_map", ("StepByNumberIntent", {"number": "5"})),
    "last step": _walk("daily_check_in", ("StepByNumberIntent", {"number": "5"})),
}


def walk_cells() -> list[Cell]:
    """Every cell of the walkthrough table: rows are places in a walkthrough, columns kinds of turn."""
    lines = [line for line in DOC.read_text().splitlines() if line.startswith("| ")]
    start = next(i for i, line in enumerate(lines) if line.startswith("| where | yes |"))
    header = [h.strip() for h in lines[start].strip("|").split("|")]
    found = []
    for line in lines[start + 1 :]:
        row = [c.strip() for c in line.strip("|").split("|")]
        if len(row) != len(header) or row[0].strip("`") not in WALK_PLACES:
            break
        for kind, text in zip(header[1:], row[1:], strict=True):
            match = _CELL.match(text)
            assert match, f"cell {row[0]} / {kind} must start with **stays** or **ends**: {text!r}"
            found.append(Cell(row[0].strip("`"), kind, match.group(1), match.group(2)))
    return found


# -- What the couple hears, checked cell by cell --------------------------------------------------------
#
# Each cell's words are checked three ways: a phrase of content/ heard (any variant; placeholders stand
# for any words), a fact (a name, a step number), and a store effect (what was kept or deleted). The
# common words of the map are read from the cell itself (WORDS); what is particular to one cell is in
# CELL_HEARD. A cell with no phrase to check fails tests/test_conversation_map.py, so a new column or
# row needs its expected words here: add a row to WORDS, or the cells to CELL_HEARD.


@dataclass(frozen=True)
class Heard:
    """One of these phrase keys, in any of its variants, is in what the couple heard."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    """These words (a name, a stored answer: never translated) are in what the couple heard."""

    words: str


@dataclass(frozen=True)
class Said:
    """This phrase, with these placeholders filled in as given ("walk_step" at number 1: "Step 1."),
    is in what the couple heard; the other placeholders stand for any words."""

    key: str
    values: tuple[tuple[str, str], ...]


def said(key: str, **values: object) -> Said:
    return Said(key, tuple((k, str(v)) for k, v in values.items()))


@dataclass(frozen=True)
class Stored:
    """What the store holds after the turn: "kept" (the couple's data is still there), "deleted"
    (their whole partition is gone), "own deleted" (this account unlinked, its own data gone),
    "round kept" (an unfinished round's place), "step kept" (the walkthrough's place),
    "names kept" (the names just confirmed)."""

    effect: str


Check = Heard | Fact | Said | Stored


def heard(*keys: str | tuple[str, ...]) -> Heard:
    return Heard(tuple(k for key in keys for k in ((key,) if isinstance(key, str) else key)))


# The phase's own question, as it is asked again (the map's "the question again", "asks again", ...).
QUESTION: dict[str, str | tuple[str, ...]] = {
    "launched": "launch_reprompt",
    "offered": ("start_reprompt", "start_question"),
    "guiding": "walk_where",
    "reason": "reason_reprompt",
    "overview": "steps_reprompt",
    "explained": "explain_reprompt",
    "grat_names": ("grat_ask_names", "grat_names_retry"),
    "grat_confirm_names": "grat_confirm_two",
    "grat_turn": "grat_ask",
    "grat_offer": "grat_offer_reprompt",
    "summary_more": "summary_more_reprompt",
    "confirm_delete": "delete_confirm_reprompt",
    "confirm_delete_mine": "delete_confirm_mine_reprompt",
    "q_talk": "q_again",
    "q_answer": "q_again",
    "q_hear": "q_hear_reprompt",
    "reminder_offer": "reminder_offer_question",
}
PRACTICE_PHASES = ("guiding", "grat_names", "grat_confirm_names", "grat_turn")

# The map's common words and what each promises. Matched in the cell's text (and, for "as yes",
# "as stop", ..., in the cell of the same row it refers to).
WORDS: tuple[tuple[str, Callable[[str], tuple[Check, ...]]], ...] = (
    ("the question again", lambda phase: (heard(QUESTION[phase]),)),
    ("asks again", lambda phase: (heard(QUESTION[phase]),)),
    ("the check again", lambda phase: (heard(QUESTION[phase]),)),
    ("which step", lambda phase: (heard(QUESTION[phase]), said("walk_where", number=1))),
    ("the same partner again", lambda phase: (heard("grat_ask"), Fact("Marisol"))),
    ("didn't catch", lambda phase: (heard("not_caught", "not_understood", "grat_names_retry"),)),
    ("doesn't know that one", lambda phase: (heard("explain_unknown"),)),
    ("holds it off", lambda phase: (heard("stay_in_practice"),)),
    ("goodbye", lambda phase: (heard("goodbye", "declined", "browse_declined", "grat_declined"),)),
    ("that's fine", lambda phase: (heard("declined", "browse_declined", "grat_declined"),)),
    ("I'm here whenever you want me", lambda phase: (heard("paused_nothing"),)),
    ("paused;", lambda phase: (heard("paused", "paused_walk"),)),
    ("answers it", lambda phase: (heard("streak_none"),)),
    ("nothing deleted", lambda phase: (Stored("kept"),)),
    ("deletes, says what went", lambda phase: (heard("delete_done"), Stored("deleted"))),
    ("deletes this account's own data", lambda phase: (heard("delete_mine_done"), Stored("own deleted"))),
    ("the place is kept", lambda phase: (heard("walk_stopped"), Stored("step kept"))),
    ("keeps what was shared", lambda phase: (heard("grat_stopped", "grat_stopped_none"), Stored("round kept"))),
    ("names kept", lambda phase: (Stored("names kept"), heard("grat_start"), Fact("Marisol"))),
)

# What is particular to one cell: (phase, kind) -> checks. Help always names the phase's own help.
CELL_HEARD: dict[tuple[str, str], tuple[Check, ...]] = {
    ("none", "yes"): (heard("not_understood"),),
    ("none", "next"): (heard("browse_nothing"),),
    ("none", "back"): (heard("browse_nothing"),),
    ("none", "repeat"): (heard("repeat_nothing"),),
    ("none", "resume"): (heard("browse_nothing"),),
    ("none", "fallback"): (heard("fallback"),),
    ("none", "unrelated"): (heard("launch_reprompt"),),
    ("launched", "yes"): (heard("tonight_offer"),),
    ("launched", "next"): (heard("another_offer"),),
    ("launched", "resume"): (heard("resume_here"),),
    ("launched", "unrelated"): (heard("launch_reprompt"),),
    ("offered", "yes"): (heard("walk_opening"), said("walk_step", number=1)),
    ("offered", "next"): (heard("another_offer"),),
    ("offered", "resume"): (heard("resume_here"), heard(QUESTION["offered"])),
    ("guiding", "yes"): (said("walk_step", number=2), heard("walk_timed")),
    ("guiding", "no"): (heard("walk_wait"),),
    ("guiding", "back"): (heard("browse_at_start"), said("walk_step", number=1)),
    ("guiding", "repeat"): (said("walk_step", number=1),),
    ("guiding", "resume"): (heard("resume_here"),),
    ("reason", "yes"): (heard("reason_answer"),),
    ("reason", "next"): (heard("reason_answer"),),
    ("reason", "back"): (heard("browse_at_start"), heard("reason_answer")),
    ("reason", "repeat"): (heard("reason_answer"),),
    ("reason", "resume"): (heard("browse_resume"), heard("reason_answer")),
    ("overview", "yes"): (heard("explain_offer_exercise"), heard("step_heading")),
    ("overview", "back"): (heard("browse_at_start"), heard("steps_intro")),
    ("overview", "repeat"): (heard("steps_intro"),),
    ("overview", "resume"): (heard("browse_resume"), heard("steps_intro")),
    ("explained", "yes"): (heard("walk_opening"), said("walk_step", number=1)),
    ("explained", "no"): (heard("explain_declined"),),
    ("explained", "next"): (heard("explain_offer_exercise_self"),),
    ("explained", "back"): (heard("explain_offer_exercise_self"),),
    ("explained", "repeat"): (heard("explain_offer_exercise_self"),),
    ("explained", "resume"): (heard("browse_resume"), heard("explain_offer_exercise_self")),
    ("grat_names", "resume"): (heard("resume_here"),),
    ("grat_confirm_names", "no"): (heard("grat_names_retry"),),
    ("grat_turn", "next"): (heard("grat_skipped"), Fact("Teodoro")),
    ("grat_turn", "fallback"): (heard("grat_again"), Fact("Marisol")),
    ("grat_offer", "yes"): (heard("grat_start"), heard("grat_ask")),
    ("summary_more", "yes"): (heard("summary_last_week", "summary_empty"),),
    ("confirm_delete", "no"): (heard("delete_kept"),),
    ("confirm_delete", "stop"): (heard("delete_kept"),),  # "cancel" and "stop" are a no: nothing goes
    ("confirm_delete", "cancel"): (heard("delete_kept"),),  # "cancel" and "stop" are a no: nothing goes
    ("confirm_delete", "pause"): (heard("paused_nothing"),),
    ("confirm_delete_mine", "no"): (heard("delete_kept"),),
    ("confirm_delete_mine", "stop"): (heard("delete_kept"),),  # "cancel" and "stop" are a no: nothing goes
    ("confirm_delete_mine", "cancel"): (heard("delete_kept"),),  # "cancel" and "stop" are a no: nothing goes
    ("confirm_delete_mine", "pause"): (heard("paused_nothing"),),
    ("q_talk", "yes"): (heard("q_again"),),
    ("q_talk", "no"): (heard("q_talk_done"),),
    ("q_talk", "next"): (heard("q_another"),),
    ("q_answer", "yes"): (heard("q_again"),),
    ("q_answer", "no"): (heard("q_answer_later"),),
    ("q_answer", "next"): (heard("q_another"),),
    ("q_hear", "yes"): (heard("q_reveal"), Fact("the lake at dawn"), Fact("our first trip together")),
    ("q_hear", "no"): (heard("q_hear_later"),),
    ("reminder_offer", "yes"): (heard("reminder_set"), heard("reminder_partner_has")),
    ("reminder_offer", "no"): (heard("reminder_offer_declined"),),
}


def _help(phase: str) -> tuple[Check, ...]:
    return (heard("help" if phase == "none" else f"help_in_{phase}"),)


def _referred(cell: Cell, row: dict[str, Cell]) -> Cell | None:
    """The cell of the same row this one refers to ("as yes", "as stop, one back"), if any."""
    found = re.match(r"as ([a-z ]+?)(?:,|;| \(|$)", cell.says)
    return row.get(found.group(1).strip()) if found else None


def expected(cell: Cell, row: dict[str, Cell]) -> tuple[Check, ...]:
    """Everything the map promises for this cell, as checks (WORDS, CELL_HEARD, help's own words);
    a cell that says "as yes" promises what the yes cell of its row promises, too."""
    same = _referred(cell, row)
    text = cell.says + (" " + same.says if same else "")
    # The question asked again is that of the phase the turn leads to ("→ grat_names asks again").
    target = cell.outcome.removeprefix("→ ")
    asked = target if target in QUESTION else cell.phase
    checks: list[Check] = [c for words, make in WORDS if words in text for c in make(asked)]
    checks += CELL_HEARD.get((cell.phase, cell.kind), ())
    if same is not None:
        checks += CELL_HEARD.get((same.phase, same.kind), ())
    if cell.kind == "help":
        checks += _help(cell.phase)
    return tuple(dict.fromkeys(checks))
