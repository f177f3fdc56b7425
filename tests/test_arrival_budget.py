"""The 8-second promise counts from arrival (issue 23, item 2), against a real gunicorn and DynamoDB Local.

During a DynamoDB hang every request holds its thread for its whole store budget, so the requests
behind it wait in the worker's queue. The budget used to start when a thread picked a request up,
so the queued ones each got a fresh three seconds and answered long after Alexa's 8 s (and a write
could land after Alexa had given up). Now the worker records each request's arrival
(skill/web/worker.py) and the budget counts from there: a request that waited past its budget is
answered at once with the honest apology, and no DynamoDB attempt is sent for it.
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from devtools.envelopes import envelope, new_user_id
from skill.core.settings import Settings
from skill.store.couples import CoupleStore

from conftest import start_gunicorn, stop_gunicorn
from support.alexa import speech_text
from support.faultproxy import FaultProxy

# The skill's own promise (docs/security.md, section 3): every answer leaves within 7 s of arrival,
# a second inside Alexa's 8. Measured here from before the request is sent, so it is stricter still.
PROMISE_SECONDS = 7.0
REQUESTS = 10
HANG_SECONDS = 10.0
NOT_SAVED = "couldn't save that"
SAVED_WORDS = ("Well done", "Lovely work", "Nicely done", "Beautiful", "streak is now")


def we_did_it(port: int, user: str) -> tuple[int, str, float]:
    env = envelope(
        "intent",
        user_id=user,
        at=datetime.now(UTC),
        intent="CompletedExerciseIntent",
        attributes={"practice": "touch_map"},
    )
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/alexa", body=json.dumps(env), headers={"Content-Type": "application/json"})
        reply = conn.getresponse()
        body: dict[str, Any] = json.loads(reply.read())
    finally:
        conn.close()
    return reply.status, speech_text(body) if reply.status == 200 else "", time.monotonic() - started


def test_a_hang_with_a_saturated_worker_still_answers_every_request_within_the_promise(
    settings: Settings, dynamodb: Any, tmp_path: Path
) -> None:
    proxy = FaultProxy(dynamodb.port, delay=HANG_SECONDS).start()
    # One thread: every request but the first waits in the queue while the first spends its budget.
    process, port = start_gunicorn(
        dataclasses.replace(settings, dynamodb_endpoint=proxy.endpoint),
        tmp_path / "gunicorn.log",
        threads=1,
        own_control_socket=False,
    )
    try:
        assert we_did_it(port, new_user_id())[0] == 200  # warm: the worker's client is connected
        proxy.mode = "slow"  # DynamoDB hangs: every reply held for HANG_SECONDS
        sent_before = proxy.requests
        users = [new_user_id() for _ in range(REQUESTS)]
        answers: dict[str, tuple[int, str, float]] = {}

        def ask(user: str) -> None:
            answers[user] = we_did_it(port, user)

        askers = [threading.Thread(target=ask, args=(user,)) for user in users]
        for t in askers:
            t.start()
        hang_ends = threading.Timer(HANG_SECONDS, lambda: setattr(proxy, "mode", "pass"))
        hang_ends.start()
        for t in askers:
            t.join()
        hang_ends.join()
        attempts = proxy.requests - sent_before

        worst = max(elapsed for _, _, elapsed in answers.values())
        print(f"\n{REQUESTS} requests, one thread, DynamoDB hung: worst answer {worst:.2f} s, {attempts} attempts sent")
        for status, said, elapsed in answers.values():
            assert status == 200
            assert elapsed < PROMISE_SECONDS, f"answered {elapsed:.2f} s after it was sent: {said!r}"
            assert NOT_SAVED in said and not any(w in said for w in SAVED_WORDS), said
        # Only a request a thread took up inside its budget may try the table (two attempts each: the
        # first one, and at most one more picked up at the edge). On the old rule every one tried.
        assert attempts <= 4, attempts

        # Nothing was kept for anyone told it was not counted, and the skill works again.
        time.sleep(0.5)
        store = CoupleStore(settings)
        for user in users:
            assert store.load_for_user(user).is_new
        status, said, _ = we_did_it(port, users[0])
        assert status == 200 and NOT_SAVED not in said
    finally:
        stop_gunicorn(process)
        proxy.stop()
