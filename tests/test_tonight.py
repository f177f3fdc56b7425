"""Tonight's exercise end to end: real envelopes through Flask into DynamoDB Local and back."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient

from content.schema import Catalogue
from skill.store.couples import CoupleStore

from support.alexa import Conversation, held_seconds
from support.today import MONDAY, coming_at

NY = ZoneInfo("America/New_York")  # the test settings' default time zone


def evening(day: int, hour: int = 20, minute: int = 30) -> datetime:
    """A local time on day ``day`` of a run of simulated evenings (day 0 = a coming Monday, tests/support/today.py)."""
    return coming_at(MONDAY, hour, minute, NY) + timedelta(days=day)


def practice_in(text: str, catalogue: Catalogue) -> str:
    found = [p.id for p in catalogue.practices if p.name in text]
    assert len(found) == 1, f"expected one practice named in {text!r}, found {found}"
    return found[0]


def test_first_launch_explains_the_skill_and_what_to_say(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.launch(evening(0))
    assert "Welcome to Close Together" in said
    assert said.endswith("?") and not c.ended
    assert c.reprompt


def test_returning_couple_hears_their_streak_and_an_offer(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", evening(0))
    c.one_shot("CompletedExerciseIntent", evening(1))
    said = c.launch(evening(2, 19))
    assert "2 days" in said and "tonight's exercise" in said
    assert said.endswith("?") and not c.ended


def test_yes_after_launch_offers_tonights_exercise(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    c.launch(evening(0))
    said = c.say("AMAZON.YesIntent", evening(0))
    practice_in(said, catalogue)
    assert said.endswith("?")
    assert c.card is not None and c.card["title"].startswith("Tonight")


def test_tonights_exercise_is_stable_for_the_evening(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    first = practice_in(c.one_shot("TonightsExerciseIntent", evening(0, 19)), catalogue)
    for minute in (5, 20, 45):
        again = practice_in(c.one_shot("TonightsExerciseIntent", evening(0, 21, minute)), catalogue)
        assert again == first
    # A second device of the same couple hears the same one.
    other = Conversation(client, user_id=c.user_id, device_id="amzn1.ask.device.SECOND")
    assert practice_in(other.one_shot("TonightsExerciseIntent", evening(0, 22)), catalogue) == first


def test_each_evening_differs_from_the_last_three_suggestions(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    picks = [practice_in(c.one_shot("TonightsExerciseIntent", evening(day)), catalogue) for day in range(12)]
    for i, pick in enumerate(picks):
        assert pick not in picks[max(0, i - 3) : i], picks


def test_another_one_moves_to_a_different_exercise_and_sticks(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    first = practice_in(c.one_shot("TonightsExerciseIntent", evening(0)), catalogue)
    second = practice_in(c.say("AnotherExerciseIntent", evening(0)), catalogue)
    third = practice_in(c.say("AnotherExerciseIntent", evening(0)), catalogue)
    assert len({first, second, third}) == 3
    assert practice_in(c.one_shot("TonightsExerciseIntent", evening(0, 22)), catalogue) == third


def test_guided_start_gives_one_step_per_turn_in_one_session(client: FlaskClient, catalogue: Catalogue) -> None:
    """One step per turn, and one session for the whole practice: a step that takes minutes holds its
    time inside the answer (APL for Audio), then asks "Ready for the next step?" with the microphone
    open; the last step asks "Did you finish it together?" and a yes counts it. Before, every timed
    step and the last one ended the session ("Alexa, ask Close Together for the next step")."""
    c = Conversation(client)
    pid = practice_in(c.one_shot("TonightsExerciseIntent", evening(0)), catalogue)
    practice = catalogue.practice(pid)
    assert practice is not None
    heard = [c.say("AMAZON.YesIntent", evening(0))]
    ssmls = [c.last["response"]["outputSpeech"]["ssml"]]
    for step in range(len(practice.steps)):
        said = heard[-1]
        assert said.count(practice.steps[step]) == 1  # this step, and no other
        assert not any(other in said for i, other in enumerate(practice.steps) if i != step)
        assert not c.ended and "Alexa, ask Close Together" not in said
        last = step == len(practice.steps) - 1
        while held_seconds(c.last) and not said.endswith(("Ready for the next step?", "Did you finish it together?")):
            said = c.say("AMAZON.YesIntent", evening(0))  # a long step's time, held in parts
        if last:
            assert said.endswith("Did you finish it together?")
            break
        if practice.minutes_of(step) >= 2:
            assert held_seconds(c.last) > 0 and said.endswith("Ready for the next step?")
            heard.append(c.say("AMAZON.YesIntent", evening(0)))
        else:
            assert "say next" in said.lower()
            assert "Alexa, ask Close Together for the next step" in c.reprompt  # if the session lapses
            heard.append(c.say("AMAZON.NextIntent", evening(0)))
        ssmls.append(c.last["response"]["outputSpeech"]["ssml"])
    assert len(heard) == len(practice.steps)
    for ssml in ssmls:
        assert ET.fromstring(ssml).tag == "speak"  # valid XML
    done = c.say("AMAZON.YesIntent", evening(0))
    assert c.ended and "day one" in done


def test_a_practice_with_timed_steps_holds_their_time_in_one_session(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    said = c.one_shot("StartPracticeIntent", evening(0), practice="the touch map")
    touch_map = catalogue.practice("touch_map")
    assert touch_map is not None and touch_map.steps[0] in said and not c.ended  # "decide who receives first"
    said = c.say("AMAZON.NextIntent", evening(0))
    assert touch_map.steps[1] in said and touch_map.steps[2] not in said
    assert "about 2 minutes" in said and not c.ended and held_seconds(c.last) == 120
    said = c.say("NextStepIntent", evening(0, 3))
    assert touch_map.steps[2] in said


def test_we_did_it_after_a_walkthrough_counts_that_practice(
    client: FlaskClient, catalogue: Catalogue, store: CoupleStore
) -> None:
    c = Conversation(client)
    pid = practice_in(c.one_shot("TonightsExerciseIntent", evening(0)), catalogue)
    c.say("AMAZON.YesIntent", evening(0))
    c.say("AMAZON.NextIntent", evening(0))
    assert "day one" in c.say("CompletedExerciseIntent", evening(0, 21))
    assert store.load_for_user(c.user_id).last_done == {pid: evening(0).date().isoformat()}


def test_lets_start_without_asking_first_uses_tonights_exercise(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    pid = practice_in(c.one_shot("TonightsExerciseIntent", evening(0)), catalogue)
    said = c.one_shot("StartExerciseIntent", evening(0, 21))
    practice = catalogue.practice(pid)
    assert practice is not None and practice.steps[0] in said


def test_no_thanks_ends_kindly(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("TonightsExerciseIntent", evening(0))
    said = c.say("AMAZON.NoIntent", evening(0))
    assert c.ended and said


def test_we_did_it_counts_a_day_and_grows_the_streak(client: FlaskClient) -> None:
    c = Conversation(client)
    assert "day one" in c.one_shot("CompletedExerciseIntent", evening(0))
    assert "2 days" in c.one_shot("CompletedExerciseIntent", evening(1))
    assert "3 days" in c.one_shot("CompletedExerciseIntent", evening(2))


def test_second_completion_the_same_day_adds_nothing(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", evening(0))
    c.one_shot("CompletedExerciseIntent", evening(1))
    said = c.one_shot("CompletedExerciseIntent", evening(1, 23))
    assert "already" in said and "2 days" in said


def test_one_rest_day_keeps_the_streak_gently(client: FlaskClient) -> None:
    c = Conversation(client)
    for day in (0, 1, 2):
        c.one_shot("CompletedExerciseIntent", evening(day))
    assert "4 days" in c.one_shot("CompletedExerciseIntent", evening(4))  # day 3 was a rest day


def test_a_longer_gap_starts_a_fresh_streak_without_scolding(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    for day in (0, 1, 2):
        c.one_shot("CompletedExerciseIntent", evening(day))
    said = c.one_shot("CompletedExerciseIntent", evening(6))
    assert "fresh" in said and "day one" in said
    for word in ("missed", "broke", "lost", "failed"):
        assert word not in said.lower()
    profile = store.load_for_user(c.user_id)
    assert (profile.streak, profile.longest) == (1, 3)


def test_a_new_record_is_celebrated(client: FlaskClient) -> None:
    c = Conversation(client)
    for day in (0, 1):
        c.one_shot("CompletedExerciseIntent", evening(day))
    c.one_shot("CompletedExerciseIntent", evening(5))  # fresh start; longest stays 2
    c.one_shot("CompletedExerciseIntent", evening(6))
    said = c.one_shot("CompletedExerciseIntent", evening(7))
    assert "3 days" in said and "longest" in said


def test_day_boundaries_follow_the_couples_time_zone(client: FlaskClient) -> None:
    c = Conversation(client)
    # 23:50 and 04:10 local are two evenings in New York (a day runs 4 a.m. to 4 a.m. there), though
    # both fall on 26 Nov in UTC; 00:10 is still the first evening.
    late = datetime(2026, 11, 25, 23, 50, tzinfo=NY)
    next_morning = datetime(2026, 11, 26, 4, 10, tzinfo=NY)
    assert late.astimezone(ZoneInfo("UTC")).date() == next_morning.astimezone(ZoneInfo("UTC")).date()
    c.one_shot("CompletedExerciseIntent", late)
    assert "already" in c.one_shot("CompletedExerciseIntent", datetime(2026, 11, 26, 0, 10, tzinfo=NY))
    assert "2 days" in c.one_shot("CompletedExerciseIntent", next_morning)


def test_streak_question_answers_with_current_and_longest(client: FlaskClient) -> None:
    c = Conversation(client)
    assert "no streak" in c.one_shot("StreakIntent", evening(0)).lower()
    c.one_shot("CompletedExerciseIntent", evening(0))
    c.one_shot("CompletedExerciseIntent", evening(1))
    said = c.one_shot("StreakIntent", evening(2))
    assert "2 days" in said and said.endswith("?")
