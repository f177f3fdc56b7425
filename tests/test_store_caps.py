"""The store's own caps, fast (no DynamoDB): what is kept of a gratitude's words and names, and the
limit on inflating a packed profile (a forged item cannot make a worker unpack megabytes)."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from typing import cast

import pytest
from boto3.dynamodb.types import Binary

from skill.domain.gratitude import Gratitude
from skill.domain.profile import MAX_NAME_CHARS, Profile
from skill.store import profile_codec
from skill.store.couples import CoupleStore
from skill.store.gratitude import MAX_WORDS_CHARS, GratitudeLog
from skill.store.profile_codec import PACKED, from_attributes, to_attributes


def test_a_gratitude_keeps_at_most_its_words_and_names_cap() -> None:
    log = GratitudeLog(cast(CoupleStore, None), 90)  # item() builds the item; it needs no table
    at = datetime(2026, 11, 2, 1, tzinfo=UTC)
    words = "you listened " * 40  # 520 characters
    item = log.item("c0ffee", Gratitude("S" * 45, "A" * 45 + "\x00", words, at, "r1", 1), at, "req-1")
    assert MAX_WORDS_CHARS == 300 and len(item["words"]["S"]) == MAX_WORDS_CHARS
    assert item["words"]["S"] == words.strip()[:MAX_WORDS_CHARS]
    assert item["by"]["S"] == "S" * MAX_NAME_CHARS and item["to"]["S"] == "A" * MAX_NAME_CHARS


def test_a_packed_profile_never_inflates_past_its_limit() -> None:
    attrs = to_attributes(Profile("c0ffee", names=["Sam", "Alex"]))
    assert from_attributes(attrs).names == ["Sam", "Alex"]  # the real thing reads back
    huge = b'{"names":["' + b"a" * (70 * 1024) + b'"]}'
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=profile_codec.DICTIONARIES[1])
    bomb = bytes([1]) + deflate.compress(huge) + deflate.flush()
    assert len(bomb) < 1024  # small on the wire, 70 KB unpacked
    with pytest.raises(ValueError, match="too large"):
        from_attributes({**attrs, PACKED: Binary(bomb)})
    assert profile_codec._MAX_UNPACKED == 64 * 1024
