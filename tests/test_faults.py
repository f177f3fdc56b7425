"""DynamoDB failing for real: killed, paused, slow, resetting connections, throttled.

These tests run their own DynamoDB Local (the session's engine stays untouched) and break it with
real signals and a real loopback proxy (tests/support/faultproxy.py); throttling goes through botocore's own
retry path, fed by a before-send hook. Each time the skill must answer 200 with an honest spoken
apology, never claim a save it did not make, and work again after recovery. Alexa's 8 seconds are
asserted through the skill's own budget, not the machine's speed: every DynamoDB attempt of the request
runs under the deadline its arrival set (skill.store.scope), and the worst case that budget allows is
checked against the client's configuration below. The wall-clock figures are printed, not asserted.
"""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import botocore
import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools import dynamodb_local
from devtools.envelopes import envelope, new_user_id
from skill.app import create_app
from skill.manage import operator_store
from skill.store import client as store_client
from skill.store.couples import CoupleStore
from skill.store.errors import StoreUnavailable
from skill.store.gratitude import GratitudeLog
from skill.store.scope import DeadlineExceeded, remaining, request_scope

from conftest import ROOT
from support.alexa import Conversation, speech_text
from support.faultproxy import FaultProxy
from support.personal import personal
from support.settings import skill_settings
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)
TABLE = "close-together-faults"
NOT_SAVED = "couldn't save that"
SAVED_WORDS = ("Well done", "Lovely work", "Nicely done", "Beautiful", "streak is now")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    engine = dynamodb_local.DynamoDBLocal(data_dir=tmp_path_factory.mktemp("faulty-dynamodb")).start()
    operator_store(skill_settings(table_name=TABLE, dynamodb_endpoint=engine.endpoint)).create_table_if_missing()
    yield engine
    if engine.process is not None:
        engine.process.send_signal(signal.SIGCONT)
    engine.stop()


@pytest.fixture
def proxy(db: Any) -> Iterator[FaultProxy]:
    p = FaultProxy(db.port).start()
    yield p
    p.stop()


def app_for(endpoint: str, catalogue: Catalogue) -> Flask:
    s = skill_settings(table_name=TABLE, dynamodb_endpoint=endpoint)
    return create_app({"SETTINGS": s, "CATALOGUE": catalogue})


@dataclass
class Heard:
    said: str
    elapsed: float  # printed only: a shared machine's speed is not the skill's behaviour
    budgets: list[float | None]  # seconds left of the request's store budget at each DynamoDB attempt


def complete(client: FlaskClient, user: str, at: datetime = NOW, request_id: str | None = None) -> Heard:
    store: CoupleStore = client.application.extensions["close_together"]["store"]
    budgets: list[float | None] = []

    def note_budget(**_: Any) -> None:
        budgets.append(remaining())

    env = envelope(
        "intent",
        user_id=user,
        at=at,
        intent="CompletedExerciseIntent",
        attributes={"practice": "touch_map"},
        request_id=request_id,
    )
    events_of(store).register_first("before-send.dynamodb", note_budget, unique_id="note-budget")
    started = time.monotonic()
    try:
        reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    finally:
        events_of(store).unregister("before-send.dynamodb", unique_id="note-budget")
    elapsed = time.monotonic() - started
    assert reply.status_code == 200, reply.get_data(as_text=True)
    body = reply.get_json()
    assert body["version"] == "1.0" and "outputSpeech" in body["response"]
    return Heard(speech_text(body), elapsed, budgets)


def assert_within_budget(heard: Heard) -> None:
    """Every attempt ran under the deadline the request's arrival set, so none started after
    STORE_BUDGET_SECONDS and the answer came within the worst case the configuration allows (at most
    6 s of Alexa's 8, test_the_client_configuration_in_effect)."""
    assert heard.budgets, "no DynamoDB attempt was made"
    assert all(b is not None for b in heard.budgets), "an attempt ran without the request's deadline"
    assert max(b for b in heard.budgets if b is not None) <= store_client.STORE_BUDGET_SECONDS


def assert_honest_apology(heard: Heard, fault: str) -> None:
    print(f"\n{fault}: answered in {heard.elapsed:.2f} s: {heard.said!r}")
    assert NOT_SAVED in heard.said and "isn't counted" in heard.said
    assert not any(w in heard.said for w in SAVED_WORDS)
    assert_within_budget(heard)


def throttling_response(request: Any, code: str) -> AWSResponse:
    """What DynamoDB answers when it throttles: HTTP 400 with the error code in ``__type``."""
    body = json.dumps({"__type": f"com.amazonaws.dynamodb.v20120810#{code}", "message": "slow down"}).encode()
    raw = type("Raw", (), {"stream": lambda self, **kw: iter([body])})()
    headers = HTTPHeaders()
    headers["x-amzn-requestid"] = "throttled"
    return AWSResponse(request.url, 400, headers, raw)


def events_of(store: CoupleStore) -> Any:
    return store.client.meta.events  # typed by the stubs for handlers returning None; ours return responses


def recovered(endpoint: str) -> None:
    """Recovery means the table answers again (a resumed or restarted JVM may need a moment)."""
    store = CoupleStore(skill_settings(table_name=TABLE, dynamodb_endpoint=endpoint))
    deadline = time.monotonic() + 20
    while not store.ping():
        assert time.monotonic() < deadline, "DynamoDB Local did not come back"
        time.sleep(0.1)


def profile_of(endpoint: str, user: str) -> Any:
    return CoupleStore(skill_settings(table_name=TABLE, dynamodb_endpoint=endpoint)).load_for_user(user)


def test_the_client_configuration_in_effect(db: Any) -> None:
    store = CoupleStore(skill_settings(table_name=TABLE, dynamodb_endpoint=db.endpoint))
    config: Any = store.client.meta.config  # botocore sets these attributes dynamically
    assert (config.connect_timeout, config.read_timeout) == (0.5, 1.5)
    assert config.retries == {"total_max_attempts": 2, "mode": "standard"}
    assert (
        store_client.STORE_BUDGET_SECONDS
        + store_client.MAX_BACKOFF_SECONDS
        + config.connect_timeout
        + config.read_timeout
        <= 6.0
    )  # the worst case documented in docs/security.md
    # The pinned versions are the ones running (the budget depends on botocore's retry behaviour).
    pins = (ROOT / "pyproject.toml").read_text()
    assert f'"botocore=={botocore.__version__}"' in pins
    # The deadline hook is installed: once the budget is spent, no attempt reaches DynamoDB.
    sent: list[str] = []
    store.client.meta.events.register("before-send.dynamodb", lambda **kw: sent.append("sent"))
    with (
        request_scope("amzn1.echo-api.request.late", deadline=time.monotonic() - 0.01),
        pytest.raises(StoreUnavailable) as raised,
    ):
        store.load("c0ffee")
    assert isinstance(raised.value.__cause__, DeadlineExceeded) and sent == []
    store.load("c0ffee")
    assert sent == ["sent"]


def test_dynamodb_killed_then_restarted_on_the_same_data(db: Any, catalogue: Catalogue) -> None:
    client = app_for(db.endpoint, catalogue).test_client()
    acknowledged = [new_user_id() for _ in range(5)]
    for user in acknowledged:
        said = complete(client, user).said
        assert "day one" in said  # acknowledged only after DynamoDB accepted it

    db.process.send_signal(signal.SIGKILL)
    db.process.wait()
    late = new_user_id()
    heard = complete(client, late)
    assert_honest_apology(heard, "killed")

    dynamodb_local.DynamoDBLocal.start(db)  # same port, same data folder
    recovered(db.endpoint)
    for user in acknowledged:
        assert profile_of(db.endpoint, user).streak == 1, "an acknowledged write was lost"
    assert profile_of(db.endpoint, late).is_new  # and what was not acknowledged was not saved
    said = complete(client, late).said
    assert "day one" in said  # the next request after recovery works


def test_dynamodb_paused_then_resumed(db: Any, catalogue: Catalogue) -> None:
    client = app_for(db.endpoint, catalogue).test_client()
    user = new_user_id()
    db.process.send_signal(signal.SIGSTOP)
    try:
        heard = complete(client, user)
    finally:
        db.process.send_signal(signal.SIGCONT)
    assert_honest_apology(heard, "paused (SIGSTOP)")
    recovered(db.endpoint)
    said = complete(client, user).said
    assert "day one" in said
    assert profile_of(db.endpoint, user).streak == 1


@pytest.mark.parametrize("mode", ["slow", "reset"])
def test_slow_and_resetting_connections(mode: str, proxy: FaultProxy, db: Any, catalogue: Catalogue) -> None:
    client = app_for(proxy.endpoint, catalogue).test_client()
    user = new_user_id()
    proxy.mode = mode
    heard = complete(client, user)
    assert_honest_apology(heard, f"{mode} connection")
    assert proxy.connections >= 1  # the fault really was in the path
    proxy.mode = "pass"
    recovered(proxy.endpoint)
    said = complete(client, user).said
    assert "day one" in said
    assert profile_of(db.endpoint, user).streak == 1


def test_throttled_through_botocores_real_retry_path(db: Any, catalogue: Catalogue) -> None:
    app = app_for(db.endpoint, catalogue)
    client = app.test_client()
    store: CoupleStore = app.extensions["close_together"]["store"]
    attempts: list[str] = []

    def throttle(request: Any, **_: Any) -> AWSResponse:
        attempts.append(request.headers["X-Amz-Target"].decode())
        return throttling_response(request, "ProvisionedThroughputExceededException")

    user = new_user_id()
    said = complete(client, user).said  # warm: a working day one
    events_of(store).register_first("before-send.dynamodb", throttle, unique_id="throttle")
    try:
        heard = complete(client, user, at=NOW + timedelta(days=1))
    finally:
        events_of(store).unregister("before-send.dynamodb", unique_id="throttle")
    assert_honest_apology(heard, "throttled")
    assert attempts == ["DynamoDB_20120810.GetItem"] * 2  # botocore retried once, then gave up
    said = complete(client, user, at=NOW + timedelta(days=1)).said
    assert NOT_SAVED not in said and "2 days" in said
    assert profile_of(db.endpoint, user).streak == 2


def test_throttled_write_after_a_good_read_claims_nothing(db: Any, catalogue: Catalogue) -> None:
    app = app_for(db.endpoint, catalogue)
    client = app.test_client()
    store: CoupleStore = app.extensions["close_together"]["store"]

    def throttle_writes(request: Any, **_: Any) -> AWSResponse | None:
        if b"PutItem" not in request.headers["X-Amz-Target"]:
            return None
        return throttling_response(request, "ThrottlingException")

    user = new_user_id()
    events_of(store).register_first("before-send.dynamodb", throttle_writes, unique_id="throttle-w")
    try:
        heard = complete(client, user)
    finally:
        events_of(store).unregister("before-send.dynamodb", unique_id="throttle-w")
    assert_honest_apology(heard, "throttled write")
    assert profile_of(db.endpoint, user).is_new


def test_data_folder_is_where_the_engine_keeps_tables(db: Any) -> None:
    # The durability test above is only meaningful if the engine writes its tables to disk there.
    assert any(Path(db.data_dir).glob("*.db"))


# -- writes whose outcome is unknown (never say "saved" unless DynamoDB said so) --------------------

UNSURE = "not sure it was kept"


def ask_streak(client: FlaskClient, user: str, at: datetime = NOW) -> str:
    env = envelope("intent", user_id=user, at=at, intent="StreakIntent")
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 200
    return speech_text(reply.get_json())


def test_a_write_still_in_flight_when_time_runs_out_is_not_called_unsaved(
    proxy: FaultProxy, db: Any, catalogue: Catalogue
) -> None:
    # The read goes through; then the network holds DynamoDB's reply to the write (which DynamoDB
    # applied) past the read timeout, twice. The old answer was "I couldn't save that": false.
    app = app_for(proxy.endpoint, catalogue)
    client = app.test_client()
    store: CoupleStore = app.extensions["close_together"]["store"]

    def stall_replies(**_: Any) -> None:
        proxy.mode = "slow"

    user = new_user_id()
    request_id = "amzn1.echo-api.request.in-flight"
    events_of(store).register("before-call.dynamodb.PutItem", stall_replies, unique_id="stall")
    try:
        heard = complete(client, user, request_id=request_id)
    finally:
        events_of(store).unregister("before-call.dynamodb.PutItem", unique_id="stall")
        proxy.mode = "pass"
    said = heard.said
    print(f"\nwrite in flight at the deadline: answered in {heard.elapsed:.2f} s: {said!r}")
    assert UNSURE in said and "what's our streak" in said
    assert NOT_SAVED not in said and not any(w in said for w in SAVED_WORDS)
    assert_within_budget(heard)
    recovered(proxy.endpoint)
    assert profile_of(db.endpoint, user).streak == 1  # it had landed: "not saved" would have been false
    assert "1 day" in ask_streak(client, user)  # the check the answer suggested tells the truth
    # Saying it again cannot count twice: Alexa redelivering the same request answers as first
    # applied, and a fresh "we did it" the same evening keeps the streak at one day.
    said = complete(client, user, request_id=request_id).said
    assert "day one" in said
    said = complete(client, user).said
    assert "already practised today" in said
    assert profile_of(db.endpoint, user).streak == 1


def test_a_completion_that_loses_every_retry_gets_the_same_honest_answer(db: Any, catalogue: Catalogue) -> None:
    # Another device saves the couple's profile just before each of our writes (a real competing
    # write through its own client), so all four conditional attempts fail.
    app = app_for(db.endpoint, catalogue)
    client = app.test_client()
    store: CoupleStore = app.extensions["close_together"]["store"]
    other = CoupleStore(skill_settings(table_name=TABLE, dynamodb_endpoint=db.endpoint))
    user = new_user_id()
    competing: list[int] = []

    def other_device_writes_first(**_: Any) -> None:
        theirs = other.load_for_user(user)
        theirs.recent = [*theirs.recent, "listening_walk"][-3:]
        competing.append(other.save(theirs).version)

    events_of(store).register("before-call.dynamodb.PutItem", other_device_writes_first, unique_id="compete")
    try:
        said = complete(client, user).said
    finally:
        events_of(store).unregister("before-call.dynamodb.PutItem", unique_id="compete")
    print(f"\nconflict on every retry ({len(competing)} competing writes): {said!r}")
    assert len(competing) == 4
    assert UNSURE in said and "what's our streak" in said and "went wrong" not in said
    assert profile_of(db.endpoint, user).streak == 0  # and indeed nothing of ours was saved
    said = complete(client, user).said  # saying it again once the other device is quiet counts once
    assert "day one" in said and profile_of(db.endpoint, user).streak == 1


def test_a_gratitude_in_flight_when_time_runs_out_is_not_called_unsaved(
    proxy: FaultProxy, db: Any, catalogue: Catalogue
) -> None:
    # Said again, a gratitude would be a second entry: the honest answer says there's no need.
    app = app_for(proxy.endpoint, catalogue)
    store: CoupleStore = app.extensions["close_together"]["store"]
    c = Conversation(app.test_client())
    direct = CoupleStore(skill_settings(table_name=TABLE, dynamodb_endpoint=db.endpoint))

    def names(p: Any) -> bool:
        p.names = [personal("Evangeline"), personal("Maximilian")]
        return True

    direct.update(direct.load_for_user(c.user_id), names)
    c.one_shot("StartGratitudeRoundIntent", NOW)

    def stall_replies(**_: Any) -> None:
        proxy.mode = "slow"

    # A gratitude is one transaction: its put and the check that the couple is still the couple.
    events_of(store).register("before-call.dynamodb.TransactWriteItems", stall_replies, unique_id="stall-grat")
    try:
        said = c.say("GratitudeIntent", NOW + timedelta(seconds=5), gratitude=personal("you carried the shopping up"))
    finally:
        events_of(store).unregister("before-call.dynamodb.TransactWriteItems", unique_id="stall-grat")
        proxy.mode = "pass"
    assert "not sure that one was kept" in said and "no need to say it again" in said
    assert "couldn't" not in said and not c.ended
    recovered(proxy.endpoint)
    couple = direct.load_for_user(c.user_id).couple_id
    found, _ = GratitudeLog(direct, 30).between(
        couple, NOW.date() - timedelta(days=1), NOW.date() + timedelta(days=1), NOW + timedelta(minutes=1)
    )
    assert len(found) == 1  # it had landed
