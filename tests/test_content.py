"""Content is data, validated at start-up; broken files stop start-up naming file and field."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from content.loader import CONTENT_DIR, load_catalogue
from content.schema import ContentError
from devtools.chat_words import NUMBER_WORDS
from skill.app import create_app

from support.settings import skill_settings

ROOT = Path(__file__).resolve().parent.parent
OVERLAP_TOOL = ROOT.parent / "shared" / "tools" / "guide_overlap.py"


def test_the_guide_is_all_there() -> None:
    c = load_catalogue()
    exercises = [p for p in c.practices if p.kind == "exercise"]
    steps = sorted(p.number for p in c.practices if p.kind == "step")
    assert {p.id for p in exercises} == {"daily_check_in", "touch_map", "gratitude_notes", "mirror_listening"}
    assert steps == list(range(1, 12))
    assert sorted(r.group for r in c.reasons) == ["emotional"] * 5 + ["physical"] * 5


def test_touch_map_is_non_sexual_with_a_way_to_stop() -> None:
    touch = load_catalogue().practice("touch_map")
    assert touch is not None
    text = " ".join([touch.intro, *touch.steps]).lower()
    assert "non-sexual" in text and "stop" in text


def broken_copy(tmp_path: Path, edit: tuple[str, str]) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    practices = target / "practices.toml"
    practices.write_text(practices.read_text().replace(*edit, 1))
    return target


def test_a_broken_content_file_names_the_file_and_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = broken_copy(tmp_path, ("minutes = 5", 'minutes = "five"'))
    monkeypatch.setattr("content.loader.CONTENT_DIR", folder)
    with pytest.raises(ContentError) as err:
        load_catalogue()
    assert "practices.toml" in str(err.value) and ".minutes" in str(err.value)


@pytest.mark.parametrize(
    "heard_as",
    [
        "hug",  # daily affection's "a hug", without the article
        "Daily Check in",  # the daily check-in's title, heard without its hyphen
        "supporting each others growth",  # a step's name, apostrophe dropped as Alexa hears it
        "mirror-listening",  # an exercise's title, hyphenated
    ],
)
def test_two_practices_whose_names_collide_once_normalised_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, heard_as: str
) -> None:
    # A couple saying the name could mean either practice, so start-up stops and names the clash.
    folder = broken_copy(tmp_path, ('"gentle touch"', f'"{heard_as}"'))
    monkeypatch.setattr("content.loader.CONTENT_DIR", folder)
    with pytest.raises(ContentError, match="also names") as err:
        load_catalogue()
    assert "touch_map" in str(err.value)


def test_start_up_stops_on_broken_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = broken_copy(tmp_path, ('kind = "exercise"', 'kind = "workout"'))
    monkeypatch.setattr("content.loader.CONTENT_DIR", folder)
    with pytest.raises(ContentError, match=r"practices\.toml.*kind"):
        create_app({"SETTINGS": skill_settings()})


def test_unknown_phrase_placeholders_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = broken_copy(tmp_path, ("x", "x"))
    core = folder / "phrases" / "core.toml"
    core.write_text(core.read_text().replace("{streak_words}", "{streek}", 1))
    monkeypatch.setattr("content.loader.CONTENT_DIR", folder)
    with pytest.raises(ContentError, match="streek"):
        load_catalogue()


def test_no_sentence_is_copied_from_the_guide() -> None:
    if not OVERLAP_TOOL.exists():
        # A developer's checkout may lack ../shared; CI must not pass by not looking.
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI=true and the copied-passage tool is missing: {OVERLAP_TOOL}")
        pytest.skip("the shared overlap tool is not beside this checkout")
    out = subprocess.run([sys.executable, str(OVERLAP_TOOL), str(ROOT)], capture_output=True, text=True, check=False)
    assert out.stdout.strip().endswith("no copied passages"), out.stdout


def test_in_ci_a_missing_overlap_tool_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(f"{__name__}.OVERLAP_TOOL", tmp_path / "absent.py")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        test_no_sentence_is_copied_from_the_guide()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        test_no_sentence_is_copied_from_the_guide()


# Counts a page might spell out (one to sixteen): the chat's own number words, not a second list.
_NUMBER_WORDS = tuple(word for word, n in NUMBER_WORDS.items() if 1 <= n <= 16)


@pytest.mark.parametrize("source", ["README.md", "docs", "deploy/model"])
def test_counts_of_the_guide_written_in_words_are_the_contents_own(source: str) -> None:
    # "eleven steps", "fifteen practices": the README and the docs never write the guide's counts (the
    # content holds them: adding a step edits no page); the model's samples say them as couples do
    # ("what are the eleven steps"), each the count the content holds.
    c = load_catalogue()
    counts = {
        "step": sum(p.kind == "step" for p in c.practices),
        "exercise": sum(p.kind == "exercise" for p in c.practices),
        "practice": len(c.practices),
    }
    base = ROOT / source
    files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.suffix in (".md", ".json"))
    # The guide's own counts: "the eleven steps", "one of eleven everyday steps", "the guide's eleven
    # practical steps", "(four exercises, eleven steps)".
    pattern = re.compile(
        rf"(?:\b(?:the|of|guide's)\s+|[(,]\s*)({'|'.join(_NUMBER_WORDS)})\s+(?:\w+\s+)?(step|exercise|practice)s\b",
        re.I,
    )
    seen = 0
    for path in files:
        for found in pattern.finditer(path.read_text()):
            number, kind = found.group(1).lower(), found.group(2).lower()
            if number in ("one", "two", "three"):  # "two different practices": a couple's week, not the guide
                continue
            seen += 1
            assert source == "deploy/model", f"{path.relative_to(ROOT)}: {found.group(0)!r}: say it without the count"
            wanted = _NUMBER_WORDS[counts[kind] - 1]
            assert number == wanted, f"{path.relative_to(ROOT)}: {found.group(0)!r}, the content has {wanted}"
    assert seen or source != "deploy/model", "no count of the guide in the model's samples: widen or drop this check"
