"""The guide by voice, browsing: next and back through the steps and reasons, "what were we on",
exercises started by name (the touch map with its gentle stop and pause), and a content file that is
reachable by voice without code changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from content.loader import load_catalogue
from content.schema import Catalogue, ContentError
from skill.app import create_app
from skill.core.settings import Settings
from skill.store.couples import CoupleStore

from support.alexa import Conversation, ends_with_next_step, held_seconds
from support.evenings import steps
from support.guide import evening, practice, reasons_in

# -- next, back, tell me more, what were we on ---------------------------------------------------


def test_next_and_back_move_through_the_steps(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    ordered = steps(catalogue)
    c.one_shot("StepsOverviewIntent", evening())
    assert ordered[0].about in c.say("AMAZON.NextIntent", evening())
    assert ordered[0].intro in c.say("TellMeMoreIntent", evening())  # more about this step, not the next
    assert ordered[1].about in c.say("AMAZON.NextIntent", evening())
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
    # A timed step: its time is held again inside the answer, then the question.
    assert first_step_here in said and said.endswith("Ready for the next step?") and not c.ended
    assert held_seconds(c.last) == 120


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
    explained = c.one_shot("ExplainPracticeIntent", evening(), practice="touch map")
    said = c.say("AMAZON.YesIntent", evening())
    assert "pause or stop" in said
    assert f"{explained} {said}".count("non-sexual") == 1  # said once, not in every answer (issue 22)


def test_stop_during_the_touch_map_gets_a_gentle_acknowledgement(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", evening(), practice="the touch map")
    said = c.say("AMAZON.StopIntent", evening())
    assert "stop the practice here" in said and "always fine" in said
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
    assert "pause" in said and "Alexa, ask Close Together where were we" in said and c.ended
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
more = [
  "Leave bags and phones behind if you can. The walk is the whole plan.",
  "A tree, a lit window, a cat on a wall: anything small will do.",
  "One thing each is plenty, said as you turn for home.",
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
