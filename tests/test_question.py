"""Tonight's question: a bank said in under 8 seconds, no repeat within ninety days at a flat cost,
the same question all evening on both devices, answered apart and heard together, kept only until
the next evening, and deleted with the couple's data. Real envelopes, DynamoDB Local, two partners
linked through the real link and join flow."""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from content import speech
from content.schema import MAX_QUESTION_SECONDS, QUESTION_GROUPS, REPEAT_FREE_DAYS, Catalogue
from devtools.envelopes import envelope
from skill.domain.question import QuestionPlace
from skill.store import keys
from skill.store.couples import CoupleStore

from support.alexa import Conversation, speech_text
from support.couples import account, link, partition, skill_disabled, sort_keys, two_partners
from support.personal import personal
from support.question import answers, asked, evening, shared_id

# -- the bank --------------------------------------------------------------------------------------


def test_every_question_is_short_tender_and_for_any_couple(catalogue: Catalogue) -> None:
    questions = catalogue.questions
    assert len(questions) >= 150
    assert {q.group for q in questions} == set(QUESTION_GROUPS)
    assert all(sum(q.group == g for q in questions) >= 20 for g in QUESTION_GROUPS)
    assert len({q.text.lower() for q in questions}) == len(questions)
    assumptions = re.compile(
        r"\b(he|she|him|her|his|hers|husband|wife|boyfriend|girlfriend|married|marriage|"
        r"spouse|sex|sexy|sexual|naked|erotic|bedroom|lust)\b",
        re.IGNORECASE,
    )
    for q in questions:
        assert speech.duration(speech.text(q.text)) <= MAX_QUESTION_SECONDS, q.text
        assert q.text.endswith("?") and q.text.count("?") == 1, q.text
        assert not assumptions.search(q.text), q.text


def test_a_question_with_the_answer_still_fits_the_spoken_length_rules(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    a, b = two_partners(client, "QUESTION")
    # The longest lead-in with the longest question still fits an answer (20 s).
    longest = max(speech.duration(q.text) for q in catalogue.questions)
    for day in range(6):
        said = a.one_shot("TonightsQuestionIntent", evening(day, 18))
        assert speech.duration(said) - speech.duration(asked(catalogue, said)) + longest <= 20, said
    link(a, b, evening(0, 19))
    long_words = personal(" ".join(["the long walk by the river in the rain"] * 4))
    b.one_shot("TonightsQuestionIntent", evening(0, 20))
    b.say("QuestionAnswerIntent", evening(0, 20), answer=long_words)
    a.one_shot("TonightsQuestionIntent", evening(0, 21))
    a.say("QuestionAnswerIntent", evening(0, 21), answer=long_words)
    heard = a.say("AMAZON.YesIntent", evening(0, 21))
    assert "long walk by the river" in heard and speech.duration(heard) <= 20, heard


# -- no repeat, same all evening ---------------------------------------------------------------------


def test_no_question_comes_back_within_ninety_days(
    client: FlaskClient, store: CoupleStore, catalogue: Catalogue
) -> None:
    c = Conversation(client)
    heard: list[tuple[int, str]] = []
    for day in range(REPEAT_FREE_DAYS + 1):
        at = evening(day)
        first = asked(catalogue, c.one_shot("TonightsQuestionIntent", at))
        assert c.attributes.get("phase") == "q_talk" and not c.ended
        heard.append((day, first))
        if day % 2 == 0:  # as many questions as a couple can hear: tonight's and one more
            second = asked(catalogue, c.say("AnotherQuestionIntent", at + timedelta(minutes=5)))
            assert second != first
            heard.append((day, second))
            # A third "another" stays with the second: the bank's size is what keeps ninety days clear.
            third = asked(catalogue, c.say("AnotherQuestionIntent", at + timedelta(minutes=6)))
            assert third == second
    last_seen: dict[str, int] = {}
    for day, text in heard:
        assert text not in last_seen or day - last_seen[text] >= REPEAT_FREE_DAYS, (text, last_seen.get(text), day)
        last_seen[text] = day
    assert len(last_seen) > 130
    # The cost stays flat: one short profile field, whatever the history.
    stored = store.load_for_user(c.user_id).question
    assert stored is not None and len(stored.encode()) < 24 and QuestionPlace.decode(stored.encode()) == stored


def test_the_same_question_all_evening_on_both_devices(client: FlaskClient, catalogue: Catalogue) -> None:
    a, b = two_partners(client, "QUESTION")
    link(a, b, evening(0, 18))
    first = asked(catalogue, a.one_shot("TonightsQuestionIntent", evening(0, 19)))
    assert asked(catalogue, b.one_shot("TonightsQuestionIntent", evening(0, 22))) == first
    # Past midnight it is still the same evening.
    assert asked(catalogue, a.one_shot("TonightsQuestionIntent", evening(1, 0, 40))) == first
    # "Another question" on one device moves both on.
    other = asked(catalogue, b.one_shot("AnotherQuestionIntent", evening(1, 1)))
    assert other != first
    assert asked(catalogue, a.one_shot("TonightsQuestionIntent", evening(1, 1, 30))) == other
    # The next evening brings a new one, again the same on both.
    tomorrow = asked(catalogue, b.one_shot("TonightsQuestionIntent", evening(1, 20)))
    assert tomorrow not in (first, other)
    assert asked(catalogue, a.one_shot("TonightsQuestionIntent", evening(1, 21))) == tomorrow


def test_both_devices_asking_at_once_on_a_new_evening_get_one_question(app: Flask, catalogue: Catalogue) -> None:
    a, b = two_partners(app.test_client(), "QUESTION")
    link(a, b, evening(0, 18))

    def ask(conv: Conversation, name: str, day: int, gate: threading.Barrier, said: dict[str, str]) -> None:
        conv.client = app.test_client()
        gate.wait()
        said[name] = conv.one_shot("TonightsQuestionIntent", evening(day))

    for day in range(1, 4):
        said: dict[str, str] = {}
        gate = threading.Barrier(2)
        threads = [
            threading.Thread(target=ask, args=(conv, name, day, gate, said)) for conv, name in ((a, "a"), (b, "b"))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert asked(catalogue, said["a"]) == asked(catalogue, said["b"])


# -- answered apart, heard together -----------------------------------------------------------------


def test_answers_are_heard_only_after_both_have_answered(
    client: FlaskClient, store: CoupleStore, catalogue: Catalogue
) -> None:
    a, b = two_partners(client, "QUESTION")
    link(a, b, evening(0, 18))
    lake, trip = personal("the lake at dawn"), personal("our first trip together")
    said = a.one_shot("TonightsQuestionIntent", evening(0))
    assert a.attributes.get("phase") == "q_answer" and said.endswith("?")
    assert a.last["response"]["directives"][0]["slotToElicit"] == "answer"
    kept = a.say("QuestionAnswerIntent", evening(0), answer=f"um {lake}")
    assert a.ended and lake not in kept and "hear our answers" in kept
    # Neither device hears the answer while only one partner has given one.
    early = a.one_shot("HearAnswersIntent", evening(0, 21))
    assert lake not in early and a.ended
    asked_b = b.one_shot("HearAnswersIntent", evening(0, 21))
    assert lake not in asked_b and b.attributes.get("phase") == "q_answer"
    assert asked(catalogue, asked_b) == asked(catalogue, said)
    both = b.say("QuestionAnswerIntent", evening(0, 21), answer=trip)
    assert lake not in both and b.attributes.get("phase") == "q_hear" and both.endswith("?")
    heard_b = b.say("AMAZON.YesIntent", evening(0, 21))
    assert (f"You said: {trip}" in heard_b and f"Your partner said: {lake}" in heard_b) or (
        f"Yours: {trip}" in heard_b and f"Your partner's: {lake}" in heard_b
    ), heard_b
    heard_a = a.one_shot("HearAnswersIntent", evening(0, 22))
    assert lake in heard_a and trip in heard_a and heard_a.index(lake) < heard_a.index(trip)
    assert len(answers(store, shared_id(store, a))) == 2


def test_asking_again_after_answering_alone_says_the_partner_has_not_answered(
    client: FlaskClient, store: CoupleStore
) -> None:
    a, b = two_partners(client, "QAGAIN")
    link(a, b, evening(0, 18))
    a.one_shot("TonightsQuestionIntent", evening(0))
    a.say("QuestionAnswerIntent", evening(0), answer=personal("the lake at dawn"))
    again = a.one_shot("TonightsQuestionIntent", evening(0, 21))
    assert "your partner hasn't yet" in again and "both answered" not in again, again
    assert a.ended and a.attributes.get("phase") is None


def test_both_answering_at_once_keeps_both(app: Flask, store: CoupleStore, catalogue: Catalogue) -> None:
    a, b = two_partners(app.test_client(), "QUESTION")
    link(a, b, evening(0, 18))
    a.one_shot("TonightsQuestionIntent", evening(0))
    b.one_shot("TonightsQuestionIntent", evening(0))
    words = {"a": personal("the smell of pine needles"), "b": personal("singing in the car")}
    gate = threading.Barrier(2)
    phases: dict[str, Any] = {}

    def answer(conv: Conversation, name: str) -> None:
        conv.client = app.test_client()
        gate.wait()
        conv.say("QuestionAnswerIntent", evening(0, 20, 45), answer=words[name])
        phases[name] = conv.attributes.get("phase")

    threads = [threading.Thread(target=answer, args=(a, "a")), threading.Thread(target=answer, args=(b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stored = answers(store, shared_id(store, a))
    assert sorted(str(i["words"]) for i in stored) == sorted(words.values())
    assert "q_hear" in phases.values()  # whoever answered second is offered both at once
    heard = a.one_shot("HearAnswersIntent", evening(0, 21))
    assert words["a"] in heard and words["b"] in heard


def test_a_redelivered_answer_is_written_once(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client, "QUESTION")
    link(a, b, evening(0, 18))
    a.one_shot("TonightsQuestionIntent", evening(0))
    words = personal("a quiet breakfast outside")
    env = envelope(
        "intent",
        user_id=a.user_id,
        device_id=a.device_id,
        at=evening(0, 20, 40),
        new=True,
        intent="QuestionAnswerIntent",
        slots={"answer": words},
        request_id="amzn1.echo-api.request.QREPLAY",
    )
    first = a.post(env)
    second = a.post(env)
    assert first["response"]["outputSpeech"] == second["response"]["outputSpeech"]
    stored = answers(store, shared_id(store, a))
    assert [i["words"] for i in stored] == [words]
    # A new request with changed words replaces the answer: one answer a partner, never two.
    a.one_shot("QuestionAnswerIntent", evening(0, 20, 50), answer=personal("a slow breakfast outside"))
    assert [i["words"] for i in answers(store, shared_id(store, a))] == ["a slow breakfast outside"]


def test_answers_expire_at_the_start_of_the_next_evening(
    client: FlaskClient, store: CoupleStore, catalogue: Catalogue
) -> None:
    a, b = two_partners(client, "QUESTION")
    link(a, b, evening(0, 18))
    b.one_shot("TonightsQuestionIntent", evening(0, 23, 30))
    b.say("QuestionAnswerIntent", evening(0, 23, 30), answer=personal("the first snow"))
    a.one_shot("TonightsQuestionIntent", evening(1, 0, 30))  # after midnight: still that evening
    a.say("QuestionAnswerIntent", evening(1, 0, 30), answer=personal("a picnic in the park"))
    next_evening = evening(1, 18, 0)
    assert [int(i[keys.TTL_ATTRIBUTE]) for i in answers(store, shared_id(store, a))] == [
        int(next_evening.timestamp())
    ] * 2
    # Read in the small hours they are still there; the next evening brings a new question, and
    # yesterday's answers are not read back.
    morning = a.one_shot("HearAnswersIntent", evening(1, 3, 30))
    assert "first snow" in morning
    assert "first snow" not in a.one_shot("HearAnswersIntent", evening(1, 18, 5))


# -- one device, deletion ------------------------------------------------------------------------


def test_one_device_talks_it_over_and_hears_how_to_answer_apart(
    client: FlaskClient, store: CoupleStore, catalogue: Catalogue
) -> None:
    c = Conversation(client)
    said = c.one_shot("TonightsQuestionIntent", evening(0))
    assert "say: link my partner" in said and said.endswith(asked(catalogue, said)) and not c.ended
    assert c.attributes.get("phase") == "q_talk" and "directives" not in c.last["response"]
    mine = c.one_shot("QuestionAnswerIntent", evening(0, 21), answer=personal("the smell of rain"))
    assert "link my partner" in mine and "smell of rain" not in mine and c.ended
    assert not answers(store, account(c))
    assert "link" in c.one_shot("HearAnswersIntent", evening(0, 21))


def test_delete_our_data_removes_tonights_answers(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client, "QUESTION")
    link(a, b, evening(0, 18))
    for conv, words in ((a, "the garden in spring"), (b, "our kitchen dances")):
        conv.one_shot("TonightsQuestionIntent", evening(0))
        conv.say("QuestionAnswerIntent", evening(0), answer=personal(words))
    couple = shared_id(store, a)
    assert len(answers(store, couple)) == 2
    b.one_shot("DeleteDataIntent", evening(0, 21))
    b.say("AMAZON.YesIntent", evening(0, 21))
    assert partition(store, couple) == [] and not answers(store, account(a)) and not answers(store, account(b))


def test_skill_disabled_does_not_hand_an_answer_to_the_partner(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client, "QUESTION")
    link(a, b, evening(0, 18))
    for conv, words in ((a, "my grandmother's porch"), (b, "the beach at night")):
        conv.one_shot("TonightsQuestionIntent", evening(0))
        conv.say("QuestionAnswerIntent", evening(0), answer=personal(words))
    couple = shared_id(store, a)
    skill_disabled(client, a.user_id, evening(0, 22))
    assert partition(store, couple) == []
    assert not [s for s in sort_keys(store, account(b)) if s.startswith(keys.ANSWER_PREFIX)]
    assert not [s for s in sort_keys(store, account(a)) if s.startswith(keys.ANSWER_PREFIX)]


def test_a_redelivered_another_question_moves_on_once(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    first = asked(catalogue, c.one_shot("TonightsQuestionIntent", evening(0)))
    env = envelope(
        "intent",
        user_id=c.user_id,
        device_id=c.device_id,
        at=evening(0, 20, 35),
        new=True,
        intent="AnotherQuestionIntent",
        request_id="amzn1.echo-api.request.QANOTHER",
    )
    again = [asked(catalogue, speech_text(c.post(env))) for _ in range(2)]
    assert again[0] == again[1] != first
    assert speech_text(c.post(env)).startswith(("Here's another.", "Another one, then."))
    # A new request (not a redelivery) stays with it: two questions a night.
    assert asked(catalogue, c.one_shot("AnotherQuestionIntent", evening(0, 20, 40))) == again[0]
