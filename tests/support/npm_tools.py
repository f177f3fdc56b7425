"""Node tools the suite checks with, from the npm registry by the one installer (devtools/npm.py).

    PYTHONPATH=. python tests/support/npm_tools.py                  (every tool)
    PYTHONPATH=. python tests/support/npm_tools.py virtual-alexa    (one: make virtual-alexa, make node-tools)

Amazon's APL validator is pinned by a folder with a package.json (tests/apl/) and installed with
``--ignore-scripts`` (nothing runs at install time, only the registry is read); virtual-alexa is one
pinned package (tests/support/virtual_alexa.py). Each goes into .local/<name>/ once and is reused.
Without npm a test that needs a tool is skipped, except on CI (``CI=true``), where a skipped check
would pass unseen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from devtools import npm
from devtools.npm import NoNpm as NoNpm

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".local"
VIRTUAL_ALEXA = "virtual-alexa@0.7.8"


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def install(name: str) -> Path:
    """The tool's node_modules under .local/<name>/, installed the first time."""
    if name == "apl-suggester":
        return npm.install(LOCAL / name, manifest=ROOT / "tests" / "apl", scripts=False)
    if name == "virtual-alexa":
        return npm.install(LOCAL / name, package=VIRTUAL_ALEXA)
    raise KeyError(f"no such tool: {name}")


TOOLS = ("apl-suggester", "virtual-alexa")


def main(argv: list[str]) -> int:
    for name in argv or TOOLS:
        try:
            print(f"{name}: {install(name)}")
        except NoNpm as err:
            print(f"{name}: skipped, {err}", file=sys.stderr)
            return 2 if on_ci() else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
