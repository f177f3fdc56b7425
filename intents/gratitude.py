"""A spoken gratitude round: learn the partners' names once, take turns by name, store each entry.

The round lives in the typed session state (``intents.state.Round``); each gratitude costs one
conditional write. Each turn asks for the gratitude with ``Dialog.ElicitSlot``, so whatever the
partner says next ("the way you make my coffee") fills the free-speech slot without a set opening.
A round left unfinished keeps its place in the profile (``keep_round_place``), and a paused or
timed-out round is rebuilt from today's stored entries ("where were we").
Names and spoken words are personal: nothing here logs them (see docs/gratitude.md).
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Literal

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content.phrase_keys import Plain, Says_name, Says_name_partner
from content.speech import held, xml_safe
from intents.base import IntentHandler, Turn
from intents.finding import number_from
from intents.slots import name_unsure, person_id, request_id, slot_text
from intents.state import MAX_EACH, Phase, Round, valid_name
from skill.domain.gratitude import ROUND_ACTIVITY, Gratitude
from skill.domain.hearing import Heard, hear
from skill.domain.place import ROUND, Place
from skill.domain.profile import Profile
from skill.store.errors import StoreUnavailable

log = logging.getLogger("close_together.intents.gratitude")

MAX_GRATITUDE_CHARS = 300  # longer captures are treated as not understood (docs/gratitude.md)
GRATITUDE_INTENT, GRATITUDE_SLOT = "GratitudeIntent", "gratitude"
NAMES_INTENT, FIRST_SLOT = "PartnerNamesIntent", "first"


# -- reading the request ---------------------------------------------------------------------------


def local_now(turn: Turn) -> datetime:
    return turn.now.astimezone(turn.time_zone)


def each_from(turn: Turn) -> int | None:
    number = number_from(slot_text(turn.input, "each"), turn.content.numbers)
    return min(max(number, 1), MAX_EACH) if number else None


# -- the round ---------------------------------------------------------------------------------------


def names(turn: Turn) -> list[str]:
    return list(turn.profile.names[:2])


def new_round(each: int, first: int) -> Round:
    return Round(id=uuid.uuid4().hex[:8], each=each, asked=first)


def round_marker(turn: Turn, r: Round) -> Place:
    """Where a paused round is kept in the profile, for "where were we" later this evening."""
    return Place(ROUND, f"{turn.today.isoformat()}/{r.id}", r.each)


def keep_round_place(turn: Turn, r: Round, voices: dict[str, int] | None = None) -> None:
    """A round left unfinished ("hold on", stop, the session ending) keeps its place in the profile
    for "where were we" (with any voices learnt, in the same write). A round that runs to its end
    never needs it, so starting one writes nothing (docs/performance.md)."""
    marker = round_marker(turn, r)
    learnt = {k: v for k, v in (voices or {}).items() if turn.profile.voices.get(k) != v}
    if turn.profile.browse == marker and not learnt:
        return

    def change(draft: Profile) -> bool:
        draft.browse = marker
        draft.voices.update(learnt)
        return True

    try:
        turn.profile, _ = turn.services.couples.update(turn.profile, change, step="round")
    except StoreUnavailable:
        log.warning("could not keep the round's place for later")


def ask_speaker(turn: Turn, r: Round, lead: str = "", key: Says_name_partner | Says_name = "grat_ask") -> Response:
    who = names(turn)
    if len(who) < 2:
        return names_gone(turn, r)
    turn.state.round = r
    turn.state.phase = Phase.ROUND
    question = turn.say(key, name=who[r.asked], partner=who[1 - r.asked])
    turn.elicit(GRATITUDE_INTENT, GRATITUDE_SLOT)
    return turn.ask(
        " ".join(p for p in (lead, question) if p),
        turn.say("grat_reprompt", name=who[r.asked], partner=who[1 - r.asked]),
    )


def names_gone(turn: Turn, r: Round) -> Response:
    """A round open on this device while the couple's names were deleted (their data, or a partner
    who left): it ends kindly, keeps nothing more, and the names are asked for again."""
    turn.state.round = None
    turn.state.wanted_each = r.each
    turn.state.names_heard = []
    turn.state.names_pending = []
    return ask_names(turn, "grat_names_gone")


def ask_names(turn: Turn, key: Plain | Says_name, lead: str = "") -> Response:
    turn.state.phase = Phase.NAMES
    turn.elicit(NAMES_INTENT, FIRST_SLOT)
    reprompt: Plain = "grat_ask_partner_reprompt" if turn.state.names_heard else "grat_ask_names_reprompt"
    name = turn.state.names_heard[0] if turn.state.names_heard else ""
    return turn.ask(" ".join(p for p in (lead, turn.say(key, name=name)) if p), turn.say(reprompt))


def begin(turn: Turn, each: int, new_names: list[str] | None = None) -> Response:
    """Start a round, or first ask for the names if we don't know them yet. Writes only names just
    learnt (with the round's place, in the same write); a round's place is otherwise kept only when
    it is left unfinished (``keep_place``)."""
    if new_names is None and len(turn.profile.names) < 2:
        turn.state.wanted_each = each
        turn.state.names_heard = []
        return ask_names(turn, "grat_ask_names")
    voice = turn.profile.voices.get(person_id(turn.input) or "")
    r = new_round(each, voice if voice in (0, 1) else 0)
    marker = round_marker(turn, r)

    if new_names is not None:  # the names are what this turn was for: a failure is said honestly

        def change(draft: Profile) -> bool:
            draft.names = list(new_names)
            draft.browse = marker
            return True

        turn.profile, _ = turn.services.couples.update(turn.profile, change, step="round")
    turn.state.names_heard = []
    turn.state.names_pending = []
    turn.state.wanted_each = None
    return ask_speaker(turn, r, turn.say("grat_start", each_words=each_words(turn, each)))


def each_words(turn: Turn, each: int) -> str:
    return turn.count("count_turns_each", each)


def finish(turn: Turn, r: Round, lead: str) -> Response:
    """Every turn is taken: count the round for the streak (with any voices learned) and close."""
    turn.state.leave()
    if r.shared == 0:
        return turn.tell(" ".join((lead, turn.say("grat_round_empty"))))
    today = turn.today
    before = turn.profile.streak_state()

    def change(draft: Profile) -> bool:
        changed = draft.complete(today, ROUND_ACTIVITY)
        if any(draft.voices.get(k) != v for k, v in r.voices.items()):
            draft.voices.update(r.voices)
            changed = True
        if draft.browse is not None and draft.browse.kind == ROUND:  # finished: nothing to pick up
            draft.browse = None
            changed = True
        return changed

    try:
        turn.profile, _ = turn.services.couples.update(turn.profile, change)
    except StoreUnavailable:
        log.warning("gratitude round finished but not counted for the streak")
        return turn.tell(
            " ".join(
                (
                    lead,
                    turn.say(
                        "grat_round_done_not_counted", count=r.shared, entries=turn.count("word_gratitudes", r.shared)
                    ),
                )
            )
        )
    after = turn.profile.streak_state()
    # The round bridged yesterday's gap: say kindly that the rest day was used, as "we did it" does.
    rested = after.last_rest == today - timedelta(days=1) and before.last_rest != after.last_rest
    return turn.tell(
        " ".join(
            (
                lead,
                turn.say(
                    "grat_round_done_rest_day" if rested else "grat_round_done",
                    count=r.shared,
                    entries=turn.count("word_gratitudes", r.shared),
                    streak_words=turn.count("count_days", turn.profile.streak),
                ),
            )
        )
    )


def move_on(turn: Turn, r: Round, lead: str) -> Response:
    """The asked partner's turn is over; ask the next one or finish."""
    r.turns[r.asked] += 1
    r.last = r.asked
    r.retry = 0
    following = r.next_speaker()
    if following is None:
        return finish(turn, r, lead)
    r.asked = following
    return ask_speaker(turn, r, lead)


def not_understood(turn: Turn, r: Round) -> Response:
    """Ask the same partner once more; the second time, move on to the other partner."""
    if not r.retry:
        r.retry = 1
        return ask_speaker(turn, r, key="grat_again")
    return move_on(turn, r, turn.say("grat_move_on"))


def reask(turn: Turn, lead: str) -> Response:
    """Help, repeat or off-topic speech in a round or while learning names: the same question again."""
    r = turn.state.round
    if turn.phase == Phase.ROUND and r is not None:
        return ask_speaker(turn, r, lead)
    if turn.phase == Phase.CONFIRM_NAMES and turn.state.names_pending:
        pending = turn.state.names_pending
        confirm: Literal["grat_confirm_two", "grat_confirm_one"] = (
            "grat_confirm_two" if len(pending) == 2 else "grat_confirm_one"
        )
        return turn.ask(
            " ".join(p for p in (lead, turn.say(confirm, first=pending[0], second=pending[-1])) if p),
            turn.say("grat_confirm_reprompt"),
        )
    key: Plain | Says_name = "grat_ask_partner" if turn.state.names_heard else "grat_ask_names"
    return ask_names(turn, key, lead)


def stop_round(turn: Turn) -> Response:
    """Stop or cancel in a round: keep what was shared and any voices learnt, and close kindly."""
    r = turn.state.round
    turn.state.leave()
    if r is None:
        return turn.tell(turn.say("grat_stopped_none"))
    keep_round_place(turn, r, r.voices)
    if r.shared == 0:
        return turn.tell(turn.say("grat_stopped_none"))
    return turn.tell(turn.say("grat_stopped", count=r.shared, entries=turn.count("word_gratitudes", r.shared)))


def resume_round(turn: Turn, marker: Place | None) -> Response | None:
    """Pick up today's round where it stopped: from the session, else from today's stored entries
    and the profile's marker. None when there is no round of today's to continue."""
    r = turn.state.round
    if r is not None:
        return ask_speaker(turn, r, turn.say("grat_resumed_same"))
    who = names(turn)
    today = turn.today
    wanted = marker.id.partition("/")[2] if marker and marker.id.startswith(today.isoformat() + "/") else None
    if len(who) < 2:
        return None
    entries, _ = turn.services.gratitudes.between(turn.profile.couple_id, today, today, turn.now)
    round_id = wanted or (entries[-1].round_id if entries else None)
    if round_id is None:
        return None
    mine = [e for e in entries if e.round_id == round_id]
    rebuilt = Round.rebuilt(round_id, max(marker.pos if marker and wanted else 1, 1), who, mine)
    following = rebuilt.next_speaker()
    if following is None:
        turn.state.phase = Phase.ROUND_OFFER
        return turn.ask(turn.say("grat_already_done"), turn.say("grat_offer_reprompt"))
    rebuilt.asked = following
    lead = (
        turn.say("grat_resumed", count=len(mine), entries=turn.count("word_gratitudes", len(mine)))
        if mine
        else turn.say("grat_resumed_none")
    )
    return ask_speaker(turn, rebuilt, lead)


# -- handlers ---------------------------------------------------------------------------------------


class StartRoundHandler(IntentHandler):
    intents = ("StartGratitudeRoundIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        r = turn.state.round
        wanted = each_from(turn)
        if turn.phase == Phase.ROUND and r is not None:
            # "let's do three each" in the middle of a round: more turns for this round.
            if wanted:
                r.each = max(wanted, *r.turns)
            return ask_speaker(turn, r, turn.say("grat_each_set", each_words=each_words(turn, r.each)))
        return begin(turn, wanted or 1)


class NamesHandler(IntentHandler):
    intents = (NAMES_INTENT,)

    def applies(self, turn: Turn) -> bool:
        return turn.phase in (Phase.NAMES, Phase.CONFIRM_NAMES)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        # Characters XML forbids (a stray control character in recognised text) are dropped first.
        heard = [xml_safe(n).strip() for n in (slot_text(turn.input, "first"), slot_text(turn.input, "second")) if n]
        heard = [n for n in heard if n]
        collected = list(turn.state.names_heard)
        if not heard:
            return ask_names(turn, "grat_names_again")
        heard = [n[:1].upper() + n[1:] for n in heard][: 2 - len(collected)] or heard[:1]
        if len(heard) == 2 or any(name_unsure(turn.input, s) for s in ("first", "second") if slot_text(turn.input, s)):
            if any(valid_name(n) is None for n in heard):  # nothing the session could carry to a "yes"
                return ask_names(turn, "grat_names_again")
            turn.state.names_pending = heard
            turn.state.phase = Phase.CONFIRM_NAMES
            confirm: Literal["grat_confirm_two", "grat_confirm_one"] = (
                "grat_confirm_two" if len(heard) == 2 else "grat_confirm_one"
            )
            return turn.ask(turn.say(confirm, first=heard[0], second=heard[-1]), turn.say("grat_confirm_reprompt"))
        return accept(turn, collected, heard)


def accept(turn: Turn, collected: list[str], heard: list[str]) -> Response:
    for name in heard:
        if len(collected) < 2 and name.lower() not in (c.lower() for c in collected):
            collected.append(name)
    turn.state.names_pending = []
    if len(collected) < 2:
        turn.state.names_heard = collected
        return ask_names(turn, "grat_ask_partner")
    return begin(turn, turn.state.wanted_each or 1, new_names=collected)


class ConfirmNamesHandler(IntentHandler):
    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent")

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.CONFIRM_NAMES

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        collected = list(turn.state.names_heard)
        pending = list(turn.state.names_pending)
        if get_intent_name(handler_input) == "AMAZON.YesIntent" and pending:
            return accept(turn, collected, pending)
        turn.state.names_pending = []
        return ask_names(turn, "grat_names_retry_partner" if collected else "grat_names_retry")


class GratitudeHandler(IntentHandler):
    intents = (GRATITUDE_INTENT,)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        r = turn.state.round
        if turn.phase != Phase.ROUND or r is None:
            turn.state.phase = Phase.ROUND_OFFER
            return turn.ask(turn.say("grat_not_in_round"), turn.say("grat_offer_reprompt"))
        raw = slot_text(turn.input, GRATITUDE_SLOT) or ""
        heard = hear(raw, turn.content.hearing)  # before anything is stored, thanked or counted
        if heard.kind is not Heard.ANSWER or len(raw) > MAX_GRATITUDE_CHARS:
            return aside(turn, r, heard.kind if len(raw) <= MAX_GRATITUDE_CHARS else Heard.NOTHING)
        who = names(turn)
        if len(who) < 2:
            return names_gone(turn, r)
        speaker = r.speaker(person_id(turn.input), turn.profile.voices)
        entry = Gratitude(
            by=who[speaker], to=who[1 - speaker], words=heard.words, at=turn.now, round_id=r.id, each=r.each
        )
        try:
            turn.services.gratitudes.add(turn.profile, entry, local_now(turn), request_id(turn.input))
        except StoreUnavailable:
            log.warning("gratitude not stored")
            return ask_speaker(turn, r, turn.say("grat_not_saved"), key="grat_ask_again_after_error")
        r.asked = speaker
        r.shared += 1
        return move_on(turn, r, turn.say("grat_thanks", name=who[speaker], partner=who[1 - speaker]))


# What an aside in a turn brings: the lead said before the same partner is asked again, and how.
_ASIDE_LEADS: dict[Heard, Plain] = {
    Heard.EXAMPLE: "grat_example",
    Heard.AGAIN: "grat_again_asked",
    Heard.WHY: "grat_why",
    Heard.ELSEWHERE: "grat_held_off",
}


def aside(turn: Turn, r: Round, kind: Heard) -> Response:
    """A turn that was not a gratitude (skill/domain/hearing.py): nothing is stored or thanked."""
    if kind is Heard.WAIT:
        return hold(turn, r)
    if kind is Heard.PASS:
        return move_on(turn, r, turn.say("grat_skipped"))
    if kind is Heard.STOP:
        return stop_round(turn)
    if kind is Heard.ANOTHER:
        return ask_speaker(turn, r, key="grat_ask_other")
    if kind in _ASIDE_LEADS:
        return ask_speaker(turn, r, turn.say(_ASIDE_LEADS[kind]))
    return not_understood(turn, r)


def hold(turn: Turn, r: Round) -> Response:
    """ "Give me a sec", "hold on": a quiet wait, then the same partner is asked again."""
    return ask_speaker(turn, r, f"{turn.say('hold_lead')} {held()}", key="grat_ask_after_hold")


class SkipHandler(IntentHandler):
    """ "Skip" (or "next") during someone's turn passes it to the other partner."""

    intents = ("GratitudeSkipIntent", "AMAZON.NextIntent")

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.ROUND and turn.state.round is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        r = turn.state.round
        assert r is not None  # applies() checked it
        return move_on(turn, r, turn.say("grat_skipped"))


class OfferAnswerHandler(IntentHandler):
    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent")

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.ROUND_OFFER

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if get_intent_name(handler_input) == "AMAZON.YesIntent":
            return begin(turn, 1)
        turn.state.leave()
        return turn.tell(turn.say("grat_declined"))


HANDLERS = (StartRoundHandler, NamesHandler, ConfirmNamesHandler, GratitudeHandler, SkipHandler, OfferAnswerHandler)
