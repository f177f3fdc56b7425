"""Inside a guided practice: going on, held time, "tell me more", skip, "step N", and the finish.

One practice is one session (docs/conversation.md, "Pacing"): a timed step's time is held inside
its answer (intents/browsing.py ``show_walk``), then "Ready for the next step?"; "yes", "next" or
"keep going" goes on; the last step asks "Did you finish it together?" and a yes counts it.
"Skip" moves on without the rest of the step's time, "step five" jumps within the practice, "tell
me more" says a little more about the step they are on (and, right after the guide explained a
step, about that step). "Go back", repeat and stop are the guide's and the thread's.
"""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response

from content import speech
from content.schema import Practice
from intents.base import Handler, IntentHandler, Turn
from intents.browsing import (
    compose,
    exercises,
    held_parts,
    minutes_left,
    overview_pages,
    remember,
    show_walk,
    steps_in_order,
    walk_question,
    walk_reprompt,
)
from intents.finding import number_from
from intents.practice import complete
from intents.slots import resolution
from intents.state import Phase
from skill.arrival import NOTHING, Reads
from skill.domain.place import EXERCISES, STEPS, WALK, Place

log = logging.getLogger("close_together.intents.walkthrough")

APLA_ERROR = "Alexa.Presentation.APLA.RuntimeError"
YES, NEXT, NEXT_STEP, SKIP = "AMAZON.YesIntent", "AMAZON.NextIntent", "NextStepIntent", "GratitudeSkipIntent"
NUMBER_SLOTS = ("number", "ordinal")
GAP = 0.5


def walk_of(turn: Turn) -> tuple[Practice, int] | None:
    """The practice being guided in this session and the step the couple is on."""
    place = turn.state.browse
    if turn.phase != Phase.WALK or place is None or place.kind != WALK:
        return None
    practice = turn.content.practice(place.id)
    if practice is None:
        return None
    return practice, min(max(place.pos, 0), len(practice.steps) - 1)


def go_to(turn: Turn, practice: Practice, step: int) -> Response:
    """Step ``step`` of the practice, remembered for "where were we" (one write when it moved)."""
    remember(turn, Place(WALK, practice.id, step))
    return show_walk(turn, practice, step)


class InWalk(IntentHandler):
    def applies(self, turn: Turn) -> bool:
        return walk_of(turn) is not None

    def walk(self, turn: Turn) -> tuple[Practice, int]:
        found = walk_of(turn)
        assert found is not None  # applies() held
        return found


class GoOnHandler(InWalk):
    """Yes, next, "keep going", skip: the rest of the step's time if some is left (skip passes it
    by), else the next step; on the last step, yes counts the practice."""

    intents = (YES, NEXT, NEXT_STEP, SKIP)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice, step = self.walk(turn)
        intent = get_intent_name(handler_input)
        if intent != SKIP and turn.state.held < len(held_parts(practice, step)):
            return show_walk(turn, practice, step, part=turn.state.held)
        if step < len(practice.steps) - 1:
            return go_to(turn, practice, step + 1)
        if intent == YES:
            return complete(turn)
        turn.state.held = len(held_parts(practice, step))
        return turn.ask(turn.say("walk_finish"), turn.say("walk_finish_reprompt"))


class NotYetHandler(InWalk):
    """No: to "Ready for the next step?" there is no rush; to "Did you finish it together?" too."""

    intents = ("AMAZON.NoIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice, step = self.walk(turn)
        if walk_question(turn, practice, step) == "walk_finish":
            return turn.ask(turn.say("walk_finish_wait"), turn.say("walk_finish_reprompt"))
        return turn.ask(turn.say("walk_wait"), turn.say("walk_reprompt"))


class MoreHandler(InWalk):
    """ "Tell me more": a little more about the step they are on, then the same question again."""

    intents = ("TellMeMoreIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice, step = self.walk(turn)
        more = practice.more[step] if step < len(practice.more) else practice.steps[step]
        question = turn.say(walk_question(turn, practice, step), minutes=minutes_left(turn, held_parts(practice, step)))
        return turn.ask(compose(speech.text(more), GAP, question), walk_reprompt(turn, practice, step))


class StepNumberHandler(InWalk):
    """ "Step five", "go to step 3": that step of this practice (the guide's steps are another tour)."""

    intents = ("StepByNumberIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice, step = self.walk(turn)
        wanted = next(
            (
                n
                for n in (number_from(resolution(turn.input, s)[1], turn.content.numbers) for s in NUMBER_SLOTS)
                if n is not None
            ),
            None,
        )
        count = len(practice.steps)
        if wanted is None or not 1 <= wanted <= count:
            said = turn.say("walk_step_out_of_range", name=practice.name, count=count)
            return turn.ask(said, walk_reprompt(turn, practice, step))
        return go_to(turn, practice, wanted - 1)


class ExplainedMoreHandler(IntentHandler):
    """ "Tell me more" right after the guide explained a step or an exercise: more about that one (what
    doing it is like, and how long it takes), not the next one; the offer stays on what goes with it."""

    intents = ("TellMeMoreIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.EXPLAINED and explained(turn) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice = explained(turn)
        assert practice is not None  # applies() held
        offered = turn.content.practice(turn.state.practice or "") or practice
        more = turn.say("explain_more", intro=practice.intro, minutes=turn.count("count_minutes", practice.minutes))
        reprompt = turn.say("explain_reprompt", name=offered.name)
        return turn.ask(compose(more, GAP, reprompt), reprompt)


def explained(turn: Turn) -> Practice | None:
    """The step or exercise the guide just explained (its place in the tour)."""
    place = turn.state.browse
    if place is None:
        return None
    if place.kind == EXERCISES and 0 <= place.pos < len(exercises(turn.content)):
        return exercises(turn.content)[place.pos]
    pages = len(overview_pages(turn.content))
    ordered = steps_in_order(turn.content)
    if place.kind == STEPS and pages <= place.pos < pages + len(ordered):
        return ordered[place.pos - pages]
    return None


class HeldAudioErrorHandler(Handler):
    """Alexa could not play a held step's audio (``Alexa.Presentation.APLA.RuntimeError``, e.g. the
    sound library unreachable): noted, and nothing said over the moment; the session keeps its place
    and the reprompt still asks the step's question."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type(APLA_ERROR)(handler_input))

    def reads(self, turn: Turn) -> Reads:
        return NOTHING

    def handle(self, handler_input: HandlerInput) -> Response:
        errors = getattr(handler_input.request_envelope.request, "errors", None) or []
        log.warning(
            "held audio could not play", extra={"errors": [str(getattr(e, "object_type", "?")) for e in errors]}
        )
        return handler_input.response_builder.response


HANDLERS = (GoOnHandler, NotYetHandler, MoreHandler, StepNumberHandler, ExplainedMoreHandler, HeldAudioErrorHandler)
