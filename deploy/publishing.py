"""What the skill publishes beside its code: each locale's store listing, the privacy policy's
address, the store icons, and the check that refuses a release while any of them is a placeholder.

    python -m deploy.publishing --check        (make release-check)

The listing (name, summary, description, example phrases, keywords) comes from each language's
deploy/model/<lang>/publishing.json. The policy's address is set in ONE place per language:
``SKILL_PRIVACY_POLICY_URL`` (or ``SKILL_PRIVACY_POLICY_URL_DE``, ``_ES``, ... for one language) in
the environment, else deploy/publishing.toml (``privacy_policy_url``, and ``[privacy_policy_urls]``
for a language's own page: docs/languages.md says why German and Spanish want one). ``make models``
(deploy/build_models.py) writes them, and the icons' addresses, into every locale of skill.json, so
no locale can be forgotten. Local runs and the test suite accept the placeholder; only the release
check refuses it.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from deploy import build_models

DEPLOY = Path(__file__).resolve().parent
CONFIG = DEPLOY / "publishing.toml"
PACKAGE = DEPLOY / "skill-package"
MANIFEST = PACKAGE / "skill.json"
ENV_VAR = "SKILL_PRIVACY_POLICY_URL"
# Hosts that can never be the real policy: the shipped placeholder and look-alikes.
PLACEHOLDER_HOSTS = ("example.invalid", "example.com", "example.org", "example.net", "localhost")
# The ASK CLI uploads file:// icons from the skill package with the manifest (`ask deploy`).
ICONS = {"smallIconUri": ("assets/images/icon-108.png", 108), "largeIconUri": ("assets/images/icon-512.png", 512)}


LISTING_KEYS = ("name", "summary", "description", "examplePhrases", "keywords")


def policy_url(env: Mapping[str, str] | None = None, config: Path = CONFIG) -> str:
    """The privacy policy's address: the environment's, else deploy/publishing.toml's."""
    env = os.environ if env is None else env
    if env.get(ENV_VAR, "").strip():
        return env[ENV_VAR].strip()
    return str(tomllib.loads(config.read_text())["privacy_policy_url"])


def policy_urls(env: Mapping[str, str] | None = None, config: Path = CONFIG) -> dict[str, str]:
    """Each language's privacy policy address: its own (``SKILL_PRIVACY_POLICY_URL_DE``, else the
    ``[privacy_policy_urls]`` table) where it has one, else the one address of policy_url()."""
    env = os.environ if env is None else env
    default = policy_url(env, config)
    own = tomllib.loads(config.read_text()).get("privacy_policy_urls", {})
    urls = {}
    for lang in build_models.languages():
        from_env = env.get(f"{ENV_VAR}_{lang.upper()}", "").strip()
        urls[lang] = from_env or (default if env.get(ENV_VAR, "").strip() else str(own.get(lang, default)))
    return urls


def listing(lang: str) -> dict[str, Any]:
    """A language's store listing, from deploy/model/<lang>/publishing.json."""
    path = build_models.source(lang) / "publishing.json"
    data: dict[str, Any] = json.loads(path.read_text())
    missing = [key for key in LISTING_KEYS if key not in data]
    if missing:
        raise build_models.ModelSourceError(f"deploy/model/{lang}/publishing.json lacks {missing}")
    return {key: data[key] for key in LISTING_KEYS}


def stamp(manifest: dict[str, Any], urls: Mapping[str, str]) -> dict[str, Any]:
    """The manifest with every language's listing, the policy's address and the icons in each of its
    locales, and the countries those locales are sold in."""
    body = manifest["manifest"]
    published: dict[str, Any] = {}
    policies: dict[str, Any] = {}
    countries: list[str] = []
    for lang, locales in build_models.languages().items():
        info = listing(lang)
        for locale in locales:
            published[locale] = {**info, **{key: f"file://{path}" for key, (path, _) in ICONS.items()}}
            policies[locale] = {"privacyPolicyUrl": urls[lang]}
            countries.append(locale.split("-")[1])
    body["publishingInformation"]["locales"] = published
    body["publishingInformation"]["distributionCountries"] = list(dict.fromkeys(countries))
    body["privacyAndCompliance"]["locales"] = policies
    return manifest


def manifest_text(url: str | Mapping[str, str], source: Path = MANIFEST) -> str:
    """skill.json as `make models` writes it (one address for every language, or one per language)."""
    urls = {lang: url for lang in build_models.languages()} if isinstance(url, str) else url
    return json.dumps(stamp(json.loads(source.read_text()), urls), indent=2, ensure_ascii=False) + "\n"


def png_size(path: Path) -> tuple[int, int] | None:
    """A PNG's width and height from its header, or None when it is not a PNG."""
    head = path.read_bytes()[:24] if path.is_file() else b""
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _address_problems(url: str, lang: str) -> list[str]:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return [f"the {lang} privacy policy address {url!r} is not an https address"]
    if any(parts.hostname == h or parts.hostname.endswith("." + h) for h in PLACEHOLDER_HOSTS):
        return [
            f"the {lang} privacy policy address is the placeholder {url!r}: publish docs/privacy.md and set "
            f"{ENV_VAR} or privacy_policy_url in deploy/publishing.toml"
        ]
    return []


def release_problems(url: str | Mapping[str, str], manifest_path: Path = MANIFEST) -> list[str]:
    """What would make certification refuse the skill package as it stands, in words to act on."""
    languages = build_models.languages()
    urls = {lang: url for lang in languages} if isinstance(url, str) else dict(url)
    problems = [p for lang in languages for p in _address_problems(urls[lang], lang)]
    english = urls[build_models.SOURCE_LANGUAGE]
    for lang in languages:
        if lang != build_models.SOURCE_LANGUAGE and urls[lang] == english:
            problems.append(
                f"the {lang} locales point at the English privacy policy {english!r}: publish it in that "
                f"language and set {ENV_VAR}_{lang.upper()} or [privacy_policy_urls] in deploy/publishing.toml"
            )
    manifest = json.loads(manifest_path.read_text())
    body = manifest["manifest"]
    if not body["privacyAndCompliance"].get("usesPersonalInfo"):
        problems.append("usesPersonalInfo must be true: names, gratitudes and answers are stored")
    policies = body["privacyAndCompliance"]["locales"]
    for lang, locales in languages.items():
        for locale in locales:
            if policies.get(locale, {}).get("privacyPolicyUrl") != urls[lang]:
                problems.append(f"skill.json's {locale} policy address is not {urls[lang]!r}: run `make models`")
    for locale, info in body["publishingInformation"]["locales"].items():
        for key, (path, side) in ICONS.items():
            if info.get(key) != f"file://{path}" or png_size(manifest_path.parent / path) != (side, side):
                problems.append(f"{locale} {key}: a {side}x{side} PNG at {path} (run `make models`)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Refuse a release while the skill package has placeholders.")
    parser.add_argument("--check", action="store_true", help="check the skill package (make release-check)")
    args = parser.parse_args(argv)
    urls = policy_urls()
    if not args.check:
        print("\n".join(f"{lang} {url}" for lang, url in urls.items()))
        return 0
    problems = release_problems(urls)
    for problem in problems:
        print(f"release-check: {problem}", file=sys.stderr)
    if not problems:
        print(f"release-check: ready (privacy policies {', '.join(sorted(set(urls.values())))})")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
