"""Every English locale's interaction model, checked the way Amazon's certification checks it.

Runs over every file in deploy/skill-package/interactionModels/custom/, so a fragment another
conversation adds is held to the same rules in all five locales.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from deploy import build_models
from devtools import chat_match, chat_words

from conftest import ROOT
from support import hearing

PACKAGE = ROOT / "deploy" / "skill-package"
MODEL_DIR = PACKAGE / "interactionModels" / "custom"
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
REQUIRED_BUILTINS = {
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
}
# Amazon: an invocation name may not contain launch words, connecting words or wake words.
LAUNCH_WORDS = {"run", "start", "play", "resume", "use", "launch", "ask", "open", "tell", "load", "begin", "enable"}
CONNECTING_WORDS = {"to", "from", "in", "using", "with", "about", "for", "that", "by", "if", "and", "whether"}
WAKE_WORDS = {"alexa", "amazon", "echo", "computer", "skill", "app"}
SLOT_REF = re.compile(r"\{([^{}]*)\}")
MIN_SAMPLES = 8


def files() -> list[Path]:
    return sorted(MODEL_DIR.glob("*.json"))


def language_model(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    model: dict[str, Any] = data["interactionModel"]["languageModel"]
    return model


def custom(model: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in model["intents"] if not i["name"].startswith("AMAZON.")]


by_locale = pytest.mark.parametrize("path", files(), ids=lambda p: p.stem)


def test_all_five_english_locales_are_generated_from_one_source() -> None:
    built: dict[str, str] = build_models.build()
    assert sorted(built) == sorted(f"{loc}.json" for loc in LOCALES)
    assert sorted(p.name for p in files()) == sorted(built), "a generated model no source produces: run `make models`"
    for name, text in built.items():
        assert (MODEL_DIR / name).read_text() == text, f"{name} is stale: run `make models`"


def test_skill_manifest_publishes_every_locale_it_has_a_model_for() -> None:
    manifest = json.loads((PACKAGE / "skill.json").read_text())["manifest"]
    assert set(manifest["publishingInformation"]["locales"]) == set(LOCALES)
    assert set(manifest["privacyAndCompliance"]["locales"]) == set(LOCALES)


# -- the checks: each returns what certification would reject ---------------------------------------


def invocation_name(model: dict[str, Any]) -> list[str]:
    name = model["invocationName"]
    problems = []
    if not 2 <= len(name) <= 50:
        problems.append(f"invocation name {name!r} must be 2 to 50 characters")
    if not re.fullmatch(r"[a-z][a-z' .]*[a-z.]", name):
        problems.append(f"invocation name {name!r}: lower-case letters, spaces, apostrophes and periods only")
    words = name.split()
    if len(words) < 2:
        problems.append(f"invocation name {name!r}: one-word names are for brands only")
    if set(words) & (LAUNCH_WORDS | CONNECTING_WORDS | WAKE_WORDS):
        problems.append(f"invocation name {name!r} has launch, connecting or wake words")
    return problems


def required_builtins(model: dict[str, Any]) -> list[str]:
    names = [i["name"] for i in model["intents"]]
    problems = [f"missing built-in {n}" for n in sorted(REQUIRED_BUILTINS - set(names))]
    problems += [f"intent {n} appears twice" for n, c in Counter(names).items() if c > 1]
    problems += [f"bad intent name {n!r}" for n in names if not re.fullmatch(r"AMAZON\.[A-Za-z]+|[A-Za-z_]+", n)]
    return problems


def speakable_samples(model: dict[str, Any]) -> list[str]:
    problems = []
    invocation = model["invocationName"]
    for intent in model["intents"]:
        for sample in intent.get("samples", []):
            words = SLOT_REF.sub("", sample)
            if not re.fullmatch(r"[a-zA-Z' .\-]*", words):
                problems.append(f"{intent['name']}: {sample!r} has digits or symbols (spell them out)")
            if len(sample) > 200 or sample != sample.strip() or "  " in sample:
                problems.append(f"{intent['name']}: {sample!r} is too long or badly spaced")
            if invocation in sample.lower() or "alexa" in sample.lower():
                problems.append(f"{intent['name']}: {sample!r} holds the invocation or wake word")
            # A bare slot answers a question ("Sam"); Amazon refuses it only for AMAZON.SearchQuery.
            types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
            if not words.strip() and any(types.get(ref) == "AMAZON.SearchQuery" for ref in SLOT_REF.findall(sample)):
                problems.append(f"{intent['name']}: {sample!r} is only a SearchQuery slot; it needs carrier words")
    return problems


def shared_samples(model: dict[str, Any]) -> list[str]:
    owner: dict[str, str] = {}
    problems = []
    for intent in model["intents"]:
        types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            # "what's" and "what is" are one utterance to Alexa's ear; a slot is heard by its type, not its name
            shape = SLOT_REF.sub(lambda m, types=types: "{" + types.get(m.group(1), "?") + "}", sample)  # type: ignore[misc]
            key = chat_words.normalise(shape)
            if owner.setdefault(key, intent["name"]) != intent["name"]:
                problems.append(f"{sample!r} belongs to {owner[key]} and {intent['name']}")
    return problems


def slots_defined_and_used(model: dict[str, Any]) -> list[str]:
    problems = []
    custom_types = {t["name"] for t in model.get("types", [])}
    used_types = set()
    for intent in model["intents"]:
        defined = {s["name"]: s["type"] for s in intent.get("slots", [])}
        used = {ref for sample in intent.get("samples", []) for ref in SLOT_REF.findall(sample)}
        problems += [f"{intent['name']} uses undefined slot {{{s}}}" for s in sorted(used - set(defined))]
        problems += [f"{intent['name']} defines slot {s} no sample uses" for s in sorted(set(defined) - used)]
        for slot, slot_type in defined.items():
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", slot):
                problems.append(f"bad slot name {slot!r}")
            if not (slot_type.startswith("AMAZON.") or slot_type in custom_types):
                problems.append(f"{intent['name']}.{slot} has unknown type {slot_type}")
            used_types.add(slot_type)
    problems += [f"slot type {t} is never used" for t in sorted(custom_types - used_types)]
    for slot_type in model.get("types", []):
        spoken = [
            w.lower() for v in slot_type.get("values", []) for w in [v["name"]["value"], *v["name"].get("synonyms", [])]
        ]
        if not spoken:
            problems.append(f"slot type {slot_type['name']} has no values")
        problems += [f"{slot_type['name']}: {w!r} twice" for w, c in Counter(spoken).items() if c > 1]
    return problems


def varied_samples(model: dict[str, Any]) -> list[str]:
    problems = []
    for intent in custom(model):
        samples = intent.get("samples", [])
        distinct = {chat_words.normalise(s) for s in samples}
        if len(distinct) < MIN_SAMPLES:
            problems.append(f"{intent['name']}: {len(distinct)} distinct samples, want at least {MIN_SAMPLES}")
        openings = {chat_words.normalise(s).split()[0] for s in samples if s.strip()}
        if len(openings) < 3:
            problems.append(f"{intent['name']}: samples should not all start alike ({sorted(openings)})")
    return problems


CHECKS = (invocation_name, required_builtins, speakable_samples, shared_samples, slots_defined_and_used, varied_samples)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@by_locale
def test_locale_passes_certification_check(path: Path, check: Any) -> None:
    assert check(language_model(path)) == []


@by_locale
def test_example_phrases_are_sample_utterances(path: Path) -> None:
    manifest = json.loads((PACKAGE / "skill.json").read_text())["manifest"]
    phrases = manifest["publishingInformation"]["locales"][path.stem]["examplePhrases"]
    matcher = hearing.matcher(path.stem)
    assert 1 <= len(phrases) <= 3
    assert matcher.invocation in phrases[0].lower()
    for phrase in phrases:
        assert phrase.startswith("Alexa, ")
        heard = chat_match.hear(matcher, phrase)
        assert heard is not None, f"{phrase!r} matches no sample utterance"
        assert heard.match is None or not heard.match.intent.startswith("AMAZON."), phrase


def test_the_checks_reject_what_certification_rejects() -> None:
    """Each check fails on a model with the fault it looks for."""
    good = language_model(MODEL_DIR / "en-US.json")
    intent = custom(good)[0]
    samples = [
        f"we say thing number {w}" for w in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    ]

    def with_(change: dict[str, Any], **top: Any) -> dict[str, Any]:
        broken: dict[str, Any] = json.loads(json.dumps(good))
        broken.update(top)
        broken["intents"].append({"name": "ExtraIntent", "samples": samples, **change})
        return broken

    assert invocation_name({"invocationName": "open together"}) != []
    assert invocation_name({"invocationName": "closeness"}) != []
    assert invocation_name({"invocationName": "close together 2"}) != []
    assert required_builtins({"intents": [{"name": "AMAZON.HelpIntent"}]}) != []
    assert speakable_samples(with_({"samples": ["we did it 3 times?"]})) != []
    search_only = {"samples": ["{query}"], "slots": [{"name": "query", "type": "AMAZON.SearchQuery"}]}
    assert speakable_samples(with_(search_only)) != []
    assert shared_samples(with_({"samples": [intent["samples"][0].upper()]})) != []
    assert slots_defined_and_used(with_({"samples": ["thanks for {thing}"]})) != []
    assert slots_defined_and_used(with_({"slots": [{"name": "thing", "type": "AMAZON.SearchQuery"}]})) != []
    assert slots_defined_and_used(with_({}, types=[{"name": "Unused", "values": []}])) != []
    assert varied_samples(with_({"samples": samples[:7]})) != []
    assert varied_samples(with_({})) != []  # nine samples, all opening alike
    assert all(check(with_({"samples": [*samples, "tell us thing", "thing please"]})) == [] for check in CHECKS)
