"""Deletion is whole (issue 23, item 3), against DynamoDB Local and the local Reminders API stand-in:
every reminder of a deleted couple stops (this device's at once, the partner's at their next use, and
the answer says which); a write that arrives after the deletion is refused by rule, not by luck; the
partner of someone who leaves keeps the streak but none of the leaver's words, name or voice; and a
round open while the names went ends kindly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from devtools.alexa_apis import RemindersApi
from skill.core.settings import Settings
from skill.domain.profile import Profile
from skill.store import keys
from skill.store.couples import CoupleStore
from skill.store.partners import Partners
from skill.store.reminders import ReminderStore

from support.alexa import Conversation
from support.couples import account, link, partition, skill_disabled
from support.personal import personal
from support.reminding import partner_devices, rings

NY = ZoneInfo("America/New_York")
# Tomorrow evening and on: codes carry TTLs that DynamoDB Local's sweeper applies by the real clock.
EVENING = datetime.combine(datetime.now(NY).date() + timedelta(days=1), time(20, 0), tzinfo=NY)
VOICE_A, VOICE_B = "amzn1.ask.person.GONEA", "amzn1.ask.person.GONEB"
NAMES = [personal("Rosalind"), personal("Bartholomew")]
WORDS = personal("the way you hummed while fixing my bike chain")


def at(minute: float) -> datetime:
    return EVENING + timedelta(minutes=minute)


@pytest.fixture
def api() -> Iterator[RemindersApi]:
    with RemindersApi() as server:
        yield server


def linked(client: FlaskClient, api: RemindersApi, store: CoupleStore, tag: str) -> tuple[Conversation, Conversation]:
    """Two linked partners with names and voices known, each with their own evening reminder."""
    a, b = partner_devices(client, api, tag, (VOICE_A, VOICE_B))
    link(a, b, at(0), join_after=timedelta(minutes=1))
    a.one_shot("CompletedExerciseIntent", at(2))

    def change(p: Profile) -> bool:
        p.names, p.voices = list(NAMES), {VOICE_A: 0, VOICE_B: 1}
        return True

    store.update(store.load_for_user(a.user_id), change)
    assert rings(a.one_shot("SetReminderIntent", at(3), time="20:00"), "every evening at 8")
    assert rings(b.one_shot("SetReminderIntent", at(3), time="21:00"), "every evening at 9")
    return a, b


def auth(c: Conversation) -> str:
    return f"Bearer {c.client.token}"


# -- reminders go with the data ---------------------------------------------------------------------


def test_delete_our_data_stops_both_reminders_the_partners_at_their_next_use(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "OURS")
    a.one_shot("DeleteDataIntent", at(5))
    said = a.say("AMAZON.YesIntent", at(5))
    assert "deleted" in said and "reminder on this device is stopped" in said
    assert f"reminder on {NAMES[1]}'s device stops the next time" in said  # what did not go yet, and when
    assert api.of(auth(a)) == []
    assert len(api.of(auth(b))) == 1  # this account's token cannot reach it
    # The partner's next request deletes it with their own token, and says so once.
    said = b.launch(at(30))
    assert "stopped the evening reminder on this device" in said
    assert api.of(auth(b)) == [] and ReminderStore(store).get(b.user_id) is None
    assert "reminder" not in b.launch(at(31))
    assert "no reminder" in b.one_shot("StopRemindersIntent", at(32)).lower()


def test_delete_my_data_stops_the_speakers_reminder_and_leaves_the_partners(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "MINE")
    a.one_shot("DeleteMyDataIntent", at(5))
    said = a.say("AMAZON.YesIntent", at(5))
    assert "reminder on this device is stopped" in said
    assert api.of(auth(a)) == [] and ReminderStore(store).get(a.user_id) is None
    assert len(api.of(auth(b))) == 1  # the partner's own reminder is theirs to keep
    assert ReminderStore(store).get(b.user_id) is not None


def test_a_reminder_the_api_could_not_delete_is_said_and_stopped_later(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, _ = linked(client, api, store, "FAIL")
    api.status["DELETE"] = 503
    a.one_shot("DeleteDataIntent", at(5))
    said = a.say("AMAZON.YesIntent", at(5))
    assert "stopped too" not in said and "may still ring" in said
    assert "Everything" not in said
    assert len(api.of(auth(a))) == 1
    del api.status["DELETE"]
    assert "stopped the evening reminder on this device" in a.launch(at(40))
    assert api.of(auth(a)) == []


# -- nothing written after a deletion lands --------------------------------------------------------


WRITES = {"PutItem", "UpdateItem", "TransactWriteItems", "BatchWriteItem"}


def delete_before_the_write(app: Flask, settings: Settings, user_id: str) -> list[str]:
    """Arrange that the app's next DynamoDB write is sent only after the couple of ``user_id`` was
    deleted by another request: a deterministic interleaving of a request that read the couple
    before a "yes, delete our data" and writes after it (no sleeping, no luck)."""
    app_store: CoupleStore = app.extensions["close_together"]["store"]
    done: list[str] = []

    def delete_first(model: Any, **_: Any) -> None:
        if not done and model.name in WRITES:
            done.append(model.name)
            Partners(CoupleStore(settings)).delete_couple(user_id)

    app_store.client.meta.events.register_first("before-call.dynamodb", delete_first)
    return done


def test_a_gratitude_said_as_the_data_is_deleted_never_lands(
    app: Flask, settings: Settings, store: CoupleStore
) -> None:
    client = app.test_client()
    a = Conversation(client, person_id=VOICE_A)
    b = Conversation(client, device_id="amzn1.ask.device.RACE_B", person_id=VOICE_B)
    link(a, b, at(0), join_after=timedelta(minutes=1))
    shared = store.load_for_user(a.user_id)

    def change(p: Profile) -> bool:
        p.names, p.voices = list(NAMES), {VOICE_A: 0, VOICE_B: 1}
        return True

    store.update(shared, change)
    b.one_shot("StartGratitudeRoundIntent", at(4))
    done = delete_before_the_write(app, settings, a.user_id)
    said = b.say("GratitudeIntent", at(5), gratitude=WORDS)
    assert done
    assert "just deleted" in said and "Thank you" not in said
    assert partition(store, shared.couple_id) == []
    for c in (a, b):
        assert [i for i in partition(store, account(c)) if i["sk"]["S"].startswith(keys.GRATITUDE_PREFIX)] == []


def test_an_answer_given_as_the_data_is_deleted_never_lands(app: Flask, settings: Settings, store: CoupleStore) -> None:
    client = app.test_client()
    a = Conversation(client, device_id="amzn1.ask.device.QRACE_A")
    b = Conversation(client, device_id="amzn1.ask.device.QRACE_B")
    link(a, b, at(0), join_after=timedelta(minutes=1))
    shared = store.load_for_user(a.user_id).couple_id
    b.one_shot("TonightsQuestionIntent", at(4))
    delete_before_the_write(app, settings, a.user_id)
    said = b.say("QuestionAnswerIntent", at(5), answer=WORDS)
    assert "just deleted" in said
    assert partition(store, shared) == []


def test_a_streak_write_after_the_deletion_does_not_bring_the_couple_back(
    app: Flask, settings: Settings, store: CoupleStore
) -> None:
    client = app.test_client()
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", at(0))
    delete_before_the_write(app, settings, c.user_id)
    said = c.one_shot("CompletedExerciseIntent", at(60 * 24))
    assert "just deleted" in said
    assert partition(store, account(c)) == []


# -- the one who leaves takes their words, name and voice -----------------------------------------


@pytest.mark.parametrize("how", ["voice", "disabled"])
def test_the_partner_keeps_the_streak_but_not_the_leavers_words_name_or_voice(
    client: FlaskClient, api: RemindersApi, store: CoupleStore, how: str
) -> None:
    a, b = linked(client, api, store, f"LEAVE{how}")
    b.one_shot("StartGratitudeRoundIntent", at(6))
    b.say("GratitudeIntent", at(7), gratitude=WORDS)
    if how == "voice":
        a.one_shot("DeleteMyDataIntent", at(8))
        a.say("AMAZON.YesIntent", at(8))
    else:
        skill_disabled(client, a.user_id, at(8))
    kept = store.load_for_user(b.user_id)
    assert kept.streak == 1 and kept.done and not kept.members  # the shared streak and practices stay
    assert kept.names == [] and kept.voices == {}  # the leaver's name and voice go (names come as a pair)
    items = partition(store, account(b))
    assert not [i for i in items if i["sk"]["S"].startswith(keys.GRATITUDE_PREFIX)]  # each names both
    assert not any(WORDS in str(i) or NAMES[0] in str(i) for i in items)


def test_a_round_open_when_the_names_went_ends_kindly_and_asks_again(
    client: FlaskClient, api: RemindersApi, store: CoupleStore
) -> None:
    a, b = linked(client, api, store, "ROUND")
    assert NAMES[1] in b.one_shot("StartGratitudeRoundIntent", at(6))
    a.one_shot("DeleteDataIntent", at(7))
    a.say("AMAZON.YesIntent", at(7))
    said = b.say("GratitudeIntent", at(8), gratitude=WORDS)
    assert "wrong" not in said and "round has ended" in said and said.endswith("first names?")
    assert not b.ended
    assert WORDS not in str(partition(store, account(b)))
