"""The guide by voice: why closeness matters, the steps in groups, any step or exercise by name,
next / back / again / "what were we on?", exercises started by name, and a gentle stop or pause
during a walkthrough. Every answer stays within about 30 seconds (intents.browsing)."""

from __future__ import annotations

import random

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content import speech
from content.naming import normalise
from content.schema import Catalogue, Practice, Reason, StepGroup
from intents.base import IntentHandler, Turn
from intents.browsing import (
    BUDGET_SECONDS,
    GROUP_GAP,
    begin_walk,
    compose,
    current,
    exercises,
    held_parts,
    overview_pages,
    place_of,
    remember,
    saved,
    show_walk,
    steps_in_order,
    tour_length,
)
from intents.finding import find_practice, number_from
from intents.practice import offer_another, offer_tonight, session_practice
from intents.slots import resolution
from intents.state import MAX_TRAIL, Phase
from skill.domain.place import ANY, EXERCISES, REASONS, STEPS, WALK, Place

GAP = 0.5
PRACTICE_SLOT = "practice"
GROUP_SLOT = "group"
NUMBER_SLOTS = ("number", "ordinal")  # "step five" (AMAZON.NUMBER), "the fifth step" (AMAZON.Ordinal)


# -- reasons -------------------------------------------------------------------------------------


def pick_reason(
    reasons: tuple[Reason, ...], heard: list[str], group: str, rng: random.Random
) -> tuple[Reason, list[str]]:
    """A reason from ``group`` not heard in this rotation, and the rotation after hearing it.

    When the group has all been heard its rotation starts again, but never with the reason heard
    last, so nobody hears the same reason twice in a row.
    """
    pool = [r for r in reasons if group in (ANY, r.group)] or list(reasons)
    known = {r.id for r in reasons}
    heard = list(dict.fromkeys(h for h in heard if h in known))
    fresh = [r for r in pool if r.id not in heard]
    if not fresh:
        ids = {r.id for r in pool}
        last = next((h for h in reversed(heard) if h in ids), None)
        heard = [h for h in heard if h not in ids]
        fresh = [r for r in pool if r.id != last] or pool
    choice = rng.choice(fresh)
    return choice, [*heard, choice.id]


def say_reason(turn: Turn, reason: Reason, lead_in: str | None = None) -> Response:
    turn.state.phase = Phase.REASON
    ssml = compose(
        lead_in,
        GAP if lead_in else None,
        turn.say("reason_answer", title=reason.title, text=reason.text),
        GAP,
        turn.say("reason_offer"),
    )
    return turn.ask(ssml, turn.say("reason_reprompt"), card=(reason.title, reason.text))


def new_reason(turn: Turn, group: str, lead_in: str | None = None) -> Response:
    reason, heard = pick_reason(turn.content.reasons, turn.profile.reasons_heard, group, random.Random())
    trail = [*trail_of(turn), reason.id][-MAX_TRAIL:]
    turn.state.trail = trail
    remember(turn, Place(REASONS, group, len(trail) - 1), heard=heard)
    return say_reason(turn, reason, lead_in)


def trail_of(turn: Turn) -> list[str]:
    known = {r.id for r in turn.content.reasons}
    return [r for r in turn.state.trail if r in known]


def reason_by_id(content: Catalogue, reason_id: str) -> Reason:
    return next(r for r in content.reasons if r.id == reason_id)


def move_reason(turn: Turn, place: Place, delta: int) -> Response:
    trail = trail_of(turn)
    target = place.pos + delta
    if not trail:
        return new_reason(turn, place.id)
    if target >= len(trail):
        return new_reason(turn, place.id)
    lead_in = turn.say("browse_at_start") if target < 0 else None
    target = min(max(target, 0), len(trail) - 1)
    remember(turn, place.at(target))
    return say_reason(turn, reason_by_id(turn.content, trail[target]), lead_in)


# -- the steps: overview pages, then each step; and the exercises --------------------------------


def say_overview(turn: Turn, page: int, lead_in: str | None = None) -> Response:
    content = turn.content
    pages = overview_pages(content)
    start, end = pages[page]
    groups: tuple[StepGroup, ...] = content.step_groups[start:end]
    last = page == len(pages) - 1
    turn.state.phase = Phase.OVERVIEW
    ssml = compose(
        lead_in,
        GAP if lead_in else None,
        turn.say("steps_intro", count=len(steps_in_order(content)), groups=len(content.step_groups))
        if page == 0
        else None,
        GROUP_GAP if page == 0 else None,
        speech.join([g.line for g in groups], gap_seconds=GROUP_GAP),
        GROUP_GAP,
        turn.say("steps_offer") if last else turn.say("steps_more"),
    )
    card = (turn.words("card_steps_title"), "\n".join(g.line for g in groups))
    return turn.ask(ssml, turn.say("steps_reprompt"), card=card)


def explain(turn: Turn, practice: Practice, lead_in: str | None = None, itself: bool = False) -> Response:
    """A practice in a few sentences, then an offer to do it (or its matching exercise) tonight;
    ``itself`` keeps the offer on this practice (it was the one just offered)."""
    linked = turn.content.practice(practice.exercise) if practice.exercise and not itself else None
    if linked is not None:
        offer, target = turn.say("explain_offer_exercise", exercise=linked.name), linked
    elif practice.kind == "exercise" or itself:
        offer, target = turn.say("explain_offer_exercise_self"), practice
    else:
        offer, target = turn.say("explain_offer_self"), practice
    heading = (
        turn.say("step_heading", number=practice.number, title=practice.title)
        if practice.kind == "step"
        else turn.say("exercise_heading", title=practice.title)
    )
    about = speech.text(practice.about)

    def answer(lead: str | None, head: str | None) -> str:
        return compose(lead, GAP if lead else None, head, GAP if head else None, about, GAP, offer)

    # The heading, then the lead-in, give way when the answer would run past about 30 seconds.
    ssml = answer(lead_in, heading)
    for lead, head in ((lead_in, None), (None, None)):
        if speech.duration(ssml) <= BUDGET_SECONDS:
            break
        ssml = answer(lead, head)
    turn.state.phase = Phase.EXPLAINED
    turn.state.practice = target.id
    return turn.ask(ssml, turn.say("explain_reprompt", name=target.name), card=(practice.title, practice.about))


# -- moving about --------------------------------------------------------------------------------


def show(turn: Turn, place: Place, lead_in: str | None = None) -> Response:
    """Say what is at ``place`` and remember it."""
    content = turn.content
    if place.kind == WALK:
        practice = content.practice(place.id)
        if practice is None:
            return nothing(turn)
        remember(turn, place)
        return show_walk(turn, practice, place.pos, lead_in)
    remember(turn, place)
    if place.kind == EXERCISES:
        return explain(turn, exercises(content)[place.pos], lead_in)
    pages = len(overview_pages(content))
    if place.pos < pages:
        return say_overview(turn, place.pos, lead_in)
    return explain(turn, steps_in_order(content)[place.pos - pages], lead_in)


def move(turn: Turn, place: Place | None, delta: int) -> Response:
    """Next (+1), back (-1) or again (0) through whatever is being browsed."""
    if place is None:
        return nothing(turn)
    if place.kind == REASONS:
        return move_reason(turn, place, delta)
    length = tour_length(turn.content, place)
    if length == 0:
        return nothing(turn)
    pos = min(max(place.pos, 0), length - 1)
    target = pos + delta
    if target >= length:
        return at_end(turn, place.at(pos))
    if target < 0:
        return show(turn, place.at(0), turn.say("browse_at_start"))
    return show(turn, place.at(target))


def at_end(turn: Turn, place: Place) -> Response:
    turn.state.browse = place
    if place.kind == WALK:  # past the last step: did they finish it? (yes counts it: intents/walkthrough.py)
        practice = turn.content.practice(place.id)
        turn.state.phase, turn.state.practice = Phase.WALK, place.id
        turn.state.held = len(held_parts(practice, place.pos)) if practice else 0  # its time is behind them
        return turn.ask(turn.say("walk_finish"), turn.say("walk_finish_reprompt"))
    turn.state.phase = Phase.LAUNCHED  # "yes" now offers tonight's exercise
    return turn.ask(turn.say("browse_end"), turn.say("launch_reprompt"))


def resume(turn: Turn) -> Response:
    place = current(turn) or saved(turn)
    if place is None:
        return nothing(turn)
    lead_in = turn.say("browse_resume")
    if place.kind == REASONS:
        return new_reason(turn, place.id, lead_in)
    length = tour_length(turn.content, place)
    if length == 0:
        return nothing(turn)
    return show(turn, place.at(min(max(place.pos, 0), length - 1)), lead_in)


def nothing(turn: Turn) -> Response:
    turn.state.leave()
    return turn.ask(turn.say("browse_nothing"), turn.say("browse_nothing_reprompt"))


# -- handlers ------------------------------------------------------------------------------------


class ReasonHandler(IntentHandler):
    """ "Why does closeness matter?", "tell me about physical closeness", and yes to another."""

    # "Another one" after a reason means another reason, not another exercise.
    intents = ("WhyClosenessIntent", "AMAZON.YesIntent", "AnotherExerciseIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) == "WhyClosenessIntent" or turn.phase == Phase.REASON

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if get_intent_name(handler_input) != "WhyClosenessIntent":
            # Yes or "another one" right after a reason: another of the same kind.
            place = current(turn)
            return new_reason(turn, place.id if place and place.kind == REASONS else ANY)
        resolved, spoken = resolution(turn.input, GROUP_SLOT)
        groups = {r.group for r in turn.content.reasons}
        group = next((g for g in (resolved, normalise(spoken or "")) if g in groups), ANY)
        lead_in = None
        if group == ANY and not turn.profile.reasons_heard:  # the first time: how the reasons are grouped
            count = {g: sum(r.group == g for r in turn.content.reasons) for g in ("physical", "emotional")}
            lead_in = turn.say("reasons_intro", physical=count["physical"], emotional=count["emotional"])
        return new_reason(turn, group, lead_in)


class OverviewHandler(IntentHandler):
    intents = ("StepsOverviewIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return show(turn, Place(STEPS, "", 0))


class ExplainHandler(IntentHandler):
    intents = ("ExplainPracticeIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        practice = find_practice(turn.content, *resolution(turn.input, PRACTICE_SLOT))
        if practice is None:
            return unknown(turn)
        return show(turn, place_of(turn.content, practice))


class StepByNumberHandler(IntentHandler):
    """ "Step five", "the fifth step", "what's step 11": that step, explained; a kind word past the end."""

    intents = ("StepByNumberIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        ordered = steps_in_order(turn.content)
        wanted = next((n for n in (step_number(turn, name) for name in NUMBER_SLOTS) if n is not None), None)
        step = next((p for p in ordered if p.number == wanted), None)
        if step is None:
            turn.state.leave()
            return turn.ask(turn.say("step_out_of_range", count=len(ordered)), turn.say("step_out_of_range_reprompt"))
        return show(turn, place_of(turn.content, step))


def step_number(turn: Turn, name: str) -> int | None:
    """The number Alexa heard in a number or ordinal slot ("5"; "?" or words when it could not tell)."""
    return number_from(resolution(turn.input, name)[1], turn.content.numbers)


class OfferFollowUpHandler(IntentHandler):
    """Right after tonight's offer (or the question that leads to it): "next" or "skip" offers
    another practice, and "tell me more" explains the one offered."""

    # "Skip" is heard as the gratitude round's skip intent, which means nothing outside a round.
    intents = ("AMAZON.NextIntent", "GratitudeSkipIntent", "TellMeMoreIntent")

    def applies(self, turn: Turn) -> bool:
        # After browsing to the end of the steps the phase is "launched" too: there next stays browsing.
        return turn.phase == Phase.OFFERED or (turn.phase == Phase.LAUNCHED and current(turn) is None)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        offered = session_practice(turn) if turn.phase == Phase.OFFERED else None
        if get_intent_name(handler_input) != "TellMeMoreIntent":
            return offer_another(turn)
        if offered is None:
            return offer_tonight(turn)
        return explain(turn, offered, itself=True)


def unknown(turn: Turn) -> Response:
    turn.state.leave()
    return turn.ask(turn.say("explain_unknown"), turn.say("explain_unknown_reprompt"))


class StartPracticeHandler(IntentHandler):
    """ "Let's do the touch map", or yes after an explanation: guide that practice now."""

    intents = ("StartPracticeIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase == Phase.EXPLAINED

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if get_intent_name(handler_input) == "AMAZON.YesIntent":
            practice = session_practice(turn)
        else:
            practice = find_practice(turn.content, *resolution(turn.input, PRACTICE_SLOT))
        if practice is None:
            return unknown(turn)
        turn.state.practice = practice.id
        return begin_walk(turn, practice)


class NextHandler(IntentHandler):
    intents = ("AMAZON.NextIntent", "TellMeMoreIntent", "NextStepIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase in (Phase.OVERVIEW, Phase.WALK)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return move(turn, current(turn) or saved(turn), +1)


class BackHandler(IntentHandler):
    intents = ("AMAZON.PreviousIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return move(turn, current(turn) or saved(turn), -1)


class GuideNoHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase in (Phase.REASON, Phase.OVERVIEW, Phase.EXPLAINED)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        phase = turn.phase
        turn.state.leave()
        if phase == Phase.EXPLAINED:
            return turn.ask(turn.say("explain_declined"), turn.say("browse_nothing_reprompt"))
        return turn.tell(turn.say("browse_declined"))


HANDLERS = (
    ReasonHandler,
    OverviewHandler,
    ExplainHandler,
    StepByNumberHandler,
    StartPracticeHandler,
    OfferFollowUpHandler,
    NextHandler,
    BackHandler,
    GuideNoHandler,
)
