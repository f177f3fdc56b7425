"""The skill package as certification reads it: Amazon's own SMAPI model classes keep every key we
write, personal data is declared with a policy that says what the skill keeps, every locale has its
icons, and the screens are offered to exactly Amazon's viewport profiles (issue 24, items 1 to 4)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_model_runtime.serializer import DefaultSerializer

from deploy import build_models, icons, publishing
from devtools import chat_match
from skill.core.settings import Settings

from conftest import ROOT
from support.viewports import DECLARED

PACKAGE = ROOT / "deploy" / "skill-package"
MANIFEST = PACKAGE / "skill.json"
MODELS = sorted((PACKAGE / "interactionModels" / "custom").glob("*.json"))
PRIVACY = ROOT / "docs" / "privacy.md"
ENVELOPE = "ask_smapi_model.v1.skill.manifest.skill_manifest_envelope.SkillManifestEnvelope"
INTERACTION_MODEL = "ask_smapi_model.v1.skill.interaction_model.interaction_model_data.InteractionModelData"


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST.read_text())
    return data


def lost_in_round_trip(data: Any, model_class: str) -> list[str]:
    """Every key or value that does not survive Amazon's SMAPI model: deserialized into its classes
    and serialized back, what the ASK CLI and the developer console would send."""
    serializer = DefaultSerializer()
    back = serializer.serialize(serializer.deserialize(json.dumps(data), model_class))
    lost: list[str] = []

    def walk(before: Any, after: Any, path: str) -> None:
        if isinstance(before, dict):
            for key, value in before.items():
                if not isinstance(after, dict) or key not in after:
                    lost.append(f"{path}/{key}")
                else:
                    walk(value, after[key], f"{path}/{key}")
        elif isinstance(before, list):
            if not isinstance(after, list) or len(after) != len(before):
                lost.append(path)
            else:
                for i, (b, a) in enumerate(zip(before, after, strict=True)):
                    walk(b, a, f"{path}[{i}]")
        elif before != after:
            lost.append(f"{path}: {before!r} became {after!r}")

    walk(data, back, "")
    return lost


# -- item 3: Amazon's model keeps every key -----------------------------------------------------------


def test_skill_json_survives_amazons_manifest_model_with_manifest_version_inside() -> None:
    data = manifest()
    assert data["manifest"]["manifestVersion"] == "1.0"
    assert lost_in_round_trip(data, ENVELOPE) == []


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_interaction_model_survives_amazons_model(path: Path) -> None:
    assert lost_in_round_trip(json.loads(path.read_text()), INTERACTION_MODEL) == []


def test_the_round_trip_catches_a_key_amazons_model_drops() -> None:
    beside = manifest()
    beside["manifestVersion"] = beside["manifest"].pop("manifestVersion")  # where it sat before
    assert lost_in_round_trip(beside, ENVELOPE) == ["/manifestVersion"]
    model = json.loads(MODELS[0].read_text())
    model["interactionModel"]["languageModel"]["intents"][0]["sampels"] = ["a typo"]
    assert lost_in_round_trip(model, INTERACTION_MODEL) == ["/interactionModel/languageModel/intents[0]/sampels"]


# -- item 1: personal data declared, with a policy from one place -----------------------------------


def test_personal_information_is_declared_with_the_configured_policy_in_every_locale() -> None:
    body = manifest()["manifest"]
    assert body["privacyAndCompliance"]["usesPersonalInfo"] is True
    urls = publishing.policy_urls()  # a builder's own addresses once they set them; placeholders until then
    policies = body["privacyAndCompliance"]["locales"]
    assert set(policies) == set(body["publishingInformation"]["locales"])
    for lang, locales in build_models.languages().items():
        assert {policies[locale]["privacyPolicyUrl"] for locale in locales} == {urls[lang]}
    assert MANIFEST.read_text() == publishing.manifest_text(urls), "skill.json is stale: run `make models`"


def test_the_policy_address_comes_from_the_environment_before_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "publishing.toml"
    config.write_text('privacy_policy_url = "https://couples.example.net/privacy"\n')
    assert publishing.policy_url({}, config) == "https://couples.example.net/privacy"
    env = {publishing.ENV_VAR: "https://close-together.app/privacy"}
    assert publishing.policy_url(env, config) == "https://close-together.app/privacy"
    stamped = json.loads(publishing.manifest_text("https://close-together.app/privacy"))
    locales = stamped["manifest"]["privacyAndCompliance"]["locales"].values()
    assert {p["privacyPolicyUrl"] for p in locales} == {"https://close-together.app/privacy"}


def test_each_language_may_have_its_own_policy_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "publishing.toml"
    config.write_text(
        'privacy_policy_url = "https://close-together.app/privacy"\n'
        '[privacy_policy_urls]\nde = "https://close-together.app/datenschutz"\n'
    )
    monkeypatch.setattr(build_models, "languages", lambda: {"en": ["en-US"], "de": ["de-DE"], "es": ["es-ES"]})
    assert publishing.policy_urls({}, config) == {
        "en": "https://close-together.app/privacy",
        "de": "https://close-together.app/datenschutz",
        "es": "https://close-together.app/privacy",
    }
    env = {publishing.ENV_VAR: "https://ct.app/p", f"{publishing.ENV_VAR}_ES": "https://ct.app/privacidad"}
    assert publishing.policy_urls(env, config) == {
        "en": "https://ct.app/p",
        "de": "https://ct.app/p",
        "es": "https://ct.app/privacidad",
    }


def test_release_check_refuses_the_placeholder_and_accepts_a_published_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    refused = subprocess.run(
        [sys.executable, "-m", "deploy.publishing", "--check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert "placeholder" in refused.stderr and "docs/privacy.md" in refused.stderr
    # A real address, written by `make models` into a copy of the package, passes.
    url = "https://close-together.app/privacy"
    copy = tmp_path / "skill-package"
    (copy / "assets" / "images").mkdir(parents=True)
    for name, data in icons.build().items():
        (copy / "assets" / "images" / name).write_bytes(data)
    urls = {lang: f"{url}/{lang}" if lang != "en" else url for lang in build_models.languages()}
    (copy / "skill.json").write_text(publishing.manifest_text(urls))
    assert publishing.release_problems(urls, copy / "skill.json") == []
    # ...and each placeholder or mismatch is named.
    assert publishing.release_problems("http://close-together.app/privacy", copy / "skill.json") != []
    assert any("make models" in p for p in publishing.release_problems("https://other.app/p", copy / "skill.json"))
    (copy / "assets" / "images" / "icon-512.png").write_bytes(icons.draw(256))
    assert any("512x512" in p for p in publishing.release_problems(urls, copy / "skill.json"))
    # A German or Spanish couple is not sent to the English page (docs/languages.md).
    monkeypatch.setattr(build_models, "languages", lambda: {"en": ["en-US"], "de": ["de-DE"]})
    english_for_all = publishing.release_problems({"en": url, "de": url}, copy / "skill.json")
    assert any("de locales point at the English privacy policy" in p for p in english_for_all), english_for_all


def test_make_release_check_is_a_make_target_and_local_runs_never_call_it() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^release-check:.*\n\t.*deploy\.publishing --check", makefile, re.M)
    for target in ("run", "test", "models", "lambda-package"):
        rule = re.search(rf"^{target}:(.*)$", makefile, re.M)
        assert rule is not None and "release-check" not in rule.group(1)


def test_the_privacy_policy_says_what_is_kept_for_how_long_and_who_sees_it() -> None:
    text = PRIVACY.read_text()
    for subject in ("first names", "gratitudes", "answers", "voice profile", "time zone", "reminder", "link code"):
        assert subject in text.lower(), subject
    assert f"{Settings().gratitude_retention_days} days" in text  # the retention the skill applies
    assert "linked partner" in text.lower() and "disabling the skill" in text.lower()


def test_every_voice_command_the_policy_quotes_is_one_the_skill_understands() -> None:
    english = PACKAGE / "interactionModels" / "custom" / "en-US.json"  # docs/privacy.md quotes English
    matcher = chat_match.Matcher(json.loads(english.read_text())["interactionModel"]["languageModel"])
    quoted = re.findall(r'"(Alexa, ask Close Together to [^"]+)"', PRIVACY.read_text())
    assert len(quoted) >= 3
    for phrase in quoted:
        heard = chat_match.hear(matcher, phrase)
        assert heard is not None and heard.match is not None, phrase
    intents = {chat_match.hear(matcher, p).match.intent for p in quoted}  # type: ignore[union-attr]
    assert {"DeleteDataIntent", "DeleteMyDataIntent"} <= intents


# -- item 2: icons ----------------------------------------------------------------------------------


def test_every_locale_has_both_icons_drawn_by_the_project() -> None:
    locales = manifest()["manifest"]["publishingInformation"]["locales"]
    assert set(locales) == {p.stem for p in MODELS}
    for info in locales.values():
        for key, (path, side) in publishing.ICONS.items():
            assert info[key] == f"file://{path}"
            assert publishing.png_size(PACKAGE / path) == (side, side)
    for name, data in icons.build().items():
        assert (icons.IMAGES / name).read_bytes() == data, f"{name} is stale: run `make models`"


# -- item 4: Amazon's viewport profiles -------------------------------------------------------------


def declared_viewports() -> list[dict[str, Any]]:
    interfaces = manifest()["manifest"]["apis"]["custom"]["interfaces"]
    (apl,) = [i for i in interfaces if i["type"] == "ALEXA_PRESENTATION_APL"]
    viewports: list[dict[str, Any]] = apl["supportedViewports"]
    return viewports


def test_supported_viewports_are_exactly_amazons_profiles_including_echo_show_8() -> None:
    declared = declared_viewports()
    assert sorted(map(json.dumps, declared)) == sorted(json.dumps(p.manifest_entry()) for p in DECLARED)
    medium = next(p for p in DECLARED if p.apl_name == "hubLandscapeMedium")
    assert medium.manifest_entry() in declared
    assert any(d.name == "Echo Show 8" for d in medium.devices)
