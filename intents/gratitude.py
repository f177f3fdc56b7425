"""A spoken gratitude round: learn the partners' names once, take turns by name, store each entry.

Round progress lives in session attributes (``grat``); each gratitude costs one conditional write.
A timed-out round is rebuilt from today's stored entries ("continue our gratitude round").
Names and spoken words are personal: nothing here logs them (see docs/gratitude.md).
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import datetime
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_slot
from ask_sdk_model import Response

from intents.base import PHASE, IntentHandler, Turn
from skill.store.errors import StoreUnavailable
from skill.store.gratitude import Gratitude, GratitudeLog
from skill.store.profile import Profile

log = logging.getLogger("close_together.intents.gratitude")

ACTIVITY_ID = "gratitude_round"  # what a finished round records in the profile's completions
MAX_GRATITUDE_CHARS = 300  # longer captures are treated as not understood (docs/gratitude.md)
MAX_NAME_CHARS = 30
MAX_EACH = 5

# Phases of this conversation (session attribute "phase").
NAMES = "grat_names"  # we asked for first names
CONFIRM = "grat_confirm_names"  # we asked "did I get that right?"
ROUND = "grat_turn"  # we asked someone what they appreciate
OFFER = "grat_offer"  # we asked "shall we start a round?"

STATE = "grat"  # the round: {"round", "each", "turns", "asked", "last", "shared", "retry", "voices"}
COLLECTED = "grat_names"  # names heard and accepted so far
PENDING = "grat_pending"  # names waiting for a yes
WANTED_EACH = "grat_each"  # turns each asked for before the names were known

_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)?$")
# The speaker's own words about themself, as their partner should hear them. Alexa sends free speech
# in lower case, so "i" counts as much as "I". After "I", a present-tense verb takes the third person
# ("when I need" -> "when Sam needs"); past tenses and modals need no change.
_FIRST_PERSON = {"i'm": "{by}'s", "i've": "{by}'s", "i'd": "{by}'d", "i'll": "{by}'ll",
                 "me": "{by}", "my": "{by}'s", "mine": "{by}'s", "myself": "{by}"}
_THIRD_PERSON = {"am": "is", "have": "has", "do": "does", "go": "goes", "need": "needs", "love": "loves",
                 "feel": "feels", "want": "wants", "think": "thinks", "get": "gets", "know": "knows",
                 "like": "likes", "worry": "worries", "try": "tries", "come": "comes", "say": "says",
                 "forget": "forgets", "struggle": "struggles", "work": "works", "wake": "wakes",
                 "mean": "means", "hope": "hopes", "miss": "misses", "see": "sees", "hear": "hears",
                 "care": "cares", "cry": "cries", "laugh": "laughs", "wish": "wishes"}
_I_VERB = re.compile(r"\bi\s+([a-z]+)\b", re.IGNORECASE)
_FIRST_PERSON_WORDS = re.compile(r"\b(i'm|i've|i'd|i'll|me|my|mine|myself|i)\b", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def gratitude_log(turn: Turn) -> GratitudeLog:
    return GratitudeLog(turn.deps.store, turn.deps.settings.gratitude_retention_days)


def activity_name(turn: Turn) -> str:
    return turn.content.say("grat_activity_name")


# -- reading the request ---------------------------------------------------------------------------


def slot_text(turn: Turn, name: str) -> str | None:
    slot = get_slot(turn.input, name)
    value = getattr(slot, "value", None) if slot is not None else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def slot_unsure(turn: Turn, name: str) -> bool:
    """Recognition may be wrong: entity resolution found no match, or the value doesn't look like a name."""
    slot = get_slot(turn.input, name)
    value = slot_text(turn, name) or ""
    if not _NAME.match(value) or len(value) > MAX_NAME_CHARS:
        return True
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in authorities:
        code = getattr(getattr(getattr(authority, "status", None), "code", None), "value", None)
        if code is not None and code != "ER_SUCCESS_MATCH":
            return True
    return False


def person_id(turn: Turn) -> str | None:
    system = getattr(turn.input.request_envelope.context, "system", None)
    person = getattr(system, "person", None)
    value = getattr(person, "person_id", None)
    return value if isinstance(value, str) and value else None


def request_id(turn: Turn) -> str:
    return str(getattr(turn.input.request_envelope.request, "request_id", ""))


def local_now(turn: Turn) -> datetime:
    return turn.now.astimezone(turn.time_zone)


def each_from(turn: Turn) -> int | None:
    raw = slot_text(turn, "each")
    if raw is None:
        return None
    number = _NUMBER_WORDS.get(raw.lower()) or (int(raw) if raw.isdigit() else None)
    return min(max(number, 1), MAX_EACH) if number else None


def reflect(words: str, by: str) -> str:
    """The words as the partner should hear them: the speaker's "I", "me" and "my" become their name."""
    def verb(match: re.Match[str]) -> str:
        word = match.group(1)
        if word.lower() in ("m", "ve", "d", "ll"):  # a contraction, handled below
            return match.group(0)
        return f"{by} {_THIRD_PERSON.get(word.lower(), word)}"

    def swap(match: re.Match[str]) -> str:
        return _FIRST_PERSON.get(match.group(0).lower(), "{by}").format(by=by)

    return _FIRST_PERSON_WORDS.sub(swap, _I_VERB.sub(verb, words))


# -- the round's state -------------------------------------------------------------------------


def state(turn: Turn) -> dict[str, Any] | None:
    value = turn.session.get(STATE)
    return value if isinstance(value, dict) else None


def names(turn: Turn) -> list[str]:
    return list(turn.profile.names[:2])


def new_round(each: int, first: int) -> dict[str, Any]:
    return {"round": uuid.uuid4().hex[:8], "each": each, "turns": [0, 0], "asked": first, "last": None,
            "shared": 0, "retry": 0, "voices": {}}


def next_speaker(s: dict[str, Any]) -> int | None:
    open_ = [i for i in (0, 1) if s["turns"][i] < s["each"]]
    if not open_:
        return None
    if len(open_) == 1:
        return open_[0]
    return 0 if s["last"] is None else 1 - int(s["last"])


def ask_speaker(turn: Turn, s: dict[str, Any], lead: str = "", key: str = "grat_ask") -> Response:
    who = names(turn)
    asked = int(s["asked"])
    turn.session[STATE] = s
    turn.session[PHASE] = ROUND
    question = turn.say(key, name=who[asked], partner=who[1 - asked])
    return turn.ask(" ".join(p for p in (lead, question) if p),
                    turn.say("grat_reprompt", name=who[asked], partner=who[1 - asked]))


def begin(turn: Turn, each: int) -> Response:
    """Start a round, or first ask for the names if we don't know them yet."""
    if len(turn.profile.names) < 2:
        turn.session[WANTED_EACH] = each
        turn.session[COLLECTED] = []
        turn.session[PHASE] = NAMES
        return turn.ask(turn.say("grat_ask_names"), turn.say("grat_ask_names_reprompt"))
    voice = turn.profile.voices.get(person_id(turn) or "")
    s = new_round(each, voice if voice in (0, 1) else 0)
    return ask_speaker(turn, s, turn.say("grat_start", each_words=each_words(each)))


def each_words(each: int) -> str:
    return "one turn each" if each == 1 else f"{each} turns each"


def learned_voices(s: dict[str, Any] | None) -> dict[str, int]:
    raw = (s or {}).get("voices") or {}
    return {str(k): int(v) for k, v in raw.items()}


def finish(turn: Turn, s: dict[str, Any], lead: str) -> Response:
    """Every turn is taken: count the round for the streak (with any voices learned) and say goodnight."""
    turn.session[PHASE] = None
    turn.session[STATE] = None
    shared = int(s["shared"])
    if shared == 0:
        return turn.tell(" ".join((lead, turn.say("grat_round_empty"))))
    today = turn.today
    voices = learned_voices(s)

    def change(draft: Profile) -> bool:
        changed = draft.complete(today, ACTIVITY_ID)
        if any(draft.voices.get(k) != v for k, v in voices.items()):
            draft.voices.update(voices)
            changed = True
        return changed

    try:
        turn.profile, _ = turn.deps.store.update(turn.profile, change)
    except StoreUnavailable:
        log.warning("gratitude round finished but not counted for the streak")
        return turn.tell(" ".join((lead, turn.say("grat_round_done_not_counted", count=shared,
                                                        entries=_entries(shared)))))
    return turn.tell(" ".join((lead, turn.say("grat_round_done", count=shared, entries=_entries(shared),
                                              streak_words=_days(turn.profile.streak)))))


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def move_on(turn: Turn, s: dict[str, Any], lead: str) -> Response:
    """The asked partner's turn is over without an entry; ask the next one or finish."""
    asked = int(s["asked"])
    s["turns"][asked] += 1
    s["last"] = asked
    s["retry"] = 0
    following = next_speaker(s)
    if following is None:
        return finish(turn, s, lead)
    s["asked"] = following
    return ask_speaker(turn, s, lead)


def not_understood(turn: Turn, s: dict[str, Any]) -> Response:
    """Ask once more; the second time, move on to the other partner."""
    if not s.get("retry"):
        s["retry"] = 1
        return ask_speaker(turn, s, key="grat_again")
    return move_on(turn, s, turn.say("grat_move_on"))


# -- handlers ---------------------------------------------------------------------------------------


class StartRoundHandler(IntentHandler):
    intents = ("StartGratitudeRoundIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        s = state(turn)
        wanted = each_from(turn)
        if turn.phase == ROUND and s is not None:
            # "let's do three each" in the middle of a round: more turns for this round.
            if wanted:
                s["each"] = max(wanted, *s["turns"])
            return ask_speaker(turn, s, turn.say("grat_each_set", each_words=each_words(int(s["each"]))))
        return begin(turn, wanted or 1)


class NamesHandler(IntentHandler):
    intents = ("PartnerNamesIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase in (NAMES, CONFIRM)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        heard = [n for n in (slot_text(turn, "first"), slot_text(turn, "second")) if n]
        collected = [str(n) for n in turn.session.get(COLLECTED) or []]
        if not heard:
            turn.session[PHASE] = NAMES
            return turn.ask(turn.say("grat_names_again"), turn.say("grat_ask_names_reprompt"))
        heard = [n[:1].upper() + n[1:] for n in heard][: 2 - len(collected)] or heard[:1]
        if len(heard) == 2 or any(slot_unsure(turn, s) for s in ("first", "second") if slot_text(turn, s)):
            turn.session[PENDING] = heard
            turn.session[PHASE] = CONFIRM
            key = "grat_confirm_two" if len(heard) == 2 else "grat_confirm_one"
            return turn.ask(turn.say(key, first=heard[0], second=heard[-1]), turn.say("grat_confirm_reprompt"))
        return accept(turn, collected, heard)


def accept(turn: Turn, collected: list[str], heard: list[str]) -> Response:
    for name in heard:
        if len(collected) < 2 and name.lower() not in (c.lower() for c in collected):
            collected.append(name)
    turn.session[PENDING] = None
    if len(collected) < 2:
        turn.session[COLLECTED] = collected
        turn.session[PHASE] = NAMES
        return turn.ask(turn.say("grat_ask_partner", name=collected[0]), turn.say("grat_ask_partner_reprompt"))

    def change(draft: Profile) -> bool:
        draft.names = list(collected)
        return True

    turn.profile, _ = turn.deps.store.update(turn.profile, change, step="names")
    turn.session[COLLECTED] = None
    each = turn.session.get(WANTED_EACH)
    return begin(turn, each if isinstance(each, int) else 1)


class ConfirmNamesHandler(IntentHandler):
    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent")

    def applies(self, turn: Turn) -> bool:
        return turn.phase == CONFIRM

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        collected = [str(n) for n in turn.session.get(COLLECTED) or []]
        pending = [str(n) for n in turn.session.get(PENDING) or []]
        if get_intent_name(handler_input) == "AMAZON.YesIntent" and pending:
            return accept(turn, collected, pending)
        turn.session[PENDING] = None
        turn.session[PHASE] = NAMES
        key = "grat_names_retry_partner" if collected else "grat_names_retry"
        return turn.ask(turn.say(key), turn.say("grat_ask_names_reprompt"))


class InRoundHandler(IntentHandler):
    """An intent heard during someone's turn in a round: gets the round's state from the session."""

    def applies(self, turn: Turn) -> bool:
        return turn.phase == ROUND and state(turn) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        s = state(turn)
        assert s is not None  # applies() checked it
        return self.in_round(turn, s)

    def in_round(self, turn: Turn, s: dict[str, Any]) -> Response:
        raise NotImplementedError


class GratitudeHandler(IntentHandler):
    intents = ("GratitudeIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        s = state(turn)
        if turn.phase != ROUND or s is None:
            turn.session[PHASE] = OFFER
            return turn.ask(turn.say("grat_not_in_round"), turn.say("grat_offer_reprompt"))
        words = slot_text(turn, "gratitude")
        if words is None or len(words) > MAX_GRATITUDE_CHARS:
            return not_understood(turn, s)
        speaker = self._speaker(turn, s)
        who = names(turn)
        entry = Gratitude(by=who[speaker], to=who[1 - speaker], words=words, at=turn.now,
                          round_id=str(s["round"]), each=int(s["each"]))
        try:
            gratitude_log(turn).add(turn.profile.couple_id, entry, local_now(turn), request_id(turn))
        except StoreUnavailable:
            log.warning("gratitude not stored")
            return ask_speaker(turn, s, turn.say("grat_not_saved"), key="grat_ask_again_after_error")
        s["asked"] = speaker
        s["shared"] = int(s["shared"]) + 1
        mirror = turn.say("grat_reflect", name=who[speaker], partner=who[1 - speaker],
                          words=reflect(words, who[speaker]))
        return move_on(turn, s, mirror)

    @staticmethod
    def _speaker(turn: Turn, s: dict[str, Any]) -> int:
        """Who is speaking: the recognised voice when Alexa knows it, otherwise whoever was asked."""
        asked = int(s["asked"])
        pid = person_id(turn)
        if pid is None:
            return asked
        voices = {**turn.profile.voices, **learned_voices(s)}
        if pid in voices and voices[pid] in (0, 1):
            return voices[pid]
        taken = set(voices.values())
        speaker = asked if asked not in taken else (1 - asked if 1 - asked not in taken else asked)
        if speaker not in taken:
            s.setdefault("voices", {})[pid] = speaker
        return speaker


class SkipHandler(InRoundHandler):
    intents = ("GratitudeSkipIntent",)

    def in_round(self, turn: Turn, s: dict[str, Any]) -> Response:
        return move_on(turn, s, turn.say("grat_skipped"))


class RoundNotUnderstoodHandler(InRoundHandler):
    """Speech that didn't match a gratitude (Alexa's fallback, or a bare name) during someone's turn."""

    intents = ("AMAZON.FallbackIntent", "PartnerNamesIntent")

    def in_round(self, turn: Turn, s: dict[str, Any]) -> Response:
        return not_understood(turn, s)


class NamesNotUnderstoodHandler(IntentHandler):
    intents = ("AMAZON.FallbackIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase in (NAMES, CONFIRM)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        turn.session[PHASE] = NAMES
        return turn.ask(turn.say("grat_names_again"), turn.say("grat_ask_names_reprompt"))


class RoundHelpHandler(InRoundHandler):
    intents = ("AMAZON.HelpIntent",)

    def in_round(self, turn: Turn, s: dict[str, Any]) -> Response:
        return ask_speaker(turn, s, turn.say("grat_help"))


class RoundStopHandler(InRoundHandler):
    intents = ("AMAZON.StopIntent", "AMAZON.CancelIntent")

    def in_round(self, turn: Turn, s: dict[str, Any]) -> Response:
        turn.session[PHASE] = None
        turn.session[STATE] = None
        voices = learned_voices(s)
        if voices and any(turn.profile.voices.get(k) != v for k, v in voices.items()):
            def change(draft: Profile) -> bool:
                draft.voices.update(voices)
                return True
            try:
                turn.profile, _ = turn.deps.store.update(turn.profile, change, step="voices")
            except StoreUnavailable:
                log.warning("voices not remembered")
        shared = int(s["shared"])
        if shared == 0:
            return turn.tell(turn.say("grat_stopped_none"))
        return turn.tell(turn.say("grat_stopped", count=shared, entries=_entries(shared)))


def _entries(n: int) -> str:
    return "gratitude" if n == 1 else "gratitudes"


class ResumeHandler(IntentHandler):
    intents = ("ResumeGratitudeRoundIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        s = state(turn)
        if turn.phase == ROUND and s is not None:
            return ask_speaker(turn, s)
        who = names(turn)
        today = turn.today
        entries, _ = gratitude_log(turn).between(turn.profile.couple_id, today, today, turn.now)
        if len(who) < 2 or not entries:
            turn.session[PHASE] = OFFER
            return turn.ask(turn.say("grat_nothing_to_resume"), turn.say("grat_offer_reprompt"))
        latest = entries[-1].round_id
        round_entries = [e for e in entries if e.round_id == latest]
        rebuilt = new_round(max(e.each for e in round_entries), 0)
        rebuilt["round"] = latest
        for e in round_entries:
            index = who.index(e.by) if e.by in who else 0
            rebuilt["turns"][index] += 1
            rebuilt["last"] = index
        rebuilt["shared"] = len(round_entries)
        following = next_speaker(rebuilt)
        if following is None:
            turn.session[PHASE] = OFFER
            return turn.ask(turn.say("grat_already_done"), turn.say("grat_offer_reprompt"))
        rebuilt["asked"] = following
        return ask_speaker(turn, rebuilt, turn.say("grat_resumed", count=len(round_entries),
                                                   entries=_entries(len(round_entries))))


class OfferAnswerHandler(IntentHandler):
    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent")

    def applies(self, turn: Turn) -> bool:
        return turn.phase == OFFER

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if get_intent_name(handler_input) == "AMAZON.YesIntent":
            return begin(turn, 1)
        turn.session[PHASE] = None
        return turn.tell(turn.say("grat_declined"))


HANDLERS = (StartRoundHandler, NamesHandler, ConfirmNamesHandler, GratitudeHandler, SkipHandler,
            RoundNotUnderstoodHandler, NamesNotUnderstoodHandler, RoundHelpHandler, RoundStopHandler,
            ResumeHandler, OfferAnswerHandler)
