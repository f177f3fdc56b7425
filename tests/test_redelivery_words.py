"""Redeliveries answer the same (issue 23, item 6): Alexa may deliver one request twice, at the same
instant or later. The data was already applied once; now the words are the same too, for link,
join, unlink and the reminder's set, change and stop. Against DynamoDB Local, through the web seam."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from devtools.alexa_apis import RemindersApi
from devtools.envelopes import envelope, new_request_id, new_user_id
from skill.store import keys
from skill.store.couples import CoupleStore
from skill.store.partners import Partners

from support.alexa import Conversation, speech_text
from support.couples import link, two_partners
from support.reminding import Device

NY = ZoneInfo("America/New_York")
EVENING = datetime.combine(datetime.now(NY).date() + timedelta(days=1), time(20, 0), tzinfo=NY)


def at(minute: float) -> datetime:
    return EVENING + timedelta(minutes=minute)


@pytest.fixture
def api() -> Iterator[RemindersApi]:
    with RemindersApi() as server:
        yield server


def request(user: str, intent: str, when: datetime, **slots: Any) -> bytes:
    env = envelope("intent", user_id=user, at=when, intent=intent, slots=slots, request_id=new_request_id(), new=True)
    return json.dumps(env).encode()


def post(app: Flask, body: bytes, api: RemindersApi | None = None) -> dict[str, Any]:
    client: Any = app.test_client() if api is None else Device(app.test_client(), api)
    reply = client.post("/alexa", data=body, content_type="application/json")
    assert reply.status_code == 200
    answer: dict[str, Any] = reply.get_json()
    return answer


def at_once(app: Flask, body: bytes, api: RemindersApi | None = None) -> list[dict[str, Any]]:
    """The same request delivered twice at the same instant (two threads released together)."""
    start = threading.Barrier(2)
    answers: list[dict[str, Any]] = []

    def deliver() -> None:
        start.wait(5)
        answers.append(post(app, body, api))

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert len(answers) == 2
    return answers


def test_link_my_partner_delivered_twice_at_once_speaks_one_code(app: Flask, store: CoupleStore) -> None:
    user = new_user_id()
    first, second = at_once(app, request(user, "LinkPartnerIntent", at(0)))
    assert speech_text(first) == speech_text(second)
    assert first["response"]["card"] == second["response"]["card"]
    markers = list(Partners(store)._items(keys.couple_pk(keys.couple_id_for_user(user)), prefix=keys.LINK_CODE_PREFIX))
    assert len(markers) == 1


def test_a_join_delivered_twice_at_once_says_linked_both_times(app: Flask, store: CoupleStore) -> None:
    a, b = two_partners(app.test_client(), "TWICE")
    a.one_shot("LinkPartnerIntent", at(0))
    code = str(a.card["content"]).split("Code: ")[1][:6]  # type: ignore[index]
    answers = at_once(app, request(b.user_id, "JoinPartnerIntent", at(1), code=code))
    assert all("You're linked" in speech_text(x) for x in answers), [speech_text(x) for x in answers]
    assert store.load_for_user(b.user_id).members


def test_unlink_delivered_again_later_answers_the_same(app: Flask, store: CoupleStore) -> None:
    a, b = two_partners(app.test_client(), "UNLINKTWICE")
    link(a, b, at(0))
    body = request(a.user_id, "UnlinkPartnerIntent", at(5))
    first, again = post(app, body), post(app, body)
    assert "separate again" in speech_text(first) and speech_text(again) == speech_text(first)


def test_change_and_stop_delivered_again_answer_the_same(app: Flask, api: RemindersApi) -> None:
    c = Conversation(Device(app.test_client(), api))
    c.one_shot("SetReminderIntent", at(0), time="20:00")
    change = request(c.user_id, "ChangeReminderIntent", at(1), time="21:00")
    first, again = post(app, change, api), post(app, change, api)
    assert "now rings" in speech_text(first) and speech_text(again) == speech_text(first)
    stop = request(c.user_id, "StopRemindersIntent", at(2))
    first, again = post(app, stop, api), post(app, stop, api)
    assert "No more reminders" in speech_text(first) and speech_text(again) == speech_text(first)
    assert len(api.calls("DELETE")) == 1 and len(api.calls("PUT")) == 1


def test_stop_delivered_twice_at_once_answers_the_same(app: Flask, api: RemindersApi) -> None:
    c = Conversation(Device(app.test_client(), api))
    c.one_shot("SetReminderIntent", at(0), time="20:00")
    api.delays["DELETE"] = 0.3  # both deliveries are in flight together
    first, second = at_once(app, request(c.user_id, "StopRemindersIntent", at(1)), api)
    assert speech_text(first) == speech_text(second) and "No more reminders" in speech_text(first)
