"""The evening reminder against a real local HTTP server playing the Alexa Reminders API
(devtools/alexa_apis.py): create, ask twice, change, stop, the permission asked for by voice (and its
answer), a 401 and a 5xx.
Every request the skill sends is recorded and checked."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.alexa_apis import RemindersApi
from devtools.envelopes import connections_response, envelope, new_user_id
from skill.alexa.reminders import PERMISSION
from skill.store.couples import CoupleStore
from skill.store.reminders import ReminderStore

from support.alexa import Conversation, speech_text
from support.reminding import TOKEN, Device, couple, rings
from support.today import MONDAY, coming_at

# A coming Monday, 19:30 in New York (the test settings' default zone), derived from today (tests/support/today.py).
NEW_YORK = ZoneInfo("America/New_York")
AT = coming_at(MONDAY, 19, 30, NEW_YORK)
EVENING = AT.date().isoformat()


@pytest.fixture
def api() -> Iterator[RemindersApi]:
    with RemindersApi() as server:
        yield server


def rule(request: dict[str, Any]) -> str:
    rules: list[str] = request["body"]["trigger"]["recurrence"]["recurrenceRules"]
    assert len(rules) == 1
    return rules[0]


def record(store: CoupleStore, c: Conversation) -> Any:
    return ReminderStore(store).get(c.user_id)


def test_remind_us_every_evening_at_eight_creates_one_daily_reminder(
    client: FlaskClient, api: RemindersApi, store: CoupleStore, catalogue: Catalogue
) -> None:
    c = couple(client, api)
    said = c.one_shot("SetReminderIntent", AT, time="08:00")  # Alexa hears "eight" as 08:00
    assert rings(said, "every evening at 8") and c.ended
    [sent] = api.requests
    assert sent["method"] == "POST" and sent["path"] == "/v1/alerts/reminders"
    assert sent["auth"] == f"Bearer {TOKEN}" and sent["type"] == "application/json"
    trigger = sent["body"]["trigger"]
    assert trigger["type"] == "SCHEDULED_ABSOLUTE" and trigger["timeZoneId"] == "America/New_York"
    assert rule(sent) == "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"
    assert trigger["recurrence"]["startDateTime"] == f"{EVENING}T20:00:00.000"  # this evening, still ahead
    assert sent["body"]["requestTime"] == f"{EVENING}T19:30:00.000"
    [spoken] = sent["body"]["alertInfo"]["spokenInfo"]["content"]
    assert spoken["locale"] == "en-US" and spoken["text"] == catalogue.phrases.variants["reminder_text"][0]
    assert sent["body"]["pushNotification"] == {"status": "ENABLED"}
    kept = record(store, c)
    assert kept.alert_token in api.live and (kept.hour, kept.minute) == (20, 0)


def test_asking_twice_never_creates_two(client: FlaskClient, api: RemindersApi, store: CoupleStore) -> None:
    c = couple(client, api)
    c.one_shot("SetReminderIntent", AT, time="08:00")
    said = c.one_shot("SetReminderIntent", AT, time="20:00")
    assert "already" in said and rings(said, "every evening at 8")
    assert len(api.calls("POST")) == 1
    [put] = api.calls("PUT")
    assert put["path"] == f"/v1/alerts/reminders/{record(store, c).alert_token}"
    assert len(api.live) == 1


def test_the_same_request_delivered_again_creates_nothing_more(client: FlaskClient, api: RemindersApi) -> None:
    device = Device(client, api)
    user = new_user_id()
    env = envelope("intent", user_id=user, at=AT, intent="SetReminderIntent", slots={"time": "20:00"}, new=True)
    first = device.post("/alexa", data=json.dumps(env).encode()).get_json()
    again = device.post("/alexa", data=json.dumps(env).encode()).get_json()
    assert speech_text(first) == speech_text(again)
    assert len(api.calls("POST")) == 1 and not api.calls("PUT")


def test_two_devices_asking_at_once_make_one_reminder(app: Flask, api: RemindersApi) -> None:
    api.delay = 0.4  # both requests are in flight together
    user = new_user_id()
    answers: list[str] = []

    def ask(device_id: str) -> None:
        env = envelope(
            "intent",
            user_id=user,
            at=AT,
            device_id=device_id,
            intent="SetReminderIntent",
            slots={"time": "20:00"},
            new=True,
        )
        reply = Device(app.test_client(), api).post("/alexa", data=json.dumps(env).encode())
        answers.append(speech_text(reply.get_json()))

    threads = [threading.Thread(target=ask, args=(f"amzn1.ask.device.{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(answers) == 2
    assert len(api.calls("POST")) == 1 and len(api.live) == 1


def test_change_the_reminder_to_nine_moves_it(client: FlaskClient, api: RemindersApi, store: CoupleStore) -> None:
    c = couple(client, api)
    c.one_shot("SetReminderIntent", AT, time="20:00")
    said = c.one_shot("ChangeReminderIntent", AT, time="09:00")
    assert "now rings" in said and rings(said, "every evening at 9")
    [put] = api.calls("PUT")
    assert rule(put) == "FREQ=DAILY;BYHOUR=21;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"
    assert put["auth"] == f"Bearer {TOKEN}"
    assert (record(store, c).hour, record(store, c).minute) == (21, 0)
    assert len(api.calls("POST")) == 1


def test_a_reminder_deleted_in_the_alexa_app_is_made_again(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    c = couple(client, api)
    c.one_shot("SetReminderIntent", AT, time="20:00")
    api.live.clear()  # the couple deleted it in the app: PUT answers 404
    said = c.one_shot("ChangeReminderIntent", AT, time="20:30")
    assert rings(said, "every evening at 8:30")
    assert [r["method"] for r in api.requests] == ["POST", "PUT", "POST"]
    assert record(store, c).alert_token in api.live


def test_stop_the_reminders_deletes_it(client: FlaskClient, api: RemindersApi, store: CoupleStore) -> None:
    c = couple(client, api)
    c.one_shot("SetReminderIntent", AT, time="20:00")
    alert = record(store, c).alert_token
    said = c.one_shot("StopRemindersIntent", AT)
    assert "No more reminders on this device" in said and c.ended
    [delete] = api.calls("DELETE")
    assert delete["path"] == f"/v1/alerts/reminders/{alert}" and delete["auth"] == f"Bearer {TOKEN}"
    assert not api.live and record(store, c) is None
    said = c.one_shot("StopRemindersIntent", AT)
    assert "no reminder" in said.lower() and len(api.calls("DELETE")) == 1


def test_without_permission_alexa_asks_by_voice_and_a_yes_sets_it(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    c = couple(client, api, granted=False)
    said = c.one_shot("SetReminderIntent", AT, time="09:00")
    assert "permission" in said
    directives = c.last["response"]["directives"]
    assert directives == [
        {
            "type": "Connections.SendRequest",
            "name": "AskFor",
            "token": "reminder:21:00",
            "payload": {"@type": "AskForPermissionsConsentRequest", "@version": "1", "permissionScope": PERMISSION},
        }
    ]
    assert "reprompt" not in c.last["response"]
    assert api.requests == [] and record(store, c) is None
    # Alexa asked; the couple said yes. The answer comes back with the permission now granted.
    answer = permission_answer(c.user_id, "ACCEPTED", "reminder:21:00")
    reply = Device(client, api, granted=True).post("/alexa", data=json.dumps(answer).encode()).get_json()
    assert rings(speech_text(reply), "every evening at 9")
    [post] = api.calls("POST")
    assert rule(post) == "FREQ=DAILY;BYHOUR=21;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"
    assert record(store, c).alert_token in api.live


@pytest.mark.parametrize("status", ["DENIED", "NOT_ANSWERED"])
def test_a_no_gets_the_consent_card_and_what_to_do(client: FlaskClient, api: RemindersApi, status: str) -> None:
    user = new_user_id()
    answer = permission_answer(user, status, "reminder:20:00")
    reply = Device(client, api, granted=False).post("/alexa", data=json.dumps(answer).encode()).get_json()
    said = speech_text(reply)
    assert "Alexa app" in said and not said.endswith("?")
    assert reply["response"]["card"] == {"type": "AskForPermissionsConsent", "permissions": [PERMISSION]}
    assert api.requests == []


def test_a_401_from_the_api_asks_for_the_permission(client: FlaskClient, api: RemindersApi, store: CoupleStore) -> None:
    api.status["POST"] = 401  # the envelope said granted, but the couple withdrew it since
    c = couple(client, api)
    said = c.one_shot("SetReminderIntent", AT, time="20:00")
    assert "permission" in said
    assert c.last["response"]["directives"][0]["name"] == "AskFor"
    assert record(store, c) is None
    # Once allowed, the next ask creates it: the failed attempt left no claim behind.
    del api.status["POST"]
    assert rings(c.one_shot("SetReminderIntent", AT, time="20:00"), "every evening at 8")
    assert len(api.live) == 1


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_failing_api_changes_nothing_and_says_so(
    client: FlaskClient, api: RemindersApi, store: CoupleStore, status: int
) -> None:
    api.status["POST"] = status
    c = couple(client, api)
    said = c.one_shot("SetReminderIntent", AT, time="20:00")
    assert "couldn't reach" in said and "nothing has changed" in said
    assert record(store, c) is None and not api.live
    del api.status["POST"]
    c.one_shot("SetReminderIntent", AT, time="20:00")
    api.status["DELETE"] = 500
    said = c.one_shot("StopRemindersIntent", AT)
    assert "couldn't reach" in said
    assert record(store, c) is not None  # still there, so "stop" can be tried again


def test_the_reminder_follows_the_couples_time_zone_and_locale(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    c = couple(client, api, locale="en-GB")
    profile = store.load_for_user(c.user_id)
    profile.time_zone, profile.time_zone_checked = "Europe/London", EVENING
    store.save(profile)
    c.one_shot("SetReminderIntent", AT, time="19:30")
    [post] = api.calls("POST")
    trigger = post["body"]["trigger"]
    assert trigger["timeZoneId"] == "Europe/London"
    london = AT.astimezone(ZoneInfo("Europe/London"))  # 00:30 there, most of the year: tomorrow's 19:30
    first = london.date() + timedelta(days=1 if london.time() >= time(19, 30) else 0)
    assert trigger["recurrence"]["startDateTime"] == f"{first.isoformat()}T19:30:00.000"
    assert post["body"]["alertInfo"]["spokenInfo"]["content"][0]["locale"] == "en-GB"


def test_deleting_our_data_removes_the_reminder_record(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    c = couple(client, api)
    c.one_shot("SetReminderIntent", AT, time="20:00")
    c.one_shot("DeleteDataIntent", AT)
    c.say("AMAZON.YesIntent", AT)
    assert record(store, c) is None
    assert not api.live  # and the reminder itself is gone from Alexa


def permission_answer(user_id: str, status: str, token: str) -> dict[str, Any]:
    """Alexa's Connections.Response to our AskFor request."""
    return connections_response(
        user_id=user_id, at=AT, name="AskFor", status=status, payload={"permissionScope": PERMISSION}, token=token
    )
