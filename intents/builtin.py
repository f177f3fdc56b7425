"""Amazon's built-in intents and the safety nets every certified skill needs.

Registered last: these catch what the conversation modules did not.
"""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response

from content.phrase_keys import Plain
from intents import gratitude
from intents.base import Handler, Turn
from intents.state import Phase, Round
from intents.thread import here
from skill.arrival import NOTHING, Reads
from skill.services import Services
from skill.store.errors import CoupleGone, OutcomeUnknown, StoreUnavailable

log = logging.getLogger("close_together.intents.builtin")


class SessionEndedHandler(Handler):
    """The session closed without a goodbye (no answer for a while, an error, the user walked off):
    nothing is said, but a round left unfinished keeps its place for "where were we"."""

    def reads(self, turn: Turn) -> Reads:
        return Reads() if self._round(turn) else NOTHING

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        reason = getattr(getattr(request, "reason", None), "value", "unknown")
        log.info("session ended", extra={"reason": str(reason)})
        turn = self.turn(handler_input)
        r = self._round(turn)
        if r is not None:
            gratitude.keep_round_place(turn, r, r.voices)
        return handler_input.response_builder.response

    @staticmethod
    def _round(turn: Turn) -> Round | None:
        return turn.state.round if turn.phase == Phase.ROUND else None


class UnhandledHandler(Handler):
    """Any request nobody else took (an intent out of its phase, an unknown intent, a slot without a
    usable value): "didn't catch that", and the question the phase was waiting for."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if turn.phase is not None:
            return here(turn, turn.say("not_caught"))
        return turn.ask(turn.say("not_understood"), turn.say("help_reprompt"))


def answer_after_error(services: Services, handler_input: HandlerInput, key: Plain) -> Response:
    """The session keeps the state it came with (validated): the failed turn's changes are dropped."""
    turn = Turn.of(services, handler_input)
    turn.reset_state()
    turn.save_state()
    return turn.ask(turn.say(key), turn.say("error_reprompt"))


class StoreUnavailableHandler(AbstractExceptionHandler):
    """DynamoDB could not answer: say so honestly instead of pretending."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return isinstance(exception, StoreUnavailable)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.warning("store unavailable: %s", type(exception.__cause__ or exception).__name__)
        return answer_after_error(self.services, handler_input, "store_unavailable")


class OutcomeUnknownHandler(AbstractExceptionHandler):
    """A write whose result is unknown: say we're not sure, and how to check. Never "saved", never
    "not saved": either could be false. Saying it again is safe (writes are once per request id and
    a day's practice counts once)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return isinstance(exception, OutcomeUnknown)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.warning("write outcome unknown: %s", type(exception.__cause__ or exception).__name__)
        turn = Turn.of(self.services, handler_input)
        turn.reset_state()  # the session keeps the place it came with
        turn.save_state()
        if is_request_type("IntentRequest")(handler_input) and get_intent_name(handler_input) == "GratitudeIntent":
            # A gratitude said again would be a second entry (each is keyed by its request), so the
            # honest advice differs: no need to repeat it.
            return turn.ask(turn.say("store_outcome_unknown_gratitude"), turn.say("error_reprompt"))
        return turn.ask(turn.say("store_outcome_unknown"), turn.say("store_outcome_unknown_reprompt"))


class CoupleGoneHandler(AbstractExceptionHandler):
    """A write refused because the couple was deleted or unlinked after this request read it: say
    so, and keep nothing of the conversation that was going on."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return isinstance(exception, CoupleGone)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.info("a write arrived after the couple's data was deleted or unlinked; refused")
        turn = Turn.of(self.services, handler_input)
        turn.state.clear()
        turn.save_state()
        return turn.tell(turn.say("couple_gone"))


class AnyErrorHandler(AbstractExceptionHandler):
    """Last resort: log with the traceback, apologise with a reprompt, never leak a stack trace."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("unhandled error in a handler", exc_info=exception)
        return answer_after_error(self.services, handler_input, "error")


HANDLERS = (SessionEndedHandler,)
CATCH_ALL = (UnhandledHandler,)
EXCEPTION_HANDLERS = (StoreUnavailableHandler, OutcomeUnknownHandler, CoupleGoneHandler, AnyErrorHandler)
