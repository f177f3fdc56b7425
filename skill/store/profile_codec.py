"""The profile's stored form: ``version`` plus one packed, deflated attribute ``p`` (docs/data-model.md).

The domain's ``Profile`` (skill/domain/profile.py) knows nothing of this; the store calls
``to_attributes`` before a write and ``from_attributes`` after a read.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import Binary

from skill.domain.evening import day_from_number, day_number
from skill.domain.place import Place
from skill.domain.profile import TRANSIENT_FIELDS, Profile
from skill.domain.question import QuestionPlace

BORN = "born"


def to_attributes(profile: Profile) -> dict[str, Any]:
    """The item's attributes (for boto3's TypeSerializer): ``version``, on which every write is
    conditional, and ``p``, every other stored field packed into a few hundred bytes (PACKED below).

    Every byte of the profile is paid for on every write, in 1 KB write units: fields holding
    their default are left out (so a new optional field costs nothing until it is used), dates
    are day numbers, the bounded history is written compactly (WIRE), and the result is deflated
    against a fixed dictionary of the words a profile holds (docs/performance.md).
    """
    bounded = profile.copy()  # what is stored is bounded, whatever a conversation grew (bound())
    bounded.bound()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(bounded):
        if f.name in TRANSIENT_FIELDS or f.name in ("couple_id", "version", "born"):
            continue
        value = getattr(bounded, f.name)
        if value != _default(f):
            values[f.name] = value
    # A practice done in the kept window has its last date in ``done`` already: store only the rest.
    latest = _latest_done(profile.done)
    values.pop("last_done", None)
    if last_done := {p: d for p, d in profile.last_done.items() if latest.get(p) != d}:
        values["last_done"] = last_done
    for name, (encode, _) in WIRE.items():
        if name in values:
            values[name] = encode(values[name])
    for name, (encode_value, _) in TYPED.items():
        if name in values:
            values[name] = encode_value(values[name])
    for name in DATE_FIELDS:
        if name in values:
            values[name] = int(_day(values[name]))
    attributes = {"couple_id": profile.couple_id, "version": profile.version, PACKED: Binary(_pack(values))}
    if profile.born:  # beside ``version``, not packed: writes of other items are conditional on it
        attributes[BORN] = profile.born
    return attributes


def from_attributes(attrs: dict[str, Any], cls: type[Profile] = Profile) -> Profile:
    """The profile from its item's attributes: the packed form, or the older one attribute per field."""
    raw = dict(attrs)
    packed = raw.pop(PACKED, None)
    if packed is not None:
        raw.update(_unpack(bytes(packed.value) if isinstance(packed, Binary) else bytes(packed)))  # type: ignore[attr-defined]
    known = {f.name for f in dataclasses.fields(cls)} - TRANSIENT_FIELDS
    values = {k: _plain(v) for k, v in raw.items() if k in known}
    for name in DATE_FIELDS:
        if isinstance(values.get(name), int):
            values[name] = _iso_day(values[name])
    for name, (_, decode) in WIRE.items():
        if isinstance(values.get(name), str):
            values[name] = decode(values[name])
    for name, (_, decode_value) in TYPED.items():
        if name in values:
            values[name] = decode_value(values[name])
    last_done = dict(values.get("last_done") or {})
    for practice, day in _latest_done(values.get("done") or []).items():
        if day > last_done.get(practice, ""):
            last_done[practice] = day
    values["last_done"] = last_done
    profile = cls(**values)
    profile.bound()
    return profile


# -- the stored form of the bounded history fields -------------------------------------------------
#
# done       [["2026-11-25", "touch_map"], ["2026-11-25", "gratitude_round"]] -> "9825:touch_map,gratitude_round"
# last_done  {"touch_map": "2026-11-25"}                                       -> "touch_map:9825"
#            (only for practices whose last date is not already in ``done``: derived again on load)
# applied    [["3f2a...", "completed_streak"]]                                 -> "3f2a...:completed_streak"
# Days are counted from 2000-01-01 (skill/domain/evening.py, DAY_ZERO), entries joined by ";".
# Ids and outcomes never hold ":", "," or ";".
# Older items stored as lists and maps still load (isinstance check in from_attributes).


def _latest_done(done: list[list[str]]) -> dict[str, str]:
    latest: dict[str, str] = {}
    for iso, practice in done:
        if iso > latest.get(practice, ""):
            latest[practice] = iso
    return latest


def _day(iso: str) -> str:
    return str(day_number(date.fromisoformat(iso)))


def _iso_day(code: str | int) -> str:
    return day_from_number(int(code)).isoformat()


def _encode_done(done: list[list[str]]) -> str:
    by_day: dict[str, list[str]] = {}
    for iso, practice in done:
        by_day.setdefault(iso, []).append(practice)
    return ";".join(f"{_day(iso)}:{','.join(ids)}" for iso, ids in by_day.items())


def _decode_done(text: str) -> list[list[str]]:
    pairs = (part.split(":", 1) for part in text.split(";") if part)
    return [[_iso_day(day), practice] for day, ids in pairs for practice in ids.split(",")]


def _encode_last_done(last_done: dict[str, str]) -> str:
    return ";".join(f"{practice}:{_day(iso)}" for practice, iso in last_done.items())


def _decode_last_done(text: str) -> dict[str, str]:
    return {practice: _iso_day(day) for practice, day in (part.split(":", 1) for part in text.split(";") if part)}


def _encode_applied(applied: list[list[str]]) -> str:
    return ";".join(f"{token}:{outcome}" for token, outcome in applied)


def _decode_applied(text: str) -> list[list[str]]:
    return [part.split(":", 1) for part in text.split(";") if part]


WIRE: dict[str, tuple[Callable[[Any], str], Callable[[str], Any]]] = {
    "done": (_encode_done, _decode_done),
    "last_done": (_encode_last_done, _decode_last_done),
    "applied": (_encode_applied, _decode_applied),
}


def _decode_question(raw: object) -> QuestionPlace | None:
    return QuestionPlace.decode(raw) if isinstance(raw, str) else None


# The domain's typed values and their stored forms, unchanged since they were a dict and a string:
# browse {"kind": "walk", "id": "touch_map", "pos": 3} (or {"kind": "set_aside"}), question "81:4:9825:0".
TYPED: dict[str, tuple[Callable[[Any], object], Callable[[Any], Any]]] = {
    "browse": (Place.as_dict, Place.stored),
    "question": (QuestionPlace.encode, _decode_question),
}


# -- the packed item -----------------------------------------------------------------------------
#
# ``p`` holds the stored fields as compact JSON (defaults left out, dates as day numbers, WIRE for the
# history), deflated (raw, no header) against a preset dictionary: the field names and the words a
# profile repeats (practice, reason and guide ids, outcomes, zone prefixes), so each costs a few
# bytes. Its first byte names the dictionary. A published dictionary must never change (items
# written with it would no longer read): add a new one under the next number and write with that.

PACKED = "p"
# Fields stored as day numbers since 2000-01-01 (ISO dates in memory).
DATE_FIELDS = ("last_active", "last_rest", "tonight_date", "time_zone_checked")
_WORDS_1 = " ".join(
    (
        # rarer first: deflate reaches the end of the dictionary most cheaply
        "America/ Europe/ Australia/ Asia/ Pacific/ amzn1.ask.person. GRAT#20",
        "physical_bond physical_connection physical_calm physical_communication physical_safety",
        "emotional_trust emotional_empathy emotional_conflict emotional_love emotional_growth",
        "time talking warmth standing_by steps exercises reasons walk any",
        "completed_again_today completed_fresh_start completed_first_day completed_record completed_streak",
        "daily_check_in touch_map gratitude_notes mirror_listening quality_time honest_talk daily_affection",
        "gratitude vulnerability consistency comfortable_pace active_listening tech_free support_growth",
        "patience_empathy gratitude_round",
        '"members":["linked_to":"readback":"browse":{"kind":"id":"pos":"reasons_heard":["names":["voices":{',
        '"time_zone":"time_zone_checked":"last_rest":"longest":"streak":"last_active":"tonight_date":',
        '"tonight":"recent":["done":"last_done":"applied":"',
    )
).encode()
DICTIONARIES: dict[int, bytes] = {1: _WORDS_1}
_WRITE_WITH = 1
# A packed profile is a few hundred bytes; refuse to inflate anything absurdly larger.
_MAX_UNPACKED = 64 * 1024


def _pack(values: dict[str, Any]) -> bytes:
    text = json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=DICTIONARIES[_WRITE_WITH])
    return bytes([_WRITE_WITH]) + deflate.compress(text) + deflate.flush()


def _unpack(data: bytes) -> dict[str, Any]:
    inflate = zlib.decompressobj(-15, zdict=DICTIONARIES[data[0]])
    text = inflate.decompress(data[1:], _MAX_UNPACKED)
    if inflate.unconsumed_tail:
        raise ValueError("packed profile too large")
    values: dict[str, Any] = json.loads(text + inflate.flush())
    return values


def _default(f: dataclasses.Field[Any]) -> Any:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def _plain(value: Any) -> Any:
    """DynamoDB numbers come back as Decimal; the profile only stores whole numbers."""
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
