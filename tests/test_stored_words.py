"""Words are stored as they are spoken, never as they break SSML: what a couple says (or a
tampered session carries) is stored clean and bounded, and every answer is well-formed SSML.

Characters XML forbids (NUL, BEL, ESC, U+FFFE, a lone surrogate) in a gratitude or a name used to
produce a <speak> document that is not XML, and were stored, so later answers repeated it. Session
attributes travel through the client: 2,000 fake voices or a 300-character name in them must not
grow the stored profile.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from bench.seed import item_size
from content import speech
from skill.core.settings import Settings
from skill.domain.profile import MAX_NAME_CHARS, MAX_VOICES, Profile
from skill.store import keys
from skill.store.couples import CoupleStore, to_item
from skill.store.gratitude import GratitudeLog

from support.alexa import Conversation
from support.personal import personal
from support.today import WEDNESDAY, coming_at

NY = ZoneInfo("America/New_York")
FORBIDDEN = ["\x00", "\x07", "\x1b", "\ufffe", "\uffff", "\ud800", "\udfff"]
ME, YOU = personal("Rosalind"), personal("Bartholomew")


def evening(minute: int = 0) -> datetime:
    return coming_at(WEDNESDAY, 20, 0, NY) + timedelta(minutes=minute)


def well_formed(c: Conversation) -> str:
    """The last answer's SSML (speech and reprompt) parses as XML; returns the speech."""
    response = c.last["response"]
    for holder in (response.get("outputSpeech"), (response.get("reprompt") or {}).get("outputSpeech")):
        if holder:
            ET.fromstring(holder["ssml"])  # raises on anything XML forbids
    ssml: str = response["outputSpeech"]["ssml"]
    return ssml


def with_names(store: CoupleStore, c: Conversation, names: list[str]) -> None:
    def change(p: Profile) -> bool:
        p.names = names
        return True

    store.update(store.load_for_user(c.user_id), change)


@pytest.mark.parametrize("bad", FORBIDDEN)
def test_speech_text_never_emits_malformed_ssml(bad: str) -> None:
    ET.fromstring(f"<speak>{speech.text('a' + bad + ' & <b> ' + bad)}</speak>")


@pytest.mark.parametrize("bad", FORBIDDEN)
def test_a_gratitude_with_characters_xml_forbids_is_spoken_and_stored_clean(
    client: FlaskClient, store: CoupleStore, settings: Settings, bad: str
) -> None:
    c = Conversation(client)
    with_names(store, c, [ME, YOU])
    c.one_shot("StartGratitudeRoundIntent", evening())
    words = personal(f"you fixed the radio{bad} for me")
    c.say("GratitudeIntent", evening(1), gratitude=words)
    assert ME in well_formed(c)  # thanked (the words are not read back during the round)
    couple = store.load_for_user(c.user_id).couple_id
    found, _ = GratitudeLog(store, settings.gratitude_retention_days).between(
        couple, evening().date(), evening().date(), evening(2)
    )
    assert [e.words for e in found] == ["you fixed the radio for me"]


@pytest.mark.parametrize("bad", ["\x07", "\ud800", "\ufffe"])
def test_a_name_with_characters_xml_forbids_is_confirmed_and_stored_clean(
    client: FlaskClient, store: CoupleStore, bad: str
) -> None:
    c = Conversation(client)
    c.one_shot("StartGratitudeRoundIntent", evening())
    c.say("PartnerNamesIntent", evening(), first=f"Ros{bad}alind", second=YOU)
    well_formed(c)
    c.say("AMAZON.YesIntent", evening())
    assert ME in well_formed(c)
    assert store.load_for_user(c.user_id).names == [ME, YOU]


def test_names_stored_broken_by_older_code_are_spoken_well_formed(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    account = keys.couple_id_for_user(c.user_id)
    item = {
        keys.PK: keys.couple_pk(account),
        keys.SK: keys.PROFILE_SK,
        "version": 1,
        "names": [f"Ros\x1balind{chr(0xFFFE)}", "Bar\x00tholomew"],
    }
    store.client.put_item(TableName=store.table, Item=to_item(item))
    c.one_shot("StartGratitudeRoundIntent", evening())
    assert ME in well_formed(c)


def stored_size(store: CoupleStore, user_id: str) -> int:
    account = keys.couple_id_for_user(user_id)
    raw = store.client.get_item(
        TableName=store.table, Key=to_item({keys.PK: keys.couple_pk(account), keys.SK: keys.PROFILE_SK})
    )["Item"]
    return item_size(dict(raw))


def test_tampered_voices_cannot_grow_the_profile(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c, [ME, YOU])
    sizes = []
    for n in range(7):  # as reported: seven requests of 2,000 fake voices each used to store 378 KB
        c.one_shot("StartGratitudeRoundIntent", evening(n))
        state: dict[str, Any] = c.attributes["grat"]
        state["voices"] = {f"amzn1.ask.person.FAKE{n:02d}{i:05d}" + "X" * 10: i % 2 for i in range(2000)}
        c.say("AMAZON.StopIntent", evening(n))
        well_formed(c)
        sizes.append(stored_size(store, c.user_id))
    profile = store.load_for_user(c.user_id)
    print(f"\nstored profile sizes after each tampered request: {sizes} bytes")
    assert len(profile.voices) <= MAX_VOICES and sizes[-1] < 4096
    assert profile.names == [ME, YOU]


def test_a_tampered_300_character_name_is_capped_when_stored(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    c.one_shot("StartGratitudeRoundIntent", evening())
    c.say("PartnerNamesIntent", evening(), first=ME, second=YOU)
    long_name = personal("Z" * 300)
    c.attributes["grat_pending"] = [long_name, YOU]  # what the client sent back instead of ours
    c.say("AMAZON.YesIntent", evening())
    well_formed(c)  # the tampered names are not the skill's own state: treated as absent, asked again
    assert "first names" in well_formed(c)
    names = store.load_for_user(c.user_id).names
    assert all(len(n) <= MAX_NAME_CHARS for n in names) and "Z" * 31 not in json.dumps(names)
