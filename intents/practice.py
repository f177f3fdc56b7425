"""Tonight's pick and the offers made of it: shared by every conversation that offers a practice
(tonight, the guide, launch, partners) and by the thread's "where were we"."""

from __future__ import annotations

import logging
import random
from datetime import date, timedelta
from typing import Literal, cast

from ask_sdk_model import Response

from content.schema import Practice
from intents.base import Turn
from intents.state import Phase
from skill.alexa import screen
from skill.domain.place import WALK
from skill.domain.profile import Profile
from skill.domain.streak import Streak
from skill.domain.tonight import done_lately, done_today, pick
from skill.store.errors import StoreUnavailable

log = logging.getLogger("close_together.intents.tonight")


def todays_pick(turn: Turn) -> Practice | None:
    """The practice picked for this evening, if one was."""
    return turn.content.practice(turn.profile.picked_for(turn.today) or "")


def tonight_for(turn: Turn, another: bool = False) -> Practice:
    """Tonight's practice for this couple: the one already picked this evening unless they want
    another, or they have done it since it was picked (then a fresh one)."""
    today = turn.today
    profile = turn.profile
    picked = todays_pick(turn)
    if picked is not None and not another and picked.id not in done_lately(profile, today):
        return picked
    avoid = {picked.id} if picked else set()
    choice = pick(turn.content.practices, profile, avoid, random.Random(), today)

    def change(draft: Profile) -> bool:
        # Another device may have picked tonight's first: keep theirs so the evening stays stable.
        kept = draft.picked_for(today)
        if not another and kept and kept not in done_lately(draft, today):
            return False
        draft.suggest(today, choice.id)
        return True

    try:
        turn.profile, _ = turn.services.couples.update(profile, change, step="tonight")
    except StoreUnavailable:
        # The suggestion is still worth giving; only its stability for the evening is lost.
        log.warning("could not store tonight's suggestion", exc_info=True)
        return choice
    return turn.content.practice(turn.profile.tonight or "") or choice


def tonight_choice(turn: Turn) -> Practice:
    """Tonight's practice if one was picked this evening, else a fresh pick that the caller stores."""
    return todays_pick(turn) or pick(turn.content.practices, turn.profile, set(), random.Random(), turn.today)


def offer(
    turn: Turn, practice: Practice, key: Literal["tonight_offer", "another_offer"], lead_in: str | None = None
) -> Response:
    turn.state.phase = Phase.OFFERED
    turn.state.practice = practice.id
    screen.show_practice(turn, practice)
    rotation = -1
    if key == "another_offer":  # consecutive offers open differently, in turn
        rotation = turn.state.offers
        turn.state.offers = rotation + 1
    ssml = turn.say(key, rotation, name=practice.name, intro=practice.intro, minutes=practice.minutes)
    if lead_in:
        ssml = f"{lead_in} {ssml}"
    return turn.ask(
        ssml,
        turn.say("start_reprompt", name=practice.name),
        card=(
            turn.words("card_tonight_title", title=practice.title),
            turn.words("card_tonight", intro=practice.intro, minutes=practice.minutes),
        ),
    )


def session_practice(turn: Turn) -> Practice | None:
    chosen = turn.state.practice
    return turn.content.practice(chosen) if chosen else None


def offer_tonight(turn: Turn) -> Response:
    """Tonight's pick; when they already did it this evening, a fresh one, saying so kindly."""
    earlier = todays_pick(turn)
    practice = tonight_for(turn)
    lead_in = None
    if earlier is not None and earlier.id != practice.id and earlier.id in done_today(turn.profile, turn.today):
        lead_in = turn.say("tonight_done_already")
    return offer(turn, practice, "tonight_offer", lead_in)


def offer_another(turn: Turn) -> Response:
    return offer(turn, tonight_for(turn, another=True), "another_offer")


def streak_words(turn: Turn, n: int) -> str:
    return turn.count("count_days", n)


# -- "we did it": the practice counted (from "we did it", or yes to "did you finish it together?") --


def complete(turn: Turn) -> Response:
    """Count tonight's practice for the streak (one write) and say what it did; an honest answer
    when the store could not take it."""
    try:
        return _complete(turn)
    except StoreUnavailable:
        log.warning("completion not stored", exc_info=True)
        return turn.ask(turn.say("store_unavailable_not_saved"), turn.say("completed_anything_else"))


def _complete(turn: Turn) -> Response:
    today = turn.today
    practice = session_practice(turn) or todays_pick(turn)
    practice_id = practice.id if practice else "practice"

    def change(draft: Profile) -> bool:
        before = draft.streak_state()
        if not draft.complete(today, practice_id):
            return False
        # Named with the write so the same request delivered again answers the same way.
        key = completion_key(before, draft.streak_state(), today)
        if key == "completed_fresh_start" and not draft.rest_explained:
            # The first fresh start after a break says how the rest day works, once per couple.
            key, draft.rest_explained = "completed_fresh_start_explained", True
        draft.outcome = key
        if draft.browse is not None and draft.browse.kind == WALK:  # done: nothing left for "where were we"
            draft.browse = None
        return True

    turn.profile, _ = turn.services.couples.update(turn.profile, change)
    after = turn.streak()
    name = practice.name if practice else turn.say("unnamed_practice")
    turn.state.leave()
    return turn.tell(
        turn.say(
            # what this request's write named (completion_key), also when it is a redelivery
            cast(Completion, turn.outcome() or "completed_again_today"),
            name=name,
            streak_words=turn.count("count_days", after.current),
        )
    )


Completion = Literal[
    "completed_again_today",
    "completed_fresh_start",
    "completed_fresh_start_explained",
    "completed_first_day",
    "completed_rest_day",
    "completed_record",
    "completed_streak",
]


def completion_key(before: Streak, after: Streak, today: date) -> Completion:
    if before.last_active is not None and before.last_active >= today:
        return "completed_again_today"
    if after.current == 1:
        return "completed_fresh_start" if before.last_active else "completed_first_day"
    if after.last_rest == today - timedelta(days=1) and before.last_rest != after.last_rest:
        return "completed_rest_day"  # tonight bridged yesterday's gap: say the rest day was used
    if after.current > before.longest >= 2:
        return "completed_record"
    return "completed_streak"
