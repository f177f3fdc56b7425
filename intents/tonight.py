"""Tonight's exercise: offer one, offer another, guide the start, record "we did it", tell the streak."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from intents import browsing
from intents.base import IntentHandler, Turn
from intents.practice import offer_another, offer_tonight, session_practice, todays_pick, tonight_choice
from intents.state import WALK, Phase
from skill.domain.profile import Profile
from skill.domain.streak import Streak, current
from skill.store.errors import StoreUnavailable

log = logging.getLogger("close_together.intents.tonight")


class TonightHandler(IntentHandler):
    intents = ("TonightsExerciseIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase == Phase.LAUNCHED

    def handle(self, handler_input: HandlerInput) -> Response:
        return offer_tonight(self.turn(handler_input))


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
        browsing.set_aside(turn)
        return turn.tell(turn.say("declined"))


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
        practice = session_practice(turn) or todays_pick(turn)
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
            turn.say(
                turn.outcome() or "completed_again_today",
                name=name,
                streak_words=turn.count("count_days", after.current),
            )
        )

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
        done_tonight = turn.streak().last_active == turn.today  # no offer of what they just did
        return turn.ask(
            turn.say(
                "streak_status_done_tonight" if done_tonight else "streak_status",
                streak_words=turn.count("count_days", now),
                longest_words=turn.count("count_days", turn.profile.longest),
            ),
            turn.say("completed_anything_else" if done_tonight else "launch_reprompt"),
        )


HANDLERS = (TonightHandler, AnotherHandler, StartHandler, DeclineHandler, CompletedHandler, StreakHandler)
