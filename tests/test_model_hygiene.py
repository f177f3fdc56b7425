"""The interaction model must not capture everyday speech: no intent sample is made only of slots
(a slot alone is a sample only where the skill elicits it), no "what's {practice}" that swallows
"what's the weather". Checked with the matcher `make chat` uses (devtools/chat.py), which reads the
generated model the way Alexa's samples read."""

from __future__ import annotations

import functools
import json
import re

import pytest

from deploy.build_models import OUTPUT
from devtools.chat_match import Matcher

MODEL = json.loads((OUTPUT / "en-US.json").read_text())["interactionModel"]
LANGUAGE = MODEL["languageModel"]
SLOT = re.compile(r"\{\w+\}")

# Everyday phrases no custom intent may take. ("done" is not here: it means "we did it", issue 22.)
EVERYDAY = (
    "what's the weather",
    "what time is it",
    "what's the news",
    "what's up",
    "tell me a joke",
    "play some music",
    "set a timer for ten minutes",
    "turn off the lights",
    "who are you",
    "ready",
    "what now",
    "thanks",
    "okay then",
    "good morning",
    "i don't know",
    "hmm",
    "how are you",
    "what is love",
    "how does this work",
    "that's all",
    "start over",
)

# Phrases close to one intent's samples that still must not be taken by it.
NOT_THIS: dict[str, tuple[str, ...]] = {
    "ExplainPracticeIntent": (
        "what's the weather like",
        "what's the time",
        "what is the date today",
        "what's the matter",
    ),
    "PartnerNamesIntent": ("done", "ready", "what now", "nothing", "maybe", "later", "both of us"),
    "GratitudeIntent": (
        "how are we doing",
        "how long is our streak",
        "when is it",
        "you there",
        "that was nice",
        "the next step",
    ),
    "StartPracticeIntent": ("let's go", "start over", "begin again", "start"),
    "WhyClosenessIntent": ("why", "why not", "tell me a story"),
    "StartGratitudeRoundIntent": ("each", "two", "let's do it"),
    "JoinPartnerIntent": ("one two three", "five"),
    "NextStepIntent": ("next week", "what's next on the calendar"),
    "ResumeGuideIntent": ("continue to the next song", "where are we"),
    # tonight's question: a bare "I think ..." or "I'd say ..." is an answer only while one is asked for
    "TonightsQuestionIntent": ("i have a question", "can i ask you a question", "that's a good question"),
    "AnotherQuestionIntent": ("another one", "next", "any questions", "one more"),
    "QuestionAnswerIntent": (
        "i think so",
        "i think we're done",
        "i'd say so",
        "i think that's all",
        "i would say yes",
        "for me it's fine",
        "what do you think",
        "i'd say no",
    ),
    "HearAnswersIntent": ("what did we do this week", "what did you say", "what did we do last week", "say that again"),
}


@functools.cache
def matcher() -> Matcher:
    """One matcher for the module: the model holds thousands of samples (deploy/model/en/everyday.json)."""
    return Matcher(LANGUAGE)


def custom_intents() -> list[str]:
    return [i["name"] for i in LANGUAGE["intents"] if not i["name"].startswith("AMAZON.")]


def test_no_intent_sample_is_only_slots() -> None:
    slot_only = [
        (i["name"], s)
        for i in LANGUAGE["intents"]
        for s in i.get("samples", [])
        if not set(SLOT.sub(" ", s).split()) - {"and", "or"}
    ]
    assert not slot_only, slot_only


def test_slot_alone_is_a_sample_only_where_the_skill_elicits_it() -> None:
    elicited = {
        (i["name"], s["name"])
        for i in MODEL.get("dialog", {}).get("intents", [])
        for s in i.get("slots", [])
        if s.get("elicitationRequired")
    }
    for intent in LANGUAGE["intents"]:
        for slot in intent.get("slots", []):
            for sample in slot.get("samples", []):
                if not SLOT.sub("", sample).strip():
                    assert (intent["name"], slot["name"]) in elicited, (intent["name"], sample)
    assert ("GratitudeIntent", "gratitude") in elicited and ("PartnerNamesIntent", "first") in elicited
    assert ("QuestionAnswerIntent", "answer") in elicited


@pytest.mark.parametrize("intent", custom_intents())
def test_everyday_speech_is_not_taken_by(intent: str) -> None:
    matcher_ = matcher()
    taken = []
    for phrase in (*EVERYDAY, *NOT_THIS.get(intent, ())):
        found = matcher_.match(phrase)
        if found is not None and found.intent == intent:
            taken.append((phrase, found.sample))
    assert not taken, taken


def test_the_everyday_list_covers_each_intent_it_names() -> None:
    assert set(NOT_THIS) <= set(custom_intents())


def test_the_matcher_does_see_what_an_intent_should_take() -> None:
    """The check above would pass for a matcher that matched nothing: show that it matches."""
    matcher_ = matcher()
    for phrase, intent in (
        ("tell me about the touch map", "ExplainPracticeIntent"),
        ("we're sam and alex", "PartnerNamesIntent"),
        ("i'm grateful that you cooked", "GratitudeIntent"),
        ("what's tonight's exercise", "TonightsExerciseIntent"),
        ("what's tonight's question", "TonightsQuestionIntent"),
        ("ask us a question", "TonightsQuestionIntent"),
        ("give us a question", "TonightsQuestionIntent"),
        ("another question", "AnotherQuestionIntent"),
        ("my answer is the lake at dawn", "QuestionAnswerIntent"),
        ("i'd say it's the smell of rain", "QuestionAnswerIntent"),
        ("i think it was our first trip", "QuestionAnswerIntent"),
        ("let's hear our answers", "HearAnswersIntent"),
        ("what did we say", "HearAnswersIntent"),
    ):
        found = matcher_.match(phrase)
        assert found is not None and found.intent == intent, phrase
