"""Words are data: every word a couple hears or reads comes from content/, chosen once per request."""

from __future__ import annotations

import ast
import copy
import re
from datetime import UTC, datetime
from pathlib import Path

from flask.testing import FlaskClient

from content.loader import load_catalogue
from content.phrase_keys import PHRASES
from content.schema import SIGNOFF  # {signoff} is filled in by Turn.words itself

from alexa import Conversation, speech_text

ROOT = Path(__file__).resolve().parent.parent
AT = datetime(2026, 11, 25, 19, 30, tzinfo=UTC)
# Calls whose string arguments are for developers (logs, errors) or are patterns, not words for a couple.
_NOT_WORDS = {"log", "debug", "info", "warning", "error", "exception", "compile", "sub", "match", "RuntimeError"}
_WORDS = re.compile(r"[A-Za-z]{2,}[,:;.!?]?\s+[A-Za-z]{2,}")  # two words or more: a sentence or a label


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _NOT_WORDS:
                skip.update(id(n) for arg in node.args for n in ast.walk(arg))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_no_words_for_a_couple_are_written_in_the_conversation_code() -> None:
    """Speech and cards alike come from content/phrases (Turn.say / Turn.words / Turn.count)."""
    found = [
        f"{path.name}:{line}: {text!r}"
        for path in sorted((ROOT / "intents").glob("*.py"))
        for line, text in _literals(ast.parse(path.read_text()))
        if _WORDS.search(text)
    ]
    assert not found, "move these to content/phrases:\n" + "\n".join(found)


def test_every_phrase_is_said_somewhere_and_every_said_phrase_exists() -> None:
    """No stale phrase lingers in content, and none is asked for that content lacks."""
    code = "\n".join(p.read_text() for folder in ("intents", "skill") for p in (ROOT / folder).rglob("*.py"))
    counted = set(re.findall(r'count\("(\w+)"', code))
    built = tuple(re.findall(r'say\(f"(\w+)\{', code))  # keys made from a phase, e.g. help_in_<phase>
    used = {SIGNOFF} | {
        k
        for k in PHRASES
        if f'"{k}"' in code or f"'{k}'" in code or k.rsplit("_", 1)[0] in counted or k.startswith(built)
    }
    assert sorted(set(PHRASES) - used) == []
    phrases = load_catalogue().phrases
    asked = set(re.findall(r"\b(?:say|words)\([\"'](\w+)[\"']", code)) | {
        f"{k}_{n}" for k in counted for n in ("one", "many")
    }
    assert sorted(asked - set(phrases.variants)) == []


def test_a_phrase_is_picked_once_per_request_so_card_speech_and_redelivery_agree(client: FlaskClient) -> None:
    """An empty week's summary has several wordings. Whichever the request id picks, the card shows
    the words that were spoken, and the same request delivered again is answered in the same words."""
    seen = set()
    for n in range(12):
        c = Conversation(client)
        env = c.envelope("intent", AT, intent="WeeklySummaryIntent", request_id=f"rid-{n}")
        first = c.post(copy.deepcopy(env))
        again = c.post(copy.deepcopy(env))
        said = speech_text(first)
        card = first["response"]["card"]["text"]
        assert said == speech_text(again) and card == again["response"]["card"]["text"]
        assert card.split("\n")[0] in said
        seen.add(card.split("\n")[0])
    assert len(seen) >= 2, "the phrase has variants; twelve request ids should meet more than one"
