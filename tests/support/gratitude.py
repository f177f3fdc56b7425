"""A gratitude round's test couple: their names and words (registered as personal, so the whole-suite
log check fails a run that logs them), the evening they play it, and how a test reads what was kept."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from skill.core.settings import Settings
from skill.domain.gratitude import Gratitude
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore
from skill.store.gratitude import GratitudeLog

from support.alexa import Conversation
from support.personal import personal
from support.today import MONDAY, coming_at

NY = ZoneInfo("America/New_York")  # the test settings' default time zone

# Personal test strings: names and spoken words that must never reach a log (whole-suite log check).
PARTNER_NAMES = ("Marisol", "Teodoro")
GRATITUDE_WORDS = (
    "you fixed the squeaky bicycle bell",
    "you hummed while making pancakes",
    "you left me a note about the marigolds",
    "you waited up with peppermint tea",
    "you walked the dog through the drizzle",
    "you laughed at my terrible origami",
)
PERSONAL_STRINGS = tuple(
    personal(text) for text in (*PARTNER_NAMES, *GRATITUDE_WORDS, "marigolds", "origami", "pancakes")
)

ME, YOU = PARTNER_NAMES
VOICE_ME, VOICE_YOU = "amzn1.ask.person.VOICEMARISOL", "amzn1.ask.person.VOICETEODORO"


def evening(day: int = 0, hour: int = 20, minute: int = 30) -> datetime:
    """A local time (New York) on day ``day`` after a coming Monday (tests/support/today.py)."""
    return coming_at(MONDAY, hour, minute, NY) + timedelta(days=day)


def with_names(store: CoupleStore, c: Conversation, voices: dict[str, int] | None = None) -> None:
    def change(p: Profile) -> bool:
        p.names = list(PARTNER_NAMES)
        p.voices = dict(voices or {})
        return True

    store.update(store.load_for_user(c.user_id), change)


def entries(store: CoupleStore, settings: Settings, c: Conversation, day: int = 0) -> list[Gratitude]:
    couple = store.load_for_user(c.user_id).couple_id
    found, _ = GratitudeLog(store, settings.gratitude_retention_days).between(
        couple, evening(day).date(), evening(day).date(), evening(day)
    )
    return found


_tick = itertools.count(1)


def grateful(c: Conversation, words: str, at: datetime | None = None) -> str:
    """One partner's answer, a few seconds after the last one (entries sort by when they were said)."""
    return c.say("GratitudeIntent", at or evening() + timedelta(seconds=next(_tick)), gratitude=words)
