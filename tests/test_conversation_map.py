"""docs/conversation.md is the contract: every phase against every kind of turn, played cell by cell
from a new couple against DynamoDB Local, with the rules every answer keeps."""

from __future__ import annotations

import pytest
from conversation_map import AT, KINDS, PHASES, WALK_KINDS, WALK_PLACES, Cell, cells, walk_cells
from flask.testing import FlaskClient

from skill.store.couples import CoupleStore

from alexa import Conversation, held_seconds

CELLS = cells()
WALK_CELLS = walk_cells()


def test_the_map_has_a_cell_for_every_phase_and_kind() -> None:
    assert {(c.phase, c.kind) for c in CELLS} == {(p, k) for p in PHASES for k in KINDS}
    assert all(c.says for c in CELLS), "each cell says what the skill does"


def one_question_last(said: str, ended: bool) -> bool:
    if ended:
        return "?" not in said
    return said.count("?") <= 1 and (said.endswith("?") or "?" not in said)


@pytest.mark.parametrize("cell", CELLS, ids=[f"{c.phase}/{c.kind}" for c in CELLS])
def test_cell(client: FlaskClient, store: CoupleStore, cell: Cell) -> None:
    c = Conversation(client)
    setup = PHASES[cell.phase]
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


def test_the_walkthrough_map_has_a_cell_for_every_place_and_kind() -> None:
    assert {(c.phase, c.kind) for c in WALK_CELLS} == {(p, k) for p in WALK_PLACES for k in WALK_KINDS}


@pytest.mark.parametrize("cell", WALK_CELLS, ids=[f"{c.phase}/{c.kind}" for c in WALK_CELLS])
def test_walkthrough_cell(client: FlaskClient, cell: Cell) -> None:
    """Held time, skip, "tell me more" and "keep going" inside a walkthrough, as the map says."""
    c = Conversation(client)
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
    if "counts" in says:
        assert "day one" in said, (cell, said)
    if "Ready for the next step?" in says:
        assert said.endswith("Ready for the next step?"), (cell, said)
    if "Did you finish it together?" in says:
        assert said.endswith("Did you finish it together?"), (cell, said)
    if "more about this step" in says:
        assert "Step " not in said, (cell, said)  # it did not move on
    assert one_question_last(said, c.ended), (cell, said)
