"""Tonight's question as the tests play it: evenings from tomorrow on, which question of the bank an
answer said, and the answers a couple's partition holds."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from content.schema import Catalogue
from skill.store import keys
from skill.store.couples import CoupleStore, from_item

from support.alexa import Conversation
from support.couples import partition

NY = ZoneInfo("America/New_York")  # the test settings' default time zone


# Evenings from tomorrow on: link codes and answers carry a TTL, and DynamoDB Local's sweeper deletes
# items whose TTL is already past by the real clock, so a test evening in the past could lose them.
START = datetime.now(NY).date() + timedelta(days=1)


def evening(day: int, hour: int = 20, minute: int = 30) -> datetime:
    return datetime(START.year, START.month, START.day, hour, minute, tzinfo=NY) + timedelta(days=day)


def asked(catalogue: Catalogue, said: str) -> str:
    """Which question of the bank an answer said (each answer says at most one)."""
    found = [q.text for q in catalogue.questions if q.text in said]
    assert len(found) == 1, said
    return found[0]


def answers(store: CoupleStore, couple_id: str) -> list[dict[str, Any]]:
    return [from_item(i) for i in partition(store, couple_id) if i["sk"]["S"].startswith(keys.ANSWER_PREFIX)]


def shared_id(store: CoupleStore, conv: Conversation) -> str:
    return store.load_for_user(conv.user_id).couple_id
