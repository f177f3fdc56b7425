"""The conversation map of docs/conversation.md as data: the phases, the kinds of turn, how a test
reaches each phase, and the cells parsed from the document (tests/test_conversation_map.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from alexa import Conversation
from couples import coming, link

DOC = Path(__file__).resolve().parent.parent / "docs" / "conversation.md"
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


def _launch(c: Conversation) -> object:
    return c.launch(AT)


def _one(intent: str, **slots: Any) -> Callable[[Conversation], object]:
    return lambda c: c.one_shot(intent, AT, **slots)


def _confirm(c: Conversation) -> object:
    c.one_shot("StartGratitudeRoundIntent", AT)
    return c.say("PartnerNamesIntent", AT, first="Marisol", second="Teodoro")


def _linked(c: Conversation) -> Conversation:
    """Link ``c`` with a partner on a second device through the real link and join flow."""
    partner = Conversation(c.client, device_id="amzn1.ask.device.MAP_PARTNER_ECHO")
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


# How a couple reaches each phase ("none": a new session, nothing going on).
PHASES: dict[str, Setup] = {
    "none": Setup(False, lambda c: None),
    "launched": Setup(False, _launch),
    "offered": Setup(False, _one("TonightsExerciseIntent")),
    "guiding": Setup(False, _one("StartPracticeIntent", practice="the daily check-in")),
    "reason": Setup(False, _one("WhyClosenessIntent")),
    "overview": Setup(False, _one("StepsOverviewIntent")),
    "explained": Setup(False, _one("ExplainPracticeIntent", practice="the touch map")),
    "grat_names": Setup(False, _one("StartGratitudeRoundIntent")),
    "grat_confirm_names": Setup(False, _confirm),
    "grat_turn": Setup(True, _one("StartGratitudeRoundIntent")),
    "grat_offer": Setup(True, _one("GratitudeIntent", gratitude="you make me laugh")),
    "summary_more": Setup(False, _one("WeeklySummaryIntent")),
    "confirm_delete": Setup(False, _one("DeleteDataIntent")),
    "confirm_delete_mine": Setup(False, _linked_delete_mine),
    "q_talk": Setup(False, _one("TonightsQuestionIntent")),
    "q_answer": Setup(False, _answering),
    "q_hear": Setup(False, _hearing),
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
        said: object = c.one_shot("StartPracticeIntent", AT, practice=practice)
        for intent, slots in then:
            said = c.say(intent, AT, **slots)
        return said

    return steps


# How a couple reaches each place in a walkthrough.
WALK_PLACES: dict[str, Callable[[Conversation], object]] = {
    "quick step": _walk("the daily check-in"),
    "timed step": _walk("the daily check-in", ("AMAZON.NextIntent", {})),
    "held part": _walk("the touch map", ("StepByNumberIntent", {"number": "5"})),
    "last step": _walk("the daily check-in", ("StepByNumberIntent", {"number": "5"})),
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
