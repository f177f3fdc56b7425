"""Generate the interaction models in deploy/skill-package from their one source, deploy/model/.

``base.json`` names the invocation, the locales and the built-in intents (with the everyday phrasings
added to some, ``builtinSamples``: "yeah that's right", "no, never mind"); each file in
``intents/`` holds one conversation's custom intents and slot types. The generator builds ONE
language model and then writes it for every English locale (en-US, en-GB, en-CA, en-AU, en-IN), so
the locales cannot drift apart. Run ``make models`` after editing the source; a test fails while the
generated files are stale, and tests/test_locales.py checks each file the way certification does.

To extend it, append a function to ``MODEL_STEPS``: each takes the language model (a dict) and may
change it in place, e.g. fill a custom slot type's values from content/.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEPLOY = Path(__file__).resolve().parent
SOURCE = DEPLOY / "model" / "en"
OUTPUT = DEPLOY / "skill-package" / "interactionModels" / "custom"

LanguageModel = dict[str, Any]

# Applied in order to the merged language model before it is written for each locale.
MODEL_STEPS: list[Callable[[LanguageModel], None]] = []


def locales() -> list[str]:
    base: dict[str, Any] = json.loads((SOURCE / "base.json").read_text())
    return list(base["locales"])


def language_model() -> LanguageModel:
    """The one language model every locale shares: base.json, then each fragment in name order."""
    base = json.loads((SOURCE / "base.json").read_text())
    intents: list[dict[str, Any]] = []
    types: list[dict[str, Any]] = []
    for fragment in sorted((SOURCE / "intents").glob("*.json")):
        data = json.loads(fragment.read_text())
        intents += data.get("intents", [])
        types += data.get("types", [])
    types.append(practice_slot_type())
    # Built-in intents carry everyday samples from base.json ("builtinSamples") and from any fragment
    # that extends one ("don't" on AMAZON.NoIntent): both are kept, once each.
    extra = base.get("builtinSamples", {})
    by_name = {i["name"]: i for i in intents}
    for name in base["builtinIntents"]:
        if name in by_name:
            own = by_name[name].setdefault("samples", [])
            own += [s for s in extra.get(name, []) if s not in own]
        else:
            intents.append({"name": name, "samples": list(extra.get(name, []))})
    model: LanguageModel = {"invocationName": base["invocationName"], "intents": intents, "types": types}
    for step in MODEL_STEPS:
        step(model)
    return model


def dialog_model() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The dialog model and its prompts, from the fragments that have one. The skill elicits slots
    itself (Dialog.ElicitSlot, delegation strategy SKILL_RESPONSE); the dialog model is what lets a
    slot-only answer ("the way you make my coffee") fill the elicited slot."""
    dialog_intents: list[dict[str, Any]] = []
    prompts: list[dict[str, Any]] = []
    for fragment in sorted((SOURCE / "intents").glob("*.json")):
        data = json.loads(fragment.read_text())
        dialog_intents += data.get("dialog", {}).get("intents", [])
        prompts += data.get("prompts", [])
    return {"intents": dialog_intents, "delegationStrategy": "SKILL_RESPONSE"}, prompts


def for_locale(model: LanguageModel, locale: str) -> str:
    """One locale's interaction model file. All English locales share the words today; a locale that
    ever needs its own wording changes its copy here."""
    localised = copy.deepcopy(model)
    dialog, prompts = dialog_model()
    body: dict[str, Any] = {"languageModel": localised}
    if dialog["intents"]:
        body.update(dialog=dialog, prompts=prompts)
    return json.dumps({"interactionModel": body}, indent=2, ensure_ascii=False) + "\n"


def build() -> dict[str, str]:
    """Every generated file's name and text."""
    model = language_model()
    return {f"{locale}.json": for_locale(model, locale) for locale in locales()}


def practice_slot_type() -> dict[str, Any]:
    """The PracticeName slot type, generated from the content: one value per practice (id = practice
    id), its name without "the" as the value, and its full name, title and synonyms as synonyms. Adding
    a step is a content change plus `make models`."""
    sys.path.insert(0, str(DEPLOY.parent))
    from content.loader import load_catalogue

    values = []
    for practice in load_catalogue().practices:
        names = [practice.name, practice.title, *practice.synonyms]
        said = [" ".join(n.lower().split()) for n in names]
        # "check-in" is heard as "check in": each hyphenated name is also a synonym without the hyphen
        spoken = list(dict.fromkeys(s for n in said for s in (n, n.replace("-", " "))))
        value = spoken[0].removeprefix("the ").removeprefix("a ").removeprefix("an ")
        synonyms = [n for n in dict.fromkeys([*spoken, value.replace("-", " ")]) if n != value]
        values.append({"id": practice.id, "name": {"value": value, "synonyms": synonyms}})
    return {"name": "PracticeName", "values": values}


def everyday_variants(model: LanguageModel) -> None:
    """Each sample again with the words people put around it (``everyday.json``: "okay, let's
    start", "another one please"), so an exact matcher hears them too. A variant whose wording
    (contractions spelled out) already belongs to an intent is left out: no sample may pull a phrase
    to another intent. Built-ins get only the words listed for them ("no thanks", never "yeah no")."""
    sys.path.insert(0, str(DEPLOY.parent))
    from devtools.chat_words import normalise

    words = json.loads((SOURCE / "everyday.json").read_text())
    taken = {normalise(s) for intent in model["intents"] for s in intent.get("samples", [])}
    for intent in model["intents"]:
        name = intent["name"]
        if name.startswith("AMAZON."):
            if name not in words["only"]:
                continue
            prefixes, suffixes = words["only"][name]["prefixes"], words["only"][name]["suffixes"]
        else:
            prefixes, suffixes = words["prefixes"], words["suffixes"]
        extra = []
        for sample in intent.get("samples", []):
            if "{" in sample:
                continue  # a sample with slots is a pattern every matcher tries in turn: keep them few
            said = sample.lower().split()
            variants = [f"{p} {sample}" for p in prefixes if said[0] not in prefixes]
            variants += [f"{sample} {s}" for s in suffixes if said[-1] not in suffixes]
            for variant in variants:
                key = normalise(variant)
                if key not in taken:
                    taken.add(key)
                    extra.append(variant)
        intent["samples"] = [*intent["samples"], *extra]


MODEL_STEPS.append(everyday_variants)


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, text in build().items():
        (OUTPUT / name).write_text(text)
        print(f"wrote {OUTPUT / name}")
    # What the store shows beside the models: the icons, and skill.json with the privacy policy's
    # address (deploy/publishing.py: one place, the environment or deploy/publishing.toml).
    sys.path.insert(0, str(DEPLOY.parent))
    from deploy import icons, publishing

    for path in icons.write():
        print(f"wrote {path}")
    url = publishing.policy_url()
    publishing.MANIFEST.write_text(publishing.manifest_text(url))
    print(f"wrote {publishing.MANIFEST} (privacy policy {url})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
