"""`make check` runs the content step (content/check.py): a content change that would stop start-up
fails the check a developer runs before any test, with the language, file and key named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content import check
from content.loader import CONTENT_DIR

ROOT = CONTENT_DIR.parent


def copy_of_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "apl"))
    shutil.copytree(ROOT / "apl", target / "apl")
    return target


def test_the_content_as_it_is_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main(copy_of_content(tmp_path)) == 0
    assert "match English" in capsys.readouterr().out


def test_two_practices_whose_names_collide_fail_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_of_content(tmp_path)
    practices = root / "en" / "practices.toml"
    text = practices.read_text()
    at = text.index("synonyms = [", text.index('id = "touch_map"'))
    # "Check In" is the daily check-in's synonym once normalised: "walk us through check in" is ambiguous.
    practices.write_text(text[: at + len("synonyms = [")] + '"Check In", ' + text[at + len("synonyms = [") :])
    assert check.main(root) == 1
    assert "check in" in capsys.readouterr().err.lower()


def test_a_language_that_lost_a_phrase_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_of_content(tmp_path)
    guide = root / "de" / "phrases" / "guide.toml"
    guide.write_text("\n".join(line for line in guide.read_text().splitlines() if not line.startswith("walk_timed =")))
    assert check.main(root) == 1
    assert "walk_timed" in capsys.readouterr().err
