"""The guide by voice end to end: reasons, the steps in groups, names and synonyms, next / back /
"what were we on?", exercises by name, the touch map's stop and pause, and extra content files."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from content.loader import load_catalogue
from content.schema import Catalogue, ContentError, Practice
from deploy.envelopes import envelope
from skill.app import create_app
from skill.core.settings import Settings
from skill.store.couples import CoupleStore

from alexa import Conversation, ends_with_next_step

NY = ZoneInfo("America/New_York")
ROOT = Path(__file__).resolve().parent.parent


def evening(day: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, 11, 2, 20, 0, tzinfo=NY) + timedelta(days=day, minutes=minute)


def reasons_in(text: str, catalogue: Catalogue) -> list[str]:
    return [r.id for r in catalogue.reasons if r.text in text]


def steps(catalogue: Catalogue) -> list[Practice]:
    return sorted((p for p in catalogue.practices if p.kind == "step"), key=lambda p: p.number)


def practice(catalogue: Catalogue, practice_id: str) -> Practice:
    found = catalogue.practice(practice_id)
    assert found is not None
    return found


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


# -- next, back, tell me more, what were we on ---------------------------------------------------


def test_next_and_back_move_through_the_steps(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    ordered = steps(catalogue)
    c.one_shot("StepsOverviewIntent", evening())
    assert ordered[0].about in c.say("AMAZON.NextIntent", evening())
    assert ordered[1].about in c.say("TellMeMoreIntent", evening())
    assert ordered[2].about in c.say("AMAZON.NextIntent", evening())
    assert ordered[1].about in c.say("AMAZON.PreviousIntent", evening())
    assert ordered[1].about in c.say("AMAZON.RepeatIntent", evening())
    assert ordered[0].about in c.say("AMAZON.PreviousIntent", evening())
    assert catalogue.step_groups[0].line in c.say("AMAZON.PreviousIntent", evening())  # back to the overview
    said = c.say("AMAZON.PreviousIntent", evening())
    assert "beginning" in said and catalogue.step_groups[0].line in said


def test_next_after_the_last_step_offers_tonights_exercise(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    last = steps(catalogue)[-1]
    assert last.about in c.one_shot("ExplainPracticeIntent", evening(), practice=last.synonyms[0])
    said = c.say("AMAZON.NextIntent", evening())
    assert "last one" in said and ends_with_next_step(said)
    assert "minutes" in c.say("AMAZON.YesIntent", evening())  # tonight's exercise is offered


def test_reasons_can_be_browsed_back_and_forth(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    first = reasons_in(c.one_shot("WhyClosenessIntent", evening()), catalogue)
    second = reasons_in(c.say("TellMeMoreIntent", evening()), catalogue)
    assert reasons_in(c.say("AMAZON.PreviousIntent", evening()), catalogue) == first
    assert reasons_in(c.say("AMAZON.NextIntent", evening()), catalogue) == second


def test_what_were_we_on_resumes_where_they_left_off_last_time(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    listening = practice(catalogue, "active_listening")
    c.one_shot("ExplainPracticeIntent", evening(0), practice="active listening")
    following = c.say("AMAZON.NextIntent", evening(0))
    after = steps(catalogue)[listening.number]
    assert after.about in following
    # Another evening, another session (even another device of the same couple).
    other = Conversation(client, user_id=c.user_id, device_id="amzn1.ask.device.SECOND")
    said = other.one_shot("ResumeGuideIntent", evening(1))
    assert after.about in said and ends_with_next_step(said)
    assert steps(catalogue)[listening.number + 1].about in other.say("AMAZON.NextIntent", evening(1))


def test_next_in_a_new_session_carries_on_from_last_time(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    c.one_shot("ExplainPracticeIntent", evening(0), practice="quality time")
    assert steps(catalogue)[1].about in c.one_shot("AMAZON.NextIntent", evening(1))


def test_what_were_we_on_with_nothing_started_suggests_where_to_begin(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("ResumeGuideIntent", evening())
    assert "what are the steps" in said and said.endswith("?") and c.reprompt
    assert "what are the steps" in c.one_shot("AMAZON.NextIntent", evening())


def test_resume_picks_up_a_walkthrough_at_the_same_part(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    touch = practice(catalogue, "touch_map")
    c.one_shot("StartPracticeIntent", evening(0), practice="the touch map")
    second_part = c.say("AMAZON.NextIntent", evening(0))
    said = c.one_shot("ResumeGuideIntent", evening(0, 30))
    first_step_here = next(s for s in touch.steps if s in second_part)
    assert first_step_here in said and "Alexa, ask Close Together for the next step" in said  # a timed step


# -- exercises by name, the touch map --------------------------------------------------------------

BY_NAME = [
    ("the touch map", "touch_map"),
    ("mirror listening", "mirror_listening"),
    ("daily check-in", "daily_check_in"),
    ("thank you notes", "gratitude_notes"),
]


@pytest.mark.parametrize("spoken, practice_id", BY_NAME)
def test_exercises_start_directly_by_name_and_become_tonights(
    client: FlaskClient, catalogue: Catalogue, store: CoupleStore, spoken: str, practice_id: str
) -> None:
    c = Conversation(client)
    p = practice(catalogue, practice_id)
    before = store.load_for_user(c.user_id).version
    said = c.one_shot("StartPracticeIntent", evening(), practice=spoken)
    assert p.name in said and p.steps[0] in said and "say next" in said.lower() and not c.ended
    assert store.load_for_user(c.user_id).version - before == 1  # one write: tonight's pick and the place
    assert p.name in c.one_shot("TonightsExerciseIntent", evening(0, 20))
    c.one_shot("CompletedExerciseIntent", evening(0, 50))
    assert store.load_for_user(c.user_id).last_done == {practice_id: evening().date().isoformat()}


def test_yes_after_an_explanation_starts_the_matching_exercise(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    said = c.one_shot("ExplainPracticeIntent", evening(), practice="better listening")
    mirror = practice(catalogue, "mirror_listening")
    assert mirror.name in said
    assert mirror.steps[0] in c.say("AMAZON.YesIntent", evening())


def test_no_after_an_explanation_keeps_browsing_open(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    c.one_shot("ExplainPracticeIntent", evening(), practice="trust")
    said = c.say("AMAZON.NoIntent", evening())
    assert "next" in said and not c.ended and c.reprompt
    assert steps(catalogue)[6].about in c.say("AMAZON.NextIntent", evening())


def test_the_touch_map_is_presented_as_non_sexual_with_a_way_to_stop(client: FlaskClient) -> None:
    c = Conversation(client)
    assert "non-sexual" in c.one_shot("ExplainPracticeIntent", evening(), practice="touch map")
    said = c.say("AMAZON.YesIntent", evening())
    assert "pause or stop" in said


def test_stop_during_the_touch_map_gets_a_gentle_acknowledgement(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", evening(), practice="the touch map")
    said = c.say("AMAZON.StopIntent", evening())
    assert "stop the touch map here" in said and "always fine" in said
    assert c.ended
    # Outside a walkthrough, stop is the usual goodbye.
    plain = Conversation(client)
    plain.one_shot("StepsOverviewIntent", evening())
    assert "touch map" not in plain.say("AMAZON.StopIntent", evening()) and plain.ended


def test_pause_during_the_touch_map_keeps_the_place(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    touch = practice(catalogue, "touch_map")
    part = c.one_shot("StartPracticeIntent", evening(), practice="gentle touch")
    said = c.say("AMAZON.PauseIntent", evening())
    assert "pause" in said and "Alexa, ask Close Together to continue" in said and c.ended
    resumed = c.one_shot("ResumeGuideIntent", evening(0, 15))
    assert next(s for s in touch.steps if s in part) in resumed


def test_go_back_during_a_walkthrough_repeats_the_earlier_part(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    check_in = practice(catalogue, "daily_check_in")
    first = c.one_shot("StartPracticeIntent", evening(), practice="highs and lows")
    c.say("AMAZON.NextIntent", evening())
    back = c.say("AMAZON.PreviousIntent", evening())
    assert check_in.steps[0] in first and check_in.steps[0] in back


# -- adding content without code -----------------------------------------------------------------

EXTRA = '''
[[practice]]
id = "shared_walk"
kind = "step"
number = 12
title = "Walk side by side"
name = "an evening walk"
synonyms = ["evening walk", "walk together", "stroll together"]
minutes = 20
intro = "You'll head out for a slow walk together, with no destination in mind."
steps = [
  "Put on comfy shoes and step outside together, at an easy pace.",
  "Point out one thing each that catches your eye along the way.",
  "On the way home, share what you enjoyed most about the walk.",
]
about = """An evening walk gives you time side by side, away from screens and chores. \
Walking next to each other makes it easy to talk, or simply to enjoy the quiet together."""
exercise = "daily_check_in"

[[step_group]]
id = "outdoors"
title = "Getting outside"
line = "Getting outside: an evening walk."
steps = ["shared_walk"]

[[reason]]
id = "physical_ease"
group = "physical"
title = "Closeness eases the day"
text = """A few quiet minutes leaning against each other can soften a long day, \
and remind you both that home is a gentle place."""
'''


def test_an_extra_content_file_is_reachable_by_voice_without_code_changes(
    tmp_path: Path, settings: Settings, catalogue: Catalogue
) -> None:
    (tmp_path / "extra.toml").write_text(EXTRA)
    extended = load_catalogue(extra_dirs=[tmp_path])
    assert len(extended.practices) == len(catalogue.practices) + 1
    client = create_app({"SETTINGS": settings, "CATALOGUE": extended, "TESTING": True}).test_client()
    c = Conversation(client)
    overview = c.one_shot("StepsOverviewIntent", evening())
    assert "12 steps" in overview
    if "Getting outside" not in overview:  # a longer overview comes in two parts, each within 30 seconds
        assert "say next" in overview.lower()
        overview += c.say("AMAZON.NextIntent", evening())
    assert "Getting outside: an evening walk." in overview
    walk = extended.practice("shared_walk")
    assert walk is not None
    assert walk.about in c.one_shot("ExplainPracticeIntent", evening(), practice="stroll together")
    assert walk.steps[0] in c.one_shot("StartPracticeIntent", evening(), practice="an evening walk")
    # The twelfth step comes after the eleventh.
    c.one_shot("ExplainPracticeIntent", evening(), practice="patience")
    assert walk.about in c.say("AMAZON.NextIntent", evening())
    # And the new reason joins the physical ones.
    heard = []
    for day in range(6):
        said = c.one_shot("WhyClosenessIntent", evening(day), group="physical")
        heard += [r.id for r in extended.reasons if r.text in said]
    assert "physical_ease" in heard and len(set(heard)) == 6


def test_a_step_must_sit_in_exactly_one_group(tmp_path: Path) -> None:
    (tmp_path / "extra.toml").write_text(EXTRA.split("[[step_group]]")[0])
    with pytest.raises(ContentError, match="shared_walk"):
        load_catalogue(extra_dirs=[tmp_path])
    twice = EXTRA.replace('steps = ["shared_walk"]', 'steps = ["shared_walk", "gratitude"]')
    (tmp_path / "extra.toml").write_text(twice)
    with pytest.raises(ContentError, match="gratitude"):
        load_catalogue(extra_dirs=[tmp_path])
