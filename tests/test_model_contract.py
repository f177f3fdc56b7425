"""The interaction model in deploy/ is the contract with Alexa: it and the handlers must match."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intents.base import IntentHandler
from skill.builder import HANDLER_CLASSES

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "deploy" / "skill-package" / "interactionModels" / "custom"


def model(locale: str = "en-US") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((MODEL_DIR / f"{locale}.json").read_text())
    language_model: dict[str, Any] = data["interactionModel"]["languageModel"]
    return language_model


def handled_intents() -> set[str]:
    return {name for cls in HANDLER_CLASSES if issubclass(cls, IntentHandler) for name in cls.intents}


def test_every_intent_in_the_model_has_a_handler() -> None:
    missing = {i["name"] for i in model()["intents"]} - handled_intents()
    assert not missing, f"intents in the model with no handler: {sorted(missing)}"


def test_every_handled_intent_is_in_the_model() -> None:
    extra = handled_intents() - {i["name"] for i in model()["intents"]}
    assert not extra, f"handlers for intents the model lacks: {sorted(extra)}"


def test_invocation_name_and_required_builtins() -> None:
    m = model()
    assert m["invocationName"] == "close together"
    names = {i["name"] for i in m["intents"]}
    assert {
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.NavigateHomeIntent",
        "AMAZON.FallbackIntent",
    } <= names


def test_custom_intents_have_enough_distinct_samples() -> None:
    owner: dict[str, str] = {}
    for intent in model()["intents"]:
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
