"""Tonight's exercise: offer one, offer another, guide the start, record "we did it", tell the streak."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from intents import browsing
from intents.base import IntentHandler, Turn
from intents.practice import complete, offer_another, offer_tonight, session_practice, tonight_choice
from intents.state import Phase
from skill.domain.streak import current

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
        return complete(self.turn(handler_input))


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
