"""One practice, hands-free: every practice from "let's start" to "we did it" in one session, timed
steps held inside the answer, "keep going" one-shot and in session, and the walkthrough's own
"tell me more", "skip", "step five" and "go back" (docs/conversation.md, "Pacing")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue, Practice
from devtools import chat_match
from skill.alexa import held

from support import hearing
from support.alexa import Conversation, held_seconds, speech_text
from support.evenings import at

QUESTIONS = ("Ready for the next step?", "Did you finish it together?")


def play_hands_free(c: Conversation, practice: Practice) -> tuple[int, int, float]:
    """Start a practice by name and answer every question with yes, next or "keep going": the
    invocations ("Alexa, ask Close Together ...") and turns it took, and the time held."""
    invocations, turns = 1, 1
    c.one_shot("StartPracticeIntent", at(), practice=practice.name)
    held_total = held_seconds(c.last)
    answers = ("AMAZON.YesIntent", "AMAZON.NextIntent", "NextStepIntent")
    while not c.ended:
        finish = speech_text(c.last).endswith("Did you finish it together?")
        said = c.say("AMAZON.YesIntent" if finish else answers[turns % len(answers)], at())
        turns += 1
        held_total += held_seconds(c.last)
        assert turns < 40, said
    return invocations, turns, held_total


def test_every_practice_runs_in_one_session_and_yes_to_the_finish_counts_it(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    for practice in catalogue.practices:
        c = Conversation(client)
        invocations, turns, held_total = play_hands_free(c, practice)
        timed = sum(m * 60 for m in practice.step_minutes if m >= 2)
        assert invocations == 1 and held_total == timed, practice.id
        assert "day one" in speech_text(c.last), practice.id
        assert turns >= len(practice.steps) + 1


def test_a_timed_step_holds_its_time_then_asks_with_the_microphone_open(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", at(), practice="the daily check-in")
    said = c.say("AMAZON.NextIntent", at())
    response = c.last["response"]
    assert said.endswith("Ready for the next step?") and response["shouldEndSession"] is False
    assert "Alexa, ask Close Together" not in said
    played = held.played(response["directives"])
    kinds = [kind for kind, _ in played]
    assert kinds == ["silence", "audio", "speech"] and played[0][1] == 120
    assert str(played[1][1]).startswith("soundbank://soundlibrary/")
    assert c.reprompt == "Ready for the next step?"


def test_a_step_longer_than_one_audio_response_is_held_in_parts(client: FlaskClient, catalogue: Catalogue) -> None:
    quality = catalogue.practice("quality_time")
    assert quality is not None and 10 in quality.step_minutes
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", at(), practice=quality.name)
    c.say("StepByNumberIntent", at(), number=str(quality.step_minutes.index(10) + 1))
    parts = [held_seconds(c.last)]
    while "Ready for the next step?" not in c.reprompt:
        assert "Shall I keep the time for the rest?" in c.reprompt
        c.say("AMAZON.YesIntent", at())
        parts.append(held_seconds(c.last))
    assert sum(parts) == 600 and len(parts) == 3
    assert all(p + 40 <= held.APLA_LIMIT_SECONDS for p in parts)  # room for the words in each response


@pytest.mark.parametrize(
    "line",
    [
        "let's keep going",
        "okay keep going",
        "keep going",
        "carry on",
        "continue",
        "next step",
        "what's next",
        "Alexa, tell Close Together to keep going",
        "Alexa, ask Close Together to carry on",
    ],
)
def test_keep_going_phrasings_are_heard_as_the_next_step(line: str) -> None:
    heard = chat_match.hear(hearing.matcher(), line)
    assert heard is not None and heard.match is not None and heard.match.intent == "NextStepIntent", line


def test_keep_going_one_shot_after_a_lapse_and_in_a_session(client: FlaskClient, catalogue: Catalogue) -> None:
    check_in = catalogue.practice("daily_check_in")
    assert check_in is not None
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", at(), practice="the daily check-in")
    assert check_in.steps[1] in c.say("NextStepIntent", at())  # "keep going", in the session
    # Nobody answered "Ready for the next step?": the session lapsed. One shot, later that evening.
    said = c.one_shot("NextStepIntent", at() + timedelta(minutes=20))
    assert check_in.steps[2] in said and not c.ended


def test_tell_me_more_in_a_walkthrough_says_more_about_this_step(client: FlaskClient, catalogue: Catalogue) -> None:
    touch = catalogue.practice("touch_map")
    assert touch is not None
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", at(), practice="the touch map")
    c.say("AMAZON.NextIntent", at())  # step 2, timed
    said = c.say("TellMeMoreIntent", at())
    assert touch.more[1] in said and touch.steps[2] not in said
    assert not c.ended and said.endswith("Ready for the next step?") and held_seconds(c.last) == 0


@pytest.mark.parametrize("intent", ["GratitudeSkipIntent"])
def test_skip_moves_to_the_next_step(client: FlaskClient, catalogue: Catalogue, intent: str) -> None:
    check_in = catalogue.practice("daily_check_in")
    assert check_in is not None
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", at(), practice="the daily check-in")
    said = c.say(intent, at())
    assert check_in.steps[1] in said and "stay with this" not in said.lower() and not c.ended


def test_skip_this_step_is_heard_as_skip() -> None:
    heard = chat_match.hear(hearing.matcher(), "skip this step")
    assert heard is not None and heard.match is not None and heard.match.intent == "GratitudeSkipIntent"


@pytest.mark.parametrize("slots", [{"number": "5"}, {"ordinal": "5"}])
def test_step_five_jumps_within_the_practice_and_back_goes_to_four(
    client: FlaskClient, catalogue: Catalogue, slots: dict[str, str]
) -> None:
    touch = catalogue.practice("touch_map")
    assert touch is not None
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", at(), practice="the touch map")
    said = c.say("StepByNumberIntent", at(), **slots)
    assert touch.steps[4] in said and "Step 5." in said and "stay with this" not in said.lower()
    said = c.say("AMAZON.PreviousIntent", at())
    assert touch.steps[3] in said and not c.ended
    said = c.say("StepByNumberIntent", at(), number="9")
    assert "6 steps" in said and not c.ended and c.attributes.get("phase") == "guiding"


def test_tell_me_more_and_lets_start_after_the_fifth_step_stay_with_it(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    steps = sorted((p for p in catalogue.practices if p.kind == "step"), key=lambda p: p.number)
    fifth, sixth = steps[4], steps[5]
    c = Conversation(client)
    said = c.one_shot("StepByNumberIntent", at(), ordinal="5")
    assert fifth.title in said
    more = c.say("TellMeMoreIntent", at())
    assert fifth.intro in more and sixth.title not in more and sixth.about not in more
    started = c.say("StartExerciseIntent", at())
    goes_with = catalogue.practice(fifth.exercise) if fifth.exercise else fifth
    assert goes_with is not None and goes_with.steps[0] in started
    assert sixth.steps[0] not in started


def test_held_audio_that_cannot_play_is_noted_quietly_and_the_place_kept(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("StartPracticeIntent", at(), practice="the daily check-in")
    c.say("AMAZON.NextIntent", at())  # a timed step, its time held in APL for Audio
    env = c.envelope("launch", at())
    env["request"] = {
        "type": "Alexa.Presentation.APLA.RuntimeError",
        "requestId": "amzn1.echo-api.request.apla-error-1",
        "timestamp": env["request"]["timestamp"],
        "locale": "en-US",
        "token": held.TOKEN,
        "errors": [{"type": "AUDIO_SOURCE_ERROR", "reason": "NOT_FOUND_ERROR", "message": "not reachable"}],
    }
    reply = c.post(env)
    assert "outputSpeech" not in reply["response"]
    assert reply["sessionAttributes"].get("phase") == "guiding"
