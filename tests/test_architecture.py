"""The layers docs/architecture.md draws hold in the code, and stay small enough to read."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
# A long module is a smell to look at, not a rule to satisfy (../shared/STYLE.md): modules are split by
# concept, and this bound only catches one that has grown far past any single idea.
MAX_MODULE_LINES = 450
OWN_CODE = ("skill", "intents", "content", "bench", "deploy", "devtools", "tests")


def test_the_import_contracts_hold() -> None:
    """import-linter's contracts (pyproject.toml): an import running up a layer fails here."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert re.search(r"Contracts: (\d+) kept, 0 broken", done.stdout), done.stdout[-2000:]


@pytest.mark.parametrize(
    ("line", "arrow"),
    [
        ("from skill.store import keys", "skill.domain.streak -> skill.store.keys"),  # up a layer
        ("from devtools import envelopes", "skill.domain.streak -> devtools.envelopes"),  # a local tool shipped
    ],
)
def test_a_contract_broken_on_purpose_is_caught(tmp_path: Path, line: str, arrow: str) -> None:
    """The contracts are live: a domain module importing the store (an upward arrow), or anything that
    ships importing the local tools, breaks them."""
    config = (ROOT / "pyproject.toml").read_text()
    shadow = tmp_path / "tree"
    for package in ("skill", "intents", "content", "devtools"):
        shutil.copytree(ROOT / package, shadow / package, ignore=shutil.ignore_patterns("__pycache__"))
    (shadow / "pyproject.toml").write_text(config)
    with (shadow / "skill" / "domain" / "streak.py").open("a") as f:
        f.write(f"\n{line}  # noqa\n")
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"],
        cwd=shadow,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(shadow), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode != 0
    assert arrow in done.stdout


# Written by a generator, held to it by its own test (content/keygen.py, tests/test_phrase_types.py).
GENERATED = {"content/phrase_keys.py"}


def test_no_module_has_grown_past_one_idea() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for folder in OWN_CODE
        for path in (ROOT / folder).rglob("*.py")
        if str(path.relative_to(ROOT)) not in GENERATED and (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split these modules (docs/architecture.md): {long}"


def test_the_map_names_every_layer_folder_and_only_real_modules() -> None:
    """Every module path the doc names exists, and every layer folder of skill/ is on the map."""
    text = DOC.read_text()
    named = set(re.findall(r"\b((?:skill|intents|content)/[\w/]*\w\.py)\b", text))
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"
    folders = {p.name for p in (ROOT / "skill").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    unmapped = sorted(f for f in folders if f"skill/{f}/" not in text)
    assert not unmapped, f"layer folders missing from docs/architecture.md: {unmapped}"
