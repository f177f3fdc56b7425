"""What happens when a request arrives, before its handler answers: the couple is read (with the
week's gratitudes when the handler asks), the time zone is learnt when due, and a reminder that a
deletion could not reach is cleared. ``intents.base.LoadCouple`` calls ``arrive`` once per request;
the handler then sees only the result, through its ``Turn``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from ask_sdk_core.handler_input import HandlerInput

from skill.alexa.reminders import Outcome, permission_granted
from skill.domain.gratitude import Gratitude
from skill.domain.profile import Profile
from skill.reminder_cleanup import clear_left_reminder
from skill.services import Services
from skill.store.errors import StoreError

log = logging.getLogger("close_together.arrival")

# How long a learnt time zone is trusted before the device is asked again; a failed lookup is
# retried the next day.
TIME_ZONE_RECHECK_DAYS = 30


@dataclass(frozen=True)
class Reads:
    """What a handler needs read before it runs (``Handler.reads``); ``LoadCouple`` reads it, once."""

    couple: bool = True
    # The weekly summary reads the gratitudes said since this local date with the profile, in one call.
    gratitudes_since: date | None = None
    gratitudes_limit: int = 0


NOTHING = Reads(couple=False)


@dataclass(frozen=True)
class Arrival:
    """The couple as the request found them. ``failure`` is the store's error when the read failed
    (the handler meets it when it asks for the profile); ``notice`` a phrase key said once."""

    profile: Profile | None = None
    failure: StoreError | None = None
    gratitudes: tuple[list[Gratitude], bool] | None = None
    time_zone: ZoneInfo | None = None
    notice: Literal["reminder_left_stopped", "reminder_left_in_app"] | None = None


def arrive(
    services: Services, handler_input: HandlerInput, user_id: str, couple_hint: str | None, reads: Reads, now: datetime
) -> Arrival:
    """Read what ``reads`` names, then learn the time zone when due and clear a left reminder."""
    if not reads.couple:
        return Arrival()
    gratitudes = None
    try:
        found = (
            services.gratitudes.with_profile(user_id, couple_hint, reads.gratitudes_since, reads.gratitudes_limit, now)
            if reads.gratitudes_since is not None
            else None
        )
        if found is not None:
            profile, entries, more = found
            gratitudes = (entries, more)
        else:
            profile = services.couples.load_for_user(user_id, couple_hint)
    except StoreError as err:
        return Arrival(failure=err)
    profile, zone = learn_time_zone(services, profile, handler_input, now.date())
    time_zone = ZoneInfo(zone or profile.time_zone or services.settings.default_time_zone)
    notice = None
    # A first request, or the first since this account's data was deleted: only an account that
    # allowed reminders can have one left behind, so others pay no extra read.
    if profile.is_new and permission_granted(handler_input):
        notice = _left_reminder_notice(services, user_id, handler_input)
    return Arrival(profile, None, gratitudes, time_zone, notice)


def time_zone_check_due(profile: Profile, today: date) -> bool:
    if not profile.time_zone_checked:
        return True
    age = (today - date.fromisoformat(profile.time_zone_checked)).days
    return age >= (TIME_ZONE_RECHECK_DAYS if profile.time_zone else 1)


def learn_time_zone(
    services: Services, profile: Profile, handler_input: HandlerInput, checked_on: date
) -> tuple[Profile, str | None]:
    """The device's zone from the Settings API when the stored one is due a check (see
    docs/data-model.md, "Time zone"), and the profile after the check's date was stored whatever it
    found; no zone (and the profile as it was) when no check is due."""
    if not services.settings.time_zone_lookup or not time_zone_check_due(profile, checked_on):
        return profile, None
    zone = services.device_settings.time_zone(handler_input)

    def change(draft: Profile) -> bool:
        if zone:
            draft.time_zone = zone
        draft.time_zone_checked = checked_on.isoformat()
        return True

    try:
        profile, _ = services.couples.update(profile, change, step="time_zone")
    except StoreError:
        log.warning("could not store the time zone check", exc_info=True)
    return profile, zone


def _left_reminder_notice(
    services: Services, user_id: str, handler_input: HandlerInput
) -> Literal["reminder_left_stopped", "reminder_left_in_app"] | None:
    """A reminder a deletion could not reach is deleted now, with this account's own token, and
    the couple hears so once (docs/partners.md, "Deleting by voice"): the phrase key to say."""
    try:
        outcome = clear_left_reminder(services, user_id, handler_input)
    except StoreError:
        log.warning("could not check for a reminder left by a deletion", exc_info=True)
        return None
    if outcome is None:
        return None
    return "reminder_left_stopped" if outcome is Outcome.OK else "reminder_left_in_app"
