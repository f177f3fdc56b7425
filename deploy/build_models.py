"""Generate the interaction models and skill.json's store listing from their one source per language.

Each language in content/languages.toml has its source in deploy/model/<lang>/: ``base.json`` names
the invocation, the locales and the built-in intents (with the everyday phrasings added to some,
``builtinSamples``: "yeah that's right", "no, never mind"); each file in ``intents/`` holds one
conversation's custom intents and slot types; ``everyday.json`` the words people put around what
they mean; ``publishing.json`` the store listing (name, summary, description, example phrases,
keywords). The generator builds ONE language model per language and writes it for each of its
locales (en-US ... en-IN, de-DE, es-ES, es-MX, es-US), so the locales of a language cannot drift
apart. A language whose intents, slots or built-ins differ from English's is refused: the handlers
are the same for every language. Run ``make models`` after editing a source; a test fails while the
generated files are stale, and tests/test_locales.py checks each file the way certification does.

To extend it, append a function to ``MODEL_STEPS``: each takes the language model (a dict) and its
language and may change the model in place, e.g. fill a custom slot type's values from content/.
"""

from __future__ import annotations

import copy
import json
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
MODEL_SOURCES = DEPLOY / "model"
LANGUAGES = ROOT / "content" / "languages.toml"
OUTPUT = DEPLOY / "skill-package" / "interactionModels" / "custom"
SOURCE_LANGUAGE = "en"  # every other language mirrors its intents, slots and built-ins

LanguageModel = dict[str, Any]

# Applied in order to each merged language model before it is written for the language's locales.
MODEL_STEPS: list[Callable[[LanguageModel, str], None]] = []

# Words in front of a practice's name that its slot value leaves out ("the touch map" -> "touch map").
# German keeps its article: its adjectives change with it ("das tägliche Check-in" but "tägliches
# Check-in"), so a name without the article is no longer said that way.
ARTICLES = {
    "en": ("the ", "a ", "an "),
    "es": ("el ", "la ", "los ", "las ", "un ", "una ", "nuestro ", "nuestra "),
}


class ModelSourceError(ValueError):
    """A language's model source cannot be built, said in words to act on."""


def languages() -> dict[str, list[str]]:
    """Each language and its locales, from content/languages.toml (English first)."""
    data = tomllib.loads(LANGUAGES.read_text())
    return {lang: list(table["locales"]) for lang, table in data.items()}


def source(lang: str) -> Path:
    folder = MODEL_SOURCES / lang
    if not (folder / "base.json").is_file():
        raise ModelSourceError(f"content/languages.toml lists {lang!r} but deploy/model/{lang}/base.json is missing")
    return folder


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as err:
        raise ModelSourceError(f"{path.relative_to(ROOT)} is not readable JSON: {err}") from err


def _fragments(lang: str) -> list[tuple[str, dict[str, Any]]]:
    return [(p.name, _json(p)) for p in sorted((source(lang) / "intents").glob("*.json"))]


def locales(lang: str = SOURCE_LANGUAGE) -> list[str]:
    base: dict[str, Any] = _json(source(lang) / "base.json")
    return list(base["locales"])


def shape(lang: str) -> dict[str, Any]:
    """What every language must share with English: fragment files, each intent's slots and their
    types (custom types by name), the built-in intents, and the dialog model's elicited slots."""
    base = _json(source(lang) / "base.json")
    fragments = _fragments(lang)
    return {
        "fragment files": [name for name, _ in fragments],
        "intents": {
            (name, i["name"]): sorted((s["name"], s["type"]) for s in i.get("slots", []))
            for name, data in fragments
            for i in data.get("intents", [])
        },
        "slot types": sorted(t["name"] for _, data in fragments for t in data.get("types", [])),
        "built-in intents": sorted(base["builtinIntents"]),
        "dialog": sorted(
            (i["name"], s["name"], s["type"], bool(s.get("elicitationRequired")))
            for _, data in fragments
            for i in data.get("dialog", {}).get("intents", [])
            for s in i.get("slots", [])
        ),
    }


def parity_problems(lang: str) -> list[str]:
    """How a language's source differs from English's in what the handlers rely on (empty: none)."""
    problems = []
    mine, english = shape(lang), shape(SOURCE_LANGUAGE)
    for part, theirs in english.items():
        if isinstance(theirs, dict):
            for key in sorted(set(theirs) - set(mine[part])):
                problems.append(f"{lang}: intents/{key[0]} lacks {key[1]}, which English has")
            for key in sorted(set(mine[part]) - set(theirs)):
                problems.append(f"{lang}: intents/{key[0]} has {key[1]}, which English lacks")
            for key in sorted(set(mine[part]) & set(theirs)):
                if mine[part][key] != theirs[key]:
                    problems.append(f"{lang}: {key[1]}'s slots {mine[part][key]} differ from English's {theirs[key]}")
        elif mine[part] != theirs:
            problems.append(f"{lang}: {part} {mine[part]} differ from English's {theirs}")
    want = languages().get(lang, [])
    if locales(lang) != want:
        problems.append(f"{lang}: base.json's locales {locales(lang)} are not content/languages.toml's {want}")
    return problems


def language_model(lang: str = SOURCE_LANGUAGE) -> LanguageModel:
    """The one language model every locale of a language shares: base.json, then each fragment in
    name order."""
    problems = parity_problems(lang)  # for English only its locales can differ
    if problems:
        raise ModelSourceError("\n".join(problems))
    base = _json(source(lang) / "base.json")
    intents: list[dict[str, Any]] = []
    types: list[dict[str, Any]] = []
    for _, data in _fragments(lang):
        intents += data.get("intents", [])
        types += data.get("types", [])
    types.append(practice_slot_type(lang))
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
        step(model, lang)
    return model


def dialog_model(lang: str = SOURCE_LANGUAGE) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The dialog model and its prompts, from the fragments that have one. The skill elicits slots
    itself (Dialog.ElicitSlot, delegation strategy SKILL_RESPONSE); the dialog model is what lets a
    slot-only answer ("the way you make my coffee") fill the elicited slot."""
    dialog_intents: list[dict[str, Any]] = []
    prompts: list[dict[str, Any]] = []
    for _, data in _fragments(lang):
        dialog_intents += data.get("dialog", {}).get("intents", [])
        prompts += data.get("prompts", [])
    return {"intents": dialog_intents, "delegationStrategy": "SKILL_RESPONSE"}, prompts


def for_locale(model: LanguageModel, locale: str, lang: str = SOURCE_LANGUAGE) -> str:
    """One locale's interaction model file. The locales of a language share the words today; a
    locale that ever needs its own wording changes its copy here."""
    localised = copy.deepcopy(model)
    dialog, prompts = dialog_model(lang)
    body: dict[str, Any] = {"languageModel": localised}
    if dialog["intents"]:
        body.update(dialog=dialog, prompts=prompts)
    return json.dumps({"interactionModel": body}, indent=2, ensure_ascii=False) + "\n"


def build() -> dict[str, str]:
    """Every generated model file's name and text, for every locale of every language."""
    built = {}
    for lang in languages():
        model = language_model(lang)
        built.update({f"{locale}.json": for_locale(model, locale, lang) for locale in locales(lang)})
    return built


def practices(lang: str) -> list[dict[str, Any]]:
    """The practices of content/<lang>/practices.toml as written (id, name, title, synonyms), in
    order. Read from the TOML directly: the content loader validates them, the model only needs the
    names."""
    path = ROOT / "content" / lang / "practices.toml"
    if not path.is_file():
        raise ModelSourceError(f"content/{lang}/practices.toml is missing: the PracticeName slot is built from it")
    found = tomllib.loads(path.read_text()).get("practice", [])
    if not isinstance(found, list) or not found:
        raise ModelSourceError(f"content/{lang}/practices.toml has no [[practice]] tables for the PracticeName slot")
    return found


def practice_slot_type(lang: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """The PracticeName slot type, generated from the language's content: one value per practice
    (id = practice id), its name without an article as the value, and its full name, title and
    synonyms as synonyms. Adding a step is a content change plus `make models`."""
    articles = ARTICLES.get(lang, ())
    values = []
    for practice in practices(lang):
        names = [practice["name"], practice["title"], *practice.get("synonyms", [])]
        said = [" ".join(n.lower().split()) for n in names]
        # "check-in" is heard as "check in": each hyphenated name is also a synonym without the hyphen
        spoken = list(dict.fromkeys(s for n in said for s in (n, n.replace("-", " "))))
        value = spoken[0]
        for article in articles:
            value = value.removeprefix(article)
        synonyms = [n for n in dict.fromkeys([*spoken, value.replace("-", " ")]) if n != value]
        values.append({"id": practice["id"], "name": {"value": value, "synonyms": synonyms}})
    return {"name": "PracticeName", "values": values}


def everyday_variants(model: LanguageModel, lang: str) -> None:
    """Each sample again with the words people put around it (``everyday.json``: "okay, let's
    start", "another one please"), so an exact matcher hears them too. A variant whose wording
    (contractions spelled out) already belongs to an intent is left out: no sample may pull a phrase
    to another intent. Built-ins get only the words listed for them ("no thanks", never "yeah no")."""
    sys.path.insert(0, str(ROOT))
    from devtools.chat_words import normalise

    words = _json(source(lang) / "everyday.json")
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
    try:
        built = build()
    except ModelSourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for stale in set(p.name for p in OUTPUT.glob("*.json")) - set(built):
        (OUTPUT / stale).unlink()  # a locale no language lists any more
    for name, text in built.items():
        (OUTPUT / name).write_text(text)
        print(f"wrote {OUTPUT / name}")
    # What the store shows beside the models: the icons, and skill.json with the privacy policy's
    # address (deploy/publishing.py: one place, the environment or deploy/publishing.toml).
    sys.path.insert(0, str(ROOT))
    from deploy import icons, publishing

    for path in icons.write():
        print(f"wrote {path}")
    urls = publishing.policy_urls()
    publishing.MANIFEST.write_text(publishing.manifest_text(urls))
    print(f"wrote {publishing.MANIFEST} (privacy policies {', '.join(sorted(set(urls.values())))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
