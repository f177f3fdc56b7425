"""Tonight's exercise: offer one, offer another, guide the start, record "we did it", tell the streak."""

from __future__ import annotations

import logging
import random
from datetime import date, timedelta

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content import speech
from content.schema import Practice
from intents import browsing
from intents.base import IntentHandler, Turn
from intents.state import WALK, Phase
from skill.alexa import screen
from skill.domain.profile import Profile
from skill.domain.streak import Streak, current
from skill.store.errors import StoreUnavailable

log = logging.getLogger("close_together.intents.tonight")


def done_lately(profile: Profile, today: date) -> set[str]:
    """Practices completed today or yesterday: never tonight's pick."""
    since = (today - timedelta(days=1)).isoformat()
    return {practice for day, practice in profile.done if day >= since}


def done_today(profile: Profile, today: date) -> set[str]:
    return {practice for day, practice in profile.done if day == today.isoformat()}


def pick(
    practices: tuple[Practice, ...], profile: Profile, avoid: set[str], rng: random.Random, today: date
) -> Practice:
    """A practice not among ``avoid``, the recent suggestions or those done today or yesterday,
    favouring ones not done lately. The recent suggestions give way first when nothing else is left."""
    lately = done_lately(profile, today)
    recent = set(profile.recent) | avoid | lately
    pool = (
        [p for p in practices if p.id not in recent]
        or [p for p in practices if p.id not in avoid | lately]
        or [p for p in practices if p.id not in lately]
        or list(practices)
    )
    oldest = min(profile.last_done.get(p.id, "") for p in pool)
    fresh = [p for p in pool if profile.last_done.get(p.id, "") == oldest]
    return rng.choice(fresh)


def todays_pick(turn: Turn) -> Practice | None:
    """The practice picked for this evening, if one was."""
    profile = turn.profile
    return turn.content.practice(profile.tonight or "") if profile.tonight_date == turn.today.isoformat() else None


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
        if (
            not another
            and draft.tonight_date == today.isoformat()
            and draft.tonight
            and draft.tonight not in done_lately(draft, today)
        ):
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


def offer(turn: Turn, practice: Practice, key: str, lead_in: str | None = None) -> Response:
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
        card=(f"Tonight: {practice.title}", f"{practice.intro}\n\nAbout {practice.minutes} minutes."),
    )


def session_practice(turn: Turn) -> Practice | None:
    chosen = turn.state.practice
    return turn.content.practice(chosen) if chosen else None


class TonightHandler(IntentHandler):
    intents = ("TonightsExerciseIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase == Phase.LAUNCHED

    def handle(self, handler_input: HandlerInput) -> Response:
        return offer_tonight(self.turn(handler_input))


def offer_tonight(turn: Turn) -> Response:
    """Tonight's pick; when they already did it this evening, a fresh one, saying so kindly."""
    earlier = todays_pick(turn)
    practice = tonight_for(turn)
    lead_in = None
    if earlier is not None and earlier.id != practice.id and earlier.id in done_today(turn.profile, turn.today):
        lead_in = turn.say("tonight_done_already", done=earlier.name)
    return offer(turn, practice, "tonight_offer", lead_in)


def offer_another(turn: Turn) -> Response:
    return offer(turn, tonight_for(turn, another=True), "another_offer")


class AnotherHandler(IntentHandler):
    intents = ("AnotherExerciseIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        return offer_another(self.turn(handler_input))


class StartHandler(IntentHandler):
    intents = ("StartExerciseIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase == Phase.OFFERED

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice = session_practice(turn) or tonight_choice(turn)
        turn.state.practice = practice.id
        # The steps come a part at a time (at most about 30 seconds each, "say next when you're
        # ready"); the last part ends with "say we did it", in this session or a later one-shot.
        return browsing.begin_walk(turn, practice)


class DeclineHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase in (Phase.OFFERED, Phase.LAUNCHED)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return turn.tell(turn.say("declined"))


def streak_words(n: int) -> str:
    return speech.count_words(n)


class CompletedHandler(IntentHandler):
    intents = ("CompletedExerciseIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        try:
            return self._complete(turn)
        except StoreUnavailable:
            log.warning("completion not stored", exc_info=True)
            return turn.ask(turn.say("store_unavailable_not_saved"), turn.say("completed_anything_else"))

    def _complete(self, turn: Turn) -> Response:
        today = turn.today
        practice = session_practice(turn) or self._tonight_if_today(turn, today)
        practice_id = practice.id if practice else "practice"

        def change(draft: Profile) -> bool:
            before = draft.streak_state()
            if not draft.complete(today, practice_id):
                return False
            # Named with the write so the same request delivered again answers the same way.
            key = self._key(before, draft.streak_state(), today)
            if key == "completed_fresh_start" and not draft.rest_explained:
                # The first fresh start after a break says how the rest day works, once per couple.
                key, draft.rest_explained = "completed_fresh_start_explained", True
            draft.outcome = key
            if draft.browse.get("kind") == WALK:  # done: nothing left to pick up with "where were we"
                draft.browse = {}
            return True

        turn.profile, _ = self.services.couples.update(turn.profile, change)
        after = turn.streak()
        name = practice.name if practice else turn.say("unnamed_practice")
        turn.state.leave()
        return turn.tell(
            turn.say(turn.outcome() or "completed_again_today", name=name, streak_words=streak_words(after.current))
        )

    @staticmethod
    def _tonight_if_today(turn: Turn, today: date) -> Practice | None:
        p = turn.profile
        return turn.content.practice(p.tonight or "") if p.tonight_date == today.isoformat() else None

    @staticmethod
    def _key(before: Streak, after: Streak, today: date) -> str:
        if before.last_active is not None and before.last_active >= today:
            return "completed_again_today"
        if after.current == 1:
            return "completed_fresh_start" if before.last_active else "completed_first_day"
        if after.last_rest == today - timedelta(days=1) and before.last_rest != after.last_rest:
            return "completed_rest_day"  # tonight bridged yesterday's gap: say the rest day was used
        if after.current > before.longest >= 2:
            return "completed_record"
        return "completed_streak"


class StreakHandler(IntentHandler):
    intents = ("StreakIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        now = current(turn.streak(), turn.today)
        turn.state.phase = Phase.LAUNCHED
        if now == 0:
            return turn.ask(turn.say("streak_none"), turn.say("launch_reprompt"))
        return turn.ask(
            turn.say("streak_status", streak_words=streak_words(now), longest_words=streak_words(turn.profile.longest)),
            turn.say("launch_reprompt"),
        )


HANDLERS = (TonightHandler, AnotherHandler, StartHandler, DeclineHandler, CompletedHandler, StreakHandler)
