"""Opening the skill: a short welcome for a new couple, the streak for a returning one."""

from __future__ import annotations

from typing import Literal

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from intents.base import Handler
from intents.state import Phase
from skill.domain.streak import current


class LaunchHandler(Handler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        turn.state.phase = Phase.LAUNCHED
        if turn.profile.is_new:
            return turn.ask(turn.say("launch_new"), turn.say("launch_new_reprompt"))
        streak = current(turn.streak(), turn.today)
        if streak == 0:
            return turn.ask(turn.say("launch_returning_fresh"), turn.say("launch_reprompt"))
        # Opened again after tonight's "we did it": no offer of the practice just done.
        done = turn.streak().last_active == turn.today
        key: Literal["launch_returning_done", "launch_returning"] = (
            "launch_returning_done" if done else "launch_returning"
        )
        reprompt = turn.say("completed_anything_else" if done else "launch_reprompt")
        return turn.ask(turn.say(key, streak_words=turn.count("count_days", streak)), reprompt)


HANDLERS = (LaunchHandler,)
