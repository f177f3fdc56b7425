"""Browsing the guide a little at a time: where a couple is, and the guided walkthrough in parts.

Where they are (a ``Place``) lives in the session while they talk and in the profile for "what were
we on?" next time. A practice's steps are spoken in parts of at most about 30 seconds, each ending
with what to say next. ``intents.tonight`` (guided start) and ``intents.guide`` (browsing) share this.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ask_sdk_model import Response

from content.schema import MAX_ANSWER_SECONDS, WORDS_PER_SECOND, Catalogue, Practice
from intents.base import PHASE, Turn
from skill import screen, speech
from skill.store.errors import StoreUnavailable
from skill.store.profile import Profile

log = logging.getLogger("close_together.intents.browsing")

# What is being browsed (Place.kind).
STEPS = "steps"  # the overview pages, then the eleven steps in order
EXERCISES = "exercises"  # the four exercises
REASONS = "reasons"  # why closeness matters; Place.id is the group or ANY
WALK = "walk"  # a practice's guided steps; Place.id is the practice, pos the part
KINDS = (STEPS, EXERCISES, REASONS, WALK)
ANY = "any"

# Session keys and phase values of this conversation (tonight's uses "offered" and "launched").
BROWSE = "browse"
GUIDING = "guiding"  # inside a walkthrough: yes / next moves on

# Every answer stays within this; a short lead-in ("Picking up again.") may be added to a part.
BUDGET_SECONDS = float(MAX_ANSWER_SECONDS)
LEAD_IN_SECONDS = 2.0
STEP_GAP = 2.0
OPENING_GAP = 0.5
CUE_GAP = 1.0


@dataclass(frozen=True)
class Place:
    kind: str
    id: str
    pos: int

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "pos": self.pos}

    def at(self, pos: int) -> Place:
        return Place(self.kind, self.id, pos)

    @classmethod
    def of(cls, raw: object) -> Place | None:
        """A place from session attributes or the profile; anything malformed is no place."""
        if not isinstance(raw, dict):
            return None
        kind, ident, pos = raw.get("kind"), raw.get("id"), raw.get("pos")
        if kind not in KINDS or not isinstance(ident, str) or not isinstance(pos, int) or isinstance(pos, bool):
            return None
        return cls(str(kind), ident, pos)


def current(turn: Turn) -> Place | None:
    """What this session is browsing."""
    return Place.of(turn.session.get(BROWSE))


def saved(turn: Turn) -> Place | None:
    """Where the couple left off last time (from their profile)."""
    return Place.of(turn.profile.browse)


def remember(turn: Turn, place: Place, heard: list[str] | None = None, tonight: Practice | None = None) -> None:
    """Keep ``place`` in the session and the profile (one write, only when something changed).

    ``heard`` replaces the reasons heard in this rotation; ``tonight`` makes a practice tonight's pick.
    Losing this write only loses "what were we on?", so an unavailable store is logged, not fatal.
    """
    turn.session[BROWSE] = place.as_dict()
    today = turn.today.isoformat() if tonight is not None else ""

    def change(draft: Profile) -> bool:
        changed = False
        if draft.browse != place.as_dict():
            draft.browse = place.as_dict()
            changed = True
        if heard is not None and draft.reasons_heard != heard:
            draft.reasons_heard = list(heard)
            changed = True
        if tonight is not None and not (draft.tonight_date == today and draft.tonight == tonight.id):
            draft.suggest(turn.today, tonight.id)
            changed = True
        return changed

    try:
        turn.profile, _ = turn.deps.store.update(turn.profile, change, step="browse")
    except StoreUnavailable:
        log.warning("could not store where the couple is in the guide", exc_info=True)


# -- composing answers ---------------------------------------------------------------------------

def compose(*pieces: str | float | None) -> str:
    """Escaped text pieces and pauses (floats, in seconds) joined into one answer."""
    return " ".join(speech.pause(p) if isinstance(p, float) else p for p in pieces if p)


def phrase_seconds(content: Catalogue, key: str, **values: object) -> float:
    """The longest variant of a phrase, in seconds: parts are planned for the worst case."""
    return max(len(v.format(**values).split()) for v in content.phrases.variants[key]) / WORDS_PER_SECOND


def seconds(text: str) -> float:
    return len(text.split()) / WORDS_PER_SECOND


def pack(count: int, cost: Callable[[int, int], float], budget: float) -> list[tuple[int, int]]:
    """Split ``count`` items into runs [start, end) in order, each run costing at most ``budget``
    where it can (a single item always makes a run)."""
    runs: list[tuple[int, int]] = []
    start = 0
    while start < count:
        end = start + 1
        while end < count and cost(start, end + 1) <= budget:
            end += 1
        runs.append((start, end))
        start = end
    return runs


# -- the guided walkthrough ----------------------------------------------------------------------

def walk_parts(content: Catalogue, practice: Practice) -> list[tuple[int, int]]:
    """The practice's steps in parts of at most about 30 seconds each, framing included."""
    steps = practice.steps
    opening = phrase_seconds(content, "guide_opening", name=practice.name) + OPENING_GAP
    cue = phrase_seconds(content, "walk_next") + CUE_GAP
    closing = phrase_seconds(content, "guide_closing") + CUE_GAP

    def cost(start: int, end: int) -> float:
        said = sum(seconds(s) for s in steps[start:end]) + STEP_GAP * (end - start - 1)
        return (opening if start == 0 else 0.0) + said + (closing if end == len(steps) else cue)

    return pack(len(steps), cost, BUDGET_SECONDS - LEAD_IN_SECONDS)


def show_walk(turn: Turn, practice: Practice, part: int, lead_in: str | None = None) -> Response:
    """One part of the walkthrough; the last one ends with "say we did it"."""
    parts = walk_parts(turn.content, practice)
    part = min(max(part, 0), len(parts) - 1)
    start, end = parts[part]
    last = part == len(parts) - 1
    turn.session[PHASE] = GUIDING
    screen.show_practice(turn, practice, (start, end))
    ssml = compose(
        lead_in, OPENING_GAP if lead_in else None,
        turn.say("guide_opening", name=practice.name) if part == 0 else None, OPENING_GAP if part == 0 else None,
        speech.join(practice.steps[start:end], gap_seconds=STEP_GAP), CUE_GAP,
        turn.say("guide_closing") if last else turn.say("walk_next"),
    )
    reprompt = turn.say("guide_reprompt") if last else turn.say("walk_reprompt")
    card = (practice.title, "\n".join(practice.steps)) if part == 0 else None
    return turn.ask(ssml, reprompt, card=card)


def begin_walk(turn: Turn, practice: Practice) -> Response:
    """Start guiding a practice from its first part; it becomes tonight's pick (one write)."""
    place = Place(WALK, practice.id, 0)
    remember(turn, place, tonight=practice)
    return show_walk(turn, practice, 0)
