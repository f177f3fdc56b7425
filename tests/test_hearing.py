"""Only words meant as the answer are kept: every turn of a labelled corpus, written the way people
talk (tests/data/<lang>/turns.txt, one per language of content/languages.toml, each written from how
its people talk), is heard with that language's rules as what it is. Every gratitude or answer in it is kept whole
(only filler off its two ends), and no aside (a request for time, a pass, a question about the
practice, a request for another question or to stop, something meant for Alexa) is kept.

Before, whatever a partner said during a turn was stored and thanked: "um, give me a sec, I'm
thinking" was read back in the weekly summary as a gratitude.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from content.hearing import load_turn_rules
from content.schema import ASIDE_KINDS, ContentError, TurnRules
from skill.domain.hearing import Heard, hear

from support.speaking import LANGUAGES, REPRESENTATIVE, words

DATA = Path(__file__).resolve().parent / "data"
RULES = load_turn_rules()  # English's, for the checks of the rules themselves


@dataclass(frozen=True)
class Line:
    lang: str
    number: int
    kind: str
    said: str  # as spoken (brackets removed)
    kept: str  # for an answer, the words to keep; else ""


def corpus(lang: str) -> list[Line]:
    lines = []
    for number, raw in enumerate((DATA / lang / "turns.txt").read_text().splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, text = (part.strip() for part in raw.partition("|"))
        marked = re.search(r"\[(.*)\]", text)
        said = re.sub(r"\s+", " ", text.replace("[", "").replace("]", "")).strip()
        lines.append(Line(lang, number, kind, said, marked.group(1) if marked else ""))
    return lines


LINES = [line for lang in LANGUAGES for line in corpus(lang)]


def rules(lang: str) -> TurnRules:
    return words(REPRESENTATIVE[lang]).hearing


def ident(line: Line) -> str:
    return f"{line.lang}-L{line.number}"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_corpus_is_big_and_varied_enough(lang: str) -> None:
    lines = [line for line in LINES if line.lang == lang]
    kinds = Counter(line.kind for line in lines)
    assert len(lines) >= 300
    assert sum(n for kind, n in kinds.items() if kind != "answer") >= len(lines) / 3
    assert set(kinds) == {"answer", *ASIDE_KINDS}
    assert all(kinds[kind] >= 10 for kind in ASIDE_KINDS)
    assert all(bool(line.kept) == (line.kind == "answer") for line in lines)


@pytest.mark.parametrize("line", [line for line in LINES if line.kind == "answer"], ids=ident)
def test_every_answer_is_kept_whole(line: Line) -> None:
    heard = hear(line.said, rules(line.lang))
    assert heard.kind is Heard.ANSWER, f"line {line.number}: {line.said!r} heard as {heard.kind}"
    assert heard.words == line.kept.strip(" ,."), f"line {line.number}"


@pytest.mark.parametrize("line", [line for line in LINES if line.kind != "answer"], ids=ident)
def test_no_aside_is_kept(line: Line) -> None:
    heard = hear(line.said, rules(line.lang))
    assert heard.words == "", f"line {line.number}: {line.said!r} kept as words"
    assert heard.kind.value == line.kind, f"line {line.number}: {line.said!r} heard as {heard.kind}"


def test_filler_goes_from_the_ends_only() -> None:
    """ "the way you with the dishes" came from taking a word out of the middle."""
    said = "um so the way you like help with the dishes you know every night yeah"
    assert hear(said, RULES).words == "the way you like help with the dishes you know every night"


def test_broken_rules_stop_start_up(tmp_path: Path) -> None:
    broken = tmp_path / "turns.toml"
    broken.write_text(
        Path(__file__).resolve().parent.parent.joinpath("content/en/hearing/turns.toml").read_text() + "\n"
    )
    text = broken.read_text().replace("'^(play|shuffle", "'^(play|(shuffle", 1)
    broken.write_text(text)
    with pytest.raises(ContentError, match="regular expression"):
        load_turn_rules(broken)
