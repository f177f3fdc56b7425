"""Tonight's question: one question an evening from the bank in content/en/questions.toml, the same on
both devices of a linked couple; answered apart, heard together (docs/question.md).

The couple's place in their own shuffled order of the bank (skill/domain/question.py) lives in one
small profile field (``Profile.question``, a ``QuestionPlace``), never a list of
what was asked: each evening moves one place on, "another question" one more, at most once an evening. The order is a
fixed permutation of the bank, walked round and round, so a question comes back only after every
other one has been asked: with at least two questions a night for ninety nights in the bank
(content.schema.MIN_QUESTIONS), nothing repeats within ninety days, at the same cost every night.

On two linked devices each partner answers on their own (the answer slot is elicited, so their own
words need no set opening); neither hears the other's answer until both have answered. Answers are
items of their own (skill/store/answers.py) that expire the next evening. The words are personal:
nothing here logs them.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content.phrase_keys import Plain, Says_question
from content.schema import Question
from content.speech import held
from intents.base import IntentHandler, Turn
from intents.slots import person_id, request_id, slot_text
from intents.state import Phase
from intents.words import quote
from skill.domain import hearing
from skill.domain.answer import Answer
from skill.domain.evening import evening_at
from skill.domain.hearing import Heard
from skill.domain.profile import Profile
from skill.domain.question import moved_on, question_at
from skill.store.errors import OutcomeUnknown, StoreUnavailable

log = logging.getLogger("close_together.intents.question")

TONIGHT_INTENT = "TonightsQuestionIntent"
ANOTHER_INTENT = "AnotherQuestionIntent"
ANSWER_INTENT, ANSWER_SLOT = "QuestionAnswerIntent", "answer"
HEAR_INTENT = "HearAnswersIntent"
QUESTION_PHASES = frozenset({Phase.Q_TALK, Phase.Q_ANSWER, Phase.Q_HEAR})

# Answers are kept until the next evening begins (local time), then DynamoDB's TTL removes them.
ANSWERS_KEPT_UNTIL = time(18, 0)
MAX_ANSWER_CHARS = 300
STEP = "question"  # this feature's write within a request (CoupleStore.request_token)


def evening(turn: Turn) -> date:
    """A question asked at 11 pm can still be answered after midnight (skill/domain/evening.py)."""
    return evening_at(turn.now, turn.time_zone)


def tonights(turn: Turn, another: bool = False) -> tuple[Question, bool]:
    """Tonight's question (one write when the evening or the question changes), and whether this
    request moved on to another. The same for both devices all evening: the place is the couple's,
    and a device that finds the evening already set (first read, or after a conflict) keeps it."""
    tonight = evening(turn)
    moved = False

    def change(draft: Profile) -> bool:
        nonlocal moved
        before = draft.question
        after = moved_on(before, tonight, another)
        moved = after.extra > (before.extra if before is not None and before.evening == tonight else 0)
        if after == before:
            return False
        draft.question = after
        if moved:
            draft.outcome = "q_another"  # a redelivered request answers the same way
        return True

    turn.profile, _ = turn.services.couples.update(turn.profile, change, step=STEP)
    if another and not moved:
        moved = turn.profile.outcome_of(turn.services.couples.request_token(STEP)) == "q_another"
    place = turn.profile.question
    assert place is not None  # just stored, or already tonight's
    return question_at(turn.content.questions, place), moved


def current(turn: Turn) -> Question | None:
    """Tonight's question if one was given this evening; None otherwise (nothing is written)."""
    place = turn.profile.question
    if place is None or place.evening != evening(turn):
        return None
    return question_at(turn.content.questions, place)


# -- answers -------------------------------------------------------------------------------------


def linked(turn: Turn) -> bool:
    return len(turn.profile.members) == 2


def me(turn: Turn) -> str:
    return turn.services.couples.account_id(turn.user_id)


def answers_for(turn: Turn, question: Question) -> dict[str, Answer]:
    return turn.services.answers.of(turn.profile.couple_id, evening(turn).isoformat(), question.id, turn.now)


def expires(turn: Turn) -> datetime:
    """The start of the next evening, local time: answers last until then."""
    return datetime.combine(evening(turn) + timedelta(days=1), ANSWERS_KEPT_UNTIL, tzinfo=turn.time_zone)


# -- responses -----------------------------------------------------------------------------------


def give(turn: Turn, question: Question, key: Says_question, lead: str = "") -> Response:
    """Say the question, last. A linked device waits for its own answer (the slot is elicited); one
    device alone is for talking it over together. ``key`` is how it is introduced ("q_talk" the
    first time: a linked device hears "q_apart" instead)."""

    def spoken(text: str) -> str:
        return " ".join(p for p in (lead, text) if p)

    if linked(turn):
        found = answers_for(turn, question)
        if me(turn) in found:  # answered already: nothing to ask but whether to hear them
            turn.state.leave()
            if any(account != me(turn) and account in turn.profile.members for account in found):
                turn.state.phase = Phase.Q_HEAR
                return turn.ask(spoken(turn.say("q_both_answered")), turn.say("q_hear_reprompt"))
            return turn.tell(spoken(turn.say("q_answered_wait")))
        turn.state.phase = Phase.Q_ANSWER
        turn.elicit(ANSWER_INTENT, ANSWER_SLOT)
        said = turn.say("q_apart" if key == "q_talk" else key, question=question.text)
        return turn.ask(spoken(said), turn.say("q_answer_reprompt"))
    turn.state.phase = Phase.Q_TALK
    return turn.ask(
        spoken(turn.say(key, question=question.text)),
        turn.say("q_talk_reprompt"),
        card=(turn.words("card_question_title"), question.text),
    )


def hear(turn: Turn, question: Question | None) -> Response:
    """ "Let's hear our answers": both, once both have answered; otherwise who is still to answer."""
    turn.state.leave()
    if not linked(turn):
        return turn.tell(turn.say("q_hear_unlinked"))
    found = answers_for(turn, question) if question is not None else {}
    mine = found.get(me(turn))
    theirs = next((a for account, a in found.items() if account != me(turn) and account in turn.profile.members), None)
    if question is None or (mine is None and theirs is None):
        return turn.tell(turn.say("q_hear_none"))
    if mine is None:
        turn.state.phase = Phase.Q_ANSWER
        turn.elicit(ANSWER_INTENT, ANSWER_SLOT)
        return turn.ask(turn.say("q_wait_you", question=question.text), turn.say("q_answer_reprompt"))
    if theirs is None:
        return turn.tell(turn.say("q_wait_partner"))
    return turn.tell(reveal(turn, quote(mine.words, turn.content.hearing), quote(theirs.words, turn.content.hearing)))


def reveal(turn: Turn, mine: str, theirs: str) -> str:
    """Both answers, by name when both names are known and the voice asking is (the two are
    listening together: "Maya said ... Jordan said ..."); otherwise yours and your partner's."""
    names = turn.profile.names
    person = person_id(turn.input)
    speaker = turn.profile.voices.get(person) if person else None
    if len(names) == 2 and speaker in (0, 1):
        first, second = names[speaker], names[1 - speaker]
        return turn.say("q_reveal_named", first=first, first_words=mine, second=second, second_words=theirs)
    return turn.say("q_reveal", mine=mine, theirs=theirs)


def reask(turn: Turn, lead: str, key: Says_question = "q_again") -> Response:
    """Help, repeat or "didn't catch that" in a question phase: the same question again (said the
    way ``key`` says it)."""
    if turn.phase == Phase.Q_HEAR:
        return turn.ask(" ".join(p for p in (lead, turn.say("q_hear_reprompt")) if p), turn.say("q_hear_reprompt"))
    question = current(turn)
    if question is None:  # the evening turned over meanwhile: tonight's, freshly
        question, _ = tonights(turn)
    return give(turn, question, key, lead)


def keep(turn: Turn, words: str) -> Response:
    """Store this partner's answer to tonight's question; ask whether to hear both once both are in."""
    question = current(turn)
    if question is None:  # an answer before tonight's question was asked: the question first
        question, _ = tonights(turn)
        return give(turn, question, "q_talk", turn.say("q_answer_none"))
    answer = Answer(me(turn), words)
    try:
        turn.services.answers.put(
            turn.profile,
            evening(turn).isoformat(),
            question.id,
            answer,
            request_id(turn.input),
            turn.now,
            expires(turn),
        )
    except (StoreUnavailable, OutcomeUnknown) as err:
        unsure = isinstance(err, OutcomeUnknown)  # it may be kept: never "it isn't stored"
        log.warning("answer %s", "perhaps not stored" if unsure else "not stored")
        turn.state.phase = Phase.Q_ANSWER
        turn.elicit(ANSWER_INTENT, ANSWER_SLOT)
        return turn.ask(turn.say("q_not_sure" if unsure else "q_not_kept"), turn.say("q_answer_reprompt"))
    found = answers_for(turn, question)
    if any(account != me(turn) and account in turn.profile.members for account in found):
        turn.state.phase = Phase.Q_HEAR
        return turn.ask(turn.say("q_kept_both"), turn.say("q_hear_reprompt"))
    turn.state.leave()
    return turn.tell(turn.say("q_kept_wait"))


# -- handlers ------------------------------------------------------------------------------------


class TonightsQuestionHandler(IntentHandler):
    """ "What's tonight's question?", "ask us a question"."""

    intents = (TONIGHT_INTENT,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        question, _ = tonights(turn)
        return give(turn, question, "q_talk")


class AnotherQuestionHandler(IntentHandler):
    """ "Another question" anywhere, and "next" or "another one" while a question is on: one more,
    once an evening."""

    # "another one" (AnotherExerciseIntent) right after a question means another question.
    intents = (ANOTHER_INTENT, "AMAZON.NextIntent", "AnotherExerciseIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) == ANOTHER_INTENT or turn.phase in (Phase.Q_TALK, Phase.Q_ANSWER)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        kept = answered_one(turn)
        if kept is not None:  # a new question now would drop an answer unheard
            question, mine = kept
            if mine:
                turn.state.leave()
                return turn.tell(turn.say("q_keep_mine"))
            return give(turn, question, "q_keep_theirs")
        question, moved = tonights(turn, another=True)
        return give(turn, question, "q_another" if moved else "q_another_enough")


def answered_one(turn: Turn) -> tuple[Question, bool] | None:
    """Tonight's question when exactly one partner has answered it, and whether it was this one."""
    question = current(turn) if linked(turn) else None
    if question is None:
        return None
    found = {account for account in answers_for(turn, question) if account in turn.profile.members}
    if len(found) != 1:
        return None
    return question, me(turn) in found


class AnswerHandler(IntentHandler):
    """ "My answer is ...", "I'd say ...", or the words alone while the answer is elicited."""

    intents = (ANSWER_INTENT,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if not linked(turn):
            turn.state.leave()
            return turn.tell(turn.say("q_answer_unlinked"))
        raw = slot_text(turn.input, ANSWER_SLOT) or ""
        heard = hearing.hear(raw, turn.content.hearing)  # before anything is stored or thanked
        if heard.kind is Heard.ANSWER and len(raw) <= MAX_ANSWER_CHARS:
            return keep(turn, heard.words)
        return aside(turn, heard.kind if len(raw) <= MAX_ANSWER_CHARS else Heard.NOTHING)


# An aside instead of an answer: how tonight's question is said again after it.
_ASIDE_KEYS: dict[Heard, Says_question] = {
    Heard.EXAMPLE: "q_example",
    Heard.AGAIN: "q_again",
    Heard.WHY: "q_why",
    Heard.ELSEWHERE: "q_held_off",
    Heard.NOTHING: "q_not_caught",
}


def aside(turn: Turn, kind: Heard) -> Response:
    """A turn that was not an answer (skill/domain/hearing.py): nothing is stored or thanked."""
    if kind in (Heard.PASS, Heard.STOP):
        turn.state.leave()
        return turn.tell(turn.say("q_answer_later"))
    if kind is Heard.WAIT:
        return hold(turn)
    if kind is Heard.ANOTHER:
        question, moved = tonights(turn, another=True)
        return give(turn, question, "q_another" if moved else "q_another_enough")
    return reask(turn, "", _ASIDE_KEYS.get(kind, "q_not_caught"))


def hold(turn: Turn) -> Response:
    """ "Give me a sec", "hold on": a quiet wait, then tonight's question again."""
    if turn.phase == Phase.Q_HEAR:
        return reask(turn, f"{turn.say('hold_lead')} {held()}")
    return reask(turn, f"{turn.say('hold_lead')} {held()}", "q_hold")


class HearAnswersHandler(IntentHandler):
    """ "Let's hear our answers", "what did we say", and "yes" to hearing them."""

    intents = (HEAR_INTENT, "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) == HEAR_INTENT or turn.phase == Phase.Q_HEAR

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return hear(turn, current(turn))


class QuestionTurnHandler(IntentHandler):
    """Yes, no, next and back while a question is on (what the handlers above did not take): no
    lets them be; anything else hears the question again."""

    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.PreviousIntent", "AMAZON.NextIntent")

    def applies(self, turn: Turn) -> bool:
        return turn.phase in QUESTION_PHASES

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        phase = turn.phase
        if get_intent_name(handler_input) == "AMAZON.NoIntent":
            turn.state.leave()
            later: dict[Phase, Plain] = {Phase.Q_TALK: "q_talk_done", Phase.Q_ANSWER: "q_answer_later"}
            key = later.get(phase or Phase.Q_HEAR, "q_hear_later")
            return turn.tell(turn.say(key))
        return reask(turn, "")


HANDLERS = (TonightsQuestionHandler, AnotherQuestionHandler, AnswerHandler, HearAnswersHandler, QuestionTurnHandler)
