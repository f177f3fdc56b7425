"""The same request delivered twice changes the data once and answers the same way."""

from __future__ import annotations

import json
import threading
from datetime import UTC, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import envelope, new_user_id
from skill.domain.profile import APPLIED_REQUESTS, Profile
from skill.store.couples import CoupleStore
from skill.store.scope import request_scope

from support.alexa import speech_text
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)


def deliver(client: FlaskClient, env: dict[str, Any]) -> str:
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 200
    return speech_text(reply.get_json())


def test_a_redelivered_completion_counts_once_and_answers_the_same(client: FlaskClient, store: CoupleStore) -> None:
    user = new_user_id()
    env = envelope(
        "intent", user_id=user, at=NOW, intent="CompletedExerciseIntent", attributes={"practice": "touch_map"}
    )
    first = deliver(client, env)
    stored = store.load_for_user(user)
    again = deliver(client, env)  # Alexa retrying after the first answer was lost
    assert again == first and "day one" in first
    assert store.load_for_user(user) == stored  # nothing changed, not even the version


def test_a_redelivered_completion_on_a_streak_still_celebrates(client: FlaskClient, store: CoupleStore) -> None:
    user = new_user_id()
    deliver(
        client,
        envelope("intent", user_id=user, at=NOW - timedelta(days=1), intent="CompletedExerciseIntent"),
    )
    env = envelope("intent", user_id=user, at=NOW, intent="CompletedExerciseIntent")
    first = deliver(client, env)
    again = deliver(client, env)
    assert "already" not in again and ("2 days" in first) and ("2 days" in again)
    assert store.load_for_user(user).streak == 2


def test_a_redelivered_another_one_moves_on_once(client: FlaskClient, store: CoupleStore, catalogue: Catalogue) -> None:
    user = new_user_id()
    deliver(client, envelope("intent", user_id=user, at=NOW, intent="TonightsExerciseIntent"))
    env = envelope("intent", user_id=user, at=NOW, intent="AnotherExerciseIntent")
    first = deliver(client, env)
    stored = store.load_for_user(user)
    again = deliver(client, env)
    assert store.load_for_user(user) == stored  # the suggestion history moved once
    picked = catalogue.practice(stored.tonight or "")
    assert picked is not None and picked.name in first and picked.name in again


def test_the_same_request_racing_itself_on_six_threads_applies_once(app: Flask, store: CoupleStore) -> None:
    user = new_user_id()
    env = envelope(
        "intent", user_id=user, at=NOW, intent="CompletedExerciseIntent", attributes={"practice": "touch_map"}
    )
    barrier = threading.Barrier(6)
    answers: list[str] = []

    def one() -> None:
        c = app.test_client()
        barrier.wait()
        answers.append(deliver(c, env))

    threads = [threading.Thread(target=one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    profile = store.load_for_user(user)
    assert profile.version == 1 and profile.done == [[NOW.date().isoformat(), "touch_map"]]
    assert len(set(answers)) == 1 and "day one" in answers[0]


def suggest_touch_map(draft: Profile) -> bool:
    draft.suggest(NOW.date(), "touch_map")
    return True


def test_the_memory_of_applied_requests_stays_bounded(store: CoupleStore) -> None:
    profile = store.load_for_user(new_user_id())
    for n in range(APPLIED_REQUESTS * 3):
        with request_scope(f"amzn1.echo-api.request.{n}", deadline=None):
            profile, wrote = store.update(profile, suggest_touch_map)
        assert wrote
    assert len(profile.applied) == APPLIED_REQUESTS
    assert all(len(token) == 12 for token, _ in profile.applied)


def test_a_request_with_two_writes_is_redelivered_without_losing_either(
    client: FlaskClient, store: CoupleStore
) -> None:
    # "Let's start" on a fresh evening both picks tonight's practice and saves the walkthrough's place:
    # two writes of one request. Each is remembered on its own, so neither is mistaken for the other.
    user = new_user_id()
    env = envelope("intent", user_id=user, at=NOW, intent="StartExerciseIntent", new=True)
    first = deliver(client, env)
    after_first = store.load_for_user(user)
    assert after_first.tonight and after_first.browse, "both writes of the first delivery landed"
    assert deliver(client, env) == first
    again = store.load_for_user(user)
    assert (again.version, again.tonight, again.browse) == (
        after_first.version,
        after_first.tonight,
        after_first.browse,
    )
