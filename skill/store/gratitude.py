"""Gratitude entries: one item per spoken gratitude in the couple's partition, expiring by TTL.

Written once with a condition on its own key (a retried request never stores a duplicate); read a
week at a time with one bounded Query. See docs/data-model.md "Gratitude entries".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from content.speech import xml_safe
from skill.domain.evening import evening_clock
from skill.domain.gratitude import Gratitude, said_between
from skill.domain.profile import MAX_NAME_CHARS, Profile
from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item

# A week's summary reads at most this many entries (one Query page, a few dozen KB at most).
MAX_WEEK_ENTRIES = 200
# What one entry may hold (docs/gratitude.md): the round refuses longer captures; the store caps
# anyway, and drops characters XML forbids so the summary that reads them back stays valid SSML.
MAX_WORDS_CHARS = 300


class GratitudeLog:
    def __init__(self, store: CoupleStore, retention_days: int) -> None:
        self.store = store
        self.retention = timedelta(days=retention_days)

    def add(self, profile: Profile, entry: Gratitude, local_now: datetime, request_id: str) -> bool:
        """Store one entry: one transaction of a conditional PutItem and a check that the couple read
        is still the couple (``CoupleStore.identity_check``), so an entry said as the couple's data
        was being deleted never lands. False when this request already stored it (a redelivery);
        CoupleGone when the couple was deleted or unlinked meanwhile."""
        item = self.item(profile.couple_id, entry, local_now, request_id)
        condition = {"ConditionExpression": "attribute_not_exists(#sk)", "ExpressionAttributeNames": {"#sk": keys.SK}}
        return self.store.put_with_identity(profile, item, condition)

    def item(self, couple_id: str, entry: Gratitude, local_now: datetime, request_id: str) -> dict[str, Any]:
        """The entry as the DynamoDB item ``add`` writes (typed attribute values)."""
        # The key's day is the evening it was said in (a round at 00:30 belongs to the evening before),
        # its clock counted from 4 a.m. so one evening's entries sort in the order they were said.
        evening, clock = evening_clock(local_now)
        sk = keys.gratitude_sk(evening.isoformat(), clock.strftime("%H:%M:%S"), request_id)
        expires = int((entry.at + self.retention).timestamp())
        return to_item(
            {
                keys.PK: keys.couple_pk(couple_id),
                keys.SK: sk,
                "by": _clean(entry.by, MAX_NAME_CHARS),
                "to": _clean(entry.to, MAX_NAME_CHARS),
                "words": _clean(entry.words, MAX_WORDS_CHARS),
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
        entries = (self._entry(from_item(dict(item))) for item in reply.get("Items", []))
        return said_between(self._live(entries, now), first, last), "LastEvaluatedKey" in reply

    def with_profile(
        self, user_id: str, hint: str | None, since: date, limit: int, now: datetime
    ) -> tuple[Profile, list[Gratitude], bool] | None:
        """The couple's profile and the gratitudes said since ``since`` (a local date), in one call
        (``CoupleStore.load_for_user_with_items``), and whether more than ``limit`` were left; None
        when the couple can't be known that way and the caller must read the usual way."""
        found = self.store.load_for_user_with_items(
            user_id, hint, keys.gratitude_range(since.isoformat(), "")[0], limit
        )
        if found is None:
            return None
        profile, items, more = found
        grats = (self._entry(i) for i in items if str(i.get(keys.SK, "")).startswith(keys.GRATITUDE_PREFIX))
        return profile, self._live(grats, now), more

    def _live(self, entries: Iterable[Gratitude], now: datetime) -> list[Gratitude]:
        # DynamoDB deletes expired items within days, not at once: skip any that already expired.
        return [e for e in entries if e.at + self.retention > now]

    def _entry(self, attrs: dict[str, Any]) -> Gratitude:
        # When it was said is its expiry less the retention: not stored twice (a week's entries then
        # fit one 4 KB read unit with the profile; docs/performance.md). Older items carry "at".
        said = attrs.get("at")
        at = (
            datetime.fromisoformat(str(said))
            if said is not None
            else datetime.fromtimestamp(int(attrs[keys.TTL_ATTRIBUTE]), UTC) - self.retention
        )
        return _entry(attrs, at)


def _clean(text: str, limit: int) -> str:
    return xml_safe(text).strip()[:limit]


def _entry(attrs: dict[str, Any], at: datetime) -> Gratitude:
    return Gratitude(
        by=str(attrs["by"]),
        to=str(attrs["to"]),
        words=str(attrs["words"]),
        at=at,
        round_id=str(attrs.get("round", "")),
        each=int(attrs.get("each", 1)),
        key=str(attrs[keys.SK]),
        said_on=keys.gratitude_day(str(attrs[keys.SK])),
    )
