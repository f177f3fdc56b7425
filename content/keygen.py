"""Writes content/phrase_keys.py from the English phrases (content/en/phrases/*.toml), the source
every language mirrors: each key as a ``Literal`` type, its placeholders as the keyword arguments of
``Phrasing.words``/``say``, so mypy (``make check``) refuses an unknown key or a missing placeholder
at the call. ``make phrase-keys`` runs it; tests/test_phrase_types.py fails while the file is stale.
"""

from __future__ import annotations

import string
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "en" / "phrases"
TARGET = ROOT / "phrase_keys.py"
SIGNOFF = "signoff"  # filled in by the skill itself (content/schema.py SIGNOFF)
COUNTED = ("_one", "_many")  # a counted pair: said with ``count`` (content/speech.py counted)


def _placeholders(value: object) -> set[str]:
    if isinstance(value, str):
        return {name for _, name, _, _ in string.Formatter().parse(value) if name}
    if isinstance(value, dict):
        return set().union(*(_placeholders(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_placeholders(v) for v in value))
    return set()


def phrases(source: Path = SOURCE) -> dict[str, frozenset[str]]:
    """Each English phrase key with the placeholders its variants use, in file order."""
    found: dict[str, frozenset[str]] = {}
    for path in sorted(source.glob("*.toml")):
        for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
            found[key] = frozenset(_placeholders(value) - {SIGNOFF})
    return found


def _alias(names: frozenset[str]) -> str:
    return "Says_" + "_".join(sorted(names)) if names else "Plain"


def _literal(keys: list[str], indent: str = "    ") -> str:
    return "Literal[\n" + "".join(f'{indent}"{k}",\n' for k in keys) + "]"


def render(found: dict[str, frozenset[str]]) -> str:
    counted = sorted(
        k.removesuffix("_one") for k in found if k.endswith("_one") and k.removesuffix("_one") + "_many" in found
    )
    families: dict[frozenset[str], list[str]] = {}
    for key, names in found.items():
        families.setdefault(names, []).append(key)
    every = sorted(set().union(*found.values()))
    out = [
        '"""Every phrase key the skill says, with its placeholders: GENERATED from content/en/phrases/*.toml',
        "by content/keygen.py (`make phrase-keys`); do not edit. tests/test_phrase_types.py fails while stale.",
        "",
        "``Phrasing.words``/``say`` take a key of one family below and exactly that family's placeholders",
        "as keyword arguments (any other placeholder a phrase uses may be passed too, for a key picked among",
        "several), so mypy refuses an unknown key or a missing placeholder; the loader refuses a phrase file",
        'with a key not listed here, or a text whose placeholders are not its key\'s."""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Mapping",
        "from typing import Literal, TypeAlias, overload",
        "",
        "from content import speech",
        "",
        "PHRASES: dict[str, frozenset[str]] = {",
        *(f'    "{k}": frozenset({sorted(v)!r}),' if v else f'    "{k}": frozenset(),' for k, v in found.items()),
        "}",
        "",
        f"PhraseKey: TypeAlias = {_literal(list(found))}",
        "# Counted words: ``count(key, n)`` says ``<key>_one`` or ``<key>_many`` with {n}.",
        f"CountKey: TypeAlias = {_literal(counted)}",
        "",
    ]
    for names, keys in families.items():
        out.append(f"{_alias(names)}: TypeAlias = {_literal(keys)}")
    out += [
        "",
        "",
        "class Phrasing:",
        '    """Typed access to the phrases: a class that says them (``intents.base.Turn``) implements',
        '    ``phrase``: the text of ``key`` (a variant picked for ``rotation``) with ``values`` filled in."""',
        "",
        "    def phrase(self, key: str, rotation: int, values: Mapping[str, object]) -> str:",
        "        raise NotImplementedError",
        "",
    ]
    for method, body in (
        ("words", "return self.phrase(key, rotation, values)"),
        ("say", "return speech.text(self.phrase(key, rotation, values))"),
    ):
        for names in families:
            optional = [n for n in every if n not in names]
            params = ["self", f"key: {_alias(names)}", "rotation: int = -1"]
            if names or optional:
                params.append("*")
            params += [f"{n}: object" for n in sorted(names)] + [f"{n}: object = ..." for n in optional]
            out += ["    @overload", f"    def {method}({', '.join(params)}) -> str: ...", ""]
        doc = (
            "A phrase as plain text (cards; speech through ``say``)."
            if method == "words"
            else "``words`` escaped for SSML (values are escaped with it)."
        )
        out += [
            f"    def {method}(self, key: PhraseKey, rotation: int = -1, **values: object) -> str:",
            f'        """{doc}"""',
            f"        {body}",
            "",
        ]
    out += [
        "    def count(self, key: CountKey, n: int) -> str:",
        '        """``n`` of something in words ("1 day", "3 days"): ``<key>_one`` or ``<key>_many`` with {n}."""',
        '        return self.phrase(speech.counted(key, n), -1, {"n": n})',
        "",
    ]
    return "\n".join(out)


def main() -> int:
    TARGET.write_text(render(phrases()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
