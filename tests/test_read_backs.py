"""Whole read-backs (issue 22, seen 2): a couple's words are kept as said, only filler off the two
ends, and read back whole up to a limit that stops where a thought ends, never mid-phrase. The
reveal of tonight's answers names both partners when both names are known.

Before: a tender answer was read to the partner as "when you you came to" (the rest cut); "I'm
grateful for you" came back as "Here's one Jordan shared: for you"; "the way you with the dishes
every night" (a word taken from the middle); the reveal said "You said / Your partner said" to two
people listening together, though both names were known.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools import chat_words
from skill.core.settings import Settings
from skill.domain.hearing import READ_BACK_WORDS, read_back
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore
from skill.store.gratitude import GratitudeLog

from support import hearing
from support.alexa import Conversation
from support.couples import link, two_partners
from support.personal import personal
from support.question import evening as question_evening

NY = ZoneInfo("America/New_York")
MAYA, JORDAN = personal("Henrietta"), personal("Cornelius")
VOICE_MAYA, VOICE_JORDAN = "amzn1.ask.person.VOICEHENRIETTA", "amzn1.ask.person.VOICECORNELIUS"


def evening(day: int = 0, seconds: int = 0) -> datetime:
    """Wednesday 18 Nov 2026, 8 pm in New York, ``day`` days later."""
    return datetime(2026, 11, 18, 20, 0, tzinfo=NY) + timedelta(days=day, seconds=seconds)


def named(store: CoupleStore, c: Conversation, voices: dict[str, int] | None = None) -> None:
    def change(p: Profile) -> bool:
        p.names, p.voices = [MAYA, JORDAN], dict(voices or {})
        return True

    store.update(store.load_for_user(c.user_id), change)


def one_round(c: Conversation, first: str, second: str) -> None:
    c.one_shot("StartGratitudeRoundIntent", evening())
    c.say("GratitudeIntent", evening(seconds=5), gratitude=first)
    c.say("GratitudeIntent", evening(seconds=10), gratitude=second)
    assert c.ended


def test_filler_inside_the_words_stays_so_no_sentence_breaks(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = Conversation(client)
    named(store, c)
    dishes = personal("the way you, you know, help with the dishes every night")
    one_round(c, f"um so {dishes} yeah", personal("you fixed my bike"))
    couple = store.load_for_user(c.user_id).couple_id
    found, _ = GratitudeLog(store, settings.gratitude_retention_days).between(
        couple, evening().date(), evening().date(), evening(seconds=60)
    )
    assert found[0].words == dishes


@pytest.mark.parametrize(
    "words",
    [
        "when you came to my dad's funeral and stood at the back so I could see you the whole time, "
        "and then drove me home and sat with me until I could sleep",
        "every morning you make my tea exactly how I like it and you have done it for eleven years "
        "without once being asked to",
        "you you just always show up for me when it matters most and I do not think you know how much that means to me",
    ],
)
def test_a_long_read_back_stops_where_a_thought_ends(catalogue: Catalogue, words: str) -> None:
    said = read_back(words, catalogue.hearing)
    assert words.startswith(said) and len(said.split()) <= READ_BACK_WORDS
    assert len(said.split()) >= READ_BACK_WORDS // 2  # a whole thought, not a stump
    follows = words[len(said) :].lstrip(" ,").split()[0]
    assert said.endswith(",") is False and (words[len(said)] in ",." or follows in catalogue.hearing.clause_starts)
    assert said.split()[-1] not in catalogue.hearing.hanging


def test_a_short_one_is_read_back_whole(catalogue: Catalogue) -> None:
    words = "when you came to the funeral and held my hand the whole time"
    assert read_back(words, catalogue.hearing) == words


def test_the_summary_reads_back_a_tender_gratitude_whole(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    named(store, c)
    funeral = personal("when you you came to the funeral and held my hand")
    thanks = personal("I'm grateful for you")
    one_round(c, funeral, thanks)
    summary = c.one_shot("WeeklySummaryIntent", evening(seconds=600))
    assert f"{funeral}." in summary or f"{thanks}." in summary, summary
    assert "shared: for you" not in summary


def test_the_summary_cuts_a_long_one_where_a_thought_ends(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    named(store, c)
    long_one = personal(
        "when my dad was in hospital you came to see him every single evening after work and you brought him the paper"
    )
    one_round(c, long_one, long_one)
    summary = c.one_shot("WeeklySummaryIntent", evening(seconds=600))
    said = summary.split(": ", 1)[1].split(".")[0]
    assert said == "when my dad was in hospital you came to see him", summary  # not "... every"


def test_im_grateful_for_you_is_captured_whole_while_a_gratitude_is_asked_for() -> None:
    """The dialog model's slot samples took "I'm grateful" off, leaving "for you" to read back."""
    matcher = hearing.matcher()
    for said in ("I'm grateful for you", "I appreciate you", "thank you for everything", "I'm thankful for you"):
        heard = matcher.match_elicited(said, "GratitudeIntent", "gratitude")
        assert heard is not None and heard.intent == "GratitudeIntent"
        assert heard.slots["gratitude"] == chat_words.normalise(said), heard.slots


def test_the_reveal_names_both_partners(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client, "REVEAL")
    a.person_id, b.person_id = VOICE_MAYA, VOICE_JORDAN
    link(a, b, question_evening(0, 18))
    named(store, a, {VOICE_MAYA: 0, VOICE_JORDAN: 1})
    lake, trip = personal("the lake at dawn with the mist"), personal("our first trip together, the night train")
    a.one_shot("TonightsQuestionIntent", question_evening(0))
    a.say("QuestionAnswerIntent", question_evening(0), answer=lake)
    b.one_shot("TonightsQuestionIntent", question_evening(0, 21))
    b.say("QuestionAnswerIntent", question_evening(0, 21), answer=trip)
    heard = b.say("AMAZON.YesIntent", question_evening(0, 21))
    assert f"{JORDAN} said: {trip}" in heard and f"{MAYA} said: {lake}" in heard, heard
    assert "You said" not in heard and "Your partner" not in heard
