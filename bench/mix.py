"""The request mix: one evening of a couple, as a table of request types -> envelope builders.

Every target (floors, skill, peer) receives the same real Alexa envelopes (devtools/envelopes, with the
user, time, session and intent filled in), with the session attributes of each answer
carried into the next request of the same session, as Alexa does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bench.names import person_id
from devtools.envelopes import envelope, new_session_id

EVENING = time(21, 0)
# The day every seeded history ends before (history covers the days up to the day before it). A Sunday:
# the weekly summary on the first measured evening reads a week of seeded entries (Monday to Saturday).
# The next Sunday after today, never a day in the past: link codes and answers carry TTLs, and DynamoDB
# Local's sweeper deletes items whose TTL has passed by the real clock, mid-setup.
BASE_DAY = date.today() + timedelta(days=7 - (date.today().weekday() + 1) % 7)

# Said in a gratitude turn by the load generator (bench text only, never a real couple's words).
GRATITUDE_WORDS = "you made us tea and listened while I talked about my day"
GRATITUDE_WORDS_2 = "you planned a quiet walk for us after dinner"
# The Settings API's answer for the bench couples' devices (devtools/alexa_apis.py's stand-in serves it).
TIME_ZONE = "Europe/London"


def user_id(pool: str, index: int) -> str:
    """A stable Alexa-style user id for couple ``index`` of a seeded pool."""
    tag = hashlib.sha256(f"{pool}:{index}".encode()).hexdigest()[:40].upper()
    return f"amzn1.ask.account.BENCH{tag}"


def at_evening(day: date) -> datetime:
    return datetime.combine(day, EVENING, tzinfo=UTC)


# -- the table -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestType:
    """One kind of request in a couple's evening; ``session`` is "new" (one-shot or launch) or "continue"
    (same session as the request before, its attributes carried as Alexa carries them)."""

    name: str
    kind: str  # envelope template: launch or intent
    intent: str | None
    session: str
    slots: dict[str, str] = field(default_factory=dict)
    partner: int = 0  # who speaks: their voice, and (for a linked couple) their own Alexa account


# The skill's intents for each request type, named explicitly (deploy/model/en/intents/*.json); a test
# checks each is in the interaction model with these slots, so a rename cannot silently bench a fallback.
REQUEST_TYPES: tuple[RequestType, ...] = (
    RequestType("launch", "launch", None, "new"),
    RequestType("tonight", "intent", "TonightsExerciseIntent", "continue"),
    RequestType("start", "intent", "StartExerciseIntent", "continue"),
    # Said by the other partner, on their own linked account.
    RequestType("did_it", "intent", "CompletedExerciseIntent", "new", partner=1),
    # "start a gratitude round": one turn each (the names are in the profile, so no name questions).
    RequestType("gratitude_start", "intent", "StartGratitudeRoundIntent", "new"),
    # The first partner's gratitude, inside the round (phase and round state from the answer before).
    RequestType("gratitude", "intent", "GratitudeIntent", "continue", {"gratitude": GRATITUDE_WORDS}),
    # The second partner's: the turn that finishes the round (stores it and counts the round once).
    RequestType("gratitude_last", "intent", "GratitudeIntent", "continue", {"gratitude": GRATITUDE_WORDS_2}, partner=1),
    RequestType("summary", "intent", "WeeklySummaryIntent", "new"),
)


def active_types() -> tuple[RequestType, ...]:
    """The evening, in order: open, tonight's exercise, start it, "we did it", a gratitude round, the week."""
    return REQUEST_TYPES


@dataclass
class Couple:
    """A couple's evenings, one request at a time, carrying session attributes as Alexa does."""

    user: str
    day: date
    types: tuple[RequestType, ...]
    users: tuple[str, str] = ("", "")  # each partner's own account (linked couples); else ``user`` for both
    persons: tuple[str, str] = ("", "")  # each partner's personId (voices known); empty: no voice sent
    api_endpoint: str = ""
    step: int = 0
    session_id: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)

    def next(self) -> tuple[RequestType, dict[str, Any]]:
        rtype = self.types[self.step]
        new = rtype.session == "new" or not self.session_id
        if new:
            self.session_id = new_session_id()
            self.attributes = {}
        user = self.users[rtype.partner] or self.user
        env = envelope(
            rtype.kind,
            user_id=user,
            at=at_evening(self.day),
            session_id=self.session_id,
            new=new,
            attributes=self.attributes,
            intent=rtype.intent,
            slots=rtype.slots,
            person_id=self.persons[rtype.partner] or None,
            api_endpoint=self.api_endpoint or None,
        )
        self.step += 1
        if self.step == len(self.types):
            self.step = 0
            self.day += timedelta(days=1)
        return rtype, env

    def answered(self, body: dict[str, Any]) -> None:
        if body.get("response", {}).get("shouldEndSession") is True:
            self.session_id = ""
            self.attributes = {}
        else:
            self.attributes = body.get("sessionAttributes") or {}


def couple(pool: str, index: int, day: date, types: tuple[RequestType, ...], api_endpoint: str = "") -> Couple:
    """Couple ``index`` of a pool. The skill's couples are linked (two accounts) and both voices are
    known; the peer (the ASK SDK idiom has no linking) hears every request on the first account."""
    first = user_id(pool, index)
    linked = pool.startswith("skill") or pool.startswith("measure-skill")
    return Couple(
        user=first,
        day=day,
        types=types,
        users=(first, partner_user_id(pool, index)) if linked else ("", ""),
        persons=(person_id(pool, index, 0), person_id(pool, index, 1)),
        api_endpoint=api_endpoint,
    )


def partner_user_id(pool: str, index: int) -> str:
    return user_id(f"{pool}:partner", index)
