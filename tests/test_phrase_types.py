"""Phrase keys are types: content/phrase_keys.py is generated from the English phrases, and mypy
(``make check``) refuses a ``say``/``words``/``count`` call with an unknown key, a missing
placeholder or a placeholder no phrase has."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

from content import keygen

ROOT = Path(__file__).resolve().parent.parent


def test_the_generated_phrase_keys_are_the_english_contents_own() -> None:
    fresh = keygen.render(keygen.phrases())
    assert keygen.TARGET.read_text(encoding="utf-8") == fresh, "content/phrase_keys.py is stale: make phrase-keys"


def test_a_new_phrase_appears_in_the_generated_types(tmp_path: Path) -> None:
    (tmp_path / "extra.toml").write_text('walk_extra = "Step {number} of {count}."\n', encoding="utf-8")
    text = keygen.render({**keygen.phrases(), **keygen.phrases(tmp_path)})
    assert '    "walk_extra",\n' in text and "\"walk_extra\": frozenset(['count', 'number'])," in text


CALLS = {
    "fine": 'turn.say("walk_step", number=2) + turn.words("help") + turn.count("count_days", 3)',
    "misspelt key": 'turn.say("walk_stpe", number=2)',
    "missing placeholder": 'turn.say("walk_step")',
    "unknown placeholder": 'turn.say("walk_step", number=2, nmber=2)',
    "count of a phrase that is not counted": 'turn.count("walk_step", 3)',
}


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")  # shared: the cases after the first run warm


def _mypy(call: str, tmp_path: Path, cache: Path) -> tuple[str, int]:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from content.phrase_keys import Phrasing\n\n\ndef said(turn: Phrasing) -> str:\n    return " + call + "\n",
        encoding="utf-8",
    )
    out, _, status = api.run(
        ["--strict", "--no-error-summary", "--cache-dir", str(cache), "--follow-imports=silent", str(snippet)]
    )
    return out, status


@pytest.mark.parametrize("case", list(CALLS))
def test_mypy_holds_each_call_to_its_phrase(
    case: str, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out, status = _mypy(CALLS[case], tmp_path, cache)
    if case == "fine":
        assert status == 0, out
    else:
        assert status == 1 and "snippet.py:5: error" in out, out
        assert "No overload variant" in out or "Unexpected keyword" in out or "incompatible type" in out, out
