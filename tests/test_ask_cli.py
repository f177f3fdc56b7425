"""Deployment route 2's ASK CLI install (docs/deployment.md) works on this machine's Node (issue 24, item 7).

Runs the page's own lines, in a throwaway home folder, so the page cannot drift from what works:
`ask --version` must print the version deploy/ask-cli/package.json pins. The install reads only the
npm registry (npm's cache is shared with the real home, so a second run downloads nothing). Without
npm the test skips, except with CI=true.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from support import npm_tools

GUIDE = ROOT / "docs" / "deployment.md"
PINS = ROOT / "deploy" / "ask-cli" / "package.json"


def install_lines() -> str:
    """The shell block under route 2's "Install the ASK CLI" step."""
    text = GUIDE.read_text()
    step = text.index("**Install the ASK CLI**")
    block = re.search(r"```sh\n(.*?)```", text[step:], re.S)
    assert block is not None, "route 2 shows no install commands"
    return "\n".join(line.strip() for line in block.group(1).splitlines())


def npm_config(key: str) -> str:
    return subprocess.run(["npm", "config", "get", key], capture_output=True, text=True, check=True).stdout.strip()


def test_the_readme_installs_an_ask_cli_that_starts(tmp_path: Path) -> None:
    if shutil.which("npm") is None:
        if npm_tools.on_ci():
            pytest.fail("CI=true and npm is not installed: route 2 of docs/deployment.md would go unchecked")
        pytest.skip("npm is not installed")
    pins = json.loads(PINS.read_text())
    assert pins["overrides"] == {"antlr4ts": "0.5.0-alpha.4"}
    # The user's npm settings (registry, certificates) and cache still apply; only HOME is fresh.
    config = {key: npm_config(key) for key in ("cache", "userconfig")}
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", install_lines()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={
            **os.environ,
            "HOME": str(tmp_path),
            "npm_config_cache": config["cache"],
            "npm_config_userconfig": config["userconfig"],
            "npm_config_update_notifier": "false",
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == pins["dependencies"]["ask-cli"]
    installed = tmp_path / ".local" / "ask-cli" / "node_modules" / "antlr4ts" / "package.json"
    assert json.loads(installed.read_text())["version"] == "0.5.0-alpha.4"
