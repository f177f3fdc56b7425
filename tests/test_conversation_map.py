"""docs/conversation.md is the contract: every phase against every kind of turn, played cell by cell
from a new couple against DynamoDB Local, with the rules every answer keeps, and what each cell says
the couple hears (a phrase, a fact, what the store kept or deleted) checked in the answer itself.

Every language runs the whole map in its representative locale (tests/speaking.py); the phrases a
cell expects are that locale's words, so no English words are assumed here."""

from __future__ import annotations

import contextlib
import re

import pytest
from flask.testing import FlaskClient

from devtools.alexa_apis import RemindersApi
from skill.store.couples import CoupleStore

from support.alexa import Conversation, held_seconds
from support.conversation_map import (
    AT,
    KINDS,
    PHASES,
    WALK_KINDS,
    WALK_PLACES,
    Cell,
    Check,
    Fact,
    Heard,
    Said,
    Setup,
    Stored,
    cells,
    expected,
    walk_cells,
)
from support.couples import account, sort_keys
from support.reminding import Device
from support.speaking import REPRESENTATIVE, heard_phrase, words

CELLS = cells()
WALK_CELLS = walk_cells()
ROWS = {phase: {c.kind: c for c in CELLS if c.phase == phase} for phase in PHASES}


def test_the_map_has_a_cell_for_every_phase_and_kind() -> None:
    assert {(c.phase, c.kind) for c in CELLS} == {(p, k) for p in PHASES for k in KINDS}
    assert all(c.says for c in CELLS), "each cell says what the skill does"


def test_every_cell_checks_what_is_heard() -> None:
    # A cell that only checks the phase lets "help gives no help" pass: each names a phrase it must hear.
    unchecked = [c for c in CELLS if not any(isinstance(x, Heard | Said) for x in expected(c, ROWS[c.phase]))]
    assert unchecked == [], "add their expected words to tests/support/conversation_map.py (WORDS or CELL_HEARD)"
    catalogue = words(None)
    keys = {k for c in CELLS for x in expected(c, ROWS[c.phase]) if isinstance(x, Heard) for k in x.keys}
    keys |= {x.key for c in CELLS for x in expected(c, ROWS[c.phase]) if isinstance(x, Said)}
    assert keys <= set(catalogue.phrases.variants), keys - set(catalogue.phrases.variants)


def one_question_last(said: str, ended: bool) -> bool:
    if ended:
        return "?" not in said
    return said.count("?") <= 1 and (said.endswith("?") or "?" not in said)


def assert_stored(effect: str, store: CoupleStore, c: Conversation) -> None:
    profile = store.load_for_user(c.user_id)
    if effect == "kept":
        assert not profile.is_new and sort_keys(store, profile.couple_id), "the couple's data was deleted"
    elif effect == "deleted":
        assert sort_keys(store, account(c)) == set() and profile.is_new, "a yes deleted nothing"
    elif effect == "own deleted":
        assert profile.is_new and profile.linked_to is None, "this account is still linked or keeps its data"
    elif effect == "round kept":
        assert profile.browse is not None and profile.browse.kind == "round", (
            f"the unfinished round's place was not kept: {profile.browse}"
        )
    elif effect == "step kept":
        assert profile.browse is not None and profile.browse.kind == "walk", (
            f"the walkthrough's place was not kept: {profile.browse}"
        )
    elif effect == "names kept":
        assert profile.names == ["Marisol", "Teodoro"], profile.names
    else:
        raise AssertionError(f"unknown store effect {effect!r}")


def assert_heard(checks: tuple[Check, ...], said: str, store: CoupleStore, c: Conversation) -> None:
    for check in checks:
        if isinstance(check, Heard):
            assert any(heard_phrase(k, said, c.locale) for k in check.keys), f"expected to hear {check.keys}: {said!r}"
        elif isinstance(check, Said):
            assert heard_phrase(check.key, said, c.locale, **dict(check.values)), f"expected {check}: {said!r}"
        elif isinstance(check, Fact):
            assert check.words in said, f"expected {check.words!r} in {said!r}"
        elif isinstance(check, Stored):
            assert_stored(check.effect, store, c)


def _in_every_language(found: list[Cell]) -> list[object]:
    """Each cell in each language's representative locale (English's ids stay as they were)."""
    return [
        pytest.param(
            locale, cell, id=f"{cell.phase}/{cell.kind}" if code == "en" else f"{locale}:{cell.phase}/{cell.kind}"
        )
        for code, locale in REPRESENTATIVE.items()
        for cell in found
    ]


@pytest.mark.parametrize(("locale", "cell"), _in_every_language(CELLS))
def test_cell(client: FlaskClient, store: CoupleStore, locale: str, cell: Cell) -> None:
    setup = PHASES[cell.phase]
    with contextlib.ExitStack() as stack:
        c = Conversation(Device(client, stack.enter_context(RemindersApi())) if setup.reminders else client)
        c.locale = locale
        play_cell(c, setup, store, cell)


def play_cell(c: Conversation, setup: Setup, store: CoupleStore, cell: Cell) -> None:
    if setup.names_known:
        profile = store.load_for_user(c.user_id)

        def named(draft: object) -> bool:
            draft.names = ["Marisol", "Teodoro"]  # type: ignore[attr-defined]
            return True

        store.update(profile, named)
    setup.steps(c)
    before = None if cell.phase == "none" else cell.phase
    assert c.attributes.get("phase") == before, "the test could not reach the phase"
    intent, slots = KINDS[cell.kind]
    said = c.one_shot(intent, AT, **slots) if before is None else c.say(intent, AT, **slots)
    after = c.attributes.get("phase")
    if cell.outcome == "ends":
        assert c.ended, (cell, said)
    elif cell.outcome == "stays":
        assert not c.ended and after == before, (cell, after, said)
    else:
        target = cell.outcome.removeprefix("→ ")
        assert not c.ended and after == (None if target == "none" else target), (cell, after, said)
    assert said, cell
    assert one_question_last(said, c.ended), (cell, said)
    if not c.ended:
        assert c.reprompt, cell
    assert_heard(expected(cell, ROWS[cell.phase]), said, store, c)


def test_the_walkthrough_map_has_a_cell_for_every_place_and_kind() -> None:
    assert {(c.phase, c.kind) for c in WALK_CELLS} == {(p, k) for p in WALK_PLACES for k in WALK_KINDS}


def _ends_with(key: str, said: str, locale: str) -> bool:
    """The answer ends with the last sentence of a variant of ``key`` (its closing question)."""
    last = [re.split(r"(?<=[.?!])\s+", v.strip())[-1] for v in words(locale).phrases.variants[key]]
    return any(said.endswith(sentence) for sentence in last)


@pytest.mark.parametrize(("locale", "cell"), _in_every_language(WALK_CELLS))
def test_walkthrough_cell(client: FlaskClient, locale: str, cell: Cell) -> None:
    """Held time, skip, "tell me more" and "keep going" inside a walkthrough, as the map says."""
    c = Conversation(client, locale=locale)
    WALK_PLACES[cell.phase](c)
    assert c.attributes.get("phase") == "guiding", "the test could not reach the place"
    intent, slots = WALK_KINDS[cell.kind]
    said = c.say(intent, AT, **slots)
    if cell.outcome == "ends":
        assert c.ended, (cell, said)
    else:
        assert not c.ended and c.attributes.get("phase") == "guiding" and c.reprompt, (cell, said)
    says = cell.says
    while says.startswith("as "):  # "as yes": what that cell of the same row says
        says = next(o.says for o in WALK_CELLS if o.phase == cell.phase and o.kind == says.removeprefix("as "))
    assert ("holds" in says) == (held_seconds(c.last) > 0), (cell, said)
    if "counts" in says:  # the first practice of a new couple: day one of their streak
        assert heard_phrase("completed_first_day", said, locale), (cell, said)
    if "Ready for the next step?" in says:
        assert _ends_with("walk_ready", said, locale), (cell, said)
    if "Did you finish it together?" in says:
        assert _ends_with("walk_finish", said, locale), (cell, said)
    if "more about this step" in says:
        assert not heard_phrase("walk_step", said, locale), (cell, said)  # it did not move on
    assert one_question_last(said, c.ended), (cell, said)
