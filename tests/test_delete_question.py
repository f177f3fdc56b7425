"""The delete question (issue 22, seen 4): "what exactly gets deleted?" and "does that delete Maya's
stuff too?" get the exact scope, naming the partner; "no, never mind", "cancel" and "don't" are a
no; every re-ask keeps the scope the question was asked with; no sentence starts lower case.

Before: both questions got "Please say yes or no. Shall I delete all of your data?" (a wider scope
than "the history you share"), "no, never mind" was not understood, and "... for this account.
your partner keeps ..." was said.
"""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from skill.store.couples import CoupleStore

from support import hearing
from support.alexa import Conversation
from support.linked import evening, linked_couple
from support.partners import evening as solo_evening

WIDER = "all of your data"


def sentences_start_upper_case(c: Conversation, said: str) -> bool:
    texts = [said, c.reprompt]
    return not any(re.search(r"(^|[.?!]\s+)[a-z]", t) for t in texts if t)


def test_what_gets_deleted_is_answered_with_the_shared_scope_naming_the_partner(
    client: FlaskClient, store: CoupleStore
) -> None:
    a, _b, names = linked_couple(client, store)
    a.one_shot("DeleteDataIntent", evening(3))
    said = a.say("DeleteScopeIntent", evening(3))
    assert names[1] in said and "both" in said and "gratitudes" in said
    assert said.endswith(f"Shall I delete the history you share with {names[1]}?") and not a.ended
    assert WIDER not in said and WIDER not in a.reprompt and names[1] in a.reprompt
    assert a.attributes.get("phase") == "confirm_delete" and sentences_start_upper_case(a, said)
    assert not store.load_for_user(a.user_id).is_new  # nothing deleted by asking


def test_does_that_delete_their_stuff_too_names_them(client: FlaskClient, store: CoupleStore) -> None:
    _a, b, names = linked_couple(client, store)
    b.person_id = None  # an unrecognised voice: the name comes from what was asked
    b.one_shot("DeleteDataIntent", evening(3))
    said = b.say("DeleteScopeIntent", evening(3), name=f"{names[0].lower()}'s")
    assert f"Yes, for both of you. The history you share with {names[0]}" in said
    assert said.endswith(f"with {names[0]}?") and WIDER not in said


def test_every_re_ask_keeps_the_one_scope(client: FlaskClient, store: CoupleStore) -> None:
    a, _, names = linked_couple(client, store)
    a.one_shot("DeleteDataIntent", evening(3))
    for intent in ("AMAZON.FallbackIntent", "AMAZON.HelpIntent", "AMAZON.RepeatIntent", "AMAZON.NextIntent"):
        said = a.say(intent, evening(3))
        assert WIDER not in said and WIDER not in a.reprompt, intent
        assert f"history you share with {names[1]}" in a.reprompt, (intent, a.reprompt)
        assert a.attributes.get("phase") == "confirm_delete"


@pytest.mark.parametrize("intent", ["AMAZON.CancelIntent", "AMAZON.StopIntent", "AMAZON.NoIntent"])
def test_cancel_and_stop_are_a_no(client: FlaskClient, store: CoupleStore, intent: str) -> None:
    a, _, _ = linked_couple(client, store)
    a.one_shot("DeleteDataIntent", evening(3))
    said = a.say(intent, evening(3))
    assert a.ended and "haven't deleted anything" in said
    assert not store.load_for_user(a.user_id).is_new


@pytest.mark.parametrize("said", ["no, never mind", "don't", "no don't", "please don't", "don't delete it"])
def test_everyday_noes_reach_no(said: str) -> None:
    heard = hearing.matcher().match(said)
    assert heard is not None and heard.intent == "AMAZON.NoIntent", (said, heard)


@pytest.mark.parametrize(
    "said",
    [
        "hmm what exactly gets deleted",
        "what gets deleted",
        "wait does that delete maya too",
        "does that delete my partner's stuff too",
        "what will we lose",
    ],
)
def test_scope_questions_reach_their_intent(said: str) -> None:
    heard = hearing.matcher().match(said)
    assert heard is not None and heard.intent == "DeleteScopeIntent", (said, heard)


def test_delete_my_data_never_starts_a_sentence_lower_case(client: FlaskClient, store: CoupleStore) -> None:
    a, _, _ = linked_couple(client, store)
    a.person_id = None  # the partner is "your partner"
    said = a.one_shot("DeleteMyDataIntent", evening(3))
    assert "your partner" in said and sentences_start_upper_case(a, said)
    said = a.say("DeleteScopeIntent", evening(3))
    assert "Only this account's data goes" in said and "your partner" in said
    assert sentences_start_upper_case(a, said) and a.attributes.get("phase") == "confirm_delete_mine"
    said = a.say("AMAZON.YesIntent", evening(3))
    assert sentences_start_upper_case(a, said)


def test_a_solo_couple_hears_its_own_scope(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", solo_evening(0))
    c.one_shot("DeleteDataIntent", solo_evening(0, 21))
    said = c.say("DeleteScopeIntent", solo_evening(0, 21))
    assert "your streak, your history, your gratitudes" in said and WIDER not in said
    assert said.endswith("Shall I delete everything Close Together keeps for you two?")
    assert "haven't deleted anything" in c.say("AMAZON.NoIntent", solo_evening(0, 21))


def test_no_delete_phrase_starts_a_sentence_lower_case_whoever_the_partner_is(catalogue: Catalogue) -> None:
    unnamed = catalogue.phrases.variants["partner_unnamed"][0]
    for key, variants in catalogue.phrases.variants.items():
        if not key.startswith(("delete_", "help_in_confirm_delete")):
            continue
        for text in variants:
            said = text.format(partner=unnamed)
            assert not re.search(r"(^|[.?!]\s+)[a-z]", said), (key, said)
