"""Each language's interaction model must not capture everyday speech: no intent sample is made
only of slots (a slot alone is a sample only where the skill elicits it), no "what's {practice}"
that swallows "what's the weather". Checked with the matcher `make chat` uses (devtools/chat.py),
which reads the generated model the way Alexa's samples read.

The everyday phrases no intent may take are the language's own, in tests/data/<lang>/hygiene.toml:
``everyday = [...]`` (no custom intent may take them) and ``[not_this]`` (per intent, phrases close to
its samples that it still must not take). Every language in content/languages.toml must have one.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from deploy.build_models import OUTPUT, languages
from devtools.chat_match import Matcher

DATA = Path(__file__).resolve().parent / "data"
SLOT = re.compile(r"\{\w+\}")
LANGUAGES = list(languages())


def first_locale(lang: str) -> str:
    return languages()[lang][0]  # a language's locales share one model (test_locales checks it)


@functools.cache
def interaction_model(lang: str) -> dict[str, Any]:
    path = OUTPUT / f"{first_locale(lang)}.json"
    if not path.is_file():  # collected at import: say what to do rather than a bare traceback
        raise FileNotFoundError(f"{lang}: {path.name} has not been generated: run `make models`")
    model: dict[str, Any] = json.loads(path.read_text())["interactionModel"]
    return model


def language_model(lang: str) -> dict[str, Any]:
    model: dict[str, Any] = interaction_model(lang)["languageModel"]
    return model


@functools.cache
def hygiene(lang: str) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The language's everyday phrases and its per-intent "not this" phrases. A language without
    its list fails here rather than passing unchecked."""
    path = DATA / lang / "hygiene.toml"
    assert path.is_file(), f"{lang}: tests/data/{lang}/hygiene.toml is missing (everyday = [...], [not_this])"
    data = tomllib.loads(path.read_text())
    return tuple(data["everyday"]), {k: tuple(v) for k, v in data.get("not_this", {}).items()}


@functools.cache
def matcher(lang: str) -> Matcher:
    """One matcher per language: a model holds thousands of samples (deploy/model/<lang>/everyday.json)."""
    return Matcher(language_model(lang), locale=first_locale(lang))


def custom_intents(lang: str) -> list[str]:
    return [i["name"] for i in language_model(lang)["intents"] if not i["name"].startswith("AMAZON.")]


by_language = pytest.mark.parametrize("lang", LANGUAGES)


@by_language
def test_no_intent_sample_is_only_slots(lang: str) -> None:
    # "and" / "or" between two slots add nothing: "{first} and {second}" is still slots only
    joiners = {"and", "or", "und", "oder", "y", "e", "o", "u"}
    slot_only = [
        (i["name"], s)
        for i in language_model(lang)["intents"]
        for s in i.get("samples", [])
        if not set(SLOT.sub(" ", s).split()) - joiners
    ]
    assert not slot_only, slot_only


@by_language
def test_slot_alone_is_a_sample_only_where_the_skill_elicits_it(lang: str) -> None:
    model = interaction_model(lang)
    elicited = {
        (i["name"], s["name"])
        for i in model.get("dialog", {}).get("intents", [])
        for s in i.get("slots", [])
        if s.get("elicitationRequired")
    }
    for intent in model["languageModel"]["intents"]:
        for slot in intent.get("slots", []):
            for sample in slot.get("samples", []):
                if not SLOT.sub("", sample).strip():
                    assert (intent["name"], slot["name"]) in elicited, (intent["name"], sample)
    assert ("GratitudeIntent", "gratitude") in elicited and ("PartnerNamesIntent", "first") in elicited
    assert ("QuestionAnswerIntent", "answer") in elicited


@pytest.mark.parametrize(("lang", "intent"), [(lang, intent) for lang in LANGUAGES for intent in custom_intents(lang)])
def test_everyday_speech_is_not_taken_by(lang: str, intent: str) -> None:
    everyday, not_this = hygiene(lang)
    matcher_ = matcher(lang)
    taken = []
    for phrase in (*everyday, *not_this.get(intent, ())):
        found = matcher_.match(phrase)
        if found is not None and found.intent == intent:
            taken.append((phrase, found.sample))
    assert not taken, taken


@by_language
def test_the_everyday_list_covers_each_intent_it_names(lang: str) -> None:
    everyday, not_this = hygiene(lang)
    assert len(everyday) >= 15, f"{lang}: the everyday list is too short to show anything"
    assert set(not_this) <= set(custom_intents(lang)), set(not_this) - set(custom_intents(lang))


@by_language
def test_the_matcher_hears_each_intents_own_samples(lang: str) -> None:
    """The checks above would pass for a matcher that matched nothing: in every language it hears
    each custom intent's own samples (a slot-free one, and one with slots filled from its values)."""
    matcher_ = matcher(lang)
    for intent in language_model(lang)["intents"]:
        plain = [s for s in intent.get("samples", []) if "{" not in s]
        if intent["name"].startswith("AMAZON.") or not plain:
            continue
        found = matcher_.match(plain[0])
        assert found is not None and found.intent == intent["name"], (lang, plain[0], found)


def test_the_matcher_does_see_what_an_intent_should_take() -> None:
    """The check above would pass for a matcher that matched nothing: show that it matches English
    phrasings that are not written as samples."""
    matcher_ = matcher("en")
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
