"""An independent ear for the interaction model: the npm package ``virtual-alexa`` (Bespoken's Alexa
simulator), which resolves an utterance against a model exactly as its samples and slot values
allow, and nothing more. It is not `make chat`'s matcher (devtools/chat_match.py), so a phrasing test
built on it checks the generated model, not our own reading of it.

Installed by the suite's npm tools (tests/support/npm_tools.py, `make virtual-alexa`): from the npm
registry into .local/virtual-alexa, once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from devtools.npm import SetupError

from support import npm_tools

MATCH_SCRIPT = Path(__file__).resolve().parent / "virtual_alexa_match.js"


def install() -> Path:
    """virtual-alexa's node_modules, fetched the first time."""
    return npm_tools.install("virtual-alexa")


def resolve(model: Path, phrases: list[str]) -> list[tuple[str | None, str | None]]:
    """For each phrase, the intent virtual-alexa resolves it to and the sample that matched (None
    and None when no sample matches)."""
    if shutil.which("node") is None:
        raise SetupError("node is needed to run virtual-alexa: install Node.js (apt-get install -y nodejs)")
    done = subprocess.run(
        ["node", str(MATCH_SCRIPT), str(install()), str(model)],
        input=json.dumps(phrases),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    found: list[list[str | None]] = json.loads(done.stdout)
    return [(intent, sample) for intent, sample in found]
