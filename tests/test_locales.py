"""Every locale's interaction model and store listing, checked the way Amazon's certification
checks them, for every language in content/languages.toml (en: five locales, de: de-DE, es: es-ES,
es-MX, es-US).

Runs over every file in deploy/skill-package/interactionModels/custom/, so a fragment another
conversation adds is held to the same rules in every locale. A listed language without its model
source is an error here, never a skip.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from deploy import build_models
from devtools import chat_match, chat_words

from conftest import ROOT

PACKAGE = ROOT / "deploy" / "skill-package"
MODEL_DIR = PACKAGE / "interactionModels" / "custom"
LANGUAGES = build_models.languages()
LOCALES = tuple(locale for locales in LANGUAGES.values() for locale in locales)
LANGUAGE_OF = {locale: lang for lang, locales in LANGUAGES.items() for locale in locales}
REQUIRED_BUILTINS = {
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.FallbackIntent",
}
# Amazon: an invocation name may not contain launch words, connecting words or wake words, in the
# locale's language (the German and Spanish lists are Amazon's words for "open", "ask", "with", ...).
LAUNCH_WORDS = {
    "en": {"run", "start", "play", "resume", "use", "launch", "ask", "open", "tell", "load", "begin", "enable"},
    "de": {"öffne", "starte", "spiele", "frag", "frage", "sag", "sage", "lade", "beginne", "benutze", "aktiviere"},
    "es": {"abre", "inicia", "empieza", "comienza", "pide", "pregunta", "dile", "juega", "pon", "activa", "usa"},
}
CONNECTING_WORDS = {
    "en": {"to", "from", "in", "using", "with", "about", "for", "that", "by", "if", "and", "whether"},
    "de": {"von", "mit", "über", "für", "dass", "ob", "und", "nach", "um"},
    "es": {"a", "de", "con", "sobre", "para", "que", "si", "y", "por", "en"},
}
WAKE_WORDS = {"alexa", "amazon", "echo", "computer", "skill", "app"}
LETTER = r"[^\W\d_]"  # a letter of any language: "ö", "ñ", "é"
SLOT_REF = re.compile(r"\{([^{}]*)\}")
MIN_SAMPLES = 8


def files() -> list[Path]:
    return sorted(MODEL_DIR.glob("*.json"))


def language(model: dict[str, Any]) -> str:
    """The language of a generated model, found by its invocation name in the sources."""
    for lang in LANGUAGES:
        if (
            json.loads((build_models.source(lang) / "base.json").read_text())["invocationName"]
            == model["invocationName"]
        ):
            return lang
    return "en"


def language_model(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    model: dict[str, Any] = data["interactionModel"]["languageModel"]
    return model


def custom(model: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in model["intents"] if not i["name"].startswith("AMAZON.")]


by_locale = pytest.mark.parametrize("path", files(), ids=lambda p: p.stem)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_listed_language_has_its_model_source(lang: str) -> None:
    """A language in content/languages.toml without deploy/model/<lang>/ fails, it is never skipped."""
    folder = build_models.source(lang)
    for name in ("everyday.json", "publishing.json"):
        assert (folder / name).is_file(), f"deploy/model/{lang}/{name} is missing"
    assert sorted(p.name for p in (folder / "intents").glob("*.json")) == sorted(
        p.name for p in (build_models.source("en") / "intents").glob("*.json")
    )
    assert build_models.parity_problems(lang) == []


def test_every_locale_is_generated_from_its_languages_one_source() -> None:
    built: dict[str, str] = build_models.build()
    assert sorted(built) == sorted(f"{loc}.json" for loc in LOCALES)
    assert sorted(p.name for p in files()) == sorted(built), "a generated model no source produces: run `make models`"
    for name, text in built.items():
        assert (MODEL_DIR / name).read_text() == text, f"{name} is stale: run `make models`"
    for locales in LANGUAGES.values():  # the locales of one language cannot drift apart
        assert len({built[f"{loc}.json"] for loc in locales}) == 1, locales


def test_skill_manifest_publishes_every_locale_it_has_a_model_for() -> None:
    manifest = json.loads((PACKAGE / "skill.json").read_text())["manifest"]
    assert set(manifest["publishingInformation"]["locales"]) == set(LOCALES)
    assert set(manifest["privacyAndCompliance"]["locales"]) == set(LOCALES)
    countries = set(manifest["publishingInformation"]["distributionCountries"])
    assert countries == {locale.split("-")[1] for locale in LOCALES}


def test_a_language_whose_intents_or_slots_differ_from_englishs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handlers are one for all languages: a source that renames a slot, drops an intent or adds a
    built-in cannot be built, and the error says what differs."""
    sources = tmp_path / "model"
    shutil.copytree(build_models.source("en"), sources / "en")
    languages_file = tmp_path / "languages.toml"
    languages_file.write_text(f'[en]\nlocales = {json.dumps(LANGUAGES["en"])}\n[xx]\nlocales = ["xx-XX"]\n')
    monkeypatch.setattr(build_models, "MODEL_SOURCES", sources)
    monkeypatch.setattr(build_models, "LANGUAGES", languages_file)
    with pytest.raises(build_models.ModelSourceError, match=r"deploy/model/xx/base\.json is missing"):
        build_models.build()

    def language_like_english(change: Any) -> list[str]:
        shutil.rmtree(sources / "xx", ignore_errors=True)
        shutil.copytree(sources / "en", sources / "xx")
        base = json.loads((sources / "xx" / "base.json").read_text())
        base["locales"] = ["xx-XX"]
        (sources / "xx" / "base.json").write_text(json.dumps(base))
        change(sources / "xx")
        return build_models.parity_problems("xx")

    def edit(path: Path, how: Any) -> None:
        data = json.loads(path.read_text())
        how(data)
        path.write_text(json.dumps(data))

    assert language_like_english(lambda folder: None) == []
    guide = "intents/guide.json"
    renamed = language_like_english(
        lambda f: edit(f / guide, lambda d: d["intents"][2]["slots"][0].update(name="übung"))
    )
    assert any("ExplainPracticeIntent" in p for p in renamed), renamed
    dropped = language_like_english(lambda f: edit(f / guide, lambda d: d["intents"].pop()))
    assert any("lacks NextStepIntent" in p for p in dropped), dropped
    builtins = language_like_english(
        lambda f: edit(f / "base.json", lambda d: d["builtinIntents"].append("AMAZON.MoreIntent"))
    )
    assert any("built-in intents" in p for p in builtins), builtins
    with pytest.raises(build_models.ModelSourceError, match="built-in intents"):
        build_models.language_model("xx")


# -- the checks: each returns what certification would reject ---------------------------------------


def invocation_name(model: dict[str, Any]) -> list[str]:
    name = model["invocationName"]
    problems = []
    if not 2 <= len(name) <= 50:
        problems.append(f"invocation name {name!r} must be 2 to 50 characters")
    if not re.fullmatch(rf"{LETTER}(?:{LETTER}|[' .])*(?:{LETTER}|\.)", name) or name != name.lower():
        problems.append(f"invocation name {name!r}: lower-case letters, spaces, apostrophes and periods only")
    words = name.split()
    if len(words) < 2:
        problems.append(f"invocation name {name!r}: one-word names are for brands only")
    lang = language(model)
    if set(words) & (LAUNCH_WORDS[lang] | CONNECTING_WORDS[lang] | WAKE_WORDS):
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
            if not re.fullmatch(rf"(?:{LETTER}|[' .\-])*", words):
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


def listing(locale: str) -> dict[str, Any]:
    manifest = json.loads((PACKAGE / "skill.json").read_text())["manifest"]
    info: dict[str, Any] = manifest["publishingInformation"]["locales"][locale]
    return info


def example_phrase_problems(phrases: list[str], model: dict[str, Any], locale: str) -> list[str]:
    """What certification rejects in a locale's example phrases: each must be a way Alexa accepts to
    invoke the skill in the locale's language ("Alexa, open <invocation>", "Alexa, öffne ...",
    "Alexa, abre ..."; "Alexa, ask <invocation> <a sample>", "Alexa, frag ...", "Alexa, pide a ..."),
    the first one opening it, and every request part one of the model's own custom samples."""
    matcher = chat_match.Matcher(model, locale=locale)
    problems = []
    if not 1 <= len(phrases) <= 3:
        problems.append(f"{len(phrases)} example phrases, want 1 to 3")
    for i, phrase in enumerate(phrases):
        if not phrase.startswith("Alexa, "):
            problems.append(f"{phrase!r} does not start with 'Alexa, '")
            continue
        if matcher.invocation not in chat_words.normalise(phrase):
            problems.append(f"{phrase!r} does not say the invocation name {matcher.invocation!r}")
        heard = chat_match.hear(matcher, phrase)
        if heard is None:
            problems.append(f"{phrase!r} is no way to open or ask the skill in {locale}, or matches no sample")
        elif i == 0 and heard.kind != "launch":
            problems.append(f"the first example {phrase!r} should open the skill")
        elif heard.kind == "intent" and (
            not heard.one_shot or heard.match is None or heard.match.intent.startswith("AMAZON.")
        ):
            problems.append(f"{phrase!r} should ask the skill for one of its own samples")
    return problems


@by_locale
def test_example_phrases_are_invocations_with_sample_utterances(path: Path) -> None:
    info = listing(path.stem)
    assert example_phrase_problems(info["examplePhrases"], language_model(path), path.stem) == []


@by_locale
def test_store_listing_is_complete(path: Path) -> None:
    info = listing(path.stem)
    assert 2 <= len(info["name"]) <= 50
    assert 0 < len(info["summary"]) <= 160
    assert 0 < len(info["description"]) <= 4000
    assert 1 <= len(info["keywords"]) <= 30 and all(k.strip() for k in info["keywords"])
    assert "{" not in info["description"] + info["summary"]  # no placeholder left in


def test_example_phrases_check_rejects_what_certification_rejects() -> None:
    """The check would pass for anything if the ear heard everything: each fault is named."""
    model = language_model(MODEL_DIR / "en-US.json")
    good = listing("en-US")["examplePhrases"]
    assert example_phrase_problems(good, model, "en-US") == []
    assert example_phrase_problems(
        ["Alexa, open close together", "Alexa, ask close together xyzzy plugh"], model, "en-US"
    )
    assert example_phrase_problems(["Alexa, ask close together what's tonight's exercise"], model, "en-US")
    assert example_phrase_problems(["open close together"], model, "en-US")
    assert example_phrase_problems(["Alexa, open close together", "Alexa, ask close together yes"], model, "en-US")
    assert example_phrase_problems(["Alexa, öffne close together"], model, "en-US")  # German verb, English locale
    assert example_phrase_problems(["Alexa, öffne close together"], model, "de-DE") == []
    assert example_phrase_problems(["Alexa, abre close together"], model, "es-MX") == []


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
