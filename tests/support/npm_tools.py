"""Node tools the suite checks with, installed from the npm registry the way DynamoDB Local is.

    python tests/support/npm_tools.py apl-suggester      (make test, before the suite)

Each tool is a folder with a package.json (tests/apl/ for Amazon's APL validator); it is installed
into .local/<name>/ once and reused. ``--ignore-scripts``: nothing runs at install time, so the
install touches nothing but the registry. Without npm a test that needs a tool is skipped, except
on CI (``CI=true``), where a skipped check would pass unseen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / ".local"
TOOLS = {"apl-suggester": ROOT / "tests" / "apl"}


class NoNpm(RuntimeError):
    """npm is not on PATH."""


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def npm_install(package_dir: Path, prefix: Path) -> Path:
    """Installs ``package_dir``'s package.json into ``prefix`` (its node_modules); reused when done."""
    if shutil.which("npm") is None:
        raise NoNpm("npm is not installed (apt-get install -y nodejs npm)")
    wanted = json.loads((package_dir / "package.json").read_text())
    prefix.mkdir(parents=True, exist_ok=True)
    stamp = prefix / ".installed.json"
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted and (prefix / "node_modules").is_dir():
        return prefix / "node_modules"
    (prefix / "package.json").write_text(json.dumps(wanted, indent=2) + "\n")
    subprocess.run(
        ["npm", "install", "--prefix", str(prefix), "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
        cwd=prefix,
    )
    stamp.write_text(json.dumps(wanted))
    return prefix / "node_modules"


def install(name: str) -> Path:
    return npm_install(TOOLS[name], LOCAL / name)


def main(argv: list[str]) -> int:
    for name in argv or list(TOOLS):
        try:
            print(f"{name}: {install(name)}")
        except NoNpm as err:
            print(f"{name}: skipped, {err}", file=sys.stderr)
            return 2 if on_ci() else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
