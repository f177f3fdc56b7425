"""The worst realistic couple, built and measured only through the skill's own requests (issue 26, item 8).

Every limit a couple can reach by speaking, at once: both names 30 characters (the most the round
keeps, skill.domain.profile.MAX_NAME_CHARS), every gratitude and every answer 300 characters (the
most the skill accepts, intents.gratitude.MAX_GRATITUDE_CHARS, intents.question.MAX_ANSWER_CHARS),
linked on two accounts with both voices known, two turns each in a gratitude round every night,
tonight's question answered by both and heard, an evening reminder on each account, the practice
of the evening started and done, and the weekly summary. Seven such evenings, then the figures of
every request type (the most any evening needed, and the mean) and the weekly summary's Query alone:
its read units on the seventh evening, when the week holds 28 gratitudes of 300 characters.

The same evening also prices the full evening (every feature) beside the 8-request mix (bench.cost).
"""

from __future__ import annotations

import json
import re
import statistics
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bench import cost
from bench.answers import apology, speech
from bench.measure import Counter, CountingClient
from bench.mix import BASE_DAY, TIME_ZONE, partner_user_id, user_id
from bench.names import FULL_NAMES, person_id
from bench.seed import item_size
from content.schema import Catalogue
from devtools.alexa_apis import RemindersApi
from devtools.envelopes import envelope, new_session_id
from skill.alexa.reminders import PERMISSION
from skill.app import create_app
from skill.core.settings import Settings
from skill.store import keys
from skill.store.couples import CoupleStore

NAMES = FULL_NAMES  # each exactly the 30 characters the skill keeps
LONGEST_TEXT = 300  # gratitudes and answers: the most either is accepted at
NIGHTS = 7
EACH = 2  # gratitude turns each a night
_THANKS = (
    "you stayed up with me when I could not sleep and made tea and listened to every worry about work",
    "you called my mother on her birthday and remembered the name of her neighbour's dog",
    "you planned the quiet walk by the river on Saturday and packed the sandwiches I like",
    "you fixed the bike without saying a word about the mess I left in the hall last week",
    "you laughed at my terrible joke at dinner with our friends and then told it better",
)


def long_text(seed: int) -> str:
    """Exactly LONGEST_TEXT characters of ordinary speech, different for each ``seed``."""
    words: list[str] = []
    i = seed
    while len(" ".join(words)) < LONGEST_TEXT:
        words += [*_THANKS[i % len(_THANKS)].split(), "and"]
        i += 1
    text = " ".join(words)[:LONGEST_TEXT]
    return text[:-1] + "s" if text.endswith(" ") else text


class EveningApis(RemindersApi):
    """One stand-in for both Alexa APIs an evening reaches: the device's time zone and reminders."""

    def __init__(self, zone: str) -> None:
        super().__init__()
        self.zone = zone

    def answer(self, request: dict[str, Any]) -> tuple[int, Any]:
        if request["path"].endswith("/settings/System.timeZone"):
            return 200, self.zone
        return super().answer(request)


class Failed(RuntimeError):
    """A request of the worst couple's evening got another answer than a couple would (an apology, a re-ask)."""


class Partner:
    """One partner's own account, device, voice and Reminders token, talking to the app in-process."""

    def __init__(self, app: Any, counter: Counter, api: EveningApis, account: str, voice: str, tag: str) -> None:
        self.client, self.counter, self.api = app.test_client(), counter, api
        self.account, self.voice, self.tag = account, voice, tag
        self.session: dict[str, Any] = {}
        self.seen: dict[str, list[dict[str, Any]]] = {}

    def say(
        self, name: str, intent: str | None, at: datetime, *, new: bool = False, voice: str | None = None, **slots: str
    ) -> dict[str, Any]:
        if new or not self.session:
            self.session = {"id": new_session_id(), "attributes": {}, "new": True}
        env = envelope(
            "launch" if intent is None else "intent",
            user_id=self.account,
            at=at,
            device_id=f"amzn1.ask.device.WORST{self.tag}",
            session_id=self.session["id"],
            new=self.session["new"],
            attributes=self.session["attributes"],
            intent=intent,
            slots=slots or None,
            person_id=voice or self.voice,
            api_endpoint=self.api.endpoint,
            api_access_token=f"token-worst-{self.tag}",
        )
        permissions = {"consentToken": f"token-worst-{self.tag}", "scopes": {PERMISSION: {"status": "GRANTED"}}}
        env["context"]["System"]["user"]["permissions"] = permissions
        env["session"]["user"]["permissions"] = permissions
        self.counter.reset()
        reply = self.client.post("/alexa", data=json.dumps(env).encode(), content_type="application/json")
        body: dict[str, Any] = reply.get_json() or {}
        if reply.status_code != 200 or apology(body):
            raise Failed(f"{name}: HTTP {reply.status_code}: {speech(body)[:160]!r}")
        ended = (body.get("response") or {}).get("shouldEndSession") is True
        self.session = {} if ended else {"id": self.session["id"], "attributes": body.get("sessionAttributes") or {}}
        if self.session:
            self.session["new"] = False
        c = self.counter
        self.seen.setdefault(name, []).append(
            {
                "reads": c.reads,
                "writes": c.writes,
                "read_units": c.read_units,
                "write_units": c.write_units,
                "ops": list(c.ops),
                "units_by_op": list(c.units_by_op),
            }
        )
        return body


def _evening(a: Partner, b: Partner, day: date, night: int) -> None:
    def at(minute: int) -> datetime:
        return datetime.combine(day, time(20, 0), tzinfo=_zone()) + timedelta(minutes=minute)

    a.say("launch", None, at(0), new=True)
    a.say("tonight", "TonightsExerciseIntent", at(1))
    a.say("start", "StartExerciseIntent", at(2))
    b.say("did_it", "CompletedExerciseIntent", at(20), new=True)
    a.say("gratitude_start", "StartGratitudeRoundIntent", at(21), new=True, each=str(EACH))
    turns = 2 * EACH
    for turn in range(turns):
        speaker = (a.voice, b.voice)[turn % 2]
        name = "gratitude_last" if turn == turns - 1 else "gratitude"
        a.say(name, "GratitudeIntent", at(22 + turn), voice=speaker, gratitude=long_text(night * turns + turn))
    a.say("question", "TonightsQuestionIntent", at(30), new=True)
    a.say("answer", "QuestionAnswerIntent", at(31), answer=long_text(night + 11))
    b.say("question", "TonightsQuestionIntent", at(32), new=True)
    b.say("answer", "QuestionAnswerIntent", at(33), answer=long_text(night + 17))
    a.say("hear_answers", "HearAnswersIntent", at(34), new=True)
    if night == 0:
        a.say("reminder", "SetReminderIntent", at(40), new=True, time="20:00")
        b.say("reminder", "SetReminderIntent", at(41), new=True, time="20:30")
    a.say("summary", "WeeklySummaryIntent", at(50), new=True)


def _zone() -> ZoneInfo:
    return ZoneInfo(TIME_ZONE)


def _link(a: Partner, b: Partner, day: date) -> None:
    at = datetime.combine(day, time(19, 0), tzinfo=_zone())
    card = a.say("link", "LinkPartnerIntent", at, new=True)["response"].get("card", {})
    code = re.search(r"Code: (\d+)", str(card.get("content", "")))
    if not code:
        raise Failed("no link code in the card")
    b.say("join", "JoinPartnerIntent", at, new=True, code=code.group(1))
    a.say("names", "StartGratitudeRoundIntent", at, new=True, each=str(EACH))
    a.say("names", "PartnerNamesIntent", at, first=NAMES[0], second=NAMES[1])
    a.say("names", "AMAZON.YesIntent", at)
    a.say("names", "AMAZON.StopIntent", at)  # the names are kept; tonight's round comes with the evening


def measure_worst(settings: Settings, catalogue: Catalogue) -> dict[str, Any]:
    """The worst realistic couple's DynamoDB figures per request type, the week's Query, sizes and bill."""
    counter = Counter()
    store = CoupleStore(settings, client=CountingClient(settings, counter))
    app = create_app({"SETTINGS": settings, "CATALOGUE": catalogue, "STORE": store, "TESTING": True})
    api = EveningApis(TIME_ZONE).start()
    pool = f"worst-{uuid.uuid4()}"
    try:
        a = Partner(app, counter, api, user_id(pool, 0), person_id(pool, 0, 0), "A")
        b = Partner(app, counter, api, partner_user_id(pool, 0), person_id(pool, 0, 1), "B")
        # Evenings from the next Sunday on: never in the past, so no TTL of the real clock removes
        # answers or codes while the week is measured.
        _link(a, b, BASE_DAY)
        for night in range(NIGHTS):
            _evening(a, b, BASE_DAY + timedelta(days=night), night)
    finally:
        api.stop()
    seen: dict[str, list[dict[str, Any]]] = {}
    for p in (a, b):
        for name, runs in p.seen.items():
            seen.setdefault(name, []).extend(runs)
    setup = {"link", "join", "names"}
    per_type: dict[str, dict[str, Any]] = {
        name: {f: max(float(r[f]) for r in runs) for f in ("reads", "writes", "read_units", "write_units")}
        | {
            "mean_read_units": statistics.fmean(float(r["read_units"]) for r in runs),
            "mean_write_units": statistics.fmean(float(r["write_units"]) for r in runs),
            "per_evening": len(runs) / NIGHTS,
            "calls": sorted({op for r in runs for op in r["ops"]}),
        }
        for name, runs in seen.items()
        if name not in setup
    }
    last_summary = seen["summary"][-1]
    query_units = [u for op, u in last_summary["units_by_op"] if op == "Query"]
    couple_id = store.load_for_user(a.account).couple_id
    items = _partition(store, keys.couple_pk(couple_id))
    stored = sum(item_size(i) for i in items) + 2 * 100  # and the two accounts' pointer items
    profile = next(i for i in items if i[keys.SK]["S"] == keys.PROFILE_SK)
    # What the week's Query meets: the last seven evenings' gratitude items (the reason its units grow).
    kept = sorted(
        (i for i in items if i[keys.SK]["S"].startswith(keys.GRATITUDE_PREFIX)), key=lambda i: str(i[keys.SK]["S"])
    )
    week = kept[-2 * EACH * NIGHTS :]
    # The full evening's bill: each request type's mean units times how often an evening has it.
    evening = {
        name: row
        | {
            "mean_read_units": row["mean_read_units"] * row["per_evening"],
            "mean_write_units": row["mean_write_units"] * row["per_evening"],
        }
        for name, row in per_type.items()
    }
    return {
        "names_chars": [len(n) for n in NAMES],
        "text_chars": LONGEST_TEXT,
        "nights": NIGHTS,
        "gratitude_turns_each": EACH,
        "per_request": per_type,
        "summary_query_read_units": max(query_units) if query_units else 0.0,
        "summary_query_read_units_per_evening": [
            sum(u for op, u in s["units_by_op"] if op == "Query") for s in seen["summary"]
        ],
        "profile_bytes": item_size(profile),
        "week_gratitudes": len(week),
        "week_gratitude_bytes": sum(item_size(i) for i in week),
        "gratitude_item_bytes_max": max((item_size(i) for i in week), default=0),
        "stored_bytes": stored,
        "items": len(items) + 2,
        "requests_per_evening": round(sum(float(r["per_evening"]) for r in per_type.values()), 2),
        "cost_full_evening": cost.monthly(evening, stored, len(items) + 2),
    }


def _partition(store: CoupleStore, pk: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {
        "TableName": store.table,
        "KeyConditionExpression": "#pk = :pk",
        "ExpressionAttributeNames": {"#pk": keys.PK},
        "ExpressionAttributeValues": {":pk": {"S": pk}},
        "ConsistentRead": True,
    }
    while True:
        page = store.client.query(**kwargs)
        items += page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
