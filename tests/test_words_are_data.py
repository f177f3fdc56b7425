"""Words are data: every word a couple hears or reads comes from content/, chosen once per request."""

from __future__ import annotations

import ast
import copy
import re
from datetime import UTC
from pathlib import Path

from flask.testing import FlaskClient

from content.phrase_keys import PHRASES
from content.schema import SIGNOFF  # {signoff} is filled in by Turn.words itself

from support.alexa import Conversation, speech_text
from support.today import WEDNESDAY, coming_at

ROOT = Path(__file__).resolve().parent.parent
AT = coming_at(WEDNESDAY, 19, 30, UTC)  # derived from today (tests/support/today.py)
# Calls whose string arguments are for developers (logs, errors, HTTP refusals) or are patterns, not
# words for a couple; and keyword arguments that are DynamoDB expressions.
_NOT_WORDS = {"log", "debug", "info", "warning", "error", "exception", "compile", "sub", "match", "print", "_bad"}
_DEVELOPER_SUFFIXES = ("Error", "Exception", "Exceeded", "Unavailable", "BadRequest", "Reply")
# Functions whose every string is for developers: a refusal's reason for the log, a verifier's policy.
# An exception's own ``__str__`` is its text for the log.
_DEVELOPER_FUNCTIONS = {"_chain_failure_reason", "policy", "__str__"}
_WORDS = re.compile(r"[A-Za-z]{2,}[,:;.!?]?\s+[A-Za-z]{2,}")  # two words or more: a sentence or a label
_WORD = re.compile(r"^[\"'(]?[A-Za-z]{2,}[,:;.!?)]?$")  # one whitespace-separated token that is a word
# The one place in skill/ a line of words for developers is neither an error nor a log: botocore's
# payload messages that the log filter drops, and the profile packer's deflate dictionary (field names).
_DEVELOPER_CONSTANTS = {"_PAYLOAD_MESSAGES", "_WORDS_1", "fmt", "CACHE_CONTROL"}


def _callee(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def _for_developers(node: ast.AST) -> bool:
    """A subtree whose strings are for developers, not a couple."""
    if isinstance(node, ast.Raise):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True  # a bare string (a docstring, an attribute's description): never said
    if isinstance(node, ast.FunctionDef):
        return node.name in _DEVELOPER_FUNCTIONS
    if isinstance(node, ast.Call):
        name = _callee(node)
        return name in _NOT_WORDS or name.endswith(_DEVELOPER_SUFFIXES)
    if isinstance(node, ast.keyword):
        return bool(node.arg and node.arg.endswith("Expression"))
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Subscript):
        key = node.target.slice
        return isinstance(key, ast.Constant) and str(key.value).endswith("Expression")
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any((isinstance(t, ast.Name) and t.id in _DEVELOPER_CONSTANTS) or _expression_key(t) for t in targets)
    return False


def _expression_key(node: ast.AST) -> bool:
    """``x["ConditionExpression"]``: a DynamoDB expression, as in a keyword argument of that name."""
    if not isinstance(node, ast.Subscript):
        return False
    key = node.slice
    return isinstance(key, ast.Constant) and str(key.value).endswith("Expression")


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string a couple could hear or read: constants, and each f-string as its literal pieces
    joined (so f"{n} DAY STREAK" and f"{a} and {b} are {c}" count as words, whatever the pieces)."""
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
        if _for_developers(node):
            skip.update(id(n) for n in ast.walk(node) if n is not node or isinstance(node, ast.Raise | ast.Expr))
        if isinstance(node, ast.Dict):  # {"ConditionExpression": "..."}: a DynamoDB expression
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and str(key.value).endswith("Expression"):
                    skip.update(id(n) for n in ast.walk(value))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            pieces = [v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else " " for v in node.values]
            skip.update(id(v) for v in node.values)
            text = "".join(pieces)
            if sum(1 for token in text.split() if _WORD.match(token)) >= 2:
                found.append((node.lineno, text))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _WORDS.search(node.value):
            found.append((node.lineno, node.value))
    return found


def _code_files() -> list[Path]:
    return sorted([*(ROOT / "intents").glob("*.py"), *(ROOT / "skill").rglob("*.py")])


def test_no_words_for_a_couple_are_written_in_the_code() -> None:
    """Speech, cards, screens and images alike come from content/ (Turn.say / Turn.words / Turn.count,
    the strip's labels): intents/ and skill/ hold no sentence or label for a couple."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in _code_files()
        for line, text in _literals(ast.parse(path.read_text()))
    ]
    assert not found, "move these to content/:\n" + "\n".join(found)


def test_the_check_sees_words_however_they_are_written() -> None:
    caught = _literals(
        ast.parse(
            'a = f"{n} DAY STREAK"\n'
            'b = f"{x} and {y} are {z}"\n'
            'c = "Sleep well, you two."\n'
            'raise ValueError("a message for developers")\n'
            'log.info("a line for the log")\n'
            'd = f"{x} {y}"\n'
        )
    )
    assert [line for line, _ in caught] == [1, 2, 3]


def _real_uses() -> tuple[set[str], set[str], tuple[str, ...]]:
    """What the code really uses, read from its syntax tree (comments and docstrings say nothing):
    every string constant; the keys given to ``count``; the prefixes of keys built in an f-string
    (``say(f"help_in_{phase}")``). That every key said exists, with its placeholders, mypy holds
    (content/phrase_keys.py, tests/test_phrase_types.py)."""
    constants: set[str] = set()
    counted: set[str] = set()
    built: list[str] = []
    for path in _code_files():
        tree = ast.parse(path.read_text())
        docs = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                constants.add(node.value)
            if not (isinstance(node, ast.Call) and node.args):
                continue
            first, name = node.args[0], _callee(node)
            if isinstance(first, ast.Call) and _callee(first) == "cast" and len(first.args) == 2:
                first = first.args[1]  # say(cast(Plain, f"help_in_{phase}")): a key built, typed by hand
            if name == "count" and isinstance(first, ast.Constant) and str(first.value).isidentifier():
                counted.add(str(first.value))  # turn.count("word_days", n), not a str.count("[")
            if name in ("say", "words") and isinstance(first, ast.JoinedStr):
                head = first.values[0]
                if isinstance(head, ast.Constant):
                    built.append(str(head.value))
    return constants, counted, tuple(built)


def test_every_phrase_is_said_somewhere() -> None:
    """No stale phrase lingers in content. Only real uses count: a key named in a comment or a
    docstring is not said."""
    constants, counted, built = _real_uses()
    used = {SIGNOFF} | {
        k for k in PHRASES if k in constants or k.rsplit("_", 1)[0] in counted or (built and k.startswith(built))
    }
    assert sorted(set(PHRASES) - used) == []


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
