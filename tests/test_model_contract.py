"""The interaction models in deploy/ are the contract with Alexa: they and the handlers must match,
in every locale of every language (one set of handlers serves them all)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from deploy import build_models
from intents.base import IntentHandler
from skill.builder import HANDLER_CLASSES

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "deploy" / "skill-package" / "interactionModels" / "custom"
LOCALES = [(lang, locale) for lang, locales in build_models.languages().items() for locale in locales]
by_locale = pytest.mark.parametrize(("lang", "locale"), LOCALES, ids=[loc for _, loc in LOCALES])


def model(locale: str = "en-US") -> dict[str, Any]:
    path = MODEL_DIR / f"{locale}.json"
    assert path.is_file(), f"{locale} has no generated model: run `make models`"
    data: dict[str, Any] = json.loads(path.read_text())
    language_model: dict[str, Any] = data["interactionModel"]["languageModel"]
    return language_model


def handled_intents() -> set[str]:
    return {name for cls in HANDLER_CLASSES if issubclass(cls, IntentHandler) for name in cls.intents}


@by_locale
def test_every_intent_in_the_model_has_a_handler(lang: str, locale: str) -> None:
    missing = {i["name"] for i in model(locale)["intents"]} - handled_intents()
    assert not missing, f"{locale}: intents in the model with no handler: {sorted(missing)}"


@by_locale
def test_every_handled_intent_is_in_the_model(lang: str, locale: str) -> None:
    extra = handled_intents() - {i["name"] for i in model(locale)["intents"]}
    assert not extra, f"{locale}: handlers for intents the model lacks: {sorted(extra)}"


@by_locale
def test_every_locale_has_english_intents_and_slots(lang: str, locale: str) -> None:
    """The handlers read slots by name: each locale has exactly English's intents and slots."""

    def slots(m: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
        return {i["name"]: sorted((s["name"], s["type"]) for s in i.get("slots", [])) for i in m["intents"]}

    assert slots(model(locale)) == slots(model("en-US"))


@by_locale
def test_invocation_name_and_required_builtins(lang: str, locale: str) -> None:
    m = model(locale)
    base = json.loads((build_models.source(lang) / "base.json").read_text())
    assert m["invocationName"] == base["invocationName"]
    if lang == "en":
        assert m["invocationName"] == "close together"
    names = {i["name"] for i in m["intents"]}
    assert {
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.NavigateHomeIntent",
        "AMAZON.FallbackIntent",
    } <= names


@by_locale
def test_custom_intents_have_enough_distinct_samples(lang: str, locale: str) -> None:
    owner: dict[str, str] = {}
    for intent in model(locale)["intents"]:
        if intent["name"].startswith("AMAZON."):
            continue
        samples = intent["samples"]
        assert len(set(samples)) >= 8, intent["name"]
        for sample in samples:
            assert owner.setdefault(sample.lower(), intent["name"]) == intent["name"], sample


@pytest.mark.parametrize("path", ["skill.json"])
def test_skill_manifest_is_valid_json(path: str) -> None:
    data = json.loads((ROOT / "deploy" / "skill-package" / path).read_text())
    assert data["manifest"]["apis"]["custom"]["endpoint"]["uri"].endswith("/alexa")
