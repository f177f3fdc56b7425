"""Issue 23, items 1 and 2, as load: slow clients, then a DynamoDB hang, against the real server.

    .venv/bin/python -m bench.trust            # 50 slow clients for 20 s; a 10 s hang at 20 requests a second
    .venv/bin/python -m bench.trust --smoke    # the same, shorter (a minute in all)
    .venv/bin/python -m bench.trust --worker gthread   # gunicorn's own worker, for the figures before the fix

The skill runs under deploy/gunicorn.conf.py (as in production, verification off) on its own DynamoDB
Local. Real requests (a launch or "we did it", each on a new connection) arrive at a steady rate
whatever happens to earlier ones, as Alexa's do. Printed per scenario: the share of real requests
answered within 1 s and within 7 s, the worst answer time, and how the slow clients fared (each
sends headers announcing 5,000 bytes, a few of them, then nothing, and reconnects when cut).
Figures only: nothing here passes or fails (the tests hold the rules: tests/test_slow_clients.py,
tests/test_arrival_budget.py).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from devtools import dynamodb_local
from devtools.envelopes import envelope, new_user_id
from skill.core.settings import Settings
from skill.manage import operator_store

ROOT = Path(__file__).resolve().parent.parent
TABLE = "close-together-trust"


@dataclass
class Answers:
    """Every real request's answer time (seconds from just before it was sent) and status (0: none)."""

    times: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, status: int) -> None:
        with self.lock:
            self.times.append(seconds)
            self.statuses.append(status)

    def report(self, title: str) -> None:
        n = len(self.times)
        if not n:
            print(f"{title}: no requests")
            return
        within = sum(t <= 1.0 and s == 200 for t, s in zip(self.times, self.statuses, strict=True))
        within7 = sum(t <= 7.0 and s == 200 for t, s in zip(self.times, self.statuses, strict=True))
        print(
            f"{title}: {n} real requests; answered within 1 s: {100 * within / n:.1f} %; within 7 s: "
            f"{100 * within7 / n:.1f} %; median {statistics.median(self.times):.3f} s; worst "
            f"{max(self.times):.2f} s; not 200: {sum(s != 200 for s in self.statuses)}"
        )


def real_request(port: int, answers: Answers, write: bool) -> None:
    user = new_user_id()
    if write:
        env = envelope(
            "intent",
            user_id=user,
            at=datetime.now(UTC),
            intent="CompletedExerciseIntent",
            attributes={"practice": "touch_map"},
        )
    else:
        env = envelope("launch", user_id=user, at=datetime.now(UTC), new=True)
    body = json.dumps(env)
    started = time.monotonic()
    status = 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/alexa", body=body, headers={"Content-Type": "application/json"})
        reply = conn.getresponse()
        reply.read()
        status = reply.status
    except OSError:
        pass
    finally:
        conn.close()
    answers.add(time.monotonic() - started, status)


def steady(port: int, rate: float, seconds: float, answers: Answers) -> None:
    """Real requests at ``rate`` a second for ``seconds``, each on its own thread (open loop), half writes."""
    threads: list[threading.Thread] = []
    start = time.monotonic()
    n = 0
    while (due := start + n / rate) < start + seconds:
        time.sleep(max(0.0, due - time.monotonic()))
        t = threading.Thread(target=real_request, args=(port, answers, n % 2 == 1), daemon=True)
        t.start()
        threads.append(t)
        n += 1
    for t in threads:
        t.join(40)


@dataclass
class Holders:
    cut: int = 0
    holds: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def slow_client(port: int, stop: threading.Event, holders: Holders) -> None:
    """Headers announcing 5,000 bytes, a few bytes of body, then nothing; reconnect when cut."""
    head = b"POST /alexa HTTP/1.1\r\nHost: skill\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
    while not stop.is_set():
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(head + b'{"version": "1.0"')
        except OSError:
            time.sleep(0.1)
            continue
        opened = time.monotonic()
        sock.settimeout(0.25)
        while not stop.is_set():
            try:
                if not sock.recv(4096):
                    break
            except TimeoutError:
                continue
            except OSError:
                break
        else:
            sock.close()
            return
        sock.close()
        with holders.lock:
            holders.cut += 1
            holders.holds.append(time.monotonic() - opened)


def start_server(endpoint: str, worker: str | None, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = dynamodb_local.free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "SKILL_TABLE_NAME": TABLE,
        "SKILL_DYNAMODB_ENDPOINT": endpoint,
        "SKILL_VERIFY_REQUESTS": "false",
        "SKILL_TIME_ZONE_LOOKUP": "false",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--no-control-socket"]
    command += ["-k", worker] if worker else []
    command.append("skill.app:create_app()")
    with log.open("wb") as out:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + 60
    while not dynamodb_local.port_open(port):
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"gunicorn did not start; see {log}")
        time.sleep(0.1)
    warm = Answers()
    for _ in range(10):  # every worker process imports and connects before the clock starts
        real_request(port, warm, write=False)
    return server, port


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def slow_clients_scenario(endpoint: str, args: argparse.Namespace, logs: Path) -> None:
    server, port = start_server(endpoint, args.worker, logs / "slow-clients.log")
    try:
        stop = threading.Event()
        holders = Holders()
        attackers = [
            threading.Thread(target=slow_client, args=(port, stop, holders), daemon=True)
            for _ in range(args.slow_clients)
        ]
        for t in attackers:
            t.start()
        time.sleep(1.0)  # all of them connected and holding
        answers = Answers()
        steady(port, args.rate, args.seconds, answers)
        stop.set()
        for t in attackers:
            t.join(5)
        answers.report(f"{args.slow_clients} slow clients held open ({args.worker or 'configured worker'})")
        held = f"median {statistics.median(holders.holds):.2f} s" if holders.holds else "none were cut"
        print(f"  slow connections cut by the server: {holders.cut} ({held} after connecting)")
    finally:
        stop_server(server)


def hang_scenario(engine: dynamodb_local.DynamoDBLocal, args: argparse.Namespace, logs: Path) -> None:
    server, port = start_server(engine.endpoint, args.worker, logs / "hang.log")
    assert engine.process is not None
    try:
        answers = Answers()
        load = threading.Thread(target=steady, args=(port, args.rate, args.hang + 6.0, answers))
        load.start()
        time.sleep(2.0)
        engine.process.send_signal(signal.SIGSTOP)
        time.sleep(args.hang)
        engine.process.send_signal(signal.SIGCONT)
        load.join()
        answers.report(f"a {args.hang:.0f} s DynamoDB hang (SIGSTOP) at {args.rate:.0f} requests a second")
        late = sum(t > 8.0 for t in answers.times)
        print(f"  answers after Alexa's 8 s: {late}")
    finally:
        engine.process.send_signal(signal.SIGCONT)
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="shorter runs")
    parser.add_argument("--worker", default=None, help="a gunicorn worker class instead of the configured one")
    parser.add_argument("--slow-clients", type=int, default=50)
    parser.add_argument("--rate", type=float, default=20.0, help="real requests a second")
    args = parser.parse_args()
    args.seconds = 8.0 if args.smoke else 20.0
    args.hang = 10.0
    with tempfile.TemporaryDirectory(prefix="bench-trust-") as tmp:
        logs = Path(tmp)
        engine = dynamodb_local.DynamoDBLocal(data_dir=logs / "dynamodb").start()
        try:
            operator_store(Settings(table_name=TABLE, dynamodb_endpoint=engine.endpoint)).create_table_if_missing()
            slow_clients_scenario(engine.endpoint, args, logs)
            hang_scenario(engine, args, logs)
        finally:
            engine.stop()


if __name__ == "__main__":
    main()
