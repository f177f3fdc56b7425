"""Seed couples with history: the skill's through the flows its users take, the peer's as its adapter stores it.

* the skill: each couple is set up by real requests to the real app (``create_app``), as a couple
  would: partner one asks for a link code, partner two joins with it on their own account, a first
  gratitude round asks their names (real first names, up to 12 letters, bench/names.py) and learns
  both voices (personIds as Alexa sends them), and a question to the guide leaves its place and the
  reason heard. The time zone comes from the Settings API stand-in on the first request. Then the
  history: through the store API, one ``CoupleStore.update`` applying night by night what the
  handlers record for the mix's evening (tonight's suggestion, the completed practice, the finished
  round, the request tokens each write remembers), and the gratitude entries ``GratitudeLog.item``
  builds, two a night, only those the skill still holds (retention, 90 days).
* the peer: its attribute map (names, and per night a suggestion, two completions and two
  gratitudes), gratitudes kept 90 days like the skill's (the fair peer) or forever (the naive one).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from botocore.config import Config

from bench import peer
from bench.answers import apology, speech
from bench.mix import BASE_DAY, EVENING, TIME_ZONE, at_evening, partner_user_id, user_id
from bench.names import person_id
from content.schema import Catalogue
from devtools.envelopes import envelope, new_session_id
from skill.app import create_app
from skill.core.settings import Settings
from skill.domain.gratitude import ROUND_ACTIVITY, Gratitude
from skill.domain.profile import Profile
from skill.store import keys
from skill.store.client import LazyClient
from skill.store.couples import CoupleStore
from skill.store.gratitude import GratitudeLog
from skill.store.keys import request_hash
from skill.store.scope import enforce_deadline

# Setting couples up and counting their DynamoDB calls is never timed: a busy machine must not fail
# it, so those clients wait long, retry more and have no per-request deadline.
PATIENT = Config(connect_timeout=10, read_timeout=60, retries={"max_attempts": 10, "mode": "standard"})


class PatientClient(LazyClient):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings, PATIENT)
        self._patient = False

    def get(self) -> Any:
        client = super().get()
        if not self._patient:
            client.meta.events.unregister("before-send.dynamodb", enforce_deadline)
            self._patient = True
        return client


ONE_WEEK = 7
ONE_MONTH = 30
TWO_YEARS = 730
# The load runs' pools; the in-process DynamoDB figures also measure ONE_MONTH (bench.run).
HISTORIES = {"1w": ONE_WEEK, "2y": TWO_YEARS}
MEASURED_HISTORIES = {"1w": ONE_WEEK, "1m": ONE_MONTH, "2y": TWO_YEARS}

_THANKS = (
    "you made us tea after a long {day}",
    "you listened when I talked about work on {day}",
    "of the walk we took together on {day} evening",
    "you laughed at my silly story on {day}",
    "you remembered to call my sister on {day}",
    # A spread of spoken lengths (no corpus of real couples' words exists here): a few words, the
    # ordinary sentences above, a long one, and one at the 300 characters the skill accepts.
    "your hug this morning",
    "you listened when I talked about work on {day} and did not try to fix it, you just let me say all"
    " of it and then you made dinner for both of us",
    "you stayed up with me on {day} when I could not sleep and made tea and listened to every worry about"
    " work, then you called my mother on her birthday and remembered the name of her neighbour's dog, and"
    " you planned the quiet walk by the river and packed the sandwiches I like best for both of us",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def nights(count: int, end: date = BASE_DAY) -> list[date]:
    """The ``count`` evenings before ``end``, oldest first."""
    return [end - timedelta(days=count - i) for i in range(count)]


def gratitude_words(i: int, day: date) -> str:
    return _THANKS[i % len(_THANKS)].format(day=_DAYS[day.weekday()])


def _request_id(user: str, day: date, what: str) -> str:
    return f"amzn1.echo-api.request.bench-{hashlib.sha256(f'{user}:{day}:{what}'.encode()).hexdigest()[:32]}"


class SetupFailed(RuntimeError):
    """A setup flow got another answer than a couple would (the bench would seed the wrong couple)."""


class SkillSeeder:
    """Sets couples up through the real app, then adds their history through the store API."""

    def __init__(self, settings: Settings, store: CoupleStore | None, catalogue: Catalogue, api_endpoint: str) -> None:
        store = store or CoupleStore(settings, client=PatientClient(settings))
        self.store, self.catalogue, self.settings = store, catalogue, settings
        self.api_endpoint = api_endpoint
        app = create_app({"SETTINGS": settings, "CATALOGUE": catalogue, "STORE": store, "TESTING": True})
        self.client = app.test_client()
        # Warm the client and DynamoDB Local: a cold JVM on a busy machine can take longer than a
        # request's 3 s store budget, and the flows below must get their real answers.
        for attempt in range(6):
            try:
                self.set_up("warm-up", attempt, ("Sam", "Alex"), BASE_DAY - timedelta(days=1))
                break
            except SetupFailed:
                continue

    def _say(
        self,
        user: str,
        intent: str | None,
        at: datetime,
        session: dict[str, Any],
        *,
        slots: dict[str, str] | None = None,
        person: str | None = None,
    ) -> dict[str, Any]:
        new = not session
        if new:
            session.update(id=new_session_id(), attributes={})
        env = envelope(
            "launch" if intent is None else "intent",
            user_id=user,
            at=at,
            session_id=session["id"],
            new=new,
            attributes=session["attributes"],
            intent=intent,
            slots=slots,
            person_id=person,
            api_endpoint=self.api_endpoint,
        )
        reply = self.client.post("/alexa", data=json.dumps(env).encode(), content_type="application/json")
        body: dict[str, Any] = reply.get_json() or {}
        if reply.status_code != 200 or apology(body):
            raise SetupFailed(f"{intent}: HTTP {reply.status_code}: {speech(body)[:160]!r}")
        session["attributes"] = body.get("sessionAttributes") or {}
        return body

    def set_up(self, pool: str, index: int, names: tuple[str, str], day: date) -> Profile:
        """Link, names, both voices, a round and the guide: the couple as users make it, on ``day``."""
        first, second = user_id(pool, index), partner_user_id(pool, index)
        voices = person_id(pool, index, 0), person_id(pool, index, 1)
        at = at_evening(day)
        card = self._say(first, "LinkPartnerIntent", at, {})["response"].get("card", {})
        code = re.search(r"Code: (\d+)", str(card.get("content", "")))
        if not code:
            raise SetupFailed("no link code in the card")
        self._say(second, "JoinPartnerIntent", at, {}, slots={"code": code.group(1)})
        session: dict[str, Any] = {}
        self._say(first, "StartGratitudeRoundIntent", at, session, person=voices[0])
        self._say(
            first, "PartnerNamesIntent", at, session, slots={"first": names[0], "second": names[1]}, person=voices[0]
        )
        self._say(first, "AMAZON.YesIntent", at, session, person=voices[0])
        self._say(first, "GratitudeIntent", at, session, slots={"gratitude": gratitude_words(0, day)}, person=voices[0])
        self._say(first, "GratitudeIntent", at, session, slots={"gratitude": gratitude_words(1, day)}, person=voices[1])
        self._say(first, "WhyClosenessIntent", at, {})
        profile = self.store.load_for_user(first)
        if (
            profile.names != list(names)
            or set(profile.voices) != set(voices)
            or len(profile.members) != 2
            or not profile.reasons_heard
            or profile.time_zone != TIME_ZONE
        ):
            raise SetupFailed(f"couple {pool}/{index} not set up as the flows should leave it")
        return profile

    def seed(self, pool: str, index: int, names: tuple[str, str], count: int) -> dict[str, Any]:
        """A couple set up the night before their ``count`` nights of the mix's evening."""
        days = nights(count)
        profile = self.set_up(pool, index, names, days[0] - timedelta(days=1))
        return seed_history(
            self.store,
            self.catalogue,
            profile,
            user_id(pool, index),
            names,
            days,
            self.settings.gratitude_retention_days,
        )


def seed_history(
    store: CoupleStore,
    catalogue: Catalogue,
    profile: Profile,
    user: str,
    names: tuple[str, str],
    days: list[date],
    retention_days: int,
) -> dict[str, Any]:
    practices = catalogue.practices

    def change(draft: Profile) -> bool:
        for i, day in enumerate(days):
            practice = practices[i % len(practices)].id
            draft.suggest(day, practice)
            draft.remember(request_hash(_request_id(user, day, "tonight")), "")
            draft.complete(day, practice)
            draft.remember(request_hash(_request_id(user, day, "did_it")), "completed_streak")
            draft.complete(day, ROUND_ACTIVITY)
            draft.remember(request_hash(_request_id(user, day, "gratitude_last")), "")
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
            entry = Gratitude(
                by=names[turn],
                to=names[1 - turn],
                words=gratitude_words(2 * i + turn, day),
                at=at,
                round_id=hashlib.sha256(f"{user}:{day}".encode()).hexdigest()[:8],
                each=1,
            )
            items.append(log.item(profile.couple_id, entry, at, _request_id(user, day, f"gratitude{turn}")))
    for start in range(0, len(items), 25):
        batch: Any = {store.table: [{"PutRequest": {"Item": item}} for item in items[start : start + 25]]}
        while batch:
            batch = store.client.batch_write_item(RequestItems=batch).get("UnprocessedItems") or {}
    size = profile_bytes(store, profile.couple_id)
    # Stored: the profile, the entries held, and the partner's pointer item (~100 bytes).
    return {
        "nights": len(days),
        "gratitudes_held": len(items),
        "gratitudes_expired": 2 * len(days) - len(items),
        "profile_bytes": size,
        "stored_bytes": size + sum(item_size(i) for i in items) + 100,
        "items": len(items) + 2,
    }


def profile_bytes(store: CoupleStore, couple_id: str) -> int:
    """The stored profile item's size as DynamoDB bills it (attribute names + values, UTF-8)."""
    reply = store.client.get_item(
        TableName=store.table,
        ConsistentRead=True,
        Key={keys.PK: {"S": keys.couple_pk(couple_id)}, keys.SK: {"S": keys.PROFILE_SK}},
    )
    return item_size(reply["Item"])


def item_size(item: dict[str, Any]) -> int:
    """DynamoDB's item size rule: names' and values' UTF-8 bytes; numbers ~ digits/2 + 1; 3 bytes per
    list or map plus 1 per element (docs: "Item sizes and formats")."""

    def value(v: dict[str, Any]) -> int:
        ((kind, raw),) = v.items()
        if kind == "S":
            return len(raw.encode())
        if kind == "B":
            return len(raw)
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


def peer_attributes(
    count: int,
    catalogue: Catalogue,
    names: tuple[str, str] = ("Sam", "Alex"),
    retention_days: int | None = None,
    history_days: int | None = None,
    end: date = BASE_DAY,
) -> dict[str, Any]:
    """The peer's attribute map after ``count`` nights of the mix's evening before ``end``: a suggestion,
    a completed practice, a gratitude round (one gratitude each, counted as a completion) every night.
    What the peer's mode does not keep is gone (bench.peer.keep): gratitudes older than
    ``retention_days`` (None: all kept, the naive peer), completions and suggestions older than
    ``history_days`` but each practice's latest (None: all kept, the idiomatic peer)."""
    practices = catalogue.practices
    attrs: dict[str, Any] = {"names": list(names), "completions": [], "suggestions": [], "gratitudes": []}
    for i, day in enumerate(nights(count, end)):
        iso, practice = day.isoformat(), practices[i % len(practices)].id
        attrs["suggestions"].append({"date": iso, "practice": practice})
        attrs["completions"].append({"date": iso, "practice": practice})
        for turn in (0, 1):
            attrs["gratitudes"].append({"date": iso, "from": names[turn], "text": gratitude_words(2 * i + turn, day)})
        attrs["completions"].append({"date": iso, "practice": "gratitude_round"})
    if retention_days is not None:
        peer.keep(attrs, end, history_days)
    return attrs


def seed_peer(
    table: Any,
    catalogue: Catalogue,
    user: str,
    count: int,
    names: tuple[str, str] = ("Sam", "Alex"),
    retention_days: int | None = None,
    history_days: int | None = None,
    end: date = BASE_DAY,
) -> dict[str, Any]:
    """Write the map as ``DynamoDbAdapter.save_attributes`` does: one item, key ``id``, map ``attributes``."""
    attrs = peer_attributes(count, catalogue, names, retention_days, history_days, end)
    table.put_item(Item={"id": user, "attributes": attrs})
    size = len(json.dumps(attrs, separators=(",", ":")).encode())
    return {
        "nights": count,
        "gratitudes": len(attrs["gratitudes"]),
        "item_kb": round(size / 1024, 1),
        "stored_bytes": size,
        "items": 1,
    }
