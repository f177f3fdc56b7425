"""What the skill publishes beside its code: the privacy policy's address, the store icons, and the
check that refuses a release while any of them is still a placeholder.

    python -m deploy.publishing --check        (make release-check)

The policy's address is set in ONE place: ``SKILL_PRIVACY_POLICY_URL`` in the environment, else
``privacy_policy_url`` in deploy/publishing.toml. ``make models`` (deploy/build_models.py) writes it,
and the icons' addresses, into every locale of skill.json, so no locale can be forgotten. Local runs
and the test suite accept the placeholder; only the release check refuses it.
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

DEPLOY = Path(__file__).resolve().parent
CONFIG = DEPLOY / "publishing.toml"
PACKAGE = DEPLOY / "skill-package"
MANIFEST = PACKAGE / "skill.json"
ENV_VAR = "SKILL_PRIVACY_POLICY_URL"
# Hosts that can never be the real policy: the shipped placeholder and look-alikes.
PLACEHOLDER_HOSTS = ("example.invalid", "example.com", "example.org", "example.net", "localhost")
# The ASK CLI uploads file:// icons from the skill package with the manifest (`ask deploy`).
ICONS = {"smallIconUri": ("assets/images/icon-108.png", 108), "largeIconUri": ("assets/images/icon-512.png", 512)}


def policy_url(env: Mapping[str, str] | None = None, config: Path = CONFIG) -> str:
    """The privacy policy's address: the environment's, else deploy/publishing.toml's."""
    env = os.environ if env is None else env
    if env.get(ENV_VAR, "").strip():
        return env[ENV_VAR].strip()
    return str(tomllib.loads(config.read_text())["privacy_policy_url"])


def stamp(manifest: dict[str, Any], url: str) -> dict[str, Any]:
    """The manifest with the policy's address and the icons in every published locale."""
    body = manifest["manifest"]
    for locale, info in body["publishingInformation"]["locales"].items():
        for key, (path, _) in ICONS.items():
            info[key] = f"file://{path}"
        body["privacyAndCompliance"]["locales"].setdefault(locale, {})["privacyPolicyUrl"] = url
    return manifest


def manifest_text(url: str, source: Path = MANIFEST) -> str:
    """skill.json as `make models` writes it."""
    return json.dumps(stamp(json.loads(source.read_text()), url), indent=2, ensure_ascii=False) + "\n"


def png_size(path: Path) -> tuple[int, int] | None:
    """A PNG's width and height from its header, or None when it is not a PNG."""
    head = path.read_bytes()[:24] if path.is_file() else b""
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def release_problems(url: str, manifest_path: Path = MANIFEST) -> list[str]:
    """What would make certification refuse the skill package as it stands, in words to act on."""
    problems = []
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        problems.append(f"the privacy policy address {url!r} is not an https address")
    elif any(parts.hostname == h or parts.hostname.endswith("." + h) for h in PLACEHOLDER_HOSTS):
        problems.append(
            f"the privacy policy address is the placeholder {url!r}: publish docs/privacy.md and set "
            f"{ENV_VAR} or privacy_policy_url in deploy/publishing.toml"
        )
    manifest = json.loads(manifest_path.read_text())
    body = manifest["manifest"]
    if not body["privacyAndCompliance"].get("usesPersonalInfo"):
        problems.append("usesPersonalInfo must be true: names, gratitudes and answers are stored")
    for locale, info in body["privacyAndCompliance"]["locales"].items():
        if info.get("privacyPolicyUrl") != url:
            problems.append(f"skill.json's {locale} policy address is not {url!r}: run `make models`")
    for locale, info in body["publishingInformation"]["locales"].items():
        for key, (path, side) in ICONS.items():
            if info.get(key) != f"file://{path}" or png_size(manifest_path.parent / path) != (side, side):
                problems.append(f"{locale} {key}: a {side}x{side} PNG at {path} (run `make models`)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Refuse a release while the skill package has placeholders.")
    parser.add_argument("--check", action="store_true", help="check the skill package (make release-check)")
    args = parser.parse_args(argv)
    url = policy_url()
    if not args.check:
        print(url)
        return 0
    problems = release_problems(url)
    for problem in problems:
        print(f"release-check: {problem}", file=sys.stderr)
    if not problems:
        print(f"release-check: ready (privacy policy {url})")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
