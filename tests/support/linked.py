"""A couple linked through the real link and join flow, tomorrow evening (codes and join attempts carry
TTLs, and DynamoDB Local's sweeper deletes items whose TTL has passed by the real clock, mid-test),
with both names and both voices known: what the deletion tests start from."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient

from skill.store.couples import CoupleStore

from support.alexa import Conversation
from support.couples import link
from support.personal import personal

NY = ZoneInfo("America/New_York")


# Tomorrow evening, never a day in the past: codes and join attempts carry TTLs, and DynamoDB Local's
# sweeper deletes items whose TTL has passed by the real clock, mid-test.
EVENING = datetime.combine(datetime.now(NY).date() + timedelta(days=1), time(20, 0), tzinfo=NY)


def evening(minute: float = 0) -> datetime:
    return EVENING + timedelta(minutes=minute)


VOICE_A, VOICE_B = "amzn1.ask.person.DELETEA", "amzn1.ask.person.DELETEB"


def linked_couple(client: FlaskClient, store: CoupleStore) -> tuple[Any, Any, list[str]]:
    a = Conversation(client, device_id="amzn1.ask.device.DELA", person_id=VOICE_A)
    b = Conversation(client, device_id="amzn1.ask.device.DELB", person_id=VOICE_B)
    link(a, b, evening(), join_after=timedelta(minutes=1))
    a.one_shot("CompletedExerciseIntent", evening(2))
    names = [personal("Philippa"), personal("Augustin")]

    def change(p: Any) -> bool:
        p.names, p.voices = list(names), {VOICE_A: 0, VOICE_B: 1}
        return True

    store.update(store.load_for_user(a.user_id), change)
    return a, b, names
