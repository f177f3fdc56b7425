"""What every conversation module shares: dependencies, the per-request turn, handler base classes.

Handlers see the couple only through ``Turn`` and the store's domain methods; no key strings or
boto3 calls appear in ``intents/``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from ask_sdk_core.dispatch_components import (
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.exceptions import AttributesManagerException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_locale, get_user_id, is_request_type
from ask_sdk_model import Intent, IntentConfirmationStatus, Response, Slot, SlotConfirmationStatus
from ask_sdk_model.dialog import ElicitSlotDirective
from ask_sdk_model.ui import SimpleCard, StandardCard

from content.phrase_keys import Phrasing
from content.schema import SIGNOFF, Catalogue, part_of_day, placeholders
from intents import slots
from intents.slots import slot_usable
from intents.state import Phase, SessionState
from skill.arrival import Arrival, Reads, arrive
from skill.core.request import RequestContext
from skill.domain.evening import evening_at
from skill.domain.gratitude import Gratitude
from skill.domain.profile import Profile
from skill.domain.streak import Streak
from skill.services import Services
from skill.store.errors import StoreError

log = logging.getLogger("close_together.intents")


def words_for(services: Services, handler_input: HandlerInput) -> Catalogue:
    """The catalogue for the request's locale; English (en-US) for a locale the skill does not speak
    or a request without one. Only the locale's name is logged."""
    try:
        locale = get_locale(handler_input)
    except (AttributeError, TypeError):  # a request envelope without a request (never from Alexa)
        locale = None
    catalogue = services.languages.for_locale(locale)
    if locale and catalogue.locale != locale:
        log.info("locale %.16s is not one the skill speaks: answering in %s", locale, catalogue.locale)
    return catalogue


class Turn(Phrasing):
    """One request as a conversation sees it: the typed session state, the couple and their clock
    (loaded by the request interceptors below before the handler runs), phrases and responses."""

    def __init__(self, services: Services, handler_input: HandlerInput) -> None:
        self.services = services
        self.input = handler_input
        self.state = SessionState.load(self._session())
        self._profile: Profile | None = None
        self._failure: StoreError | None = None  # the couple's read failed: ``profile`` raises it
        # The couple's zone once ``LoadCouple`` has run; the configured default until then (or
        # when the store cannot say), for openings and closings that follow the clock.
        self.time_zone = ZoneInfo(services.settings.default_time_zone)
        # The gratitudes ``LoadCouple`` read with the profile (``Reads.gratitudes_since``), and
        # whether more were left; None when they were not read that way.
        self.gratitudes: tuple[list[Gratitude], bool] | None = None
        # Said once before this turn's answer (``ask``/``tell``): news the couple has not heard yet.
        self.notice = ""
        # The words of this request's locale: two partners on two devices may each hear their own.
        self.content = words_for(services, handler_input)

    @classmethod
    def of(cls, services: Services, handler_input: HandlerInput) -> Turn:
        """This request's turn (``OpenTurn`` made it; an exception handler may arrive before it did)."""
        attrs = handler_input.attributes_manager.request_attributes
        turn = attrs.get("turn")
        if not isinstance(turn, Turn):
            turn = attrs["turn"] = cls(services, handler_input)
        return turn

    def _session(self) -> dict[str, Any] | None:
        """The raw session attributes (None for a request without a session)."""
        try:
            attrs: dict[str, Any] | None = self.input.attributes_manager.session_attributes
        except AttributesManagerException:  # a request without a session (one-shot, skill event)
            return None
        return attrs

    def reset_state(self) -> None:
        """Drop this turn's changes to the state (after an error): the session keeps what it had."""
        self.state = SessionState.load(self._session())

    def save_state(self) -> None:
        """Write the typed state back as the session attributes of the answer."""
        attrs = self._session()
        if attrs is not None:
            dumped = self.state.dump()
            attrs.clear()
            attrs.update(dumped)

    @property
    def phase(self) -> Phase | None:
        return self.state.phase

    @property
    def user_id(self) -> str:
        """The verified request's Alexa user id: the only root any store key is derived from."""
        return str(get_user_id(self.input))

    @property
    def profile(self) -> Profile:
        """The couple as ``LoadCouple`` read it (or as this turn's last write left it). Raises the
        store's error when that read failed, so a handler fails as it would have at the read."""
        if self._failure is not None:
            raise self._failure
        if self._profile is None:
            raise RuntimeError("this handler's reads() said it needs no couple")
        return self._profile

    @profile.setter
    def profile(self, value: Profile) -> None:
        self._profile = value
        self._failure = None

    def arrived(self, arrival: Arrival) -> None:
        """What ``LoadCouple`` found (skill/arrival.py): the couple, their clock, the week's
        gratitudes when asked, and news to say once."""
        self._profile, self._failure, self.gratitudes = arrival.profile, arrival.failure, arrival.gratitudes
        if arrival.profile is not None:
            self.remember_couple(arrival.profile)
        if arrival.time_zone is not None:
            self.time_zone = arrival.time_zone
        if arrival.notice:
            self.notice = self.say(arrival.notice)

    def partner_name(self) -> str:
        """The partner's first name when the speaker's voice is known and both names are (spoken, so
        the profile's names), else "your partner". Names are personal data: spoken, never logged."""
        profile = self.profile
        person = slots.person_id(self.input)
        speaker = profile.voices.get(person) if person else None
        if speaker in (0, 1) and len(profile.names) == 2:
            return profile.names[1 - speaker]
        return self.words("partner_unnamed")

    @property
    def now(self) -> datetime:
        ctx = self.input.context
        return ctx.now if isinstance(ctx, RequestContext) else datetime.now(UTC)

    def remember_couple(self, profile: Profile | None) -> None:
        """Keep a linked couple's id in the session so later turns read it directly (a hint only)."""
        self.state.couple = profile.couple_id if profile is not None and profile.members else None

    @property
    def today(self) -> date:
        """This evening, where the couple is: a day runs 4 a.m. to 4 a.m. (skill/domain/evening.py),
        so the streak, tonight's pick and the week all count a practice at 00:30 with the evening before."""
        return evening_at(self.now, self.time_zone)

    def streak(self) -> Streak:
        return self.profile.streak_state()

    def outcome(self) -> str | None:
        """What this request's write did (``Profile.outcome``), also when the request is a redelivery
        that the store recognised and did not apply again; None when it wrote nothing."""
        return self.profile.outcome_of(self.services.couples.request_token())

    def part_of_day(self) -> str:
        """Morning, afternoon or evening where the couple is (the default zone when the store could
        not say), for openings and closings that follow the clock."""
        return part_of_day(self.now.astimezone(self.time_zone).hour)

    def phrase(self, key: str, rotation: int, values: Mapping[str, object]) -> str:
        """A phrase from content as plain text (``words``, ``say`` and ``count`` of ``Phrasing`` are
        its typed doors: content/phrase_keys.py). The variant is picked by the request id, so a card
        and the speech agree and a redelivered request is answered in the same words. A time-aware
        phrase is said for the couple's part of the day, "tonight" becomes "today" before 5 p.m., and
        a closing {signoff} is filled in to match."""
        request_id = slots.request_id(self.input) or None
        phrases = self.content.phrases
        part = self.part_of_day()
        text = phrases.said(key, request_id, part, rotation)
        if SIGNOFF in placeholders(text):
            values = {**values, SIGNOFF: phrases.said(SIGNOFF, request_id, part)}
        return text.format(**values)

    # -- responses -----------------------------------------------------------------------------

    def _with_notice(self, ssml: str) -> str:
        notice, self.notice = self.notice, ""
        return f"{notice} {ssml}" if notice else ssml

    def ask(self, ssml: str, reprompt: str, card: tuple[str, str] | None = None) -> Response:
        builder = self.input.response_builder.speak(self._with_notice(ssml)).ask(reprompt)
        if card:
            builder.set_card(SimpleCard(title=card[0], content=card[1]))
        return builder.response

    def tell(self, ssml: str, card: tuple[str, str] | None = None) -> Response:
        builder = self.input.response_builder.speak(self._with_notice(ssml)).set_should_end_session(True)
        if card:
            builder.set_card(SimpleCard(title=card[0], content=card[1]))
        return builder.response

    def elicit(self, intent: str, slot: str) -> None:
        """Ask Alexa to take the couple's next words as this slot's value (Dialog.ElicitSlot; only in
        reply to an intent, the one request type Alexa accepts dialog directives for)."""
        if is_request_type("IntentRequest")(self.input):
            updated = Intent(
                name=intent,
                confirmation_status=IntentConfirmationStatus.NONE,
                slots={slot: Slot(name=slot, confirmation_status=SlotConfirmationStatus.NONE)},
            )
            self.input.response_builder.add_directive(ElicitSlotDirective(updated_intent=updated, slot_to_elicit=slot))

    def standard_card(self, title: str, text: str) -> None:
        """Send a Standard card (plain text a person would rather read) with the next ask/tell."""
        self.input.response_builder.set_card(StandardCard(title=title, text=text))


class OpenTurn(AbstractRequestInterceptor):
    """Before handler selection, every request: the turn with its typed session state (read once)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def process(self, handler_input: HandlerInput) -> None:
        handler_input.attributes_manager.request_attributes["turn"] = Turn(self.services, handler_input)


class LoadCouple(AbstractRequestInterceptor):
    """After the handler is chosen, before it runs: what it ``reads`` (the couple, the time zone).

    The builder puts one in each handler's chain (skill/builder.py), so the read is sized to the
    handler (the weekly summary reads its gratitudes in the same call) and happens exactly once.
    """

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.services = handler.services

    def process(self, handler_input: HandlerInput) -> None:
        turn = self.handler.turn(handler_input)
        reads = self.handler.reads(turn)
        turn.arrived(arrive(self.services, handler_input, turn.user_id, turn.state.couple, reads, turn.now))


class SaveState(AbstractResponseInterceptor):
    """After every handled request: the typed state becomes the session attributes Alexa keeps."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        turn = handler_input.attributes_manager.request_attributes.get("turn")
        if isinstance(turn, Turn):
            turn.save_state()
        else:  # nobody looked at the state: still pass on only what validates
            try:
                attrs = handler_input.attributes_manager.session_attributes
            except AttributesManagerException:
                return
            if attrs is not None:
                clean = SessionState.load(attrs).dump()
                attrs.clear()
                attrs.update(clean)


class Handler(AbstractRequestHandler):
    """A request handler built with its dependencies (no module-global skill)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def reads(self, turn: Turn) -> Reads:
        """What ``LoadCouple`` reads before ``handle`` runs: the couple, unless a handler says otherwise."""
        return Reads()

    def turn(self, handler_input: HandlerInput) -> Turn:
        return Turn.of(self.services, handler_input)


class IntentHandler(Handler):
    """Handles the intents named in ``intents``, when ``applies`` (a phase predicate) holds.

    ``intents`` is also what the model-contract test reads: every name here must be in the model.
    """

    intents: ClassVar[tuple[str, ...]] = ()
    # Slots the handler cannot work without. When one is missing, empty or unresolved (its entity
    # resolution found no match) the handler declines and the catch-all asks again, writing nothing.
    required_slots: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(
            is_request_type("IntentRequest")(handler_input)
            and get_intent_name(handler_input) in self.intents
            and all(slot_usable(handler_input, name) for name in self.required_slots)
            and self.applies(self.turn(handler_input))
        )

    def applies(self, turn: Turn) -> bool:
        return True
