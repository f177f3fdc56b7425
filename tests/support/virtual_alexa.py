"""An independent ear for the interaction model: the npm package ``virtual-alexa`` (Bespoken's Alexa
simulator), which resolves an utterance against a model exactly as its samples and slot values
allow, and nothing more. It is not `make chat`'s matcher (devtools/chat_match.py), so a phrasing test
built on it checks the generated model, not our own reading of it.

Installed like DynamoDB Local (devtools/dynamodb_local.py): from the npm registry into .local/, once.

CLI (used by the Makefile):
    python tests/support/virtual_alexa.py install
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALL_DIR = ROOT / ".local" / "virtual-alexa"
NPM_PACKAGE = "virtual-alexa@0.7.8"
MATCH_SCRIPT = Path(__file__).resolve().parent / "virtual_alexa_match.js"


class SetupError(RuntimeError):
    """A missing prerequisite, said in words a developer can act on."""


def installed(install_dir: Path = INSTALL_DIR) -> bool:
    return (install_dir / "node_modules" / "virtual-alexa" / "package.json").is_file()


def install(install_dir: Path = INSTALL_DIR) -> Path:
    """Fetch the simulator once; later calls reuse it."""
    if installed(install_dir):
        return install_dir
    if shutil.which("npm") is None:
        raise SetupError("npm is needed to fetch virtual-alexa: install Node.js (apt-get install -y nodejs npm)")
    install_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(install_dir), "--no-audit", "--no-fund", "--loglevel=error", NPM_PACKAGE],
        check=True,
    )
    if not installed(install_dir):
        raise SetupError(f"{NPM_PACKAGE} installed but not found under {install_dir}")
    return install_dir


def resolve(model: Path, phrases: list[str], install_dir: Path = INSTALL_DIR) -> list[tuple[str | None, str | None]]:
    """For each phrase, the intent virtual-alexa resolves it to and the sample that matched (None
    and None when no sample matches)."""
    if shutil.which("node") is None:
        raise SetupError("node is needed to run virtual-alexa: install Node.js (apt-get install -y nodejs)")
    done = subprocess.run(
        ["node", str(MATCH_SCRIPT), str(install_dir / "node_modules"), str(model)],
        input=json.dumps(phrases),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found: list[list[str | None]] = json.loads(done.stdout)
    return [(intent, sample) for intent, sample in found]


def main(argv: list[str]) -> int:
    if argv[1:] != ["install"]:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        print(f"virtual-alexa: {install()}")
    except SetupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
