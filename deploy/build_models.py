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
    types.append(practice_slot_type())
    for name in base["builtinIntents"]:
        intents.append({"name": name, "samples": []})
    model = {"interactionModel": {"languageModel": {
        "invocationName": base["invocationName"], "intents": intents, "types": types}}}
    text = json.dumps(model, indent=2, ensure_ascii=False) + "\n"
    return {f"{locale}.json": text for locale in base["locales"]}


def practice_slot_type() -> dict[str, Any]:
    """The PracticeName slot type, generated from the content: one value per practice (id = practice
    id), its name without "the" as the value, and its full name, title and synonyms as synonyms. Adding
    a step is a content change plus `make models`."""
    sys.path.insert(0, str(DEPLOY.parent))
    from content.loader import load_catalogue

    values = []
    for practice in load_catalogue().practices:
        names = [practice.name, practice.title, *practice.synonyms]
        spoken = list(dict.fromkeys(" ".join(n.lower().split()) for n in names))
        value = spoken[0].removeprefix("the ").removeprefix("a ").removeprefix("an ")
        synonyms = [n for n in spoken if n != value]
        values.append({"id": practice.id, "name": {"value": value, "synonyms": synonyms}})
    return {"name": "PracticeName", "values": values}


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name, text in build().items():
        (OUTPUT / name).write_text(text)
        print(f"wrote {OUTPUT / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
