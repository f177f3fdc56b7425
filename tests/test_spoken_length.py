"""How long answers take to say, at 165 words a minute plus pauses (content.speech.duration): every
answer at most 20 s, a passage of the guide at most 30 s, the weekly summary at most 25 s with its
quote. Measured on every content item and on every answer the skill composes, including rounds
that carry a 300-character gratitude and the longest names; the estimator itself is checked
against espeak-ng (docs/conversation.md, "Answers")."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from content import speech
from content.schema import (
    MAX_ABOUT_SECONDS,
    MAX_ANSWER_SECONDS,
    MAX_PASSAGE_SECONDS,
    MAX_SUMMARY_SECONDS,
    Catalogue,
    spoken_seconds,
)
from skill.store.couples import CoupleStore

from alexa import Conversation, ends_with_next_step, speech_text
from today import MONDAY, coming_at

AT = coming_at(MONDAY, 20, 0, ZoneInfo("America/New_York"))  # derived from today (tests/today.py)
PASSAGE_PHASES = {"reason", "overview", "explained"}  # a reason, an explanation, an overview page
LONGEST_NAMES = ("Maximiliana-Josephine Okafor", "Bartholomew-Alexander Nguyen")  # 28 and 27 letters
LONG_GRATITUDE = (
    "um okay so like the way you always wait up for me when my shift runs late, and you keep "
    "the kettle warm and the porch light on, and you never once complain about it even when "
    "you have to be up early yourself for work the next morning, and you always ask me how "
    "my night was and you actually listen"
)


def content_items(catalogue: Catalogue) -> list[tuple[str, str, float]]:
    items: list[tuple[str, str, float]] = []
    for p in catalogue.practices:
        items += [(f"{p.id}.intro", p.intro, MAX_ANSWER_SECONDS), (f"{p.id}.about", p.about, MAX_ABOUT_SECONDS)]
        items += [(f"{p.id}.steps[{i}]", s, MAX_ANSWER_SECONDS) for i, s in enumerate(p.steps)]
    items += [(f"reason {r.id}", f"{r.title}. {r.text}", MAX_PASSAGE_SECONDS) for r in catalogue.reasons]
    items += [(f"step_group {g.id}", g.line, MAX_ANSWER_SECONDS) for g in catalogue.step_groups]
    for key, variants in catalogue.phrases.variants.items():
        items += [(f"phrase {key}[{i}]", v, MAX_ANSWER_SECONDS) for i, v in enumerate(variants)]
    return items


def test_every_content_item_is_short_enough_to_say(catalogue: Catalogue) -> None:
    items = content_items(catalogue)
    lengths = sorted(((spoken_seconds(text), where, limit) for where, text, limit in items), reverse=True)
    print("longest content items (s):", [(round(s, 1), w) for s, w, _ in lengths[:5]])
    assert not [(round(s, 1), w) for s, w, limit in lengths if s > limit]


class Recorder(Conversation):
    answers: list[dict[str, Any]]

    def post(self, env: dict[str, Any]) -> dict[str, Any]:
        body = super().post(env)
        if not hasattr(self, "answers"):
            self.answers = []
        intent = env["request"].get("intent", {})
        self.answers.append({"asked": f"{intent.get('name')}", "body": body})
        return body


def explore_guide(c: Recorder, catalogue: Catalogue) -> None:
    """Every kind of answer the guide gives, for every reason, step, exercise and walkthrough step."""
    c.one_shot("WhyClosenessIntent", AT)
    for _ in range(len(catalogue.reasons) + 1):
        c.say("AMAZON.YesIntent", AT)
    c.say("AMAZON.PreviousIntent", AT)
    c.say("AMAZON.HelpIntent", AT)
    for group in ("physical", "emotional"):
        c.one_shot("WhyClosenessIntent", AT, group=group)
    c.one_shot("ResumeGuideIntent", AT)
    c.say("AMAZON.NoIntent", AT)
    c.one_shot("StepsOverviewIntent", AT)
    for _ in range(len(catalogue.step_groups) + len(catalogue.practices)):
        c.say("AMAZON.NextIntent", AT)
    c.one_shot("StepsOverviewIntent", AT)
    c.say("AMAZON.PreviousIntent", AT)
    for p in catalogue.practices:
        c.one_shot("ExplainPracticeIntent", AT, practice=p.name)
        c.say("AMAZON.HelpIntent", AT)
        c.one_shot("ResumeGuideIntent", AT)
        c.say("AMAZON.NoIntent", AT)
        c.one_shot("StartPracticeIntent", AT, practice=p.name)
        c.say("AMAZON.HelpIntent", AT)
        c.say("AMAZON.FallbackIntent", AT)
        for _ in range(len(p.steps)):
            c.one_shot("NextStepIntent", AT)
        c.one_shot("ResumeGuideIntent", AT)
    c.one_shot("ExplainPracticeIntent", AT, practice="something we never wrote")
    c.one_shot("StartPracticeIntent", AT, practice="the touch map")
    c.say("AMAZON.PauseIntent", AT)
    c.one_shot("ResumeGuideIntent", AT)
    c.say("AMAZON.StopIntent", AT)
    c.one_shot("TonightsExerciseIntent", AT)
    c.say("AMAZON.HelpIntent", AT)
    c.say("AnotherExerciseIntent", AT)
    c.say("AMAZON.YesIntent", AT)


def explore_round_and_summary(c: Recorder, store: CoupleStore) -> None:
    """A round with the longest names and a 300-character gratitude, then the weekly summary."""
    c.one_shot("StartGratitudeRoundIntent", AT, each="2")
    c.say("PartnerNamesIntent", AT, first=LONGEST_NAMES[0], second=LONGEST_NAMES[1])
    c.say("AMAZON.YesIntent", AT)
    c.say("AMAZON.HelpIntent", AT)
    c.say("AMAZON.FallbackIntent", AT)
    for minute in range(4):
        c.say("GratitudeIntent", AT + timedelta(minutes=minute), gratitude=LONG_GRATITUDE)
    for day in range(1, 5):
        c.one_shot("StartPracticeIntent", AT + timedelta(days=day), practice="supporting each other's growth")
        c.one_shot("CompletedExerciseIntent", AT + timedelta(days=day, minutes=5))
        c.one_shot("TonightsExerciseIntent", AT + timedelta(days=day, minutes=6))  # "you've done ... today"
    c.one_shot("WeeklySummaryIntent", AT + timedelta(days=5))
    c.say("AMAZON.YesIntent", AT + timedelta(days=5))
    c.one_shot("WeeklySummaryIntent", AT + timedelta(days=14))  # an empty week
    c.say("AMAZON.YesIntent", AT + timedelta(days=14))


def limit_for(answer: dict[str, Any]) -> float:
    if (
        answer["asked"] in ("WeeklySummaryIntent", "LastWeekSummaryIntent")
        or "summary" in str(answer["body"]["response"].get("card", {}).get("title", "")).lower()
        or answer["body"]["response"].get("card", {}).get("type") == "Standard"
    ):
        return MAX_SUMMARY_SECONDS
    phase = (answer["body"].get("sessionAttributes") or {}).get("phase")
    return MAX_PASSAGE_SECONDS if phase in PASSAGE_PHASES else MAX_ANSWER_SECONDS


@pytest.fixture(scope="module")
def answers(app: Any, catalogue: Catalogue, settings: Any) -> list[dict[str, Any]]:
    client = app.test_client()
    guide = Recorder(client)
    explore_guide(guide, catalogue)
    couple = Recorder(client)
    explore_round_and_summary(couple, CoupleStore(settings))
    return guide.answers + couple.answers


@pytest.fixture(scope="module")
def app(settings: Any, catalogue: Catalogue) -> Any:
    from skill.app import create_app

    return create_app({"SETTINGS": settings, "CATALOGUE": catalogue, "TESTING": True})


def test_every_answer_keeps_to_its_spoken_length(answers: list[dict[str, Any]]) -> None:
    assert len(answers) > 200
    longest: dict[float, float] = {}
    over = []
    for answer in answers:
        ssml = answer["body"]["response"]["outputSpeech"]["ssml"]
        seconds = speech.duration(ssml)
        limit = limit_for(answer)
        longest[limit] = max(longest.get(limit, 0.0), seconds)
        if seconds > limit:
            over.append((round(seconds, 1), limit, answer["asked"], speech_text(answer["body"])))
    assert not over, "\n".join(map(str, over))
    print(f"{len(answers)} answers; longest by limit:", {k: round(v, 1) for k, v in longest.items()})


def test_one_question_per_answer_and_it_comes_last(answers: list[dict[str, Any]]) -> None:
    for answer in answers:
        body = answer["body"]
        said = speech_text(body)
        if body["response"].get("shouldEndSession"):
            assert "?" not in said, (answer["asked"], said)  # an answer that ends never asks
        else:
            assert said.count("?") <= 1 and ("?" not in said or said.endswith("?")), (answer["asked"], said)
            assert ends_with_next_step(said), (answer["asked"], said)
            assert body["response"]["reprompt"]["outputSpeech"]["ssml"], answer["asked"]


def test_the_summary_reads_back_a_short_clean_quote(answers: list[dict[str, Any]]) -> None:
    summaries = [speech_text(a["body"]) for a in answers if a["asked"] == "WeeklySummaryIntent"]
    full = next(s for s in summaries if "One to remember" in s or "shared:" in s)
    assert "um okay" not in full and "so like" not in full
    quote = full.split(":", 1)[1].split(".")[0]
    assert len(quote.split()) <= 12, quote


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is installed by deploy/prereqs.sh")
def test_the_estimator_agrees_with_speech_synthesis(answers: list[dict[str, Any]], tmp_path: Path) -> None:
    """espeak-ng at 165 words a minute says a sample of answers; the estimate stays close to it."""
    sample = answers[:: max(1, len(answers) // 12)][:12]
    pairs = []
    for i, answer in enumerate(sample):
        ssml = answer["body"]["response"]["outputSpeech"]["ssml"]
        wav = tmp_path / f"{i}.wav"
        subprocess.run(["espeak-ng", "-m", "-s", "165", "-w", str(wav), ssml], check=True, capture_output=True)
        heard = float(subprocess.run(["soxi", "-D", str(wav)], check=True, capture_output=True, text=True).stdout)
        pairs.append((speech.duration(ssml), heard))
    print("estimate vs espeak-ng (s):", [(round(e, 1), round(h, 1)) for e, h in pairs])
    total_estimate, total_heard = sum(e for e, _ in pairs), sum(h for _, h in pairs)
    assert 0.8 <= total_estimate / total_heard <= 1.25, (total_estimate, total_heard)
    assert all(0.6 <= e / h <= 1.6 for e, h in pairs), pairs
