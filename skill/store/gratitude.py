"""Gratitude entries: one item per spoken gratitude in the couple's partition, expiring by TTL.

Written once with a condition on its own key (a retried request never stores a duplicate); read a
week at a time with one bounded Query. See docs/data-model.md "Gratitude entries".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from skill.speech import xml_safe
from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item
from skill.store.errors import ConflictError

# A week's summary reads at most this many entries (one Query page, a few dozen KB at most).
MAX_WEEK_ENTRIES = 200
# What one entry may hold (docs/gratitude.md): the round refuses longer captures; the store caps
# anyway, and drops characters XML forbids so the summary that reads them back stays valid SSML.
MAX_WORDS_CHARS = 300
MAX_NAME_CHARS = 30


@dataclass(frozen=True)
class Gratitude:
    """Who said it, to whom, the words, when (UTC), and which round it belongs to."""

    by: str
    to: str
    words: str
    at: datetime
    round_id: str
    each: int  # turns per partner the round was set to when this was said
    key: str = ""  # its sort key, once stored (used to rotate the summary's read-back)

    def __repr__(self) -> str:  # never show the words or names in a traceback or a log
        return f"Gratitude(key={self.key!r}, round_id={self.round_id!r})"


class GratitudeLog:
    def __init__(self, store: CoupleStore, retention_days: int) -> None:
        self.store = store
        self.retention = timedelta(days=retention_days)

    def add(self, couple_id: str, entry: Gratitude, local_now: datetime, request_id: str) -> bool:
        """Store one entry (a single conditional PutItem). False when this request already stored it."""
        item = self.item(couple_id, entry, local_now, request_id)
        try:
            with dynamodb_errors(write=True):
                self.store.client.put_item(
                    TableName=self.store.table,
                    Item=item,
                    ConditionExpression="attribute_not_exists(#sk)",
                    ExpressionAttributeNames={"#sk": keys.SK},
                )
        except ConflictError:
            return False  # the same request, retried: the entry is already there
        return True

    def item(self, couple_id: str, entry: Gratitude, local_now: datetime, request_id: str) -> dict[str, Any]:
        """The entry as the DynamoDB item ``add`` writes (typed attribute values)."""
        sk = keys.gratitude_sk(local_now.date().isoformat(), local_now.strftime("%H:%M:%S"), request_id)
        expires = int((entry.at + self.retention).timestamp())
        return to_item(
            {
                keys.PK: keys.couple_pk(couple_id),
                keys.SK: sk,
                "by": _clean(entry.by, MAX_NAME_CHARS),
                "to": _clean(entry.to, MAX_NAME_CHARS),
                "words": _clean(entry.words, MAX_WORDS_CHARS),
                "at": entry.at.isoformat(),
                "round": entry.round_id,
                "each": entry.each,
                keys.TTL_ATTRIBUTE: expires,
            }
        )

    def between(self, couple_id: str, first: date, last: date, now: datetime) -> tuple[list[Gratitude], bool]:
        """Entries said from ``first`` to ``last`` (local dates, inclusive), oldest first: one Query.

        ``now`` is the request's time. Returns the entries and whether there were more than MAX_WEEK_ENTRIES.
        """
        low, high = keys.gratitude_range(first.isoformat(), last.isoformat())
        with dynamodb_errors():
            reply = self.store.client.query(
                TableName=self.store.table,
                KeyConditionExpression="#pk = :pk AND #sk BETWEEN :low AND :high",
                ExpressionAttributeNames={"#pk": keys.PK, "#sk": keys.SK},
                ExpressionAttributeValues=to_item({":pk": keys.couple_pk(couple_id), ":low": low, ":high": high}),
                Limit=MAX_WEEK_ENTRIES,
                ConsistentRead=True,
            )
        return self.entries(
            map(from_item, map(dict, reply.get("Items", []))), first, last, now
        ), "LastEvaluatedKey" in reply

    def entries(self, items: Iterable[dict[str, Any]], first: date, last: date, now: datetime) -> list[Gratitude]:
        """The gratitude entries among already-read items, said from ``first`` to ``last``, oldest first."""
        low, high = keys.gratitude_range(first.isoformat(), last.isoformat())
        chosen = sorted((i for i in items if low <= str(i.get(keys.SK, "")) <= high), key=lambda i: str(i[keys.SK]))
        # DynamoDB deletes expired items within days, not at once: skip any that already expired.
        return [e for e in map(_entry, chosen) if e.at + self.retention > now]


def _clean(text: str, limit: int) -> str:
    return xml_safe(text).strip()[:limit]


def _entry(attrs: dict[str, Any]) -> Gratitude:
    return Gratitude(
        by=str(attrs["by"]),
        to=str(attrs["to"]),
        words=str(attrs["words"]),
        at=datetime.fromisoformat(str(attrs["at"])),
        round_id=str(attrs.get("round", "")),
        each=int(attrs.get("each", 1)),
        key=str(attrs[keys.SK]),
    )
