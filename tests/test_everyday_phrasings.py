"""Everyday speech reaches the intent it means, in each language's GENERATED interaction model, as
heard by an independent ear: virtual-alexa (tests/support/virtual_alexa.py), not `make chat`'s matcher.

tests/data/<lang>/everyday_phrasings.toml lists how couples really talk in that language, each
phrase with its intent. For every language in content/languages.toml, at least 95 % must reach it,
and none may reach a wrong one (a sample that pulls a listed phrase to another intent is a
regression, however many others it helps). The share is printed on every run. A language without
its list fails; it is never skipped.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy.build_models import OUTPUT, languages

from support import virtual_alexa

DATA = Path(__file__).resolve().parent / "data"
REQUIRED_SHARE = 0.95
# English's list has grown over many issues; a new language starts with at least this many.
MINIMUM_PHRASES = {"en": 400}
MINIMUM_NEW_LANGUAGE = 300
LANGUAGES = list(languages())
by_language = pytest.mark.parametrize("lang", LANGUAGES)


def model_file(lang: str) -> Path:
    return OUTPUT / f"{languages()[lang][0]}.json"  # a language's locales share one model


@dataclass(frozen=True)
class Heard:
    phrase: str
    expected: frozenset[str]
    intent: str | None
    sample: str | None
    awaiting: str | None

    @property
    def reached(self) -> bool:
        return self.intent in self.expected

    @property
    def wrong(self) -> bool:
        return self.intent is not None and not self.reached


def listed(lang: str) -> tuple[list[tuple[str, frozenset[str]]], dict[str, str]]:
    path = DATA / lang / "everyday_phrasings.toml"
    assert path.is_file(), f"{lang}: tests/data/{lang}/everyday_phrasings.toml is missing"
    data = tomllib.loads(path.read_text())
    tables = (data["phrases"], data.get("more", {}), data.get("more3", {}))
    phrases = [(p, frozenset(key.split("|"))) for table in tables for key, ps in table.items() for p in ps]
    return phrases, dict(data.get("awaiting", {}))


@pytest.fixture(scope="module", params=LANGUAGES)
def heard(request: pytest.FixtureRequest) -> Iterator[list[Heard]]:
    lang: str = request.param
    virtual_alexa.install()
    phrases, awaiting = listed(lang)
    found = virtual_alexa.resolve(model_file(lang), [p for p, _ in phrases])
    yield [
        Heard(p, expected, intent, sample, awaiting.get(p))
        for (p, expected), (intent, sample) in zip(phrases, found, strict=True)
    ]


@by_language
def test_the_list_is_long_and_has_no_repeats(lang: str) -> None:
    phrases, awaiting = listed(lang)
    said = [" ".join(p.lower().replace(",", " ").split()) for p, _ in phrases]
    assert len(said) >= MINIMUM_PHRASES.get(lang, MINIMUM_NEW_LANGUAGE), len(said)
    assert len(set(said)) == len(said), sorted({p for p in said if said.count(p) > 1})
    assert set(awaiting) <= {p for p, _ in phrases}, set(awaiting) - {p for p, _ in phrases}
    intents = {
        i["name"] for i in json.loads(model_file(lang).read_text())["interactionModel"]["languageModel"]["intents"]
    }
    named = {name for _, expected in phrases for name in expected}
    assert named <= intents, f"{lang}: the list names intents the model lacks: {sorted(named - intents)}"


def test_everyday_phrasings_reach_their_intent(heard: list[Heard]) -> None:
    reached = [h for h in heard if h.reached]
    share = len(reached) / len(heard)
    missed = [h for h in heard if not h.reached]
    print(f"\neveryday phrasings: {len(reached)} of {len(heard)} reach their intent ({share:.1%})")
    for h in missed:
        why = f" (awaiting {h.awaiting})" if h.awaiting else ""
        print(f"  missed: {h.phrase!r} -> {h.intent or 'nothing'}, wanted {'|'.join(sorted(h.expected))}{why}")
    assert share >= REQUIRED_SHARE, [(h.phrase, h.intent) for h in missed]


def test_no_listed_phrase_reaches_a_wrong_intent(heard: list[Heard]) -> None:
    """Hygiene: a phrase may be missed, never misheard, unless another issue's change brings its
    intent (it is then listed under [awaiting] and counts as a miss)."""
    wrong = [(h.phrase, h.intent, h.sample) for h in heard if h.wrong and h.awaiting is None]
    assert not wrong, wrong


def test_the_ear_hears_what_the_model_says() -> None:
    """The check above would pass for an ear that heard nothing: show that it tells intents apart
    and fills slots only from their values (a practice name is one of the practices)."""
    virtual_alexa.install()
    got = virtual_alexa.resolve(
        OUTPUT / "en-US.json",
        ["what's tonight's exercise", "tell me about the touch map", "tell me about the weather", "xyzzy"],
    )
    assert [intent for intent, _ in got] == ["TonightsExerciseIntent", "ExplainPracticeIntent", None, None]


@by_language
def test_the_ear_hears_each_languages_own_samples(lang: str) -> None:
    """In every language the ear resolves each custom intent's own samples to that intent (the 95 %
    above is measured by an ear that works in the language). One ambiguity of virtual-alexa is left
    aside: its AMAZON.NUMBER takes an empty value, so a bare "paso" may tie with "paso {number}"."""
    virtual_alexa.install()
    model = json.loads(model_file(lang).read_text())["interactionModel"]["languageModel"]
    plain = [
        (i["name"], s)
        for i in model["intents"]
        if not i["name"].startswith("AMAZON.")
        for s in i.get("samples", [])[:20]
        if "{" not in s
    ]
    got = virtual_alexa.resolve(model_file(lang), [s for _, s in plain])
    heard = {name for (name, _), (intent, _) in zip(plain, got, strict=True) if intent == name}
    assert heard == {name for name, _ in plain}, sorted({name for name, _ in plain} - heard)
    share = len([1 for (name, _), (intent, _) in zip(plain, got, strict=True) if intent == name]) / len(plain)
    assert share >= 0.95, f"{lang}: only {share:.0%} of the model's own samples reach their intent"


def test_the_ear_hears_german_and_spanish_as_alexa_writes_them(tmp_path: Path) -> None:
    """How virtual-alexa hears a de-DE or es-ES model: it reads the model file, whatever its locale;
    its regular expressions ignore case in accented letters and umlauts ("Öffne", "QUÉ"); it drops
    "¿", "¡", "?", "," from what is said; and a number slot (AMAZON.NUMBER) takes digits, the way Alexa
    writes them ("Schritt 5"), never German or Spanish number words. So the phrase lists are written
    lower case or not, with numbers as digits."""
    virtual_alexa.install()
    model = {
        "interactionModel": {
            "languageModel": {
                "invocationName": "nah beieinander",
                "intents": [
                    {
                        "name": "TonightsExerciseIntent",
                        "samples": ["was machen wir heute abend", "qué hacemos esta noche"],
                    },
                    {
                        "name": "GratitudeIntent",
                        "samples": ["ich bin dankbar für {g}", "agradezco {g}"],
                        "slots": [{"name": "g", "type": "AMAZON.SearchQuery"}],
                    },
                    {
                        "name": "StepByNumberIntent",
                        "samples": ["schritt {n}", "el paso {n}"],
                        "slots": [{"name": "n", "type": "AMAZON.NUMBER"}],
                    },
                    {"name": "AMAZON.StopIntent", "samples": []},
                ],
                "types": [],
            }
        }
    }
    path = tmp_path / "de-DE.json"
    path.write_text(json.dumps(model, ensure_ascii=False))
    said = [
        "Was machen wir heute Abend",
        "¿Qué hacemos esta noche?",
        "QUÉ HACEMOS ESTA NOCHE",
        "ich bin dankbar für dein Lächeln",
        "agradezco que me escuchaste",
        "ICH BIN DANKBAR FÜR DICH",
        "Schritt 5",
        "el paso 3",
        "Schritt fünf",
        "el paso tres",
    ]
    got = [intent for intent, _ in virtual_alexa.resolve(path, said)]
    assert got[:8] == ["TonightsExerciseIntent"] * 3 + ["GratitudeIntent"] * 3 + ["StepByNumberIntent"] * 2
    # number words are English-only to this ear ("three" would do): the lists write digits
    assert got[8:] == [None, None]
