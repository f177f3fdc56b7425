"""The gratitude round end to end: real envelopes, sessions carried turn to turn, DynamoDB Local."""

from __future__ import annotations

import json
import logging
import threading
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import envelope
from skill.core.settings import Settings
from skill.domain.hearing import hear
from skill.store.couples import CoupleStore

from support.alexa import Conversation
from support.gratitude import (
    GRATITUDE_WORDS,
    ME,
    PARTNER_NAMES,
    PERSONAL_STRINGS,
    VOICE_ME,
    VOICE_YOU,
    YOU,
    entries,
    evening,
    grateful,
    with_names,
)


def test_a_full_round_with_known_names(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    with_names(store, c)
    said = c.one_shot("StartGratitudeRoundIntent", evening())
    assert f"{ME}," in said and YOU in said and said.endswith("?") and not c.ended
    said = grateful(c, GRATITUDE_WORDS[0])
    assert GRATITUDE_WORDS[0] not in said and "thank you" in said.lower() and ME in said  # thanked, not read back
    assert f"{YOU}, what" in said  # then the other partner is asked
    said = grateful(c, GRATITUDE_WORDS[1])
    assert GRATITUDE_WORDS[1] not in said and "2 gratitudes" in said and c.ended
    stored = entries(store, settings, c)
    assert [(e.by, e.to, e.words) for e in stored] == [(ME, YOU, GRATITUDE_WORDS[0]), (YOU, ME, GRATITUDE_WORDS[1])]
    profile = store.load_for_user(c.user_id)
    assert profile.streak == 1 and any(pid == "gratitude_round" for _, pid in profile.done)


def test_the_speaker_is_thanked_briefly_in_the_second_person(client: FlaskClient, store: CoupleStore) -> None:
    """Before: a long gratitude was read back in the third person ("here's what Sam appreciates: that
    you always wait up for Sam when Sam's shift runs late"). Now: "Thank you, Sam." and the next turn."""
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    long_words = "that you always wait up for me when my shift runs late and you leave the porch light on"
    said = grateful(c, long_words)
    assert "shift" not in said and "appreciates:" not in said and "is thankful for this" not in said
    assert said.startswith((f"Thank you, {ME}.", f"Lovely, {ME}. Thank you.")) and said.endswith("?")
    assert said.count("?") == 1 and f"{YOU}, what" in said
    said = grateful(c, "i'm grateful for you")  # once: "So Maya is thankful for this, Jordan: you."
    assert "thankful for this" not in said and ": you" not in said and YOU in said


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        ("um okay so like the way you make my coffee", "the way you make my coffee"),
        # Only the ends: a word taken from the middle once left "the way you with the dishes".
        ("uh you know the little notes you leave, um, every morning", "the little notes you leave, um, every morning"),
        ("well I like how you laugh", "I like how you laugh"),
        ("you hold my hand", "you hold my hand"),
    ],
)
def test_spoken_filler_is_dropped_from_what_is_kept(catalogue: Catalogue, words: str, kept: str) -> None:
    assert hear(words, catalogue.hearing).words == kept


def test_unknown_names_are_asked_once_confirmed_and_kept(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    said = c.one_shot("StartGratitudeRoundIntent", evening())
    assert "first names" in said and c.reprompt
    said = c.say("PartnerNamesIntent", evening(), first=ME, second=YOU)  # both at once: confirm
    assert ME in said and YOU in said and "right?" in said
    said = c.say("AMAZON.YesIntent", evening())
    assert f"{ME}, what" in said
    assert store.load_for_user(c.user_id).names == list(PARTNER_NAMES)
    # Next time the names are known: the round starts straight away.
    said = Conversation(client, user_id=c.user_id).one_shot("StartGratitudeRoundIntent", evening(1))
    assert "first names" not in said and f"{ME}, what" in said


def test_names_one_at_a_time_and_an_unsure_one_is_confirmed(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    c.one_shot("StartGratitudeRoundIntent", evening())
    said = c.say("PartnerNamesIntent", evening(), first=ME)  # clearly a name: no question
    assert "partner's first name" in said
    unsure = {
        "value": "Teo doro x",
        "confirmationStatus": "NONE",
        "resolutions": {
            "resolutionsPerAuthority": [{"authority": "AlexaEntities", "status": {"code": "ER_SUCCESS_NO_MATCH"}}]
        },
    }
    said = c.say("PartnerNamesIntent", evening(), first=unsure)
    assert "right?" in said
    said = c.say("AMAZON.NoIntent", evening())  # wrong: ask again, keep the first name
    assert "partner's first name" in said
    said = c.say("PartnerNamesIntent", evening(), first=YOU)
    assert f"{ME}, what" in said
    assert store.load_for_user(c.user_id).names == list(PARTNER_NAMES)


def test_three_turns_each(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    with_names(store, c)
    said = c.one_shot("StartGratitudeRoundIntent", evening(), each="3")
    assert "3 turns each" in said
    speakers = []
    for words in GRATITUDE_WORDS:
        assert not c.ended
        speakers.append(c.attributes["grat"]["asked"])
        said = grateful(c, words)
    assert speakers == [0, 1, 0, 1, 0, 1]
    assert c.ended and "6 gratitudes" in said
    assert len(entries(store, settings, c)) == 6


def test_lets_do_three_each_during_a_round(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    grateful(c, GRATITUDE_WORDS[0])
    said = c.say("StartGratitudeRoundIntent", evening(), each="3")
    assert "3 turns each" in said and f"{YOU}, what" in said
    assert c.attributes["grat"]["each"] == 3


def test_skip_moves_on_without_storing(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    said = c.say("GratitudeSkipIntent", evening())
    assert f"{YOU}, what" in said and not c.ended
    assert entries(store, settings, c) == []
    said = grateful(c, GRATITUDE_WORDS[1])
    assert c.ended and "1 gratitude " in said
    assert [e.by for e in entries(store, settings, c)] == [YOU]


def test_stop_midway_keeps_what_was_said(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening(), each="2")
    grateful(c, GRATITUDE_WORDS[0])
    said = c.say("AMAZON.StopIntent", evening())
    assert c.ended and "1 gratitude" in said
    assert [e.words for e in entries(store, settings, c)] == [GRATITUDE_WORDS[0]]
    assert store.load_for_user(c.user_id).streak == 0  # an unfinished round does not count


def test_silence_gets_a_gentle_reprompt_by_name(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    assert ME in c.reprompt and "own words" in c.reprompt and c.reprompt.endswith("?")


def test_timeout_then_resume_the_same_evening(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening(0, 20), each="2")
    grateful(c, GRATITUDE_WORDS[0], evening(0, 20))
    grateful(c, GRATITUDE_WORDS[1], evening(0, 20, 31))
    # The session times out; Alexa sends SessionEnded and the attributes are gone.
    said = c.one_shot("ResumeGratitudeRoundIntent", evening(0, 22))
    assert "2 gratitudes so far" in said and f"{ME}, what" in said
    grateful(c, GRATITUDE_WORDS[2], evening(0, 22))
    said = grateful(c, GRATITUDE_WORDS[3], evening(0, 22, 1))
    assert c.ended and "4 gratitudes" in said
    assert len(entries(store, settings, c)) == 4
    assert store.load_for_user(c.user_id).streak == 1
    # Once finished there is nothing to resume; the next day neither.
    assert "already complete" in c.one_shot("ResumeGratitudeRoundIntent", evening(0, 23))
    assert "no gratitude round to continue" in c.one_shot("ResumeGratitudeRoundIntent", evening(1))


def test_unrecognised_speech_asks_once_more_then_moves_on(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    said = c.say("AMAZON.FallbackIntent", evening())
    assert "didn't quite catch" in said and f"{ME}," in said
    said = c.say("AMAZON.FallbackIntent", evening())
    assert "move on" in said and f"{YOU}, what" in said
    assert entries(store, settings, c) == []


def test_too_long_a_capture_is_not_stored(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    said = grateful(c, "you " + "really " * 60 + "helped")
    # The input guard (intents/guard.py) answers every overlong slot the same way, round or not.
    assert "shorter" in said and not c.ended and c.reprompt
    assert entries(store, settings, c) == []
    grateful(c, GRATITUDE_WORDS[0])  # the round goes on where it was
    assert len(entries(store, settings, c)) == 1


def test_a_retried_request_stores_one_entry(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    env = c.envelope(
        "intent",
        evening(),
        intent="GratitudeIntent",
        slots={"gratitude": GRATITUDE_WORDS[0]},
        request_id="amzn1.echo-api.request.RETRIED",
    )
    for _ in range(2):
        reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
        assert reply.status_code == 200
    assert len(entries(store, settings, c)) == 1


def test_a_recognised_voice_is_attributed_and_remembered(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = Conversation(client, person_id=VOICE_YOU)
    with_names(store, c, voices={VOICE_YOU: 1})
    said = c.one_shot("StartGratitudeRoundIntent", evening())
    assert f"{YOU}, what" in said  # the known voice is asked first
    grateful(c, GRATITUDE_WORDS[0])
    c.person_id = VOICE_ME  # a voice the skill hasn't met: it belongs to whoever was asked
    grateful(c, GRATITUDE_WORDS[1])
    assert c.ended
    assert [(e.by, e.to) for e in entries(store, settings, c)] == [(YOU, ME), (ME, YOU)]
    assert store.load_for_user(c.user_id).voices == {VOICE_YOU: 1, VOICE_ME: 0}


def test_the_speaker_wins_over_the_name_asked(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client, person_id=VOICE_ME)
    with_names(store, c, voices={VOICE_ME: 0, VOICE_YOU: 1})
    c.one_shot("StartGratitudeRoundIntent", evening(), each="2")
    c.person_id = VOICE_YOU  # Marisol was asked, Teodoro answers
    grateful(c, GRATITUDE_WORDS[0])
    assert entries(store, settings, c)[0].by == YOU
    assert c.attributes["grat"]["asked"] == 0  # so Marisol is asked next


def test_logs_never_hold_names_or_gratitude_words(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    loggers = [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    try:
        _round_and_summary(client)
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
    assert caplog.records, "expected some DEBUG logging to check"
    text = caplog.text + "\n".join(str(r.__dict__) for r in caplog.records)
    for secret in PERSONAL_STRINGS:
        assert secret.lower() not in text.lower(), f"{secret!r} reached the logs"


def _round_and_summary(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("StartGratitudeRoundIntent", evening(), each="3")
    c.say("PartnerNamesIntent", evening(), first=ME, second=YOU)
    c.say("AMAZON.YesIntent", evening())
    for words in GRATITUDE_WORDS[:3]:
        grateful(c, words)
    c.say("AMAZON.StopIntent", evening())
    c.one_shot("ResumeGratitudeRoundIntent", evening(0, 21))
    for words in GRATITUDE_WORDS[3:]:
        grateful(c, words, evening(0, 21))
    assert c.ended
    c.one_shot("WeeklySummaryIntent", evening(0, 22))


def test_simultaneous_entries_from_two_devices_are_all_kept_once(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening())
    round_attributes = dict(c.attributes)
    envelopes = [
        envelope(
            "intent",
            user_id=c.user_id,
            device_id=f"amzn1.ask.device.D{i % 2}",
            at=evening() + timedelta(seconds=i),
            session_id=f"amzn1.echo-api.session.S{i % 2}",
            attributes=round_attributes,
            intent="GratitudeIntent",
            slots={"gratitude": words},
            request_id=f"amzn1.echo-api.request.G{i}",
        )
        for i, words in enumerate(GRATITUDE_WORDS)
    ]
    barrier = threading.Barrier(len(envelopes) * 2)

    def post(env: dict[str, object]) -> None:
        barrier.wait()
        assert (
            client.application.test_client()
            .post("/alexa", data=json.dumps(env), content_type="application/json")
            .status_code
            == 200
        )

    # Every entry twice at once (a redelivery racing the original), from two devices.
    threads = [threading.Thread(target=post, args=(env,)) for env in envelopes * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(e.words for e in entries(store, settings, c)) == sorted(GRATITUDE_WORDS)
