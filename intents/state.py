"""The conversation's state, in one place: every phase and every session key, typed.

Session attributes travel through the client between turns, so they are input like any other:
``SessionState.load`` takes only what has the right type, size and count, and treats anything
else as absent. Handlers read and change ``turn.state``; one response interceptor
(``intents.base.SaveState``) writes it back, so no handler passes a raw dict around.
docs/conversation.md maps each phase against each kind of turn.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from skill.domain.gratitude import Gratitude
from skill.domain.place import ID, Place
from skill.domain.profile import MAX_NAME_CHARS


class Phase(StrEnum):
    """What the skill's last answer was waiting for (session attribute "phase")."""

    LAUNCHED = "launched"  # "would you like tonight's exercise?"
    OFFERED = "offered"  # a practice offered: "shall we start?"
    WALK = "guiding"  # inside a guided practice, at a step
    REASON = "reason"  # a reason told: "another one?"
    OVERVIEW = "overview"  # the steps overview: "go through them one by one?"
    EXPLAINED = "explained"  # a practice explained: "do it tonight?"
    NAMES = "grat_names"  # asked for the partners' first names
    CONFIRM_NAMES = "grat_confirm_names"  # "did I get that right?"
    ROUND = "grat_turn"  # a gratitude round, waiting for the asked partner
    ROUND_OFFER = "grat_offer"  # "shall we start a round?"
    SUMMARY_MORE = "summary_more"  # "would you like last week too?"
    CONFIRM_DELETE = "confirm_delete"  # "shall I delete it?" (the couple's data)
    CONFIRM_DELETE_MINE = "confirm_delete_mine"  # "shall I unlink you and delete your own data?"
    # tonight's question (intents/question.py)
    Q_TALK = "q_talk"  # one device: tonight's question, to talk over together
    Q_ANSWER = "q_answer"  # a linked device: tonight's question, its answer elicited
    Q_HEAR = "q_hear"  # both have answered: "would you like to hear your answers?"
    # the partner has an evening reminder, this account none: "would you like one here too?"
    REMINDER_OFFER = "reminder_offer"


# Phases that hold a practice in progress: speech that is not theirs keeps the place, and pause
# keeps it across sessions for "where were we".
PRACTICE_PHASES = frozenset({Phase.WALK, Phase.ROUND, Phase.NAMES, Phase.CONFIRM_NAMES})

# Bounds for what a session may carry (the Alexa client could send anything).
MAX_ID = 64
MAX_EACH = 5  # turns each partner may ask for in a gratitude round
MAX_TRAIL = 20  # reasons kept for "go back"
MAX_VOICES = 4
MAX_HELD_PARTS = 10
# Alexa's personId: "amzn1.ask.person." and about a hundred letters and digits.
_CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")  # "20:00": a reminder time offered
_PERSON = re.compile(r"^[A-Za-z0-9_.:\-]{1,256}$")


def _id(raw: object) -> str | None:
    return raw if isinstance(raw, str) and ID.match(raw) else None


def _int(raw: object, low: int, high: int) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        return None
    return raw


def valid_name(raw: object) -> str | None:
    if not isinstance(raw, str) or not raw.strip() or len(raw) > MAX_NAME_CHARS:
        return None
    return raw if all(ch.isalpha() or ch in " '-" for ch in raw) else None


def _names(raw: object) -> list[str]:
    if not isinstance(raw, list) or len(raw) > 2:
        return []
    names = [valid_name(n) for n in raw]
    return [n for n in names if n is not None] if all(names) else []


@dataclass
class Round:
    """A gratitude round in progress: who has had how many turns, and who is being asked."""

    id: str
    each: int  # turns each partner gets
    turns: list[int] = field(default_factory=lambda: [0, 0])
    asked: int = 0  # index into the couple's names
    last: int | None = None  # who spoke last
    shared: int = 0  # gratitudes stored in this round
    retry: int = 0  # 1 after one "didn't catch that" for the asked partner
    voices: dict[str, int] = field(default_factory=dict)  # Alexa personId -> index, learnt this round

    def speaker(self, person: str | None, known: Mapping[str, int]) -> int:
        """Who is speaking: the recognised voice when Alexa knows it (``known`` are the profile's
        voices), otherwise whoever was asked; a new voice is learnt for this round."""
        if person is None:
            return self.asked
        voices = {**known, **self.voices}
        if person in voices and voices[person] in (0, 1):
            return voices[person]
        taken = set(voices.values())
        speaker = (
            self.asked if self.asked not in taken else (1 - self.asked if 1 - self.asked not in taken else self.asked)
        )
        if speaker not in taken and len(self.voices) < 2:
            self.voices[person] = speaker
        return speaker

    def next_speaker(self) -> int | None:
        open_ = [i for i in (0, 1) if self.turns[i] < self.each]
        if not open_:
            return None
        if len(open_) == 1:
            return open_[0]
        return 0 if self.last is None else 1 - self.last

    @classmethod
    def rebuilt(cls, round_id: str, each: int, names: list[str], said: list[Gratitude]) -> Round:
        """A paused round as its stored gratitudes show it (turns, who spoke last), for "where were we"."""
        r = cls(id=round_id, each=min(max([each, *(e.each for e in said)]), MAX_EACH))
        for e in said:
            index = names.index(e.by) if e.by in names else 0
            r.turns[index] = min(r.turns[index] + 1, r.each)
            r.last = index
        r.shared = len(said)
        return r

    def as_dict(self) -> dict[str, Any]:
        return {
            "round": self.id,
            "each": self.each,
            "turns": list(self.turns),
            "asked": self.asked,
            "last": self.last,
            "shared": self.shared,
            "retry": self.retry,
            "voices": dict(self.voices),
        }

    @classmethod
    def of(cls, raw: object) -> Round | None:
        if not isinstance(raw, Mapping):
            return None
        ident, each = _id(raw.get("round")), _int(raw.get("each"), 1, MAX_EACH)
        turns = raw.get("turns")
        asked, shared, retry = (
            _int(raw.get("asked"), 0, 1),
            _int(raw.get("shared"), 0, 2 * MAX_EACH),
            _int(raw.get("retry"), 0, 1),
        )
        last = raw.get("last")
        voices = raw.get("voices") or {}
        if (
            ident is None
            or each is None
            or asked is None
            or shared is None
            or retry is None
            or not isinstance(turns, list)
            or len(turns) != 2
            or any(_int(t, 0, MAX_EACH) is None for t in turns)
            or (last is not None and _int(last, 0, 1) is None)
            or not isinstance(voices, Mapping)
            or len(voices) > MAX_VOICES
            or any(not isinstance(k, str) or not _PERSON.match(k) or _int(v, 0, 1) is None for k, v in voices.items())
        ):
            return None
        return cls(
            ident,
            each,
            [int(t) for t in turns],
            asked,
            last if isinstance(last, int) else None,
            shared,
            retry,
            {str(k): int(v) for k, v in voices.items()},
        )


# Session attribute keys: each listed once.
K_PHASE = "phase"
K_PRACTICE = "practice"  # the practice offered, explained or being guided
K_BROWSE = "browse"  # the Place this session is on
K_TRAIL = "trail"  # reasons heard this session, for "go back"
K_ROUND = "grat"
K_NAMES_HEARD = "grat_names"  # names heard and accepted so far
K_NAMES_PENDING = "grat_pending"  # names waiting for a yes
K_WANTED_EACH = "grat_each"  # turns each asked for before the names were known
K_COUPLE = "couple"  # the linked couple's id, a hint re-checked against its members every time
K_OFFERS = "offers"  # how many "another one" offers this session made, so their openers take turns
K_HELD = "held"  # parts of the current walkthrough step's time already held (intents/walkthrough.py)
K_REMIND_AT = "remind_at"  # the time the reminder offered on this device would ring, "20:00" (intents/reminders.py)
KEYS = (
    K_PHASE,
    K_PRACTICE,
    K_BROWSE,
    K_TRAIL,
    K_ROUND,
    K_NAMES_HEARD,
    K_NAMES_PENDING,
    K_WANTED_EACH,
    K_COUPLE,
    K_OFFERS,
    K_HELD,
    K_REMIND_AT,
)


@dataclass
class SessionState:
    phase: Phase | None = None
    practice: str | None = None
    browse: Place | None = None
    trail: list[str] = field(default_factory=list)
    round: Round | None = None
    names_heard: list[str] = field(default_factory=list)
    names_pending: list[str] = field(default_factory=list)
    wanted_each: int | None = None
    couple: str | None = None
    offers: int = 0
    held: int = 0
    remind_at: str | None = None

    @classmethod
    def load(cls, raw: Mapping[str, Any] | None) -> SessionState:
        """The typed state from session attributes; a value of the wrong shape counts as absent."""
        raw = raw if isinstance(raw, Mapping) else {}
        phase = raw.get(K_PHASE)
        trail = raw.get(K_TRAIL)
        return cls(
            phase=Phase(phase) if isinstance(phase, str) and phase in Phase._value2member_map_ else None,
            practice=_id(raw.get(K_PRACTICE)),
            browse=Place.of(raw.get(K_BROWSE)),
            trail=[t for t in trail if _id(t)][-MAX_TRAIL:] if isinstance(trail, list) and len(trail) <= 100 else [],
            round=Round.of(raw.get(K_ROUND)),
            names_heard=_names(raw.get(K_NAMES_HEARD)),
            names_pending=_names(raw.get(K_NAMES_PENDING)),
            wanted_each=_int(raw.get(K_WANTED_EACH), 1, MAX_EACH),
            couple=_id(raw.get(K_COUPLE)),
            offers=_int(raw.get(K_OFFERS), 0, 1000) or 0,
            held=_int(raw.get(K_HELD), 0, MAX_HELD_PARTS) or 0,
            remind_at=at if isinstance(at := raw.get(K_REMIND_AT), str) and _CLOCK.match(at) else None,
        )

    def dump(self) -> dict[str, Any]:
        """Session attributes for the next turn (only what is set)."""
        out: dict[str, Any] = {
            K_PHASE: self.phase.value if self.phase else None,
            K_PRACTICE: self.practice,
            K_BROWSE: self.browse.as_dict() if self.browse else None,
            K_TRAIL: self.trail[-MAX_TRAIL:] or None,
            K_ROUND: self.round.as_dict() if self.round else None,
            K_NAMES_HEARD: self.names_heard or None,
            K_NAMES_PENDING: self.names_pending or None,
            K_WANTED_EACH: self.wanted_each,
            K_COUPLE: self.couple,
            K_OFFERS: self.offers or None,
            K_HELD: self.held or None,
            K_REMIND_AT: self.remind_at,
        }
        return {k: v for k, v in out.items() if v is not None}

    def leave(self) -> None:
        """Out of any phase (the place browsed and the couple hint stay for "what were we on?")."""
        self.phase = None
        self.round = None
        self.names_heard = []
        self.names_pending = []
        self.wanted_each = None
        self.held = 0
        self.remind_at = None

    def clear(self) -> None:
        """Forget everything (after "delete our data")."""
        fresh = SessionState()
        self.__dict__.update(fresh.__dict__)
