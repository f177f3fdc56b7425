"""Tonight's question keeps every answer (issue 23, item 7): "another question" never drops an answer
already given, unheard; a late redelivery of an earlier answer never replaces a newer one. Two linked
accounts against DynamoDB Local, through the web seam."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient

from content.schema import Catalogue
from skill.store import keys
from skill.store.couples import CoupleStore, from_item

from support.alexa import Conversation
from support.couples import link, partition, two_partners
from support.personal import personal

NY = ZoneInfo("America/New_York")
START = datetime.now(NY).date() + timedelta(days=2)  # answers and codes carry TTLs: stay in the future
FIRST = personal("when you waited up for me with soup")
SECOND = personal("the morning you sang badly on purpose")


def evening(hour: int = 20, minute: int = 30) -> datetime:
    return datetime(START.year, START.month, START.day, hour, minute, tzinfo=NY)


def asked(catalogue: Catalogue, said: str) -> str:
    found = [q.text for q in catalogue.questions if q.text in said]
    assert len(found) == 1, said
    return found[0]


def kept_words(store: CoupleStore, conv: Conversation) -> list[str]:
    couple = store.load_for_user(conv.user_id).couple_id
    return [str(from_item(i)["words"]) for i in partition(store, couple) if i["sk"]["S"].startswith(keys.ANSWER_PREFIX)]


def linked(client: FlaskClient, tag: str) -> tuple[Conversation, Conversation]:
    a, b = two_partners(client, tag)
    link(a, b, evening(19, 0))
    return a, b


def test_another_question_after_the_partner_answered_keeps_their_answer(
    client: FlaskClient, store: CoupleStore, catalogue: Catalogue
) -> None:
    a, b = linked(client, "KEEPQ")
    question = asked(catalogue, a.one_shot("TonightsQuestionIntent", evening(20, 0)))
    a.say("QuestionAnswerIntent", evening(20, 1), answer=FIRST)
    said = b.one_shot("AnotherQuestionIntent", evening(20, 5))
    assert "already answered" in said and asked(catalogue, said) == question  # the same one, said why
    assert not b.ended
    both = b.say("QuestionAnswerIntent", evening(20, 6), answer=SECOND)
    assert "hear" in both.lower()
    said = b.say("AMAZON.YesIntent", evening(20, 7))
    assert FIRST in said and SECOND in said
    # The one who answered asking for another hears why it stays, rather than losing their answer.
    c, d = linked(client, "KEEPMINE")
    question = asked(catalogue, c.one_shot("TonightsQuestionIntent", evening(20, 0)))
    c.say("QuestionAnswerIntent", evening(20, 1), answer=FIRST)
    said = c.one_shot("AnotherQuestionIntent", evening(20, 2))
    assert "already answered" in said and "lost" in said
    assert asked(catalogue, d.one_shot("TonightsQuestionIntent", evening(20, 3))) == question
    assert kept_words(store, c) == [FIRST]


def test_a_late_redelivery_of_an_older_answer_never_replaces_a_newer_one(
    client: FlaskClient, store: CoupleStore
) -> None:
    a, _ = linked(client, "LATEQ")
    a.one_shot("TonightsQuestionIntent", evening(20, 0))
    older = a.envelope("intent", evening(20, 1), intent="QuestionAnswerIntent", slots={"answer": FIRST})
    a.post(older)
    a.one_shot("TonightsQuestionIntent", evening(20, 2))
    a.say("QuestionAnswerIntent", evening(20, 3), answer=SECOND)
    print("KEPT", kept_words(store, a))
    assert kept_words(store, a) == [SECOND]
    reply: Any = client.post("/alexa", data=json.dumps(older), content_type="application/json")  # Alexa retries late
    assert reply.status_code == 200, reply
    print("SAID", reply.get_json()["response"].get("outputSpeech"))
    print("KEPT", kept_words(store, a))
    assert kept_words(store, a) == [SECOND]
