"""The evening reminder: "remind us every evening at eight", "change the reminder to nine", "stop the
reminders", and the answer to Alexa's permission question (Connections.Response).

One daily reminder per Alexa account through the Reminders API (skill/alexa/reminders.py), its alertToken
kept in the account's REMINDER item (skill/store/reminders.py). Without the reminders permission the
skill asks for it by voice (Connections.SendRequest "AskFor"), and sends the consent card when the
couple says no. See docs/echo-show-and-reminders.md.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import time
from typing import Literal

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response
from ask_sdk_model.interfaces.connections import SendRequestDirective
from ask_sdk_model.ui import AskForPermissionsConsentCard

from content.phrase_keys import Plain, Says_clock
from intents.base import Handler, IntentHandler, Turn
from intents.once import answered_once
from intents.slots import slot_text
from intents.state import Phase
from skill.alexa.reminders import PERMISSION, Outcome, daily_reminder
from skill.alexa.reminders import permission_granted as granted
from skill.domain.reminder import ReminderRecord, keep_one
from skill.store.errors import StoreUnavailable
from skill.store.reminders import CLAIM_SECONDS

log = logging.getLogger("close_together.intents.reminders")

DEFAULT_TIME = time(20, 0)  # "remind us every evening" with no time: eight o'clock
TIME_SLOT = "time"
TOKEN_PREFIX = "reminder:"  # the AskFor token carries only the wanted time: "reminder:20:00"
# AMAZON.TIME's words for parts of the day
_PARTS_OF_DAY = {"EV": time(20, 0), "NI": time(21, 0), "AF": time(17, 0), "MO": time(8, 0)}
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def parse_time(value: str | None) -> time | None:
    """An AMAZON.TIME value as an evening time: "eight" arrives as 08:00 and means 8 pm here, since
    the reminder is for the evening practice; "20:30", "EV" (evening) and "NI" (night) as said."""
    if not value:
        return None
    if value in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[value]
    found = _CLOCK.fullmatch(value.strip())
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    if 1 <= hour <= 11:
        hour += 12
    return time(hour, minute)


def clock(at: time, kind: str = "12h") -> str:
    """The hour as people say it before "every evening": on a 12-hour clock "8", "8:30", "12:15";
    on a 24-hour one (content/<lang>/language.toml, ``clock = "24h"``) "20", "20:30", "0:15"."""
    hour = at.hour if kind == "24h" else at.hour % 12 or 12
    return f"{hour}" if at.minute == 0 else f"{hour}:{at.minute:02d}"


def when_key(at: time) -> Plain | Says_clock:
    """Which way of saying a daily time fits ``at``: a morning, noon, afternoon, evening, midnight or
    small-hours reminder is never called an evening one, and never "8 am" in the evening."""
    if at == time(0, 0):
        return "reminder_when_midnight"
    if at == time(12, 0):
        return "reminder_when_noon"
    if 5 <= at.hour < 12:
        return "reminder_when_morning"
    if 12 <= at.hour < 17:
        return "reminder_when_afternoon"
    if at.hour >= 17:
        return "reminder_when_evening"
    return "reminder_when_night"


def when(turn: Turn, at: time) -> str:
    """ "every evening at 8", "every morning at 7:30", "every night at midnight" (plain words). A
    language's ``[time_words]`` (language.toml) mend what a time's number changes: "a las 1" is
    "a la 1" in Spanish (never before another digit: "a las 10" stays)."""
    said = turn.words(when_key(at), clock=clock(at, turn.content.clock))
    for wrong, right in turn.content.time_words.items():
        said = re.sub(rf"(?<!\w){re.escape(wrong)}(?![\w])", right, said)
    return said


def permission_granted(turn: Turn) -> bool:
    return granted(turn.input)


def ask_permission(turn: Turn, at: time) -> Response:
    """Alexa asks the couple, in its own words, to allow reminders; the answer comes back as a
    Connections.Response carrying ``token`` (the time they asked for, nothing personal)."""
    directive = SendRequestDirective(
        name="AskFor",
        token=f"{TOKEN_PREFIX}{at:%H:%M}",
        payload={"@type": "AskForPermissionsConsentRequest", "@version": "1", "permissionScope": PERMISSION},
    )
    return turn.input.response_builder.speak(turn.say("reminder_permission_ask")).add_directive(directive).response


def consent_card(turn: Turn) -> Response:
    """No permission by voice: the Alexa app card that leads to the setting, and what to do."""
    turn.input.response_builder.set_card(AskForPermissionsConsentCard(permissions=[PERMISSION]))
    return turn.tell(turn.say("reminder_permission_card"))


class Unknown(Exception):
    """What Alexa holds for this account cannot be known right now (a listing failed)."""


def reconcile(turn: Turn, record: ReminderRecord) -> ReminderRecord | None:
    """After a call that got no answer: list this skill's reminders for the account, keep one, delete
    the extras, and store what is really there. Raises Unknown when the listing fails."""
    store, service = turn.services.reminders, turn.services.reminders_api.api(turn.input)
    listing = service.listing()
    if listing.outcome is not Outcome.OK:
        raise Unknown
    keeper, extras = keep_one(list(listing.alerts), record.alert_token)
    doubt = False
    for extra in extras:
        doubt |= service.delete(extra.token).outcome not in (Outcome.OK, Outcome.NOT_FOUND)
    if keeper is None:
        store.delete(turn.user_id)
        return None
    kept = ReminderRecord(
        keeper.hour, keeper.minute, keeper.token, int(turn.now.timestamp()), record.request, in_doubt=doubt
    )
    store.save(turn.user_id, kept)
    log.info("reminders reconciled after a timeout", extra={"extras": len(extras)})
    return kept


def settled(turn: Turn) -> ReminderRecord | None:
    """This account's reminder record, checked against Alexa first when the last call left it in
    doubt, or a create's claim was abandoned (whose POST may have landed)."""
    record = turn.services.reminders.get(turn.user_id)
    stale = record is not None and record.claimed_at < int(turn.now.timestamp()) - CLAIM_SECONDS
    if record is not None and (record.in_doubt or (not record.alert_token and stale)):
        return reconcile(turn, record)
    return record


def partners_reminder(turn: Turn) -> ReminderRecord | None:
    """A linked partner's reminder, on their own account and devices (this account cannot change it)."""
    me = turn.services.couples.account_id(turn.user_id)
    for account in turn.profile.members:
        if account != me:
            found = turn.services.reminders.of_account(account)
            if found is not None and found.alert_token and not found.left:
                return found
    return None


PartnerKey = Literal[
    "reminder_offer", "reminder_offer_at", "reminder_partner_has", "reminder_none_partner", "reminder_partner_still"
]


def partner_words(turn: Turn, key: PartnerKey, theirs: ReminderRecord, **values: object) -> str:
    name = turn.partner_name()
    return turn.say(key, -1, partner_capital=name[:1].upper() + name[1:], when=when(turn, theirs.time), **values)


def offered_time(turn: Turn) -> time:
    """The time the reminder offered on this device would ring (the session keeps it as "20:00")."""
    try:
        return time.fromisoformat(turn.state.remind_at or "")
    except ValueError:
        return DEFAULT_TIME


def offer_question(turn: Turn) -> str:
    return turn.say("reminder_offer_question", wanted=when(turn, offered_time(turn)))


def offer(turn: Turn, theirs: ReminderRecord, at: time | None) -> Response:
    """This device has no reminder and the partner's has one: say whose rings where, and ask whether
    to set one here too, at the time they named, or else at the partner's. Nothing is made unasked:
    "change the reminder" must never quietly give the couple a second one."""
    wanted = at or theirs.time
    turn.state.leave()
    turn.state.phase = Phase.REMINDER_OFFER
    turn.state.remind_at = f"{wanted:%H:%M}"
    if wanted == theirs.time:
        lead = partner_words(turn, "reminder_offer", theirs)
    else:
        lead = partner_words(turn, "reminder_offer_at", theirs, wanted=when(turn, wanted))
    return turn.ask(lead, offer_question(turn))


def change(turn: Turn, at: time | None) -> Response:
    """ "Change the reminder (to nine)". On a device without one while the partner has one: the offer,
    asked before anything is made or any permission asked for (it writes nothing but the session, so
    a redelivery gets the same question and the same phase). Otherwise this account's reminder moves
    to ``at`` (or is made, when there is none), or, with no time, which time."""
    try:
        record = settled(turn)
    except Unknown:
        return turn.tell(turn.say("reminder_unsure_check"))
    theirs = partners_reminder(turn) if record is None else None
    if theirs is not None:
        return offer(turn, theirs, at)
    if at is None:
        return turn.ask(turn.say("reminder_which_time"), turn.say("reminder_which_time_reprompt"))
    return answered_once(turn, lambda: schedule(turn, at))


def schedule(turn: Turn, at: time, after_consent: bool = False) -> Response:
    """Make this account's one reminder ring at ``at``: move it if there is one, else create it."""
    if not after_consent and not permission_granted(turn):
        return ask_permission(turn, at)
    user, store, service = turn.user_id, turn.services.reminders, turn.services.reminders_api.api(turn.input)
    request = turn.services.couples.request_token() or ""
    body = daily_reminder(
        at,
        turn.time_zone.key,
        turn.content.locale,  # the locale of the words: English's for a locale the skill does not speak
        turn.words("reminder_text"),
        turn.now,
    )
    said = when(turn, at)
    try:
        record = settled(turn)
    except Unknown:
        return turn.tell(turn.say("reminder_unsure_check"))
    if record is not None and record.alert_token:
        if record.request == request:  # this very request already created it: a redelivery
            return set_words(turn, at)
        result = service.update(record.alert_token, body)
        if result.outcome is Outcome.OK:
            same = (record.hour, record.minute) == (at.hour, at.minute)
            store.save(user, replace(record, hour=at.hour, minute=at.minute, in_doubt=False))
            return turn.tell(turn.say("reminder_already" if same else "reminder_changed", when=said))
        if result.outcome is Outcome.UNKNOWN:
            store.save(user, replace(record, in_doubt=True))  # the next ask lists what Alexa holds
            return turn.tell(turn.say("reminder_unsure"))
        if result.outcome is not Outcome.NOT_FOUND:
            return failed(turn, result.outcome, at, after_consent)
        store.delete(user)  # deleted in the Alexa app: make a new one
    elif record is not None:
        return turn.tell(turn.say("reminder_busy"))  # another request holds the claim this moment
    now = int(turn.now.timestamp())
    if not store.claim(user, at.hour, at.minute, request, now):
        return turn.tell(turn.say("reminder_busy"))  # another device is creating it this moment
    result = service.create(body)
    if result.outcome is Outcome.UNKNOWN:
        # It may have been created: the claim stays, in doubt, so the next ask lists before creating.
        store.save(user, ReminderRecord(at.hour, at.minute, None, now, request, in_doubt=True))
        return turn.tell(turn.say("reminder_unsure"))
    if result.outcome is not Outcome.OK or result.alert_token is None:
        store.release(user, request)
        return failed(turn, result.outcome, at, after_consent)
    try:
        store.save(user, ReminderRecord(at.hour, at.minute, result.alert_token, now, request))
    except StoreUnavailable:
        # Without its token it could never be moved or stopped, and the next ask would make a second.
        service.delete(result.alert_token)
        store.release(user, request)
        raise
    return set_words(turn, at)


def set_words(turn: Turn, at: time) -> Response:
    """A reminder was created on this device: when it rings, and the partner's, if they have one."""
    said = when(turn, at)
    parts = [turn.say("reminder_set", when=said, when_capital=said[:1].upper() + said[1:])]
    theirs = partners_reminder(turn)
    if theirs is not None:
        parts.append(partner_words(turn, "reminder_partner_has", theirs))
    return turn.tell(" ".join(parts))


def failed(turn: Turn, outcome: Outcome, at: time, after_consent: bool) -> Response:
    if outcome is Outcome.NO_PERMISSION:
        return consent_card(turn) if after_consent else ask_permission(turn, at)
    if outcome is Outcome.UNKNOWN:
        return turn.tell(turn.say("reminder_unsure"))
    return turn.tell(turn.say("reminder_unavailable"))


def stop(turn: Turn) -> Response:
    """ "Stop the reminders": this account's, and say whether the partner still has one."""
    store = turn.services.reminders
    try:
        record = settled(turn)
    except Unknown:
        return turn.tell(turn.say("reminder_unsure_check"))
    theirs = partners_reminder(turn)
    if record is None or not record.alert_token:
        if theirs is not None:
            return turn.tell(partner_words(turn, "reminder_none_partner", theirs))
        return turn.tell(turn.say("reminder_none"))
    result = turn.services.reminders_api.api(turn.input).delete(record.alert_token)
    if result.outcome in (Outcome.OK, Outcome.NOT_FOUND):
        store.delete(turn.user_id)
        parts = [turn.say("reminder_stopped")]
        if theirs is not None:
            parts.append(partner_words(turn, "reminder_partner_still", theirs))
        return turn.tell(" ".join(parts))
    if result.outcome is Outcome.UNKNOWN:
        store.save(turn.user_id, replace(record, in_doubt=True))
        return turn.tell(turn.say("reminder_unsure"))
    if result.outcome is Outcome.NO_PERMISSION:
        return turn.tell(turn.say("reminder_stop_in_app"))
    return turn.tell(turn.say("reminder_unavailable"))


class SetReminderHandler(IntentHandler):
    """ "Remind us every evening at eight" (no time: eight)."""

    intents = ("SetReminderIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        heard = slot_text(handler_input, TIME_SLOT)
        at = parse_time(heard)
        if heard and at is None:
            return turn.ask(turn.say("reminder_which_time"), turn.say("reminder_which_time_reprompt"))
        return answered_once(turn, lambda: schedule(turn, at or DEFAULT_TIME))


class ChangeReminderHandler(IntentHandler):
    """ "Change the reminder to nine": moves it (or makes it, when there is none yet)."""

    intents = ("ChangeReminderIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        heard = slot_text(handler_input, TIME_SLOT)
        at = parse_time(heard)
        if at is None and heard:
            return turn.ask(turn.say("reminder_which_time"), turn.say("reminder_which_time_reprompt"))
        return change(turn, at)


class OfferAnswerHandler(IntentHandler):
    """Yes or no to "would you like one here too?": a yes sets this account's reminder at the time
    offered, the way "remind us" does (the permission asked for first, when it is not granted)."""

    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent")

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.REMINDER_OFFER

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        at = offered_time(turn)
        turn.state.leave()
        if get_intent_name(handler_input) == "AMAZON.NoIntent":
            return turn.tell(turn.say("reminder_offer_declined"))
        return answered_once(turn, lambda: schedule(turn, at))


class StopRemindersHandler(IntentHandler):
    intents = ("StopRemindersIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return answered_once(turn, lambda: stop(turn))


class PermissionAnswerHandler(Handler):
    """Alexa's answer to our AskFor request: ACCEPTED sets the reminder that was asked for."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        return bool(
            is_request_type("Connections.Response")(handler_input) and getattr(request, "name", None) == "AskFor"
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        request = handler_input.request_envelope.request
        payload = getattr(request, "payload", None) or {}
        code = str(getattr(getattr(request, "status", None), "code", ""))
        token = str(getattr(request, "token", None) or "")
        try:
            at: time | None = time.fromisoformat(token.removeprefix(TOKEN_PREFIX))
        except ValueError:
            at = None
        if code == "200" and payload.get("status") == "ACCEPTED":
            return schedule(turn, at or DEFAULT_TIME, after_consent=True)
        return consent_card(turn)


HANDLERS = (
    SetReminderHandler,
    ChangeReminderHandler,
    StopRemindersHandler,
    OfferAnswerHandler,
    PermissionAnswerHandler,
)
