"""Seed couples with history directly, the way each implementation stores it.

* the skill: through its store API. The profile (``CoupleStore.load_for_user``, then one
  ``CoupleStore.update``) gets the partners' names and, night by night, what the handlers record for
  the mix's evening: tonight's suggestion, the completed practice, the finished gratitude round (the
  activity ``gratitude_round``), and the request ids the writes remember (docs/data-model.md). The
  gratitude entries are the items ``GratitudeLog`` writes (``GratitudeLog.item``), two per night (one
  turn each), but only those the skill would still hold: entries expire after the retention period
  (``SKILL_GRATITUDE_RETENTION_DAYS``, 90 days), so two years of nights leave ~90 nights of entries.
* the peer: its attribute map, every night appended to its lists, written as the adapter writes it.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bench.mix import BASE_DAY, EVENING, FIRST_NAMES
from content.schema import Catalogue
from intents.gratitude import ACTIVITY_ID
from skill.store import keys
from skill.store.couples import CoupleStore
from skill.store.gratitude import Gratitude, GratitudeLog
from skill.store.profile import Profile
from skill.store.scope import request_token

ONE_WEEK = 7
ONE_MONTH = 30
TWO_YEARS = 730
# The load runs' pools; the in-process DynamoDB figures also measure ONE_MONTH (bench.run).
HISTORIES = {"1w": ONE_WEEK, "2y": TWO_YEARS}
MEASURED_HISTORIES = {"1w": ONE_WEEK, "1m": ONE_MONTH, "2y": TWO_YEARS}
# The seeded couples' time zone, as the Settings API would have given it (stored in the profile).
TIME_ZONE = "Europe/London"

_THANKS = (
    "you made us tea after a long {day}",
    "you listened when I talked about work on {day}",
    "of the walk we took together on {day} evening",
    "you laughed at my silly story on {day}",
    "you remembered to call my sister on {day}",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nights(count: int, end: date = BASE_DAY) -> list[date]:
    """The ``count`` evenings before ``end``, oldest first."""
    return [end - timedelta(days=count - i) for i in range(count)]


def gratitude_words(i: int, day: date) -> str:
    return _THANKS[i % len(_THANKS)].format(day=_DAYS[day.weekday()])


def _request_id(user: str, day: date, what: str) -> str:
    return f"amzn1.echo-api.request.bench-{hashlib.sha256(f'{user}:{day}:{what}'.encode()).hexdigest()[:32]}"


def seed_skill(store: CoupleStore, catalogue: Catalogue, user: str, count: int, retention_days: int = 90
               ) -> dict[str, Any]:
    """``count`` nights of the mix's evening for ``user``'s couple; returns what was seeded."""
    profile = store.load_for_user(user)
    practices = catalogue.practices
    days = nights(count)

    def change(draft: Profile) -> bool:
        draft.names = list(FIRST_NAMES)
        draft.time_zone = TIME_ZONE
        for i, day in enumerate(days):
            practice = practices[i % len(practices)].id
            draft.suggest(day, practice)
            draft.remember(request_token(_request_id(user, day, "tonight")), "")
            draft.complete(day, practice)
            draft.remember(request_token(_request_id(user, day, "did_it")), "completed_streak")
            draft.complete(day, ACTIVITY_ID)
            draft.remember(request_token(_request_id(user, day, "gratitude_last")), "")
        if days:
            draft.time_zone_checked = days[-1].isoformat()
        return True

    profile, _ = store.update(profile, change)
    log = GratitudeLog(store, retention_days)
    zone = ZoneInfo(TIME_ZONE)
    now = datetime.combine(BASE_DAY, EVENING, tzinfo=zone)
    items: list[dict[str, Any]] = []
    for i, day in enumerate(days):
        for turn in (0, 1):
            at = datetime.combine(day, time(EVENING.hour, 5 + turn), tzinfo=zone)
            if at + log.retention <= now:
                continue  # expired by TTL: the skill no longer holds it
            by, to = FIRST_NAMES[turn], FIRST_NAMES[1 - turn]
            entry = Gratitude(by=by, to=to, words=gratitude_words(2 * i + turn, day), at=at,
                              round_id=hashlib.sha256(f"{user}:{day}".encode()).hexdigest()[:8], each=1)
            items.append(log.item(profile.couple_id, entry, at, _request_id(user, day, f"gratitude{turn}")))
    for start in range(0, len(items), 25):
        batch: Any = {store.table: [{"PutRequest": {"Item": item}} for item in items[start:start + 25]]}
        while batch:
            batch = store.client.batch_write_item(RequestItems=batch).get("UnprocessedItems") or {}
    return {"nights": count, "gratitudes_held": len(items),
            "gratitudes_expired": 2 * count - len(items), "profile_bytes": profile_bytes(store, profile.couple_id)}


def profile_bytes(store: CoupleStore, couple_id: str) -> int:
    """The stored profile item's size as DynamoDB bills it (attribute names + values, UTF-8)."""
    reply = store.client.get_item(TableName=store.table, ConsistentRead=True,
                                  Key={keys.PK: {"S": keys.couple_pk(couple_id)}, keys.SK: {"S": keys.PROFILE_SK}})
    return item_size(reply["Item"])


def item_size(item: dict[str, Any]) -> int:
    """DynamoDB's item size rule: names' and values' UTF-8 bytes; numbers ~ digits/2 + 1; 3 bytes per
    list or map plus 1 per element (docs: "Item sizes and formats")."""
    def value(v: dict[str, Any]) -> int:
        (kind, raw), = v.items()
        if kind == "S":
            return len(raw.encode())
        if kind == "N":
            digits = len(raw.lstrip("-").replace(".", "").lstrip("0")) or 1
            return (digits + 1) // 2 + 1
        if kind == "BOOL" or kind == "NULL":
            return 1
        if kind == "L":
            return 3 + sum(value(x) + 1 for x in raw)
        if kind == "M":
            return 3 + sum(len(k.encode()) + value(x) + 1 for k, x in raw.items())
        return len(str(raw).encode())
    return sum(len(k.encode()) + value(v) for k, v in item.items())


def peer_attributes(count: int, catalogue: Catalogue) -> dict[str, Any]:
    """The peer's attribute map after ``count`` nights of the mix's evening: a suggestion, a completed
    practice, a gratitude round (one gratitude each, counted as a completion) every night."""
    practices = catalogue.practices
    attrs: dict[str, Any] = {"completions": [], "suggestions": [], "gratitudes": []}
    for i, day in enumerate(nights(count)):
        iso, practice = day.isoformat(), practices[i % len(practices)].id
        attrs["suggestions"].append({"date": iso, "practice": practice})
        attrs["completions"].append({"date": iso, "practice": practice})
        for turn in (0, 1):
            attrs["gratitudes"].append({"date": iso, "from": FIRST_NAMES[turn],
                                        "text": gratitude_words(2 * i + turn, day)})
        attrs["completions"].append({"date": iso, "practice": "gratitude_round"})
    return attrs


def seed_peer(table: Any, catalogue: Catalogue, user: str, count: int) -> dict[str, Any]:
    """Write the map as ``DynamoDbAdapter.save_attributes`` does: one item, key ``id``, map ``attributes``."""
    table.put_item(Item={"id": user, "attributes": peer_attributes(count, catalogue)})
    return {"nights": count, "gratitudes": 2 * count}

