"""Truthful words after an uncertain write (issue 23, item 5): a write that DynamoDB applied but whose
answer never came back in time is "not sure it was kept; saying it again is safe", and saying it
again gives the right answer. A real fault: a loopback proxy (tests/support/faultproxy.py) in front of the
suite's DynamoDB Local holds DynamoDB's replies past the store's read timeout."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from content.schema import Catalogue
from skill.app import create_app
from skill.core.settings import Settings
from skill.store.couples import CoupleStore

from support.alexa import Conversation
from support.couples import code_from, partition
from support.faultproxy import FaultProxy
from support.personal import personal
from support.settings import skill_settings

NY = ZoneInfo("America/New_York")
EVENING = datetime.combine(datetime.now(NY).date() + timedelta(days=1), time(20, 0), tzinfo=NY)
ANSWER = personal("the night we got lost looking for the lake")


def at(minute: float) -> datetime:
    return EVENING + timedelta(minutes=minute)


@pytest.fixture
def proxy(dynamodb: Any) -> Iterator[FaultProxy]:
    p = FaultProxy(dynamodb.port).start()
    yield p
    p.stop()


@pytest.fixture
def proxied(settings: Settings, catalogue: Catalogue, proxy: FaultProxy) -> Flask:
    """The skill reaching the suite's DynamoDB Local through the fault proxy."""
    s = skill_settings(dynamodb_endpoint=proxy.endpoint)
    return create_app({"SETTINGS": s, "CATALOGUE": catalogue, "TESTING": True})


def stalled(app: Flask, proxy: FaultProxy, *operations: str) -> None:
    """From the app's next write of one of ``operations`` on, DynamoDB's replies are held past the
    read timeout (the write itself reaches DynamoDB and is applied)."""
    store: CoupleStore = app.extensions["close_together"]["store"]

    def stall(model: Any, **_: Any) -> None:
        if model.name in operations:
            proxy.mode = "slow"

    store.client.meta.events.register("before-call.dynamodb", stall, unique_id="stall-once")


def released(app: Flask, proxy: FaultProxy) -> None:
    store: CoupleStore = app.extensions["close_together"]["store"]
    store.client.meta.events.unregister("before-call.dynamodb", unique_id="stall-once")
    proxy.mode = "pass"


def linked_pair(app: Flask, tag: str) -> tuple[Conversation, Conversation, str]:
    a = Conversation(app.test_client(), device_id=f"amzn1.ask.device.{tag}_A")
    b = Conversation(app.test_client(), device_id=f"amzn1.ask.device.{tag}_B")
    a.one_shot("LinkPartnerIntent", at(0))
    return a, b, code_from(a)


def test_an_answer_that_landed_late_is_never_called_unstored(
    proxied: Flask, proxy: FaultProxy, store: CoupleStore
) -> None:
    a, b, code = linked_pair(proxied, "LATEANSWER")
    assert "You're linked" in b.one_shot("JoinPartnerIntent", at(1), code=code)
    b.one_shot("TonightsQuestionIntent", at(2))
    stalled(proxied, proxy, "TransactWriteItems", "PutItem")
    try:
        said = b.say("QuestionAnswerIntent", at(3), answer=ANSWER)
    finally:
        released(proxied, proxy)
    assert "isn't stored" not in said and "couldn't keep" not in said
    assert "not sure" in said and "Saying it again is safe" in said and not b.ended
    assert "streak" not in said and said.endswith("What's your answer?")  # asked again, in the question
    shared = store.load_for_user(a.user_id).couple_id
    answers = [i for i in partition(store, shared) if i["sk"]["S"].startswith("ANSWER#")]
    assert len(answers) == 1  # it had landed: "isn't stored" would have been false
    said = b.say("QuestionAnswerIntent", at(4), answer=ANSWER)  # saying it again
    assert "not sure" not in said
    assert len([i for i in partition(store, shared) if i["sk"]["S"].startswith("ANSWER#")]) == 1


def test_a_join_that_landed_late_answers_linked_when_said_again(
    proxied: Flask, proxy: FaultProxy, store: CoupleStore
) -> None:
    a, b, code = linked_pair(proxied, "LATEJOIN")
    stalled(proxied, proxy, "TransactWriteItems")
    try:
        said = b.one_shot("JoinPartnerIntent", at(1), code=code)
    finally:
        released(proxied, proxy)
    assert "not sure" in said and "Saying it again is safe" in said
    assert store.load_for_user(b.user_id).members  # it had landed
    said = b.one_shot("JoinPartnerIntent", at(2), code=code)  # as the answer advised
    assert "You're linked" in said and "couldn't find" not in said
    assert json.dumps(store.load_for_user(a.user_id).members) == json.dumps(store.load_for_user(b.user_id).members)
