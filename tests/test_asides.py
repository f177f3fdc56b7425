"""Asides are never kept as a couple's words (issue 22, seen 1), through real envelopes and DynamoDB
Local: during a gratitude turn or tonight's answer, a request for time gets a quiet wait and the
same question again; a pass moves on; a question about the practice gets an example or the question
again; a request for another question is served; anything meant for Alexa is held off. None of
them is stored, thanked or counted, and the weekly summary reads back only real gratitudes.

Before: "um, give me a sec, I'm thinking" was thanked ("Thank you, Maya. That's the round.") and
read back on Sunday; "what am I supposed to say" was kept as Jordan's gratitude; "can we have a
different one" at tonight's question was kept as an answer.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from content import speech
from content.schema import MAX_ANSWER_SECONDS, Catalogue
from skill.core.settings import Settings
from skill.domain.gratitude import Gratitude
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore
from skill.store.gratitude import GratitudeLog

from support import hearing
from support.alexa import Conversation, speech_text
from support.couples import link, two_partners
from support.personal import personal
from support.question import answers, asked, shared_id
from support.question import evening as question_evening

NY = ZoneInfo("America/New_York")
MAYA, JORDAN = personal("Marguerite"), personal("Leopold")
BREAK = re.compile(r'<break time="([0-9.]+)s"/>')
_tick = itertools.count(1)


def evening(seconds: int = 0) -> datetime:
    return datetime(2026, 11, 18, 20, 0, tzinfo=NY) + timedelta(seconds=seconds)


def later() -> datetime:
    return evening(next(_tick))


def round_for_two(client: FlaskClient, store: CoupleStore) -> Conversation:
    c = Conversation(client)

    def change(p: Profile) -> bool:
        p.names = [MAYA, JORDAN]
        return True

    store.update(store.load_for_user(c.user_id), change)
    said = c.one_shot("StartGratitudeRoundIntent", evening())
    assert said.startswith(("Let's begin", "Here we go")) and f"{MAYA}," in said
    return c


def stored(store: CoupleStore, settings: Settings, c: Conversation) -> list[Gratitude]:
    couple = store.load_for_user(c.user_id).couple_id
    found, _ = GratitudeLog(store, settings.gratitude_retention_days).between(
        couple, evening().date(), evening().date(), evening(3600)
    )
    return found


def said_to(c: Conversation, gratitude: str) -> str:
    return c.say("GratitudeIntent", later(), gratitude=gratitude)


def quiet_seconds(c: Conversation) -> float:
    return sum(float(s) for s in BREAK.findall(c.last["response"]["outputSpeech"]["ssml"]))


def asks(c: Conversation, name: str) -> bool:
    """The answer asks ``name`` for their gratitude again, last, and waits for it."""
    directives = c.last["response"].get("directives", [])
    return (
        not c.ended
        and bool(directives)
        and directives[0].get("slotToElicit") == "gratitude"
        and said_last(c).startswith(name)
        and speech_text(c.last).endswith("?")
    )


def said_last(c: Conversation) -> str:
    sentences = re.split(r"(?<=[.?!])\s+", speech_text(c.last))
    return next(s for s in reversed(sentences) if s.startswith((MAYA, JORDAN)))


def test_asking_for_time_gets_a_quiet_wait_and_nothing_is_kept(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = round_for_two(client, store)
    said = said_to(c, "um, give me a sec, I'm thinking")
    assert "thank" not in said.lower() and "round" not in said.lower()
    assert asks(c, MAYA) and quiet_seconds(c) >= 5
    said_to(c, "hmm")  # a thinking sound alone is a request for time too
    assert asks(c, MAYA) and quiet_seconds(c) >= 5
    assert stored(store, settings, c) == []
    real = personal("you walked the dog in the sleet so I could sleep")
    said = said_to(c, real)
    assert MAYA in said and "thank" in said.lower() and asks(c, JORDAN)
    assert [e.words for e in stored(store, settings, c)] == [real]


def test_hold_on_is_its_own_intent_in_a_round(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = round_for_two(client, store)
    c.say("HoldOnIntent", later())
    assert asks(c, MAYA) and quiet_seconds(c) >= 5
    assert stored(store, settings, c) == []


def test_a_question_about_the_practice_gets_an_example_and_is_not_kept(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = round_for_two(client, store)
    said_to(c, personal("the soup on tuesday when I had a cold"))
    said = said_to(c, "what am I supposed to say")
    assert "thank" not in said.lower() and "for example" in said.lower() and asks(c, JORDAN)
    said = said_to(c, "sorry what was the question")
    assert "thank" not in said.lower() and asks(c, JORDAN)
    assert len(stored(store, settings, c)) == 1


def test_off_topic_is_held_off_and_a_pass_moves_on(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = round_for_two(client, store)
    said = said_to(c, "what's the weather tomorrow")
    assert "thank" not in said.lower() and "weather" not in said.lower() and asks(c, MAYA)
    said = said_to(c, "um. pass")
    assert "thank" not in said.lower() and asks(c, JORDAN)
    said = said_to(c, "I've got nothing, skip me")
    assert "thank" not in said.lower() and "Nothing was shared" in said and c.ended
    assert stored(store, settings, c) == []
    assert "gratitude_round" not in [pid for _, pid in store.load_for_user(c.user_id).done]


def test_stop_said_as_a_turn_ends_the_round_and_keeps_nothing_of_it(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = round_for_two(client, store)
    said = said_to(c, "you know what, let's stop here")
    assert c.ended and "thank" not in said.lower()
    assert stored(store, settings, c) == []


def test_the_weekly_summary_reads_back_only_real_gratitudes(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = round_for_two(client, store)
    for aside in ("give me a second", "what do I say", "hang on, what time is it"):
        said_to(c, aside)
    real = personal("you made the whole flat smell of cinnamon")
    said_to(c, real)
    said_to(c, "I don't know")
    summary = c.one_shot("WeeklySummaryIntent", evening(600))
    assert real in summary
    assert not any(a in summary.lower() for a in ("give me a", "what do i say", "what time", "i don't know"))


# -- tonight's question on two linked devices --------------------------------------------------


def test_asides_at_tonights_question_are_not_kept_as_answers(
    client: FlaskClient, store: CoupleStore, catalogue: Catalogue
) -> None:
    a, b = two_partners(client, "ASIDES")
    link(a, b, question_evening(0, 18))
    first = a.one_shot("TonightsQuestionIntent", question_evening(0))
    said = a.say("QuestionAnswerIntent", question_evening(0), answer="ugh, can we have a different one")
    assert "kept" not in said and "Thanks" not in said and not a.ended
    second = asked(catalogue, said)
    assert second != asked(catalogue, first)
    said = a.say("QuestionAnswerIntent", question_evening(0), answer="oh. um. what was the question again")
    assert "kept" not in said and asked(catalogue, said) == second and not a.ended
    said = a.say("QuestionAnswerIntent", question_evening(0), answer="give me a sec")
    assert "kept" not in said and asked(catalogue, said) == second and quiet_seconds(a) >= 5
    assert answers(store, shared_id(store, a)) == []
    lake = personal("the lake at dawn, before anyone else was up")
    said = a.say("QuestionAnswerIntent", question_evening(0), answer=f"hmm {lake}")
    assert "kept" in said or "have your answer" in said
    assert [x["words"] for x in answers(store, shared_id(store, a))] == [lake]


def test_a_pass_at_tonights_question_keeps_nothing(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client, "ASIDEPASS")
    link(a, b, question_evening(0, 18))
    a.one_shot("TonightsQuestionIntent", question_evening(0))
    said = a.say("QuestionAnswerIntent", question_evening(0), answer="I really don't know")
    assert a.ended and "any time tonight" in said
    assert answers(store, shared_id(store, a)) == []


@pytest.mark.parametrize(
    "said", ["hold on", "wait", "hang on", "give me a sec", "one moment", "just a second", "let me think", "not yet"]
)
def test_hold_on_and_its_everyday_ways_reach_hold_on_intent(said: str) -> None:
    """In the model (no sample had "hold on" or "wait"), and also while a gratitude is asked for."""
    matcher = hearing.matcher()
    for heard in (matcher.match(said), matcher.match_elicited(said, "GratitudeIntent", "gratitude")):
        assert heard is not None and heard.intent == "HoldOnIntent", (said, heard)


def test_a_held_wait_with_the_longest_question_keeps_to_the_spoken_length(catalogue: Catalogue) -> None:
    phrases = catalogue.phrases.variants
    longest = max(catalogue.questions, key=lambda q: len(q.text.split())).text
    names = {"name": "Bartholomew-Alexander", "partner": "Maximiliana-Josephine"}
    for lead in phrases["hold_lead"]:
        held_question = (
            f"{speech.text(lead)} {speech.held()} {speech.text(phrases['q_hold'][0].format(question=longest))}"
        )
        held_turn = (
            f"{speech.text(lead)} {speech.held()} {speech.text(phrases['grat_ask_after_hold'][0].format(**names))}"
        )
        for ssml in (held_question, held_turn):
            assert speech.HOLD_SECONDS <= speech.duration(ssml) <= MAX_ANSWER_SECONDS, ssml


def test_a_different_one_in_a_round_puts_the_question_another_way(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = round_for_two(client, store)
    for intent in ("AnotherExerciseIntent", "AnotherQuestionIntent"):
        said = c.say(intent, later())
        assert "thank" not in said.lower() and "another way" in said.lower() and asks(c, MAYA), said
    said_to(c, "can we do a different one")
    assert "another way" in speech_text(c.last).lower() and asks(c, MAYA)
    assert stored(store, settings, c) == []
