"""The profile's typed place and question record keep their stored form: items written before they
were typed (a dict and a string) read back as the same values and are written again byte for byte."""

from __future__ import annotations

from datetime import date

import pytest
from boto3.dynamodb.types import Binary

from skill.domain.place import SET_ASIDE, Place
from skill.domain.profile import Profile
from skill.domain.question import QuestionPlace
from skill.store.profile_codec import PACKED, from_attributes, to_attributes

# ``p`` as the codec wrote it while ``browse`` was a dict and ``question`` a string (before issue 25),
# for a couple with a streak of two on 2026-11-25, named Sam and Alex.
WRITTEN_BEFORE = [
    (
        "01ab869b6ca4836ab6a58591a90ec207c189b94a3a4a8e39a9154ab13a98a1004a8740797060c0530650001c30c6b53a4a85a5408f"
        "00e318286f6168650236deca50a91600",
        Place("walk", "touch_map", 3),
        QuestionPlace(81, 4, date(2026, 11, 25), 1),
    ),
    ("01ab869b6ca4836ab6a58591a90ec207c189b94a3a4a8e39a9154ab13a98a1509c0ad4599c9992aa545b0b00", SET_ASIDE, None),
    (
        "01ab869b6ca4836ab6a58591a90ec207c189b94a3a4a8e39a9154ab13a98a1000e3fa002706818191899e91a1aea1a99ea2726191a25a7"
        "189b00a5c06164545b0b00",
        Place("round", "2026-11-25/ab12cd34", 2),
        None,
    ),
]


@pytest.mark.parametrize(("packed", "place", "question"), WRITTEN_BEFORE)
def test_an_item_written_before_reads_back_the_same(packed: str, place: Place, question: QuestionPlace | None) -> None:
    profile = from_attributes({"couple_id": "c0ffee", "version": 7, PACKED: Binary(bytes.fromhex(packed))})
    assert (profile.browse, profile.question) == (place, question)
    assert (profile.streak, profile.last_active, profile.names) == (2, "2026-11-25", ["Sam", "Alex"])
    again = to_attributes(profile)[PACKED]
    assert isinstance(again, Binary) and bytes(again.value).hex() == packed  # type: ignore[attr-defined]


def test_the_older_one_attribute_per_field_item_reads_typed_values() -> None:
    profile = from_attributes(
        {
            "couple_id": "c0ffee",
            "version": 3,
            "browse": {"kind": "exercises", "id": "", "pos": 4},
            "question": "7:0:9825:0",
        }
    )
    assert profile.browse == Place("exercises", "", 4)
    assert profile.question == QuestionPlace(7, 0, date(2026, 11, 25), 0)


def test_a_malformed_question_is_none_and_an_empty_place_is_no_place() -> None:
    profile = from_attributes({"couple_id": "c", "version": 1, "browse": {}, "question": "not:a:place"})
    assert profile.browse is None and profile.question is None
    assert Profile("c") == from_attributes(to_attributes(Profile("c")))
