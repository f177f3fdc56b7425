"""Reminders never double, and say the truth about whose reminder rings where (issue 23 items 4 and
9, issue 22 item 5), against the local Reminders API stand-in (devtools/alexa_apis.py) over real
sockets. A slow API is a real fault: the stand-in makes the change, then holds its answer longer
than the skill waits."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.alexa_apis import RemindersApi
from skill.app import create_app
from skill.core.settings import Settings
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore
from skill.store.reminders import ReminderStore

from support.alexa import Conversation, speech_text
from support.couples import link
from support.personal import personal
from support.reminding import TOKEN, couple, partner_devices, rings

NY = ZoneInfo("America/New_York")
EVENING = datetime.combine(datetime.now(NY).date() + timedelta(days=1), time(19, 0), tzinfo=NY)
WAIT = 0.4  # how long the skill waits for the Reminders API in these tests
SLOW = 1.2  # how long the slow stand-in holds its answer, after making the change
VOICE_A, VOICE_B = "amzn1.ask.person.RINGA", "amzn1.ask.person.RINGB"
NAMES = [personal("Jordana"), personal("Maytal")]


def at(minute: float) -> datetime:
    return EVENING + timedelta(minutes=minute)


@pytest.fixture
def api() -> Iterator[RemindersApi]:
    with RemindersApi() as server:
        yield server


@pytest.fixture
def quick(settings: Settings, catalogue: Catalogue) -> Flask:
    """The skill waiting WAIT seconds for the Reminders API (2 s in production), so a slow stand-in
    is a timeout without making the suite slow."""
    return create_app(
        {
            "SETTINGS": dataclasses.replace(settings, reminders_timeout_seconds=WAIT),
            "CATALOGUE": catalogue,
            "TESTING": True,
        }
    )


def mine(api: RemindersApi) -> list[str]:
    return api.of(f"Bearer {TOKEN}")


# -- item 4: after a timeout, reconcile before creating or changing again ---------------------------


def test_a_create_that_answers_late_is_never_called_unchanged_and_never_doubled(
    quick: Flask, api: RemindersApi, store: CoupleStore
) -> None:
    c = couple(quick.test_client(), api)
    api.delays["POST"] = SLOW
    said = c.one_shot("SetReminderIntent", at(0), time="20:00")
    assert "nothing has changed" not in said and "can't tell yet" in said
    assert "setting" not in said.lower()  # never "I'm setting your evening reminder right now"
    assert len(mine(api)) == 1  # it was created after all
    api.delays.clear()
    said = c.one_shot("SetReminderIntent", at(1), time="20:00")
    assert "already" in said and rings(said, "every evening at 8")
    assert len(api.calls("POST")) == 1 and len(mine(api)) == 1  # listed, kept, not made again
    assert api.calls("GET")
    said = c.one_shot("StopRemindersIntent", at(2))  # and it can be stopped by voice
    assert "No more reminders" in said and mine(api) == []


def test_a_change_that_lands_late_is_read_back_from_alexa(quick: Flask, api: RemindersApi, store: CoupleStore) -> None:
    c = couple(quick.test_client(), api)
    c.one_shot("SetReminderIntent", at(0), time="20:00")
    api.delays["PUT"] = SLOW
    said = c.one_shot("ChangeReminderIntent", at(1), time="21:30")
    assert "nothing has changed" not in said and "can't tell yet" in said
    api.delays.clear()
    said = c.one_shot("ChangeReminderIntent", at(2), time="21:30")
    assert "already" in said and rings(said, "every evening at 9:30")
    kept = ReminderStore(store).get(c.user_id)
    assert kept is not None and (kept.hour, kept.minute) == (21, 30) and not kept.in_doubt
    assert len(mine(api)) == 1


def test_after_a_timeout_extras_are_deleted_and_one_is_kept(
    quick: Flask, api: RemindersApi, store: CoupleStore
) -> None:
    c = couple(quick.test_client(), api)
    api.delays["POST"] = SLOW
    c.one_shot("SetReminderIntent", at(0), time="20:00")
    api.delays.clear()
    extra = f"alert-{uuid.uuid4().hex[:8]}"  # a second one this account already had (an older double)
    with api.lock:
        api.live.add(extra)
        api.owner[extra] = f"Bearer {TOKEN}"
        api.bodies[extra] = dict(api.calls("POST")[0]["body"])
    assert len(mine(api)) == 2
    said = c.one_shot("ChangeReminderIntent", at(1), time="21:00")
    assert rings(said, "every evening at 9")
    assert len(mine(api)) == 1 and len(api.calls("POST")) == 1
    assert ReminderStore(store).get(c.user_id).alert_token == mine(api)[0]  # type: ignore[union-attr]


def test_when_alexa_cannot_be_checked_nothing_is_created_and_it_says_so(
    quick: Flask, api: RemindersApi, store: CoupleStore
) -> None:
    c = couple(quick.test_client(), api)
    api.delays["POST"] = SLOW
    c.one_shot("SetReminderIntent", at(0), time="20:00")
    api.delays.clear()
    api.status["GET"] = 503
    said = c.one_shot("SetReminderIntent", at(1), time="20:00")
    assert "can't tell yet" in said and "nothing has changed" not in said
    assert len(api.calls("POST")) == 1


# -- issue 22 item 5: whose reminder, on which device ----------------------------------------------


def linked(client: FlaskClient, api: RemindersApi, store: CoupleStore, tag: str) -> tuple[Conversation, Conversation]:
    a, b = partner_devices(client, api, tag, (VOICE_A, VOICE_B))
    link(a, b, at(0), join_after=timedelta(minutes=1))

    def change(p: Profile) -> bool:
        p.names, p.voices = list(NAMES), {VOICE_A: 0, VOICE_B: 1}
        return True

    store.update(store.load_for_user(a.user_id), change)
    return a, b


def test_the_partner_without_a_reminder_hears_whose_it_is_and_changes_nothing(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "WHOSE")
    said = a.one_shot("SetReminderIntent", at(3), time="20:00")
    assert "on this device" in said and rings(said, "every evening at 8")
    said = b.one_shot("StopRemindersIntent", at(4))
    assert f"{NAMES[0]} has one on their device" in said and rings(said, "every evening at 8")
    assert "This device has no reminder" in said
    said = b.one_shot("ChangeReminderIntent", at(5), time="21:00")
    assert NAMES[0] in said and "This device has none" in said and rings(said, "every evening at 8")
    assert said.endswith("Would you like one here too, every evening at 9?"), said
    assert len(api.calls("POST")) == 1 and not api.calls("PUT")  # never a second one by "change"
    assert len(api.of(f"Bearer {b.client.token}")) == 0


# -- issue 22 item 5: "Jordan has one at 8 pm on their device; this one has none. Want one here too?" ----


def offered(b: Conversation, when: datetime, **slots: str) -> str:
    """ "Change the reminder" on the device without one: the offer, a question, the session open."""
    said = b.one_shot("ChangeReminderIntent", when, **slots)
    assert said.endswith("?") and not b.ended and b.attributes.get("phase") == "reminder_offer", said
    assert "this device" in b.reprompt.lower() and b.reprompt.endswith("?")
    return said


@pytest.mark.parametrize("heard", [None, "20:00"])
def test_the_offer_is_asked_and_a_yes_sets_one_here_at_the_partners_time(
    client: FlaskClient, api: RemindersApi, store: CoupleStore, heard: str | None
) -> None:
    a, b = linked(client, api, store, "OFFERYES" if heard else "OFFERYES2")
    a.one_shot("SetReminderIntent", at(3), time="20:00")
    said = offered(b, at(4), **({"time": heard} if heard else {}))
    assert said.startswith(f"{NAMES[0]} has a reminder on their device") and rings(said, "every evening at 8")
    assert "This device has none" in said and said.endswith("Would you like one here too, at the same time?")
    assert api.of(f"Bearer {b.client.token}") == []  # nothing made before the yes
    said = b.say("AMAZON.YesIntent", at(5))
    assert b.ended and "your reminder on this device" in said.lower() and rings(said, "every evening at 8")
    assert f"{NAMES[0]} has one too, on their device, every evening at 8" in said
    [theirs] = api.of(f"Bearer {b.client.token}")  # exactly one on this account
    kept = ReminderStore(store).get(b.user_id)
    assert kept is not None and kept.alert_token == theirs and (kept.hour, kept.minute) == (20, 0)
    assert len(api.of(f"Bearer {a.client.token}")) == 1  # the partner's is untouched
    assert len(api.calls("POST")) == 2 and not api.calls("PUT")


def test_the_offer_after_a_new_time_sets_one_here_at_that_time(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "OFFERNINE")
    a.one_shot("SetReminderIntent", at(3), time="20:00")
    said = offered(b, at(4), time="21:00")  # "change the reminder to nine"
    assert rings(said, "every evening at 8") and said.endswith("Would you like one here too, every evening at 9?")
    said = b.say("AMAZON.YesIntent", at(5))
    assert rings(said, "every evening at 9") and "on this device" in said
    kept = ReminderStore(store).get(b.user_id)
    assert kept is not None and (kept.hour, kept.minute) == (21, 0)
    assert len(api.of(f"Bearer {b.client.token}")) == 1


def test_a_no_to_the_offer_creates_nothing_and_ends_kindly(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "OFFERNO")
    a.one_shot("SetReminderIntent", at(3), time="20:00")
    offered(b, at(4))
    said = b.say("AMAZON.NoIntent", at(5))
    assert b.ended and "Nothing changes here" in said and "?" not in said
    assert api.of(f"Bearer {b.client.token}") == [] and ReminderStore(store).get(b.user_id) is None
    assert len(api.calls("POST")) == 1


def test_a_redelivered_change_asks_the_same_offer_in_the_same_phase(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "OFFERAGAIN")
    a.one_shot("SetReminderIntent", at(3), time="20:00")
    b.session_id = None
    env = b.envelope("intent", at(4), intent="ChangeReminderIntent", slots={"time": "21:00"})
    first = speech_text(b.post(env))
    again = speech_text(b.post(env))  # Alexa delivers the same request twice
    assert again == first and b.attributes.get("phase") == "reminder_offer" and b.attributes.get("remind_at") == "21:00"
    assert api.of(f"Bearer {b.client.token}") == []


def test_help_and_a_stray_turn_in_the_offer_ask_it_again(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "OFFERHELP")
    a.one_shot("SetReminderIntent", at(3), time="20:00")
    offered(b, at(4), time="21:30")
    for intent in ("AMAZON.HelpIntent", "AMAZON.FallbackIntent", "AMAZON.NextIntent"):
        said = b.say(intent, at(5))
        assert said.endswith("Shall I set one on this device too, every evening at 9:30?"), (intent, said)
        assert b.attributes.get("phase") == "reminder_offer"
    b.say("AMAZON.YesIntent", at(6))
    kept = ReminderStore(store).get(b.user_id)
    assert kept is not None and (kept.hour, kept.minute) == (21, 30)


def test_a_yes_without_the_permission_asks_for_it_first(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "OFFERPERM")
    a.one_shot("SetReminderIntent", at(3), time="20:00")
    b.client.granted = False
    offered(b, at(4))  # the question first: permission is asked for only once they want one
    said = b.say("AMAZON.YesIntent", at(5))
    assert "permission" in said
    [directive] = b.last["response"]["directives"]
    assert directive["name"] == "AskFor" and directive["token"] == "reminder:20:00"
    assert api.of(f"Bearer {b.client.token}") == [] and len(api.calls("POST")) == 1


def test_each_partner_hears_of_the_others_reminder_and_stop_says_whats_left(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "BOTH")
    a.one_shot("SetReminderIntent", at(3), time="20:00")
    said = b.one_shot("SetReminderIntent", at(4), time="21:00")  # asked for here: one on this device too
    assert "on this device" in said and rings(said, "every evening at 9")
    assert f"{NAMES[0]} has one too, on their device, every evening at 8" in said
    said = b.one_shot("ChangeReminderIntent", at(5), time="21:30")
    assert "now rings" in said and len(api.calls("POST")) == 2 and len(api.calls("PUT")) == 1
    said = a.one_shot("StopRemindersIntent", at(6))
    assert "No more reminders on this device" in said
    assert f"{NAMES[1]} still has one on their device, every evening at 9:30" in said
    assert len(api.of(f"Bearer {b.client.token}")) == 1 and api.of(f"Bearer {a.client.token}") == []


# -- issue 23 item 9: times said as people say them ------------------------------------------------


@pytest.mark.parametrize(
    ("heard", "said"),
    [
        ("08:00", "every evening at 8"),  # "eight": an evening reminder
        ("EV", "every evening at 8"),
        ("19:30", "every evening at 7:30"),
        ("NI", "every evening at 9"),
        ("MO", "every morning at 8"),
        ("07:15", "every evening at 7:15"),
        ("00:00", "every night at midnight"),
        ("12:00", "every day at noon"),
        ("AF", "every evening at 5"),
    ],
)
def test_reminder_times_are_said_as_people_say_them(
    client: FlaskClient, api: RemindersApi, heard: str, said: str
) -> None:
    answer = couple(client, api).one_shot("SetReminderIntent", at(0), time=heard)
    assert rings(answer, said), answer
