"""Two partners, one couple: link codes, joining, unlinking, deleting our data, a disabled skill."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_slot, is_request_type
from ask_sdk_model import Response

from content.phrase_keys import Plain
from intents.base import Handler, IntentHandler, Turn
from intents.once import answered_once
from intents.slots import slot_text
from intents.state import Phase
from skill.alexa.reminders import Outcome
from skill.arrival import NOTHING, Reads
from skill.domain.link import JoinOutcome
from skill.domain.profile import Profile
from skill.domain.streak import current
from skill.reminder_cleanup import forget_reminder

log = logging.getLogger("close_together.intents.partners")


_JOIN_KEYS: dict[JoinOutcome, Plain] = {
    JoinOutcome.EXPIRED: "join_expired",
    JoinOutcome.THROTTLED: "join_throttled",
    JoinOutcome.BUSY: "join_busy",
    JoinOutcome.OWN_CODE: "join_own_code",
    JoinOutcome.ALREADY_LINKED: "join_already_linked",
    JoinOutcome.TAKEN: "join_taken",
}


def spoken_digits(code: str) -> str:
    return " ".join(code)


class LinkPartnerHandler(IntentHandler):
    intents = ("LinkPartnerIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return answered_once(turn, lambda: self.answer(turn))

    @staticmethod
    def answer(turn: Turn) -> Response:
        turn.state.leave()
        code = turn.services.partners.issue_code(turn.user_id, turn.now)
        if code is None:
            return turn.tell(turn.say("link_already"))
        return turn.tell(
            turn.say("link_code", code_digits=spoken_digits(code)),
            card=(turn.words("card_link_title"), turn.words("card_link", code=code)),
        )


class JoinPartnerHandler(IntentHandler):
    intents = ("JoinPartnerIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return answered_once(turn, lambda: self.answer(turn))

    def answer(self, turn: Turn) -> Response:
        turn.state.leave()
        slot = get_slot(turn.input, "code")
        raw = getattr(slot, "value", None)
        code = "".join(ch for ch in str(raw or "") if ch in "0123456789")  # not "²" or "٣"
        if not code:
            turn.elicit("JoinPartnerIntent", "code")  # the digits alone are a code only while asked for
            return turn.ask(turn.say("join_ask_code"), turn.say("join_ask_code_reprompt"))
        result = turn.services.partners.join(turn.user_id, code, turn.now, turn.today)
        if result.outcome is JoinOutcome.JOINED and result.profile is not None:
            turn.profile = result.profile
            turn.remember_couple(result.profile)
            return turn.tell(self._joined(turn, result.profile))
        if result.outcome is JoinOutcome.WRONG:
            return turn.ask(turn.say("join_wrong"), turn.say("join_wrong_reprompt"))
        return turn.tell(turn.say(_JOIN_KEYS[result.outcome]))

    @staticmethod
    def _joined(turn: Turn, profile: Profile) -> str:
        now = current(profile.streak_state(), turn.today)
        return turn.say("join_done", streak_words=turn.count("count_days", now)) if now else turn.say("join_done_fresh")


class UnlinkPartnerHandler(IntentHandler):
    intents = ("UnlinkPartnerIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        return answered_once(turn, lambda: self.answer(turn))

    @staticmethod
    def answer(turn: Turn) -> Response:
        turn.state.leave()
        mine = turn.services.partners.unlink(turn.user_id)
        if mine is None:
            return turn.tell(turn.say("unlink_not_linked"))
        turn.profile = mine
        turn.remember_couple(mine)
        return turn.tell(
            turn.say("unlink_done", streak_words=turn.count("count_days", current(mine.streak_state(), turn.today)))
        )


def partner_name(turn: Turn) -> str:
    """The partner's first name when known by voice, else "your partner" (``Turn.partner_name``)."""
    return turn.partner_name()


def named_partner(turn: Turn) -> str:
    """The partner as the speaker named them ("does that delete Maya's stuff too?") when that is
    one of the couple's two names, else as ``partner_name`` says."""
    said = (slot_text(turn.input, "name") or "").strip().lower().removesuffix("'s")
    names = turn.profile.names
    if said and len(names) == 2 and said in (n.lower() for n in names):
        return next(n for n in names if n.lower() == said)
    return partner_name(turn)


def delete_question(turn: Turn, lead: str = "") -> Response:
    """The delete question again, with the scope it was first asked with (one scope every time)."""
    if turn.phase == Phase.CONFIRM_DELETE_MINE:
        reprompt = turn.say("delete_confirm_mine_reprompt")
    elif turn.profile.members:
        reprompt = turn.say("delete_confirm_linked_reprompt", partner=named_partner(turn))
    else:
        reprompt = turn.say("delete_confirm_reprompt")
    return turn.ask(" ".join(p for p in (lead, reprompt) if p), reprompt)


class DeleteDataHandler(IntentHandler):
    """ "Delete our data": everything of the couple, for both accounts when they are linked."""

    intents = ("DeleteDataIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        turn.state.phase = Phase.CONFIRM_DELETE
        if turn.profile.members:  # linked: say plainly that it is the partner's history too
            partner = partner_name(turn)
            return turn.ask(
                turn.say("delete_confirm_linked", partner=partner),
                turn.say("delete_confirm_linked_reprompt", partner=partner),
            )
        return turn.ask(turn.say("delete_confirm"), turn.say("delete_confirm_reprompt"))


class DeleteScopeHandler(IntentHandler):
    """ "What exactly gets deleted?", "does that delete Maya's stuff too?": the exact scope, then
    the same question again while one is asked; otherwise what "delete our data" would remove."""

    intents = ("DeleteScopeIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        partner = named_partner(turn)
        if turn.phase == Phase.CONFIRM_DELETE_MINE:
            return delete_question(turn, turn.say("delete_scope_mine", partner=partner))
        if turn.phase == Phase.CONFIRM_DELETE:
            scope = (
                turn.say("delete_scope_linked", partner=partner) if turn.profile.members else turn.say("delete_scope")
            )
            return delete_question(turn, scope)
        turn.state.leave()
        if turn.profile.members:
            return turn.tell(turn.say("delete_scope_asked_linked", partner=partner))
        return turn.tell(turn.say("delete_scope_asked"))


class DeleteMyDataHandler(IntentHandler):
    """ "Delete my data": on a linked couple, unlink this account and remove its own data, leaving the
    partner a solo copy of what they shared. On a solo account it is the couple's data, as above."""

    intents = ("DeleteMyDataIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        if not turn.profile.members:
            turn.state.phase = Phase.CONFIRM_DELETE
            return turn.ask(turn.say("delete_confirm"), turn.say("delete_confirm_reprompt"))
        turn.state.phase = Phase.CONFIRM_DELETE_MINE
        return turn.ask(
            turn.say("delete_confirm_mine", partner=partner_name(turn)), turn.say("delete_confirm_mine_reprompt")
        )


def reminder_words(turn: Turn, outcome: Outcome | None) -> list[str]:
    """What became of this device's reminder in a deletion (nothing when it had none)."""
    if outcome is None:
        return []
    return [turn.say("delete_reminder_stopped" if outcome is Outcome.OK else "delete_reminder_not_stopped")]


class DeleteConfirmedHandler(IntentHandler):
    intents = ("AMAZON.YesIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.CONFIRM_DELETE

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        partner = partner_name(turn)
        mine = forget_reminder(turn.services, turn.user_id, turn.input)  # first: its alertToken is about to go
        theirs = [
            account
            for account in turn.profile.members
            if account != turn.services.couples.account_id(turn.user_id)
            and turn.services.reminders.of_account(account) is not None
        ]
        # Reminders this request could not delete stay recorded, marked left, for their account's next request.
        removed = turn.services.partners.delete_couple(turn.user_id)
        log.info("couple data deleted by voice", extra={"items": removed})
        turn.state.clear()
        parts = [turn.say("delete_done"), *reminder_words(turn, mine)]
        if theirs:
            parts.append(turn.say("delete_reminder_partner", partner=partner))
        return turn.tell(" ".join([*parts, turn.say("delete_done_close")]))


class DeleteMineConfirmedHandler(IntentHandler):
    intents = ("AMAZON.YesIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.CONFIRM_DELETE_MINE

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        partner = partner_name(turn)  # before the shared profile is gone from this account
        mine = forget_reminder(turn.services, turn.user_id, turn.input)
        turn.services.partners.delete_account(turn.user_id)
        log.info("one account's data deleted by voice; the partner keeps theirs")
        turn.state.clear()
        parts = [turn.say("delete_mine_done", partner=partner), *reminder_words(turn, mine)]
        return turn.tell(" ".join([*parts, turn.say("delete_mine_close")]))


class DeleteDeclinedHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase in (Phase.CONFIRM_DELETE, Phase.CONFIRM_DELETE_MINE)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        turn.state.leave()
        return turn.tell(turn.say("delete_kept"))


class SkillDisabledHandler(Handler):
    """AlexaSkillEvent.SkillDisabled (no session, nothing is spoken): forget this account."""

    def reads(self, turn: Turn) -> Reads:
        return NOTHING  # the deletion reads what it deletes

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        forget_reminder(turn.services, turn.user_id, turn.input)  # best effort: a failure leaves it marked left
        turn.services.partners.disable_account(turn.user_id)
        log.info("skill disabled: account data removed")
        return handler_input.response_builder.response


HANDLERS = (
    LinkPartnerHandler,
    JoinPartnerHandler,
    UnlinkPartnerHandler,
    DeleteDataHandler,
    DeleteScopeHandler,
    DeleteMyDataHandler,
    DeleteConfirmedHandler,
    DeleteMineConfirmedHandler,
    DeleteDeclinedHandler,
    SkillDisabledHandler,
)
