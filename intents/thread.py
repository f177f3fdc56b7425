"""Keeping the thread: help, "didn't catch that", repeat, pause, "where were we", stop, and speech
that belongs to another conversation, answered where the couple is (docs/conversation.md).

Registered right after the input guard, so these turns mean the same in every conversation. In a
practice (a walkthrough, a gratitude round, learning names) anything that is not the practice's
own keeps the place: the same partner is asked again, or the couple hears which step they are on
and how to go on. Only stop and cancel leave a phase.
"""

from __future__ import annotations

from typing import cast

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response

from content.phrase_keys import Plain, Says_name
from content.speech import held
from intents import browsing, gratitude, guide, partners, question, reminders
from intents.base import Handler, IntentHandler, Turn
from intents.practice import session_practice
from intents.state import PRACTICE_PHASES, Phase
from skill.domain.hearing import Heard
from skill.domain.place import ROUND, WALK

HELP = "AMAZON.HelpIntent"
FALLBACK = "AMAZON.FallbackIntent"
REPEAT = "AMAZON.RepeatIntent"
PAUSE = "AMAZON.PauseIntent"
HOLD_ON = "HoldOnIntent"
ANOTHER = ("AnotherQuestionIntent", "AnotherExerciseIntent")
STOP = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")
RESUME = ("AMAZON.ResumeIntent", "ResumeGuideIntent", "ResumeGratitudeRoundIntent")

# The intents each practice phase answers itself; anything else there keeps the place.
OWN_INTENTS: dict[Phase, frozenset[str]] = {
    Phase.WALK: frozenset(
        {
            "AMAZON.NextIntent",
            "NextStepIntent",
            "TellMeMoreIntent",
            "AMAZON.PreviousIntent",
            "AMAZON.YesIntent",
            "AMAZON.NoIntent",
            "CompletedExerciseIntent",
            "StartPracticeIntent",
            "StartExerciseIntent",
            "GratitudeSkipIntent",  # "skip" and "skip this step": the next step (intents/walkthrough.py)
            "StepByNumberIntent",  # "step five": that step of this practice
        }
    ),
    Phase.ROUND: frozenset(
        {"GratitudeIntent", "GratitudeSkipIntent", "AMAZON.NextIntent", "StartGratitudeRoundIntent"}
    ),
    Phase.NAMES: frozenset({"PartnerNamesIntent"}),
    Phase.CONFIRM_NAMES: frozenset({"PartnerNamesIntent", "AMAZON.YesIntent", "AMAZON.NoIntent"}),
}

# The one question each phase was waiting for, asked again after help or "didn't catch that".
_QUESTION: dict[Phase, Plain] = {
    Phase.LAUNCHED: "launch_reprompt",
    Phase.REASON: "reason_reprompt",
    Phase.OVERVIEW: "steps_reprompt",
    Phase.SUMMARY_MORE: "summary_more_reprompt",
    Phase.ROUND_OFFER: "grat_offer_reprompt",
}


def here(turn: Turn, lead: str) -> Response:
    """Say ``lead``, then ask again what this phase was waiting for, keeping the place."""
    phase = turn.phase
    if phase in (Phase.ROUND, Phase.NAMES, Phase.CONFIRM_NAMES):
        return gratitude.reask(turn, lead)
    if phase in question.QUESTION_PHASES:
        return question.reask(turn, lead)
    if phase in (Phase.CONFIRM_DELETE, Phase.CONFIRM_DELETE_MINE):
        return partners.delete_question(turn, lead)
    if phase == Phase.REMINDER_OFFER:
        asked = reminders.offer_question(turn)
        return turn.ask(f"{lead} {asked}", asked)
    if phase == Phase.WALK:
        place = turn.state.browse
        practice = turn.content.practice(place.id) if place and place.kind == WALK else None
        if practice is not None and place is not None:
            return browsing.where_in_walk(turn, practice, place.pos, lead)
    practice = session_practice(turn)
    if phase in (Phase.OFFERED, Phase.EXPLAINED) and practice is not None:
        key: Says_name = "start_reprompt" if phase == Phase.OFFERED else "explain_reprompt"
        # after a lead-in (help names "another one" already) the offer's question alone
        offered: Says_name = "start_question" if phase == Phase.OFFERED else key
        return turn.ask(f"{lead} {turn.say(offered, name=practice.name)}", turn.say(key, name=practice.name))
    if phase in _QUESTION:
        return turn.ask(f"{lead} {turn.say(_QUESTION[phase])}", turn.say(_QUESTION[phase]))
    turn.state.leave()
    return turn.ask(f"{lead} {turn.say('what_next')}", turn.say("help_reprompt"))


def in_practice(turn: Turn) -> bool:
    return turn.phase in PRACTICE_PHASES


class HelpHandler(IntentHandler):
    intents = (HELP,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if turn.phase is None:
            return turn.ask(turn.say("help"), turn.say("help_reprompt"))
        # every phase has its help_in_<phase> phrase (the loader refuses content without one)
        return here(turn, turn.say(cast(Plain, f"help_in_{turn.phase.value}")))


class FallbackHandler(IntentHandler):
    """Speech that matched nothing: in a round the asked partner gets one more try, elsewhere the
    phase's question again; with nothing going on, what the skill can do."""

    intents = (FALLBACK,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        r = turn.state.round
        if turn.phase == Phase.ROUND and r is not None:
            return gratitude.not_understood(turn, r)
        if turn.phase is None:
            return turn.ask(turn.say("fallback"), turn.say("fallback_reprompt"))
        return here(turn, turn.say("not_caught"))


class RepeatHandler(IntentHandler):
    intents = (REPEAT,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        place = turn.state.browse
        if turn.phase == Phase.WALK and place is not None:
            practice = turn.content.practice(place.id)
            if practice is not None:
                return browsing.show_walk(turn, practice, place.pos)
        if turn.phase in (Phase.REASON, Phase.OVERVIEW, Phase.EXPLAINED) and place is not None:
            return guide.move(turn, place, 0)
        if turn.phase is None:
            saved = place or browsing.saved(turn)
            if saved is not None and saved.kind != ROUND:
                return guide.move(turn, saved, 0)
            return turn.ask(turn.say("repeat_nothing"), turn.say("help_reprompt"))
        return here(turn, "")


class PauseHandler(IntentHandler):
    """ "Pause" or "hold on": a walkthrough's place is already kept (each step); a round keeps its
    place now. Say how to come back and let them be."""

    intents = (PAUSE,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        phase = turn.phase
        if phase == Phase.ROUND and turn.state.round is not None:
            gratitude.keep_round_place(turn, turn.state.round, turn.state.round.voices)
        turn.state.leave()
        marker = browsing.saved(turn) if phase is None else None
        if phase == Phase.WALK or (marker is not None and marker.kind == WALK):
            return turn.tell(turn.say("paused_walk"))
        if phase in PRACTICE_PHASES or (marker is not None and marker.kind == ROUND):
            return turn.tell(turn.say("paused"))
        return turn.tell(turn.say("paused_nothing"))


class HoldOnHandler(PauseHandler):
    """ "Hold on", "give me a sec", "wait" while a partner is being asked (a round's turn, names,
    tonight's question): a quiet wait, then the same question again. Anywhere else it pauses."""

    intents = (HOLD_ON,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        r = turn.state.round
        if turn.phase == Phase.ROUND and r is not None:
            return gratitude.hold(turn, r)
        if turn.phase in question.QUESTION_PHASES:
            return question.hold(turn)
        if turn.phase in (Phase.NAMES, Phase.CONFIRM_NAMES):
            return here(turn, f"{turn.say('hold_lead')} {held()}")
        return super().handle(handler_input)


def resume(turn: Turn, round_only: bool = False) -> Response:
    """ "Where were we?": in a practice, where we are; else what was interrupted, round or walkthrough."""
    if in_practice(turn):
        return here(turn, turn.say("resume_here"))
    marker = browsing.saved(turn)
    if (marker is not None and marker.kind == ROUND) or round_only:
        found = gratitude.resume_round(turn, marker if marker and marker.kind == ROUND else None)
        if found is not None:
            return found
        turn.state.phase = Phase.ROUND_OFFER
        return turn.ask(turn.say("grat_nothing_to_resume"), turn.say("grat_offer_reprompt"))
    if marker is not None and marker.kind == WALK and turn.state.browse is None:
        practice = turn.content.practice(marker.id)
        if practice is not None:
            return browsing.show_walk(turn, practice, marker.pos, turn.say("walk_resume", name=practice.name))
    if turn.state.browse is None and marker is None and turn.phase is not None:
        return here(turn, turn.say("resume_here"))  # nothing paused: the question we were on
    return guide.resume(turn)


class ResumeHandler(IntentHandler):
    intents = RESUME

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return resume(turn, round_only=get_intent_name(handler_input) == "ResumeGratitudeRoundIntent")


class StopHandler(IntentHandler):
    """Stop and cancel leave any phase: a round keeps what was shared, a walkthrough its place."""

    intents = STOP

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        phase = turn.phase
        if phase == Phase.ROUND:
            return gratitude.stop_round(turn)
        turn.state.leave()
        if phase in (Phase.CONFIRM_DELETE, Phase.CONFIRM_DELETE_MINE):  # "cancel", "never mind": a no
            return turn.tell(turn.say("delete_kept"))
        if phase == Phase.WALK:
            practice = session_practice(turn)
            return turn.tell(
                turn.say("walk_stopped", name=practice.name if practice else turn.words("unnamed_practice"))
            )
        return turn.tell(turn.say("goodbye"))


class StayHandler(Handler):
    """In a practice, an intent that belongs elsewhere ("what's the weather" heard as something,
    tonight's exercise asked mid-round) keeps the place instead of dropping it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        turn = self.turn(handler_input)
        own = OWN_INTENTS.get(turn.phase) if turn.phase else None
        return own is not None and get_intent_name(handler_input) not in own

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        r = turn.state.round
        if turn.phase == Phase.ROUND and r is not None and get_intent_name(handler_input) in ANOTHER:
            return gratitude.aside(turn, r, Heard.ANOTHER)  # "a different one": the question put another way
        # A stray "yes" or "go back" was probably misheard; a request for something else is kindly held off.
        builtin = str(get_intent_name(handler_input)).startswith("AMAZON.")
        return here(turn, turn.say("not_caught" if builtin else "stay_in_practice"))


class KeepGoingHandler(IntentHandler):
    """ "Keep going", "continue", "next step" with nothing on in this session (a one-shot, or after a
    lapse): a paused round goes on where it stopped; anything else moves on from where they were."""

    intents = ("NextStepIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase is None

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        marker = browsing.saved(turn)
        if marker is not None and marker.kind == ROUND:
            return resume(turn)
        return guide.move(turn, browsing.current(turn) or marker, +1)


class ReaskHandler(IntentHandler):
    """ "Next" or "back" after a yes-or-no question that has no next: the question again."""

    intents = ("AMAZON.NextIntent", "AMAZON.PreviousIntent", "NextStepIntent", "TellMeMoreIntent")

    def applies(self, turn: Turn) -> bool:
        if get_intent_name(turn.input) == "AMAZON.PreviousIntent" and turn.phase in (Phase.LAUNCHED, Phase.OFFERED):
            return True  # nothing to go back to: ask again (what "next" means there is tonight's)
        return turn.phase in (
            Phase.SUMMARY_MORE,
            Phase.CONFIRM_DELETE,
            Phase.CONFIRM_DELETE_MINE,
            Phase.ROUND_OFFER,
            Phase.REMINDER_OFFER,
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return here(self.turn(handler_input), "")


HANDLERS = (
    HelpHandler,
    FallbackHandler,
    RepeatHandler,
    PauseHandler,
    HoldOnHandler,
    ResumeHandler,
    StopHandler,
    StayHandler,
    KeepGoingHandler,
    ReaskHandler,
)
