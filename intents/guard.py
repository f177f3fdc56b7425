"""Guards that run before any conversation handler: spoken input the skill will not use.

``InputGuardHandler`` is registered FIRST in ``skill/builder.py``. It looks at every slot of every
intent, whichever conversation owns it (free-speech slots such as a gratitude included), and
answers a value longer than ``Settings.max_slot_chars`` with a kind request to say it shorter and a
reprompt. It reads and writes nothing, and it keeps the session as it was, so the couple can simply
try again in the same conversation.

Missing or unresolved slots are handled by ``IntentHandler.required_slots`` (intents/base.py): a
handler that needs a slot does not take an intent without a usable value, and the catch-all asks
again. Unknown intents reach the same catch-all.
"""

from __future__ import annotations

import logging
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from intents.base import Handler, Turn
from skill.arrival import NOTHING, Reads

log = logging.getLogger("close_together.intents.guard")


def slot_values(handler_input: HandlerInput) -> list[str]:
    """Every spoken value in the request's slots (never logged: they may be a couple's own words)."""
    request = handler_input.request_envelope.request
    if not isinstance(request, IntentRequest) or request.intent is None:
        return []
    slots: Any = request.intent.slots
    if not isinstance(slots, dict):
        return []
    values = []
    for slot in slots.values():
        value = getattr(slot, "value", None)
        if isinstance(value, str):
            values.append(value)
    return values


class InputGuardHandler(Handler):
    def reads(self, turn: Turn) -> Reads:
        return NOTHING  # refused before anything is read

    def can_handle(self, handler_input: HandlerInput) -> bool:
        limit = self.services.settings.max_slot_chars
        return any(len(value) > limit for value in slot_values(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        log.info("slot value over %d characters refused", self.services.settings.max_slot_chars)
        turn = self.turn(handler_input)
        return turn.ask(turn.say("input_too_long"), turn.say("input_too_long_reprompt"))


HANDLERS = (InputGuardHandler,)
