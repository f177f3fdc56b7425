"""The bench's targets as real servers: each app under deploy/gunicorn.conf.py on its own free port, its
start-up timed cold, and the load generator (bench.loadgen) driven against it in its own process."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devtools import dynamodb_local

ROOT = Path(__file__).resolve().parent.parent
SKILL_TABLE = "close-together-bench"
PEER_TABLE = "close-together-bench-peer"
APPS = {
    "bare": "bench.floors:bare_app()",
    "design": "bench.floors:design_app()",
    "skill": "skill.app:create_app()",
    "peer": "bench.peer:create_app()",
}


@dataclass(frozen=True)
class Plan:
    rounds: int = 5  # paired ratios judged on the median of five: one round on 2 shared cores can swing by half
    duration: float = 10.0
    warmup: float = 3.0
    connections: int = 16
    couples: int = 128
    workers: int | None = None  # None: what deploy/gunicorn.conf.py decides
    evenings: int = 3
    smoke: bool = False


SMOKE = Plan(rounds=1, duration=0.3, warmup=0.2, connections=1, couples=1, workers=1, evenings=1, smoke=True)


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    started: float = 0.0  # time.monotonic() just before the process was started

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the workers: the live ones, plus those gunicorn already reaped
        (counted in the master's children times). The master's own time is left out."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        master = _stat(self.process.pid)
        if master:
            total += int(master[13]) + int(master[14])  # cutime, cstime
        for pid in self.workers():
            fields = _stat(pid)
            if fields:
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / tick

    def workers(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def worker_rss_mb(self) -> list[float]:
        # A worker gunicorn is respawning at this instant has no RSS yet: give them a moment.
        deadline = time.monotonic() + 5
        while not self._rss() and time.monotonic() < deadline:
            time.sleep(0.1)
        return self._rss()

    def _rss(self) -> list[float]:
        sizes = []
        for pid in self.workers():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _stat(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name: index 0 is field 3 (state)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def start_server(name: str, endpoint: str, plan: Plan, logs: Path, tag: str = "") -> Server:
    port = dynamodb_local.free_port()
    # The time-zone lookup is on, as in production: envelopes name the Settings API stand-in.
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "SKILL_TABLE_NAME": SKILL_TABLE,
        "BENCH_PEER_TABLE": PEER_TABLE,
        "SKILL_DYNAMODB_ENDPOINT": endpoint,
        "SKILL_VERIFY_REQUESTS": "false",
        "SKILL_TIME_ZONE_LOOKUP": "true",
        "BENCH_PEER_MODE": "fair",
        "AWS_REGION": "us-east-1",
        "PYTHONPATH": str(ROOT),
    }
    if plan.workers:
        env["WEB_CONCURRENCY"] = str(plan.workers)
    log = logs / f"{name}{tag}.log"
    with open(log, "wb") as out:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--no-control-socket", "-c", "deploy/gunicorn.conf.py", APPS[name]],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=out,
            stdin=subprocess.DEVNULL,
        )
    return Server(name, port, process, log, started)


def cold_start(name: str, endpoint: str, plan: Plan, logs: Path, body: bytes, timeout: float = 60.0) -> float:
    """Seconds from starting a fresh server to its first HTTP 200 (what autoscaling waits for). A
    server that exits before answering (its free port taken by another process in between) is
    started once more; a second exit names what its log says."""
    for attempt in (1, 2):
        server = start_server(name, endpoint, plan, logs, tag=f"-cold{attempt}")
        try:
            seconds = _first_200(server, body, timeout)
        finally:
            server.stop()
        if seconds is not None:
            return seconds
    tail = server.log.read_text(errors="replace")[-800:] if server.log.exists() else ""
    raise RuntimeError(f"{name} did not start: {tail}")


def _first_200(server: Server, body: bytes, timeout: float) -> float | None:
    """Seconds to the first 200, or None when the process exited first."""
    deadline = server.started + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return None
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
            conn.request("POST", "/alexa", body=body, headers={"Content-Type": "application/json"})
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return time.monotonic() - server.started
        except OSError:
            pass
        time.sleep(0.01)
    raise RuntimeError(f"{server.name}: no 200 within {timeout:g} s")


def wait_ready(servers: list[Server], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    for s in servers:
        while not dynamodb_local.port_open(s.port):
            if s.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{s.name} did not start; see {s.log}:\n{s.log.read_text()[-2000:]}")
            time.sleep(0.1)


def drive(
    server: Server,
    pool: str,
    plan: Plan,
    duration: float,
    first_day: str,
    couples: int,
    rate: float = 0.0,
    api_endpoint: str = "",
) -> dict[str, Any]:
    """One load run; adds the workers' CPU milliseconds per request served."""
    cmd = [
        sys.executable,
        "-m",
        "bench.loadgen",
        "--port",
        str(server.port),
        "--pool",
        pool,
        "--couples",
        str(couples),
        "--connections",
        str(plan.connections),
        "--duration",
        str(duration),
        "--first-day",
        first_day,
        "--impl",
        server.name,
        "--api-endpoint",
        api_endpoint,
    ]
    if rate:
        cmd += ["--rate", f"{rate:.1f}"]
    cpu_before = server.cpu_seconds()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True, timeout=duration + 120)
    cpu = server.cpu_seconds() - cpu_before
    result: dict[str, Any] = json.loads(done.stdout)
    result["cpu_ms_per_request"] = round(1000 * cpu / result["served"], 3) if result["served"] else 0.0
    return result
