"""Generate the interaction models in deploy/skill-package from their one source, deploy/model/.

``base.json`` names the invocation, the locales and the built-in intents; each file in
``intents/`` holds one conversation's custom intents and slot types. Run ``make models`` after
editing the source; a test fails while the generated files are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DEPLOY = Path(__file__).resolve().parent
SOURCE = DEPLOY / "model"
OUTPUT = DEPLOY / "skill-package" / "interactionModels" / "custom"


def build() -> dict[str, str]:
    """Every generated file's name and text."""
    base = json.loads((SOURCE / "base.json").read_text())
    intents: list[dict[str, Any]] = []
    types: list[dict[str, Any]] = []
    for fragment in sorted((SOURCE / "intents").glob("*.json")):
        data = json.loads(fragment.read_text())
        intents += data.get("intents", [])
        types += data.get("types", [])
    for name in base["builtinIntents"]:
        intents.append({"name": name, "samples": []})
    model = {"interactionModel": {"languageModel": {
        "invocationName": base["invocationName"], "intents": intents, "types": types}}}
    text = json.dumps(model, indent=2, ensure_ascii=False) + "\n"
    return {f"{locale}.json": text for locale in base["locales"]}


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, text in build().items():
        (OUTPUT / name).write_text(text)
        print(f"wrote {OUTPUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
