"""What a partner's turn is: the words meant as their gratitude or answer, or an aside.

One function, ``hear``, decides it before anything is stored, thanked or counted, from the rules in
content/en/hearing/turns.toml (phrase lists and shapes, data). The answer is kept as said: filler is
taken off its start and end only, never from the middle, so no sentence is broken by a missing word.
docs/gratitude.md ("Telling asides apart") says how it reads a turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from content.hearing import compared
from content.schema import ASIDE_KINDS, TurnRules, Words


class Heard(StrEnum):
    ANSWER = "answer"  # the words meant as the gratitude or answer
    NOTHING = "nothing"  # nothing at all (not caught)
    WAIT = "wait"  # a request for time: "give me a sec", "I'm thinking", "hold on"
    PASS = "pass"  # "pass", "skip", "I don't know", "nothing": the turn moves on
    EXAMPLE = "example"  # "what am I supposed to say": a short example
    AGAIN = "again"  # "what was the question": the question again
    WHY = "why"  # "why do you need our names", "is this recorded": why, briefly
    ANOTHER = "another"  # "can we have a different one"
    STOP = "stop"  # "let's stop", "never mind"
    ELSEWHERE = "elsewhere"  # meant for Alexa or plainly off-topic: held off


assert {k.value for k in Heard} - {"answer", "nothing"} == set(ASIDE_KINDS)  # the content names every kind

# Characters trimmed from the kept words' two ends (never inside them).
_EDGES = " \t,.;:-\u2013\u2014\u2026\"'"


@dataclass(frozen=True)
class Hearing:
    kind: Heard
    words: str = ""  # the kept words when kind is ANSWER, else empty

    def __repr__(self) -> str:  # never show what a partner said in a traceback or a log
        return f"Hearing({self.kind.value})"


def hear(said: str, rules: TurnRules) -> Hearing:
    """What ``said`` is: the answer (kept as said, filler off both ends only) or which aside."""
    tokens = said.split()
    words: list[str] = []
    owner: list[int] = []  # which spoken token each compared word came from
    for n, token in enumerate(tokens):
        for w in compared(token, rules.contractions):
            words.append(w)
            owner.append(n)

    def boundary(p: int) -> bool:
        return p in (0, len(words)) or owner[p] != owner[p - 1]

    # A turn made only of asides and filler is an aside, whatever filler it starts or ends with.
    kind = _made_of_asides(tuple(words), rules, rules.any_filler)
    if kind is not None:
        return Hearing(Heard(kind))
    starts, end, thought = _trim(words, rules, boundary)
    start = starts[-1]
    if start >= end:
        return Hearing(Heard.WAIT if thought else Heard.NOTHING)
    kind = _made_of_asides(tuple(words[start:end]), rules, rules.glue)
    # A shape is tried from each place filler could end ("um let me think about it for a second").
    for s in starts:
        kind = kind or _shaped(tuple(words[s:end]), rules) or _shaped(tuple(words[s:]), rules)
    if kind is not None:
        return Hearing(Heard(kind))
    kept = " ".join(tokens[owner[start] : owner[end - 1] + 1]).strip(_EDGES)
    return Hearing(Heard.ANSWER, kept) if kept else Hearing(Heard.NOTHING)


@lru_cache(maxsize=64)
def _by_edge(phrases: frozenset[Words], last: bool = False) -> dict[str, tuple[Words, ...]]:
    """``phrases`` by their first (or ``last``) word, so a turn is matched without trying them all.
    The rules' sets are made once when the content loads, so each is indexed once."""
    index: dict[str, list[Words]] = {}
    for p in phrases:
        if p:
            index.setdefault(p[-1] if last else p[0], []).append(p)
    return {word: tuple(found) for word, found in index.items()}


def _longest(words: list[str], at: int, phrases: frozenset[Words], backwards: bool = False) -> int:
    """The length of the longest phrase that starts at ``at`` (or ends there, ``backwards``)."""
    if not 0 <= (at - 1 if backwards else at) < len(words):
        return 0
    best = 0
    for p in _by_edge(phrases, backwards).get(words[at - 1] if backwards else words[at], ()):
        n = len(p)
        piece = tuple(words[at - n : at]) if backwards else tuple(words[at : at + n])
        if n > best and len(piece) == n and piece == p:
            best = n
    return best


def _trim(words: list[str], rules: TurnRules, boundary: Callable[[int], bool]) -> tuple[list[int], int, bool]:
    """Where the words proper could start (each place a piece of filler ends, the last is where
    they do) and end once filler is off both ends, and whether any of it was a sound of thinking.
    A piece is taken off only when it ends on a whole spoken token."""
    start, end, thought = 0, len(words), False
    starts = [0]
    heads, tails = rules.heads, rules.tails
    while start < end:
        n = _longest(words[:end], start, heads)
        if not n or not boundary(start + n):
            break
        if start + n < end and words[start + n] in rules.word_before.get(" ".join(words[start : start + n]), ()):
            break  # "este fin de semana": the filler word is the answer's first word here
        thought = thought or tuple(words[start : start + n]) in rules.thinking
        start += n
        starts.append(start)
    while end > start:
        n = _longest(words[:end], end, tails, backwards=True)
        if not n or end - n < start or not boundary(end - n):
            break
        thought = thought or tuple(words[end - n : end]) in rules.thinking
        end -= n
    return starts, end, thought


def _made_of_asides(core: Words, rules: TurnRules, glue: frozenset[Words]) -> str | None:
    """The kind of aside ``core`` is when it is made entirely of aside phrases and ``glue`` (the
    last aside phrase decides: "give me a sec... no, pass" is a pass); None otherwise."""
    # last[p]: the kind of the latest aside phrase on a way to cover core[:p]; "" before any. The
    # first way found wins, so a longer phrase ("like what") beats glue plus a shorter one ("what").
    last: dict[int, str] = {0: ""}
    glued = _by_edge(glue)
    for p in range(len(core)):
        if p not in last:
            continue
        for rule in rules.asides:
            for phrase in _by_edge(rule.phrases).get(core[p], ()):
                q = p + len(phrase)
                if core[p:q] == phrase and not last.get(q):
                    last[q] = rule.kind
        for phrase in glued.get(core[p], ()):
            q = p + len(phrase)
            if core[p:q] == phrase and not last.get(q):
                last[q] = last[p]
    return last.get(len(core)) or None


def _shaped(core: Words, rules: TurnRules) -> str | None:
    """The first kind (in file order) with a shape the whole of ``core`` has."""
    text = " ".join(core)
    for rule in rules.asides:
        if any(shape.fullmatch(text) for shape in rule.shapes):
            return rule.kind
    return None


READ_BACK_WORDS = 16  # kept words are read back whole up to this many (about 6 seconds to say)


def read_back(words: str, rules: TurnRules, limit: int = READ_BACK_WORDS) -> str:
    """Kept words as they are read back (the weekly summary's quote, tonight's answers): whole up
    to ``limit`` words; a longer one stops at the last place a thought ends within the limit (after
    a comma or full stop, or before "and", "because", "when", ...), and never on a word that leaves
    the phrase hanging ("to", "the", "my"): "when you came to" is never said."""
    said = words.split()
    if len(said) <= limit:
        return " ".join(said).strip(_EDGES)
    least = max(limit // 2, 1)
    ends = [c for c in range(least, limit + 1) if said[c - 1][-1] in ",.;:!?" or said[c].lower() in rules.clause_starts]
    kept = said[: ends[-1] if ends else limit]
    while len(kept) > 1 and kept[-1].lower().strip(_EDGES + "!?") in rules.hanging:
        kept.pop()
    return " ".join(kept).strip(_EDGES)
