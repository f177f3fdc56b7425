"""Load the rules that tell a partner's answer from an aside (content/en/hearing/turns.toml), and the
one way a turn's words are compared: lower case, no punctuation, contractions spelled out.

The rules are data so that a new everyday way of saying "give me a sec" is a content change; the
decision itself is skill/domain/hearing.py.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from content.schema import ASIDE_KINDS, AsideRule, ContentError, TurnRules, Words

RULES_FILE = Path(__file__).resolve().parent / "en" / "hearing" / "turns.toml"
_NAME = "hearing/turns.toml"

# A spoken word: letters (any language's: "für", "sí", "año"), digits and inner apostrophes (curly
# ones are made straight first).
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# A sound drawn out in writing ("ummmm", "hmmmm") is compared as its short form ("umm", "hmm").
_DRAWN_OUT = re.compile(r"([^\W\d_])\1{2,}")


def compared(token: str, contractions: Mapping[str, Words]) -> Words:
    """One spoken token as it is compared: "I'm," -> ("i", "am"); punctuation alone -> ()."""
    plain = _DRAWN_OUT.sub(r"\1\1", token.lower().replace("\u2019", "'").replace("\u2018", "'"))
    found = _WORD.findall(plain)
    out: list[str] = []
    for word in found:
        out.extend(contractions.get(word, (word,)))
    return tuple(out)


def phrase(text: str, contractions: Mapping[str, Words]) -> Words:
    return tuple(w for token in text.split() for w in compared(token, contractions))


def _texts(table: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(_NAME, f"{where}.{key}", "must be a list of texts")
    return list(value)


def _phrases(table: Mapping[str, Any], key: str, where: str, contractions: Mapping[str, Words]) -> frozenset[Words]:
    return frozenset(phrase(t, contractions) for t in _texts(table, key, where))


def _shapes(table: Mapping[str, Any], where: str) -> tuple[re.Pattern[str], ...]:
    shapes = []
    for n, text in enumerate(_texts(table, "shapes", where)):
        try:
            shapes.append(re.compile(text))
        except re.error as err:
            raise ContentError(_NAME, f"{where}.shapes[{n}]", f"is not a regular expression ({err})") from err
    return tuple(shapes)


def load_turn_rules(path: Path = RULES_FILE) -> TurnRules:
    """The rules, checked: every kind of aside once, in ASIDE_KINDS order, each with phrases or shapes.
    (An error names the file "hearing/turns.toml"; the loader adds the language.)"""
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ContentError(_NAME, "file", f"is not readable TOML ({err})") from err
    raw = data.get("contractions", {})
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise ContentError(_NAME, "contractions", "must map a word to its spelled-out words")
    contractions = {k.lower(): tuple(v.split()) for k, v in raw.items()}
    filler = data.get("filler", {})
    if not isinstance(filler, dict):
        raise ContentError(_NAME, "filler", "must be a table")
    asides = data.get("aside", [])
    if not isinstance(asides, list) or [a.get("kind") for a in asides] != list(ASIDE_KINDS):
        raise ContentError(_NAME, "aside", f"must list the kinds {list(ASIDE_KINDS)}, once each, in that order")
    rules = []
    for table in asides:
        where = f"aside {table['kind']}"
        rule = AsideRule(table["kind"], _phrases(table, "phrases", where, contractions), _shapes(table, where))
        if not rule.phrases and not rule.shapes:
            raise ContentError(_NAME, where, "needs phrases or shapes")
        rules.append(rule)
    readback = data.get("readback", {})
    if not isinstance(readback, dict):
        raise ContentError(_NAME, "readback", "must be a table")
    word_before = filler.get("word_before", {})
    if not isinstance(word_before, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in word_before.values()
    ):
        raise ContentError(_NAME, "filler.word_before", "must map a filler word to the words that make it a word")
    return TurnRules(
        contractions=contractions,
        thinking=_phrases(filler, "thinking", "filler", contractions),
        start=_phrases(filler, "start", "filler", contractions),
        end=_phrases(filler, "end", "filler", contractions),
        between=_phrases(filler, "between", "filler", contractions),
        asides=tuple(rules),
        clause_starts=frozenset(w.lower() for w in _texts(readback, "clause_starts", "readback")),
        hanging=frozenset(w.lower() for w in _texts(readback, "hanging", "readback")),
        word_before={k.lower(): frozenset(w.lower() for w in v) for k, v in word_before.items()},
    )
