"""Browsing the guide a little at a time: where a couple is, and the guided walkthrough in parts.

Where they are (a ``Place``) lives in the session while they talk and in the profile for "what were
we on?" next time. A practice's steps are spoken in parts of at most about 30 seconds, each ending
with what to say next. ``intents.tonight`` (guided start) and ``intents.guide`` (browsing) share this.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Literal

from ask_sdk_model import Response

from content import speech
from content.schema import MAX_PASSAGE_SECONDS, WORDS_PER_SECOND, Catalogue, Practice
from intents.base import Turn
from intents.state import Phase
from skill.alexa import held, screen
from skill.domain.place import EXERCISES, SET_ASIDE, STEPS, WALK, Place
from skill.domain.profile import Profile
from skill.domain.tonight import done_today
from skill.store.errors import StoreUnavailable

log = logging.getLogger("close_together.intents.browsing")

# A passage of the guide stays within this; a short lead-in ("Back to where we were.") may be added.
BUDGET_SECONDS = float(MAX_PASSAGE_SECONDS)
LEAD_IN_SECONDS = 2.0
GROUP_GAP = 0.7  # between the step groups' lines in the overview
STEP_GAP = 2.0
OPENING_GAP = 0.5
CUE_GAP = 1.0
# A step that takes at least this many minutes has its time held inside the answer (APL for Audio,
# skill/alexa/held.py); a shorter one waits for "next" (docs/conversation.md, "Pacing").
TIMED_MINUTES = 2


def current(turn: Turn) -> Place | None:
    """What this session is browsing."""
    return turn.state.browse


def saved(turn: Turn) -> Place | None:
    """Where the couple left off last time (from their profile). In a new session with nothing
    stored, tonight's pick not yet done is where they are: its first step (so starting it needs no
    write of its own: docs/performance.md)."""
    stored = turn.profile.browse
    if stored is not None and stored.resumable:
        return stored
    return implicit_place(turn.profile, turn.today) if turn.phase is None else None


def set_aside(turn: Turn) -> None:
    """ "No" to tonight's offer: its first step stops being where the couple are. A write only when
    it was (nothing stored, the pick not done), so a decline costs what the start no longer does."""

    def change(draft: Profile) -> bool:
        if implicit_place(draft, turn.today) is None:
            return False
        draft.browse = SET_ASIDE
        return True

    if implicit_place(turn.profile, turn.today) is None:
        return
    try:
        turn.profile, _ = turn.services.couples.update(turn.profile, change, step="browse")
    except StoreUnavailable:
        log.warning("could not set tonight's pick aside", exc_info=True)


def implicit_place(profile: Profile, today: date) -> Place | None:
    picked = profile.picked_for(today)
    if profile.browse or not picked or picked in done_today(profile, today):
        return None
    return Place(WALK, picked, 0)


def remember(turn: Turn, place: Place, heard: list[str] | None = None, tonight: Practice | None = None) -> None:
    """Keep ``place`` in the session and the profile (one write, only when something changed).

    ``heard`` replaces the reasons heard in this rotation; ``tonight`` makes a practice tonight's pick.
    Losing this write only loses "what were we on?", so an unavailable store is logged, not fatal.
    """
    turn.state.browse = place

    def change(draft: Profile) -> bool:
        changed = False
        if draft.browse != place and implicit_place(draft, turn.today) != place:
            draft.browse = place
            changed = True
        if heard is not None and draft.reasons_heard != heard:
            draft.reasons_heard = list(heard)
            changed = True
        if tonight is not None and draft.picked_for(turn.today) != tonight.id:
            draft.suggest(turn.today, tonight.id)
            draft.browse = place  # the implicit place was another practice's
            changed = True
        return changed

    try:
        turn.profile, _ = turn.services.couples.update(turn.profile, change, step="browse")
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


# -- the guided walkthrough: one step per turn ------------------------------------------------


def held_parts(practice: Practice, step: int) -> list[int]:
    """The step's time, in seconds, as the parts held one audio response each (none for a quick step)."""
    minutes = practice.minutes_of(step)
    return held.parts(minutes * 60) if minutes >= TIMED_MINUTES else []


def walk_question(
    turn: Turn, practice: Practice, step: int
) -> Literal["walk_halfway", "walk_time_left", "walk_finish", "walk_ready", "walk_next"]:
    """The phrase key of what a step's answer ends by asking, where the couple are in its time."""
    parts = held_parts(practice, step)
    if turn.state.held < len(parts):
        return "walk_halfway" if len(parts) == 2 else "walk_time_left"
    if step == len(practice.steps) - 1:
        return "walk_finish"
    return "walk_ready" if parts else "walk_next"


def show_walk(turn: Turn, practice: Practice, step: int, lead_in: str | None = None, part: int = 0) -> Response:
    """One step (``part`` 0), or the next part of its held time. A timed step holds its time inside
    the answer (skill/alexa/held.py) and asks whether they are ready to go on; the last step asks
    whether they finished it together. The session stays open throughout (docs/conversation.md)."""
    step = min(max(step, 0), len(practice.steps) - 1)
    parts = held_parts(practice, step)
    part = min(max(part, 0), max(len(parts) - 1, 0))
    turn.state.phase = Phase.WALK
    turn.state.practice = practice.id
    turn.state.browse = Place(WALK, practice.id, step)
    turn.state.held = part + 1 if parts else 0
    screen.show_practice(turn, practice, (step, step + 1))
    opening = None
    if step == 0:  # after "Back to <name>." the opening leaves the name out
        opening = turn.say(
            "walk_opening_resumed" if lead_in else "walk_opening", name=practice.name, count=len(practice.steps)
        )
    question = turn.say(walk_question(turn, practice, step), minutes=minutes_left(turn, parts))
    if part > 0:
        words = compose(lead_in, turn.say("walk_hold_rest"))
    else:
        # The chime is explained at a practice's first timed step; later ones only say their minutes.
        first = not any(held_parts(practice, earlier) for earlier in range(step))
        timed: Literal["walk_timed", "walk_timed_again"] = "walk_timed" if first else "walk_timed_again"
        cue = turn.say(timed, minutes=turn.count("count_minutes", practice.minutes_of(step))) if parts else None
        words = compose(
            lead_in,
            OPENING_GAP if lead_in else None,
            opening,
            OPENING_GAP if opening else None,
            turn.say("walk_step", number=step + 1),
            speech.text(practice.steps[step]),
            CUE_GAP,
            cue or question,
        )
    card = (practice.title, "\n".join(f"{i + 1}. {s}" for i, s in enumerate(practice.steps))) if step == 0 else None
    if parts:
        # The words, then the held time, the chime and the question (Alexa plays APLA after the speech).
        turn.input.response_builder.add_directive(held.directive(parts[part], speech.speak(question)))
        return turn.ask(words, question, card=card)
    return turn.ask(words, walk_reprompt(turn, practice, step), card=card)


def minutes_left(turn: Turn, parts: list[int]) -> str:
    """What remains of a step's time after the parts already held, in words ("about 4 minutes to go")."""
    return turn.count("count_minutes", max(round(sum(parts[turn.state.held :]) / 60), 1)) if parts else ""


def walk_reprompt(turn: Turn, practice: Practice, step: int) -> str:
    """The reprompt for where the couple are in a step: the timed step's question again, the finish
    question with how to answer it, or how to go on from a quick step."""
    key = walk_question(turn, practice, step)
    if key == "walk_finish":
        return turn.say("walk_finish_reprompt")
    if key == "walk_next":
        return turn.say("walk_reprompt")
    return turn.say(key, minutes=minutes_left(turn, held_parts(practice, step)))


def where_in_walk(turn: Turn, practice: Practice, step: int, lead: str) -> Response:
    """Where the couple is in a walkthrough and how to go on, without moving (help, fallback, off-topic)."""
    turn.state.phase = Phase.WALK
    turn.state.practice = practice.id
    turn.state.browse = Place(WALK, practice.id, step)
    ssml = compose(lead, turn.say("walk_where", name=practice.name, number=step + 1, count=len(practice.steps)))
    return turn.ask(ssml, walk_reprompt(turn, practice, step))


def begin_walk(turn: Turn, practice: Practice) -> Response:
    """Start guiding a practice from its first step; it becomes tonight's pick (one write)."""
    place = Place(WALK, practice.id, 0)
    remember(turn, place, tonight=practice)
    return show_walk(turn, practice, 0)


# -- the tours: the steps' overview pages and each step, the exercises, a practice's walk ------------


def overview_pages(content: Catalogue) -> list[tuple[int, int]]:
    groups = content.step_groups
    intro = phrase_seconds(content, "steps_intro", count=99, groups=99) + GROUP_GAP
    offer = phrase_seconds(content, "steps_offer") + GROUP_GAP
    more = phrase_seconds(content, "steps_more") + GROUP_GAP

    def cost(start: int, end: int) -> float:
        lines = sum(seconds(g.line) for g in groups[start:end]) + GROUP_GAP * (end - start - 1)
        return (intro if start == 0 else 0.0) + lines + (offer if end == len(groups) else more)

    return pack(len(groups), cost, BUDGET_SECONDS - LEAD_IN_SECONDS)


def steps_in_order(content: Catalogue) -> list[Practice]:
    return sorted((p for p in content.practices if p.kind == "step"), key=lambda p: p.number)


def exercises(content: Catalogue) -> list[Practice]:
    return [p for p in content.practices if p.kind == "exercise"]


def tour_length(content: Catalogue, place: Place) -> int:
    if place.kind == STEPS:
        return len(overview_pages(content)) + len(steps_in_order(content))
    if place.kind == EXERCISES:
        return len(exercises(content))
    if place.kind == WALK:
        practice = content.practice(place.id)
        return len(practice.steps) if practice else 0
    return 0


def place_of(content: Catalogue, practice: Practice) -> Place:
    if practice.kind == "step":
        pages = len(overview_pages(content))
        return Place(STEPS, "", pages + [p.id for p in steps_in_order(content)].index(practice.id))
    return Place(EXERCISES, "", [p.id for p in exercises(content)].index(practice.id))
