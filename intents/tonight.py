"""Tonight's exercise: offer one, offer another, guide the start, record "we did it", tell the streak."""

from __future__ import annotations

import logging
import random
from datetime import date

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content.schema import Practice
from intents import browsing
from intents.base import PHASE, IntentHandler, Turn
from skill import screen, speech
from skill.store.errors import StoreUnavailable
from skill.store.profile import Profile
from skill.streak import Streak, current

log = logging.getLogger("close_together.intents.tonight")

PRACTICE = "practice"
OFFERED = "offered"  # we asked "shall we start?"
LAUNCHED = "launched"  # we asked "would you like tonight's exercise?"


def pick(practices: tuple[Practice, ...], profile: Profile, avoid: set[str], rng: random.Random) -> Practice:
    """A practice not among ``avoid`` and the recent suggestions, favouring ones not done lately."""
    recent = set(profile.recent) | avoid
    pool = [p for p in practices if p.id not in recent] or [p for p in practices if p.id not in avoid]
    pool = pool or list(practices)
    oldest = min(profile.last_done.get(p.id, "") for p in pool)
    fresh = [p for p in pool if profile.last_done.get(p.id, "") == oldest]
    return rng.choice(fresh)


def tonight_for(turn: Turn, another: bool = False) -> Practice:
    """Tonight's practice for this couple: the one already picked this evening unless they want another."""
    today = turn.today
    profile = turn.profile
    picked = turn.content.practice(profile.tonight or "") if profile.tonight_date == today.isoformat() else None
    if picked is not None and not another:
        return picked
    avoid = {picked.id} if picked else set()
    choice = pick(turn.content.practices, profile, avoid, random.Random())

    def change(draft: Profile) -> bool:
        # Another device may have picked tonight's first: keep theirs so the evening stays stable.
        if not another and draft.tonight_date == today.isoformat() and draft.tonight:
            return False
        draft.suggest(today, choice.id)
        return True

    try:
        turn.profile, _ = turn.deps.store.update(profile, change, step="tonight")
    except StoreUnavailable:
        # The suggestion is still worth giving; only its stability for the evening is lost.
        log.warning("could not store tonight's suggestion", exc_info=True)
        return choice
    return turn.content.practice(turn.profile.tonight or "") or choice


def tonight_choice(turn: Turn) -> Practice:
    """Tonight's practice if one was picked this evening, else a fresh pick that the caller stores."""
    profile = turn.profile
    picked = turn.content.practice(profile.tonight or "") if profile.tonight_date == turn.today.isoformat() else None
    return picked or pick(turn.content.practices, profile, set(), random.Random())


def offer(turn: Turn, practice: Practice, key: str) -> Response:
    turn.session[PHASE] = OFFERED
    turn.session[PRACTICE] = practice.id
    screen.show_practice(turn, practice)
    ssml = turn.say(key, name=practice.name, intro=practice.intro, minutes=practice.minutes)
    return turn.ask(ssml, turn.say("start_reprompt", name=practice.name),
                    card=(f"Tonight: {practice.title}", f"{practice.intro}\n\nAbout {practice.minutes} minutes."))


def session_practice(turn: Turn) -> Practice | None:
    chosen = turn.session.get(PRACTICE)
    return turn.content.practice(chosen) if isinstance(chosen, str) else None


class TonightHandler(IntentHandler):
    intents = ("TonightsExerciseIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase == LAUNCHED

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return offer(turn, tonight_for(turn), "tonight_offer")


class AnotherHandler(IntentHandler):
    intents = ("AnotherExerciseIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return offer(turn, tonight_for(turn, another=True), "another_offer")


class StartHandler(IntentHandler):
    intents = ("StartExerciseIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase == OFFERED

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice = session_practice(turn) or tonight_choice(turn)
        turn.session[PRACTICE] = practice.id
        # The steps come a part at a time (at most about 30 seconds each, "say next when you're
        # ready"); the last part ends with "say we did it", in this session or a later one-shot.
        return browsing.begin_walk(turn, practice)


class DeclineHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase in (OFFERED, LAUNCHED)

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
            draft.outcome = self._key(before, draft.streak_state(), today)
            return True

        turn.profile, _ = self.deps.store.update(turn.profile, change)
        after = turn.streak()
        name = practice.name if practice else "tonight's practice"
        turn.session[PHASE] = None
        return turn.tell(turn.say(turn.outcome() or "completed_again_today", name=name,
                                  streak_words=streak_words(after.current)))

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
        if after.current > before.longest >= 2:
            return "completed_record"
        return "completed_streak"


class StreakHandler(IntentHandler):
    intents = ("StreakIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        now = current(turn.streak(), turn.today)
        turn.session[PHASE] = LAUNCHED
        if now == 0:
            return turn.ask(turn.say("streak_none"), turn.say("launch_reprompt"))
        return turn.ask(turn.say("streak_status", streak_words=streak_words(now),
                                 longest_words=streak_words(turn.profile.longest)),
                        turn.say("launch_reprompt"))


HANDLERS = (TonightHandler, AnotherHandler, StartHandler, DeclineHandler, CompletedHandler, StreakHandler)
