"""Seed couples with history directly, the way each implementation stores it.

* the skill: through its store API (``CoupleStore.load_for_user`` then ``save``), applying each
  night's suggestion and completion to the profile exactly as the handlers do (docs/data-model.md);
* the peer: its attribute map, every night appended to its lists, written as the adapter writes it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bench.mix import BASE_DAY
from content.schema import Catalogue
from skill.store.couples import CoupleStore

ONE_WEEK = 7
TWO_YEARS = 730
HISTORIES = {"1w": ONE_WEEK, "2y": TWO_YEARS}

_THANKS = (
    "I'm grateful you made us tea after a long {day}",
    "I appreciate how you listened when I talked about work on {day}",
    "thank you for the walk we took together on {day} evening",
    "I love how you laughed at my silly story on {day}",
    "I'm grateful you remembered to call my sister on {day}",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nights(count: int, end: date = BASE_DAY) -> list[date]:
    """The ``count`` evenings before ``end``, oldest first."""
    return [end - timedelta(days=count - i) for i in range(count)]


def gratitude_words(i: int, day: date) -> str:
    return _THANKS[i % len(_THANKS)].format(day=_DAYS[day.weekday()])


def seed_skill(store: CoupleStore, catalogue: Catalogue, user: str, count: int) -> dict[str, Any]:
    """Nightly suggestion and completion for ``count`` nights, through the store API.

    Gratitudes are not stored by the skill in this branch (no gratitude store yet): the returned
    note says so, and the benchmark reports it.
    """
    profile = store.load_for_user(user)
    practices = catalogue.practices
    for i, day in enumerate(nights(count)):
        practice = practices[i % len(practices)].id
        profile.suggest(day, practice)
        profile.complete(day, practice)
    store.save(profile)
    return {"nights": count, "gratitudes": "not yet available: the skill has no gratitude store in this branch"}


def peer_attributes(count: int, catalogue: Catalogue) -> dict[str, Any]:
    """The peer's attribute map after ``count`` nights: one suggestion, one completion, one gratitude each."""
    practices = catalogue.practices
    attrs: dict[str, Any] = {"completions": [], "suggestions": [], "gratitudes": []}
    for i, day in enumerate(nights(count)):
        iso, practice = day.isoformat(), practices[i % len(practices)].id
        attrs["suggestions"].append({"date": iso, "practice": practice})
        attrs["completions"].append({"date": iso, "practice": practice})
        attrs["gratitudes"].append({"date": iso, "from": ("Sam", "Alex")[i % 2], "text": gratitude_words(i, day)})
    return attrs


def seed_peer(table: Any, catalogue: Catalogue, user: str, count: int) -> dict[str, Any]:
    """Write the map as ``DynamoDbAdapter.save_attributes`` does: one item, key ``id``, map ``attributes``."""
    table.put_item(Item={"id": user, "attributes": peer_attributes(count, catalogue)})
    return {"nights": count, "gratitudes": count}
