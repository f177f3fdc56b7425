"""Two devices saying "we did it" at the same moment: one day counted, no completion lost."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from devtools.envelopes import envelope, new_user_id
from skill.store.couples import CoupleStore
from skill.store.errors import ConflictError

from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)
TODAY = NOW.date().isoformat()  # New York's date too (16:00 there)


def complete_all_at_once(app: Flask, user_id: str, practices: list[str], at: datetime) -> list[int]:
    barrier = threading.Barrier(len(practices))
    statuses: list[int] = []

    def one(i: int, practice: str) -> None:
        client = app.test_client()
        env = envelope(
            "intent",
            user_id=user_id,
            at=at,
            intent="CompletedExerciseIntent",
            device_id=f"amzn1.ask.device.D{i % 2}",
            attributes={"practice": practice},
        )
        barrier.wait()
        reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
        statuses.append(reply.status_code)
        assert "Sorry" not in reply.get_data(as_text=True)

    threads = [threading.Thread(target=one, args=(i, p)) for i, p in enumerate(practices)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def test_simultaneous_completions_count_one_day(app: Flask, store: CoupleStore) -> None:
    user = new_user_id()
    statuses = complete_all_at_once(app, user, ["touch_map"] * 16, NOW)
    assert statuses == [200] * 16
    profile = store.load_for_user(user)
    assert (profile.streak, profile.longest) == (1, 1)
    assert profile.done == [[TODAY, "touch_map"]]


def test_simultaneous_different_practices_are_all_kept(app: Flask, store: CoupleStore) -> None:
    user = new_user_id()
    complete_all_at_once(app, user, ["daily_check_in"], NOW - timedelta(days=1))
    statuses = complete_all_at_once(app, user, ["touch_map", "mirror_listening"] * 6, NOW)
    assert statuses == [200] * 12
    profile = store.load_for_user(user)
    assert profile.streak == 2
    assert sorted(p for d, p in profile.done if d == TODAY) == ["mirror_listening", "touch_map"]


def test_a_write_from_a_stale_read_never_overwrites_a_newer_one(store: CoupleStore) -> None:
    # The same race as above without threads, so it is caught every run: two devices read the same
    # profile, one writes, then the other writes from what it read.
    user = new_user_id()
    today = NOW.date()
    first, _ = store.update(store.load_for_user(user), lambda d: d.complete(today, "daily_check_in"))
    device_a, device_b = store.load_for_user(user), store.load_for_user(user)
    store.update(device_a, lambda d: d.complete(today, "touch_map"))
    with pytest.raises(ConflictError):
        store.save(device_b)  # the version it read is gone
    store.update(device_b, lambda d: d.complete(today, "mirror_listening"))  # re-read, re-applied
    final = store.load_for_user(user)
    assert sorted(p for _, p in final.done) == ["daily_check_in", "mirror_listening", "touch_map"]
    assert final.version == first.version + 2
