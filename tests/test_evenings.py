"""Real evenings, real speech (what a couple actually says and hears): steps asked by number,
reasons that keep their kind, "next" right after an offer, the streak rule said out loud. The clock,
tonight's pick and how offers read are test_evenings_clock.py."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools import chat_match
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore
from skill.store.profile_codec import from_attributes, to_attributes

from support import hearing
from support.alexa import Conversation, ends_with_next_step
from support.evenings import at, named, steps

SCOLDING = ("missed", "broke", "broken", "lost", "failed", "fail", "should have", "forgot")


def reason_groups(text: str, catalogue: Catalogue) -> list[str]:
    return [r.group for r in catalogue.reasons if r.text in text]


# -- 1. ask by number and by kind -------------------------------------------------------------------


@pytest.mark.parametrize("slot", ["number", "ordinal"])
def test_every_step_can_be_asked_for_by_number(client: FlaskClient, catalogue: Catalogue, slot: str) -> None:
    c = Conversation(client)
    for step in steps(catalogue):
        said = c.one_shot("StepByNumberIntent", at(), **{slot: str(step.number)})
        assert f"Step {step.number}: {step.title}" in said, said
        assert ends_with_next_step(said) and not c.ended


@pytest.mark.parametrize("heard", [{"number": "12"}, {"number": "0"}, {"ordinal": "20"}, {"number": "?"}])
def test_a_step_number_out_of_range_gets_a_kind_answer(
    client: FlaskClient, catalogue: Catalogue, heard: dict[str, str]
) -> None:
    c = Conversation(client)
    said = c.one_shot("StepByNumberIntent", at(), **heard)
    assert f"There are {len(steps(catalogue))} steps" in said
    assert said.endswith("?") and not c.ended and "sorry" not in said.lower()


@pytest.mark.parametrize(
    "line, slot, value",
    [
        ("tell me about step five", "number", "5"),
        ("step five", "number", "5"),
        ("the fifth step", "ordinal", "5"),
        ("number five", "number", "5"),
        ("what's step 11", "number", "11"),
        ("what's step eleven", "number", "11"),
        ("tell us about the eleventh step", "ordinal", "11"),
        ("Alexa, ask Close Together for step three", "number", "3"),
    ],
)
def test_make_chat_hears_steps_by_number_and_by_ordinal(line: str, slot: str, value: str) -> None:
    heard = chat_match.hear(hearing.matcher(), line)
    assert heard is not None and heard.match is not None
    assert (heard.match.intent, heard.match.slots) == ("StepByNumberIntent", {slot: value})


@pytest.mark.parametrize(
    "words, number", [("step five", 5), ("the fifth step", 5), ("step 11", 11), ("step number three", 3)]
)
def test_a_step_number_heard_as_a_practice_name_still_finds_the_step(
    client: FlaskClient, catalogue: Catalogue, words: str, number: int
) -> None:
    """Alexa may route "tell me about step five" to the explain intent with unresolved words."""
    step = steps(catalogue)[number - 1]
    unresolved = {
        "value": words,
        "resolutions": {
            "resolutionsPerAuthority": [
                {"authority": "amzn1.er-authority.echo-sdk.x.PracticeName", "status": {"code": "ER_SUCCESS_NO_MATCH"}}
            ]
        },
    }
    said = Conversation(client).one_shot("ExplainPracticeIntent", at(), practice=unresolved)
    assert f"Step {number}: {step.title}" in said


@pytest.mark.parametrize("follow_up", ["AnotherExerciseIntent", "AMAZON.YesIntent"])
def test_another_reason_after_a_physical_one_stays_physical(
    client: FlaskClient, catalogue: Catalogue, follow_up: str
) -> None:
    physical = sum(r.group == "physical" for r in catalogue.reasons)
    c = Conversation(client)
    heard = reason_groups(c.one_shot("WhyClosenessIntent", at(), group="physical"), catalogue)
    for _ in range(physical + 1):  # on past the end of the kind: its rotation starts again
        heard += reason_groups(c.say(follow_up, at()), catalogue)
    assert heard == ["physical"] * (physical + 2)


def test_the_first_why_introduces_the_two_kinds_of_reasons_counted_from_content(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    counts = {g: sum(r.group == g for r in catalogue.reasons) for g in ("physical", "emotional")}
    c = Conversation(client)
    first = c.one_shot("WhyClosenessIntent", at())
    assert f"{counts['physical']} physical reasons and {counts['emotional']} emotional ones" in first
    assert len(reason_groups(first, catalogue)) == 1
    later = c.one_shot("WhyClosenessIntent", at(minute=40))
    assert "physical reasons" not in later and len(reason_groups(later, catalogue)) == 1


# -- 2. next, skip and "tell me more" right after an offer ----------------------------------------------


@pytest.mark.parametrize("move", ["AMAZON.NextIntent", "GratitudeSkipIntent"])
def test_next_or_skip_right_after_tonights_offer_offers_another(
    client: FlaskClient, catalogue: Catalogue, move: str
) -> None:
    c = Conversation(client)
    first = named(c.one_shot("TonightsExerciseIntent", at()), catalogue)
    said = c.say(move, at())
    assert "haven't started" not in said
    assert named(said, catalogue) != first and "minutes" in said and said.endswith("?")
    # and that one sticks for the evening
    assert named(c.one_shot("TonightsExerciseIntent", at(minute=50)), catalogue) == named(said, catalogue)


def test_next_right_after_the_opening_question_offers_an_exercise(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    c.launch(at())
    said = c.say("AMAZON.NextIntent", at())
    assert "haven't started" not in said
    named(said, catalogue)
    assert "minutes" in said and said.endswith("?") and not c.ended


def test_tell_me_more_after_an_offer_explains_the_offered_practice(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    offered = catalogue.practice(named(c.one_shot("TonightsExerciseIntent", at()), catalogue))
    assert offered is not None
    said = c.say("TellMeMoreIntent", at())
    assert offered.about in said and said.endswith("?")
    # "yes" now starts the practice that was offered, not another one
    walk = c.say("AMAZON.YesIntent", at())
    assert offered.name in walk and offered.steps[0] in walk


# -- 3. the streak rule is heard --------------------------------------------------------------------


def test_the_night_the_rest_day_is_used_the_answer_says_so_kindly(client: FlaskClient) -> None:
    c = Conversation(client)
    for day in (0, 1, 2, 3, 4):
        c.one_shot("CompletedExerciseIntent", at(day))
    said = c.one_shot("CompletedExerciseIntent", at(6))  # day 5 was the rest day
    assert "rest day" in said and "carries on" in said and "6 days" in said
    assert not any(word in said.lower() for word in SCOLDING)
    # the next night is an ordinary one again
    following = c.one_shot("CompletedExerciseIntent", at(7))
    assert "7 days" in following and "rest day" not in following


def test_a_fresh_start_after_a_break_explains_the_rest_day_once(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    for day in (0, 1, 2):
        c.one_shot("CompletedExerciseIntent", at(day))
    said = c.one_shot("CompletedExerciseIntent", at(6))
    assert "day one" in said and "rest day" in said and "seven" in said
    assert not any(word in said.lower() for word in SCOLDING)
    assert store.load_for_user(c.user_id).rest_explained is True
    again = c.one_shot("CompletedExerciseIntent", at(12))  # a second break: no lesson this time
    assert "day one" in again and "rest day" not in again
    assert not any(word in again.lower() for word in SCOLDING)


def test_rest_explained_costs_nothing_until_true_and_is_kept() -> None:
    """The profile is stored packed (docs/performance.md): the flag adds bytes only once it is set."""
    untold = to_attributes(Profile(couple_id="c" * 32))
    told = to_attributes(Profile(couple_id="c" * 32, rest_explained=True))
    assert len(bytes(told["p"].value)) > len(bytes(untold["p"].value))
    assert from_attributes(told).rest_explained is True
    assert from_attributes(untold).rest_explained is False
