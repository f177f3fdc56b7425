"""The guide by voice end to end, what it holds: reasons by kind, the steps in groups, names and
synonyms and their slot type. Browsing it (next, back, "what were we on?"), exercises by name, the
touch map's stop and pause and extra content files are test_guide_browsing.py."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import envelope
from skill.store.couples import CoupleStore

from support.alexa import Conversation, ends_with_next_step
from support.evenings import steps
from support.guide import evening, practice, reasons_in

ROOT = Path(__file__).resolve().parent.parent


# -- why closeness matters -----------------------------------------------------------------------


def test_why_closeness_gives_one_short_reason_then_offers_another_or_tonight(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    c = Conversation(client)
    said = c.one_shot("WhyClosenessIntent", evening())
    first = reasons_in(said, catalogue)
    assert len(first) == 1
    assert "another" in said and "tonight's exercise" in said and said.endswith("?") and c.reprompt
    second = reasons_in(c.say("AMAZON.YesIntent", evening()), catalogue)
    assert len(second) == 1 and second != first
    # "Another one" right after a reason is another reason, not another exercise.
    third = reasons_in(c.say("AnotherExerciseIntent", evening()), catalogue)
    assert len(third) == 1 and third not in (first, second)
    offer = c.say("TonightsExerciseIntent", evening())
    assert "minutes" in offer and offer.endswith("?")


@pytest.mark.parametrize("group", ["physical", "emotional"])
def test_each_reason_group_picks_from_that_group(client: FlaskClient, catalogue: Catalogue, group: str) -> None:
    c = Conversation(client)
    in_group = {r.id for r in catalogue.reasons if r.group == group}
    heard = reasons_in(c.one_shot("WhyClosenessIntent", evening(), group=group), catalogue)
    for _ in range(len(in_group) - 1):
        heard += reasons_in(c.say("AMAZON.NextIntent", evening()), catalogue)
    assert set(heard) == in_group  # all five of that group, none of the other


def test_a_resolved_group_slot_is_used(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    env = envelope(
        "intent", user_id=c.user_id, at=evening(), intent="WhyClosenessIntent", new=True, slots={"group": "touch"}
    )
    env["request"]["intent"]["slots"]["group"]["resolutions"] = {
        "resolutionsPerAuthority": [
            {
                "authority": "amzn1.er-authority.echo-sdk.test.ClosenessKind",
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": "physical", "id": "physical"}}],
            }
        ]
    }
    said = " ".join(c.post(env)["response"]["outputSpeech"]["ssml"].split())
    physical = {r.id for r in catalogue.reasons if r.group == "physical"}
    assert any(catalogue.reasons[i].text in said for i, r in enumerate(catalogue.reasons) if r.id in physical)


def test_no_reason_twice_in_a_row_across_sessions_until_all_are_heard(
    client: FlaskClient, catalogue: Catalogue, store: CoupleStore
) -> None:
    c = Conversation(client)
    total = len(catalogue.reasons)
    heard: list[str] = []
    for i in range(2 * total + 3):  # each ask is a new session, on a different evening
        group = ("physical", "emotional", "")[i % 3] if i >= total else ""
        slots = {"group": group} if group else {}
        found = reasons_in(c.one_shot("WhyClosenessIntent", evening(i), **slots), catalogue)
        assert len(found) == 1
        heard += found
        assert len(store.load_for_user(c.user_id).reasons_heard) <= total  # bounded
    assert sorted(heard[:total]) == sorted(r.id for r in catalogue.reasons)  # all before any repeat
    for before, after in pairwise(heard):
        assert before != after, heard


# -- the steps -----------------------------------------------------------------------------------


def test_steps_overview_names_every_step_in_groups_and_offers_to_go_deeper(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    c = Conversation(client)
    said = c.one_shot("StepsOverviewIntent", evening())
    assert "11 steps" in said and f"{len(catalogue.step_groups)} small groups" in said
    positions = [said.index(g.line) for g in catalogue.step_groups]  # every group, in order
    assert positions == sorted(positions)
    assert sum(len(g.steps) for g in catalogue.step_groups) == 11
    ssml = c.last["response"]["outputSpeech"]["ssml"]
    assert ssml.count("<break") >= len(catalogue.step_groups)  # a pause between groups, not one long list
    assert ends_with_next_step(said) and c.reprompt
    first = c.say("AMAZON.YesIntent", evening())  # "yes, one by one"
    assert steps(catalogue)[0].about in first


def test_every_step_and_exercise_is_reachable_by_name_and_by_each_synonym(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    c = Conversation(client)
    for p in catalogue.practices:
        for spoken in (p.name, p.title, *p.synonyms):
            said = c.one_shot("ExplainPracticeIntent", evening(), practice=spoken)
            assert p.about in said, (p.id, spoken)
            if p.exercise:  # the matching exercise is offered for tonight
                assert practice(catalogue, p.exercise).name in said
            assert ends_with_next_step(said)
            assert c.reprompt


def test_a_resolved_practice_slot_is_used(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    env = envelope(
        "intent",
        user_id=c.user_id,
        at=evening(),
        intent="ExplainPracticeIntent",
        new=True,
        slots={"practice": "listening to each other properly"},
    )
    env["request"]["intent"]["slots"]["practice"]["resolutions"] = {
        "resolutionsPerAuthority": [
            {
                "authority": "amzn1.er-authority.echo-sdk.test.PracticeName",
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": "active listening", "id": "active_listening"}}],
            }
        ]
    }
    said = c.post(env)["response"]["outputSpeech"]["ssml"]
    assert practice(catalogue, "active_listening").about.replace("'", "&apos;")[:40] in said.replace("'", "&apos;")


def test_an_unknown_name_is_answered_kindly(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("ExplainPracticeIntent", evening(), practice="interpretive dance")
    assert "don't know that one" in said and said.endswith("?") and c.reprompt


def test_the_model_has_a_practice_slot_type_with_every_name_and_synonym(catalogue: Catalogue) -> None:
    model = json.loads((ROOT / "deploy/skill-package/interactionModels/custom/en-US.json").read_text())
    types = {t["name"]: t for t in model["interactionModel"]["languageModel"]["types"]}
    values = {v["id"]: v["name"] for v in types["PracticeName"]["values"]}
    assert set(values) == {p.id for p in catalogue.practices}
    owner: dict[str, str] = {}
    for p in catalogue.practices:
        said = {values[p.id]["value"], *values[p.id]["synonyms"]}
        assert {s.lower() for s in p.synonyms} <= said and p.name in said | {f"the {values[p.id]['value']}"}
        for name in said:
            assert owner.setdefault(name, p.id) == p.id, name
    intents = {i["name"]: i for i in model["interactionModel"]["languageModel"]["intents"]}
    for name in ("ExplainPracticeIntent", "StartPracticeIntent"):
        assert intents[name]["slots"] == [{"name": "practice", "type": "PracticeName"}]
