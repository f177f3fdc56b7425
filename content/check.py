"""`make check`'s content step: every language of content/languages.toml loads (its parity with
English, no two practices whose names collide once normalised, spoken lengths), and
content/phrase_keys.py is what `make phrase-keys` would write from content/en/phrases."""

from __future__ import annotations

import sys
from pathlib import Path

from content.keygen import TARGET, phrases, render
from content.languages import load_languages, read_languages
from content.schema import ContentError


def main(root: Path | None = None) -> int:
    try:
        load_languages(root)
    except ContentError as err:
        print(f"content: {err}", file=sys.stderr)
        return 1
    if TARGET.read_text(encoding="utf-8") != render(phrases()):
        print("content: content/phrase_keys.py is stale: run `make phrase-keys`", file=sys.stderr)
        return 1
    print(f"content: {', '.join(read_languages())} load and match English")
    return 0


if __name__ == "__main__":
    sys.exit(main())
