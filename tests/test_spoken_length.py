"""Every answer is at most about 30 seconds of speech (words at ~150 a minute, plus pauses), ends
with a question or a clear next step, and has a reprompt. Measured on every content item and on
every answer the guide composes from them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient

from content.schema import MAX_ABOUT_SECONDS, MAX_ANSWER_SECONDS, Catalogue, spoken_seconds
from skill import speech

from alexa import Conversation, ends_with_next_step, speech_text

AT = datetime(2026, 11, 2, 20, 0, tzinfo=ZoneInfo("America/New_York"))


def content_items(catalogue: Catalogue) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for p in catalogue.practices:
        items += [(f"{p.id}.intro", p.intro), (f"{p.id}.about", p.about)]
        items += [(f"{p.id}.steps[{i}]", s) for i, s in enumerate(p.steps)]
    items += [(f"reason {r.id}", f"{r.title}. {r.text}") for r in catalogue.reasons]
    items += [(f"step_group {g.id}", g.line) for g in catalogue.step_groups]
    for key, variants in catalogue.phrases.variants.items():
        items += [(f"phrase {key}[{i}]", v) for i, v in enumerate(variants)]
    return items


def test_every_content_item_is_short_enough_to_say(catalogue: Catalogue) -> None:
    items = content_items(catalogue)
    lengths = sorted(((spoken_seconds(text), where) for where, text in items), reverse=True)
    print("longest content items (s):", [(round(s, 1), w) for s, w in lengths[:5]])
    outliers = [(round(s, 1), w) for s, w in lengths if s > MAX_ANSWER_SECONDS]
    assert not outliers
    abouts = [(round(spoken_seconds(p.about), 1), p.id) for p in catalogue.practices
              if spoken_seconds(p.about) > MAX_ABOUT_SECONDS]
    assert not abouts  # room for the offer that follows an explanation


class Recorder(Conversation):
    answers: list[dict[str, Any]]

    def post(self, env: dict[str, Any]) -> dict[str, Any]:
        body = super().post(env)
        if not hasattr(self, "answers"):
            self.answers = []
        intent = env["request"].get("intent", {})
        self.answers.append({"asked": f"{intent.get('name')} {intent.get('slots')}", "body": body})
        return body


def explore_everything(client: FlaskClient, catalogue: Catalogue) -> Recorder:
    """Every kind of answer the guide gives, for every reason, step, exercise and walkthrough part."""
    c = Recorder(client)
    c.one_shot("WhyClosenessIntent", AT)
    for _ in range(len(catalogue.reasons) + 1):
        c.say("AMAZON.YesIntent", AT)
    c.say("AMAZON.PreviousIntent", AT)
    for group in ("physical", "emotional"):
        c.one_shot("WhyClosenessIntent", AT, group=group)
    c.one_shot("ResumeGuideIntent", AT)
    c.say("AMAZON.NoIntent", AT)
    # The overview, then every step and on past the end, then back to the start.
    c.one_shot("StepsOverviewIntent", AT)
    for _ in range(len(catalogue.step_groups) + len(catalogue.practices)):
        c.say("AMAZON.NextIntent", AT)
    c.one_shot("StepsOverviewIntent", AT)
    c.say("AMAZON.PreviousIntent", AT)
    # Every practice explained, also after a lead-in ("what were we on?"), then walked through.
    for p in catalogue.practices:
        c.one_shot("ExplainPracticeIntent", AT, practice=p.name)
        c.one_shot("ResumeGuideIntent", AT)
        c.say("AMAZON.NoIntent", AT)
        c.one_shot("StartPracticeIntent", AT, practice=p.name)
        c.say("AMAZON.PreviousIntent", AT)
        for _ in range(len(p.steps)):
            c.say("AMAZON.NextIntent", AT)
            c.one_shot("ResumeGuideIntent", AT)
        c.say("AMAZON.NoIntent", AT)
    c.one_shot("ExplainPracticeIntent", AT, practice="something we never wrote")
    c.one_shot("StartPracticeIntent", AT, practice="the touch map")
    c.say("AMAZON.PauseIntent", AT)
    c.one_shot("StartPracticeIntent", AT, practice="the touch map")
    c.say("AMAZON.StopIntent", AT)
    c.one_shot("TonightsExerciseIntent", AT)
    c.say("AMAZON.YesIntent", AT)
    return c


def test_every_answer_fits_in_30_seconds_ends_with_a_next_step_and_has_a_reprompt(
        client: FlaskClient, catalogue: Catalogue) -> None:
    c = explore_everything(client, catalogue)
    assert len(c.answers) > 150
    longest = 0.0
    for answer in c.answers:
        body = answer["body"]
        ssml = body["response"]["outputSpeech"]["ssml"]
        said = speech_text(body)
        seconds = speech.duration(ssml)
        longest = max(longest, seconds)
        assert seconds <= MAX_ANSWER_SECONDS, (round(seconds, 1), answer["asked"], said)
        if not body["response"].get("shouldEndSession"):
            assert ends_with_next_step(said), (answer["asked"], said)
            assert body["response"]["reprompt"]["outputSpeech"]["ssml"], answer["asked"]
    print(f"{len(c.answers)} answers, longest about {longest:.1f}s")
