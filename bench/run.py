"""``make bench``: DynamoDB Local and four gunicorn servers, alternating load runs, one report.

Targets: the bare floor, the design floor, the skill and the idiomatic ASK SDK peer, all under
deploy/gunicorn.conf.py (each on its own free port, verification off because the load generator
cannot sign). Load comes from ``bench.loadgen`` in its own process. DynamoDB calls and capacity
per request type come from an in-process measurement (bench.measure). Results go to
bench/results.json and a table whose last line is ``targets met: N of M``.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from bench import cost, measure, peer
from bench.mix import BASE_DAY, TIME_ZONE, active_types, at_evening, user_id
from bench.names import couple_names
from bench.seed import (
    HISTORIES,
    MEASURED_HISTORIES,
    TWO_YEARS,
    SkillSeeder,
    peer_attributes,
    seed_peer,
)
from content.loader import load_catalogue
from content.schema import Catalogue
from deploy import dynamodb_local
from deploy.alexa_apis import SettingsApi
from deploy.envelopes import envelope
from skill.core.settings import Settings
from skill.manage import operator_store

ROOT = Path(__file__).resolve().parent.parent
SKILL_TABLE = "close-together-bench"
PEER_TABLE = "close-together-bench-peer"
APPS = {
    "bare": "bench.floors:bare_app()",
    "design": "bench.floors:design_app()",
    "skill": "skill.app:create_app()",
    "peer": "bench.peer:create_app()",
}
LABELS = {
    "bare": "bare floor",
    "design": "design floor",
    "skill-1w": "skill, 1 week",
    "peer-1w": "fair peer, 1 week",
    "skill-2y": "skill, 2 years",
    "peer-2y": "fair peer, 2 years",
    "paced": "skill paced at ½ design",
}
# One round: every target once, in this order; rounds alternate so drift hits all targets alike.
ROUND = (
    ("bare", "bare"),
    ("design", "design"),
    ("skill", "skill-1w"),
    ("peer", "peer-1w"),
    ("skill", "skill-2y"),
    ("peer", "peer-2y"),
)


@dataclass(frozen=True)
class Plan:
    rounds: int = 3
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
    """Seconds from starting a fresh server to its first HTTP 200 (what autoscaling waits for)."""
    server = start_server(name, endpoint, plan, logs, tag="-cold")
    try:
        deadline = server.started + timeout
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError(f"{name} did not start; see {server.log}")
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
        raise RuntimeError(f"{name}: no 200 within {timeout:g} s")
    finally:
        server.stop()


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


def commit() -> dict[str, Any]:
    """The commit measured, and whether the tree differed from it (bench/results.json aside)."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    changed = [line for line in git("status", "--porcelain").splitlines() if not line.endswith("bench/results.json")]
    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(changed)}


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load_average_at_start": list(os.getloadavg()),
    }


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the alternating runs of one target."""
    types = sorted({t for r in runs for t in r["by_type"]})
    return {
        "rps": median([r["rps"] for r in runs]),
        **{k: median([r["latency"][k] for r in runs]) for k in ("p50_ms", "p95_ms", "p99_ms")},
        "cpu_ms_per_request": median([r["cpu_ms_per_request"] for r in runs]),
        "errors": sum(r["errors"] for r in runs),
        "requests": sum(r["requests"] for r in runs),
        "wrong_answers": sum(r["wrong_answers"] for r in runs),
        "error_samples": [e for r in runs for e in r["error_samples"]][:5],
        "by_type": {
            t: {
                k: median([r["by_type"][t][k] for r in runs if r["by_type"].get(t, {}).get("count")])
                for k in ("p50_ms", "p95_ms", "p99_ms")
            }
            for t in types
        },
        "runs": [
            {
                "rps": r["rps"],
                **{k: r["latency"][k] for k in ("p50_ms", "p95_ms", "p99_ms")},
                "errors": r["errors"],
                "wrong_answers": r["wrong_answers"],
                "cpu_ms_per_request": r["cpu_ms_per_request"],
            }
            for r in runs
        ],
    }


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("inf")


def _fits(table: Any, catalogue: Catalogue, user: str, nights: int) -> bool:
    try:
        seed_peer(table, catalogue, user, nights)
    except ClientError as err:
        if "size" not in str(err).lower():
            raise
        return False
    return True


def peer_item_limit(table: Any, catalogue: Catalogue, smoke: bool) -> dict[str, Any]:
    """The history size at which the peer's one item passes DynamoDB's 400 KB limit (binary search).

    DynamoDB Local enforces the limit as DynamoDB does. The smoke run only checks both ends.
    """
    ok, bad = TWO_YEARS, 12 * 365
    user = user_id("limit", 0)
    if not _fits(table, catalogue, user, ok) or _fits(table, catalogue, user, bad):
        raise RuntimeError("the peer's item limit is not between two and twelve years of history")
    while not smoke and bad - ok > 1:
        mid = (ok + bad) // 2
        if _fits(table, catalogue, user, mid):
            ok = mid
        else:
            bad = mid
    size = len(json.dumps(peer_attributes(ok, catalogue)).encode())
    return {
        "last_night_that_fits": ok,
        "fails_at_night": bad,
        "years": round(bad / 365, 1),
        "json_kb_at_last_fit": round(size / 1024),
        "exact": not smoke,
    }


def history_ratios(
    one: dict[str, Any], two: dict[str, Any], calls_1w: dict[str, Any], calls_2y: dict[str, Any]
) -> dict[str, Any]:
    """two-years / one-week for every figure (throughput as 1w/2y, so >1 always means worse)."""
    out: dict[str, Any] = {
        "throughput_slowdown": ratio(one["rps"], two["rps"]),
        "p99_ms": ratio(two["p99_ms"], one["p99_ms"]),
        "by_type": {},
    }
    for t in one["by_type"]:
        row = {k: ratio(two["by_type"][t][k], one["by_type"][t][k]) for k in ("p50_ms", "p95_ms")}
        for k in ("reads", "writes", "read_units", "write_units"):
            a, b = calls_1w.get(t, {}).get(k, 0.0), calls_2y.get(t, {}).get(k, 0.0)
            row[k] = 1.0 if a == b == 0 else ratio(b, a)
        out["by_type"][t] = row
    return out


def capacity_ratios(base: dict[str, Any], other: dict[str, Any]) -> dict[str, dict[str, float]]:
    """other/base for the DynamoDB figures of every request type (1.0 when both are zero)."""
    return {
        t: {
            k: 1.0 if base[t][k] == other[t][k] == 0 else ratio(other[t][k], base[t][k])
            for k in ("reads", "writes", "read_units", "write_units")
        }
        for t in base
    }


def worst(ratios: dict[str, Any]) -> tuple[float, str]:
    items = [(ratios["throughput_slowdown"], "throughput"), (ratios["p99_ms"], "p99")]
    items += [(v, f"{t} {k}") for t, row in ratios["by_type"].items() for k, v in row.items()]
    return max(items)


CAPACITY = ("reads", "writes", "read_units", "write_units")


def paired(runs: dict[str, list[dict[str, Any]]], top: str, bottom: str, key: str = "rps") -> dict[str, Any]:
    """top/bottom per round (both measured back to back in that round), their median and minimum."""
    each = [ratio(a[key], b[key]) for a, b in zip(runs[top], runs[bottom], strict=True)]
    return {"rounds": each, "median": median(each), "min": min(each) if each else 0.0}


def evaluate(r: dict[str, Any]) -> list[dict[str, Any]]:
    calls = r["dynamodb_per_request"]["skill"]
    rows = [(h, t, row) for h, per in calls.items() for t, row in per.items()]
    most = {k: max(row[k] for _, _, row in rows) for k in CAPACITY}
    over_units = sorted(
        {f"{t} ({h})" for h, t, row in rows if row["read_units"] > row["reads"] or row["write_units"] > row["writes"]}
    )
    over_writes = sorted({f"{t} ({h})" for h, t, row in rows if row["writes"] > (2 if t == "gratitude_last" else 1)})
    growth = r["history"]["skill"]["ratio_2y_1w"]
    worst_growth = max(
        [(v, f"{t} {k}") for t, row in growth["by_type"].items() for k, v in row.items() if k in CAPACITY]
        + [(growth["cpu_ms_per_request"], "CPU per request")]
    )
    pr = r["paired_ratios"]
    cpu_skill, cpu_design = r["targets"]["skill"]["cpu_ms_per_request"], r["targets"]["design"]["cpu_ms_per_request"]
    cost = r["cost_per_1000_couples_month"]
    paced = r["paced"]
    size = r["profile_bytes"]
    return [
        {
            "target": "every write of a realistic two-year couple at most 1 write unit, every read at most 1 read unit",
            "met": not over_units,
            "detail": f"largest profile {size['measured_largest']} B; "
            f"most seen per request: {most['read_units']:g} RCU "
            f"in {most['reads']:.0f} reads, {most['write_units']:g} WCU in {most['writes']:.0f} writes"
            + (f" (over: {', '.join(over_units)})" if over_units else ""),
        },
        {
            "target": "at most 1 write call per request (2 for the round's closing turn)",
            "met": not over_writes,
            "detail": f"most seen: {most['writes']:.0f}"
            + (f" (over: {', '.join(over_writes)})" if over_writes else ""),
        },
        {
            "target": "two-years/one-week at most 1.1 for every capacity figure and CPU per request",
            "met": worst_growth[0] <= 1.1,
            "detail": f"worst: {worst_growth[0]:g} ({worst_growth[1]})",
        },
        {
            "target": "skill at least 0.8 x design floor throughput (median of paired ratios)",
            "met": pr["skill/design"]["median"] >= 0.8,
            "detail": f"{pr['skill/design']['median']:g} x (min {pr['skill/design']['min']:g})",
        },
        {
            "target": "skill CPU per request at most the design floor's",
            "met": 0 < cpu_skill <= cpu_design,
            "detail": f"{cpu_skill:.2f} ms vs {cpu_design:.2f} ms",
        },
        {
            "target": "skill at least 1.5 x fair peer throughput, one week (median of paired ratios)",
            "met": pr["skill/peer_1w"]["median"] >= 1.5,
            "detail": f"{pr['skill/peer_1w']['median']:g} x (min {pr['skill/peer_1w']['min']:g})",
        },
        {
            "target": "skill at least 5 x fair peer throughput, two years (median of paired ratios)",
            "met": pr["skill/peer_2y"]["median"] >= 5,
            "detail": f"{pr['skill/peer_2y']['median']:g} x (min {pr['skill/peer_2y']['min']:g})",
        },
        {
            "target": "p99 under 100 ms at half the design floor's throughput",
            "met": paced["p99_ms"] < 100 and paced["errors"] == 0 and r["targets"]["design"]["rps"] > 0,
            "detail": f"p99 {paced['p99_ms']:.1f} ms at {paced['rate']:.0f} req/s, {paced['errors']} errors",
        },
        {
            "target": "DynamoDB cost per 1,000 couples a month at most half the fair peer's, one week",
            "met": cost["skill"]["1w"]["usd_total"] <= cost["peer"]["1w"]["usd_total"] / 2,
            "detail": f"${cost['skill']['1w']['usd_total']:.2f} vs ${cost['peer']['1w']['usd_total']:.2f}",
        },
    ]


def distribution(sizes: list[int]) -> dict[str, Any]:
    return {"couples": len(sizes), "median": median([float(s) for s in sizes]), "largest": max(sizes, default=0)}


def run(plan: Plan, out: Path) -> dict[str, Any]:
    started_on = machine()  # the machine's load before anything of the bench runs
    catalogue = load_catalogue()
    types = active_types()
    work = Path(tempfile.mkdtemp(prefix="close-together-bench-"))
    db = dynamodb_local.DynamoDBLocal(data_dir=work / "dynamodb")
    api = SettingsApi(zone=TIME_ZONE).start()
    servers: list[Server] = []
    try:
        db.start()
        settings = Settings(
            table_name=SKILL_TABLE, dynamodb_endpoint=db.endpoint, verify_requests=False, time_zone_lookup=True
        )
        # Seeding only (the servers have their own clients): the operator's patient client, since a
        # cold engine on a busy machine can outlast the service's 1.5 s read timeout.
        store = operator_store(settings)
        store.create_table_if_missing()
        resource = peer.make_resource(db.endpoint, "us-east-1")
        resource.create_table(
            TableName=PEER_TABLE,
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        peer_table = resource.Table(PEER_TABLE)
        peer_table.wait_until_exists()

        servers = [start_server(name, db.endpoint, plan, work) for name in APPS]
        by_name = {s.name: s for s in servers}

        # Seeded pools (while the servers start), then DynamoDB figures per request type, in-process.
        # The skill's couples are set up by several threads at once (each its own app and test client):
        # the flows mostly wait on DynamoDB Local, and 256 couples one by one take minutes.
        local = threading.local()

        def seed_one(job: tuple[str, int, int]) -> dict[str, Any]:
            if not hasattr(local, "seeder"):
                local.seeder = SkillSeeder(settings, None, catalogue, api.endpoint)
            pool, i, nights = job
            seeder: SkillSeeder = local.seeder
            return seeder.seed(pool, i, couple_names(pool, i), nights)

        jobs = [(f"skill-{label}", i, nights) for label, nights in HISTORIES.items() for i in range(plan.couples)]
        with ThreadPoolExecutor(max_workers=3) as threads:
            done_seeds = list(threads.map(seed_one, jobs))
        seeded: dict[str, Any] = {}
        sizes: dict[str, list[int]] = {}
        for (pool, _, _), info in zip(jobs, done_seeds, strict=True):
            seeded[pool] = info
            sizes.setdefault(pool.removeprefix("skill-"), []).append(info["profile_bytes"])
        for label, nights in HISTORIES.items():
            for i in range(plan.couples):
                pool = f"peer-{label}"
                seeded[pool] = seed_peer(
                    peer_table, catalogue, user_id(pool, i), nights, couple_names(pool, i), peer.RETENTION_DAYS
                )
        skill_calls = {
            h: measure.measure_skill(settings, catalogue, types, n, plan.evenings, api.endpoint)
            for h, n in MEASURED_HISTORIES.items()
        }
        calls = {
            "skill": {h: per_type for h, (per_type, _) in skill_calls.items()},
            "peer": {
                h: measure.measure_peer(PEER_TABLE, db.endpoint, catalogue, active_types(), n, plan.evenings)
                for h, n in MEASURED_HISTORIES.items()
            },
            "peer_naive": {
                h: measure.measure_peer(
                    PEER_TABLE, db.endpoint, catalogue, active_types(), n, plan.evenings, mode="naive"
                )
                for h, n in HISTORIES.items()
            },
        }
        profile_size = {h: size for h, (_, size) in skill_calls.items()}
        growth: dict[str, Any] = {}
        for n in () if plan.smoke else (7, 14, 30, 90, 730):
            per_type, size = measure.measure_skill(settings, catalogue, types, n, 1, api.endpoint)
            growth[str(n)] = {
                "max_write_units": max(row["write_units"] for row in per_type.values()),
                "profile_bytes": size["after_evenings"],
            }
        limit = peer_item_limit(peer_table, catalogue, plan.smoke)

        wait_ready(servers)
        for s in servers:
            drive(s, f"warm-{s.name}", plan, plan.warmup, BASE_DAY.isoformat(), plan.couples, api_endpoint=api.endpoint)

        runs: dict[str, list[dict[str, Any]]] = {pool: [] for _, pool in ROUND}
        runs["paced"] = []
        # Each pool's couples go on living their evenings where the last run left them (no day twice).
        next_day = {pool: BASE_DAY for _, pool in ROUND}
        for _ in range(plan.rounds):
            for name, pool in ROUND:
                done = drive(
                    by_name[name],
                    pool,
                    plan,
                    plan.duration,
                    next_day[pool].isoformat(),
                    plan.couples,
                    api_endpoint=api.endpoint,
                )
                runs[pool].append(done)
                next_day[pool] = date.fromisoformat(done["next_day"])
            rate = max(1.0, runs["design"][-1]["rps"] / 2)
            paced = drive(
                by_name["skill"],
                "skill-1w",
                plan,
                plan.duration,
                next_day["skill-1w"].isoformat(),
                plan.couples,
                rate=rate,
                api_endpoint=api.endpoint,
            )
            runs["paced"].append(paced)
            next_day["skill-1w"] = date.fromisoformat(paced["next_day"])
        memory = {s.name: s.worker_rss_mb() for s in servers}
        for s in servers:
            s.stop()
        launch = json.dumps(
            envelope(
                "launch",
                user_id=user_id("skill-1w", 0),
                at=at_evening(BASE_DAY),
                session_id="amzn1.echo-api.session.cold",
                new=True,
                attributes={},
                api_endpoint=api.endpoint,
            )
        ).encode()
        cold = {name: round(cold_start(name, db.endpoint, plan, work, launch), 3) for name in APPS}

        combined = {pool: combine(rs) for pool, rs in runs.items()}
        targets = {name: combined[name if name in ("bare", "design") else f"{name}-1w"] for name in APPS}
        for name in APPS:
            rss = memory[name]
            targets[name]["memory_mb_per_worker"] = round(median(rss), 1)
            targets[name]["workers"] = len(rss)
            targets[name]["cold_start_s"] = cold[name]
        skill, skill2, peer1, peer2 = (combined[p] for p in ("skill-1w", "skill-2y", "peer-1w", "peer-2y"))
        history = {
            "skill": {
                "1w": skill,
                "2y": skill2,
                "ratio_2y_1w": history_ratios(skill, skill2, calls["skill"]["1w"], calls["skill"]["2y"]),
            },
            "peer": {
                "1w": peer1,
                "2y": peer2,
                "ratio_2y_1w": history_ratios(peer1, peer2, calls["peer"]["1w"], calls["peer"]["2y"]),
            },
        }
        for impl, one, two in (("skill", "skill-1w", "skill-2y"), ("peer", "peer-1w", "peer-2y")):
            history[impl]["ratio_2y_1w"]["cpu_ms_per_request"] = paired(runs, two, one, "cpu_ms_per_request")["median"]
        cost_table = {
            impl: {
                h: cost.monthly(calls[impl][h], seeded[f"{impl}-{h}"]["stored_bytes"], seeded[f"{impl}-{h}"]["items"])
                for h in HISTORIES
            }
            for impl in ("skill", "peer")
        }
        result: dict[str, Any] = {
            "commit": commit(),
            "machine": started_on,
            "plan": {k: getattr(plan, k) for k in plan.__dataclass_fields__},
            "mix": {"types": [t.name for t in types], "intents": {t.name: t.intent or "LaunchRequest" for t in types}},
            "seeded": seeded,
            "settings_api_lookups": api.lookups,
            "targets": targets,
            "history": history,
            "dynamodb_per_request": calls,
            "skill_capacity_ratio_2y_1m": capacity_ratios(calls["skill"]["1m"], calls["skill"]["2y"]),
            "profile_bytes": {
                "1w": distribution(sizes.get("1w", [])),
                "2y": distribution(sizes.get("2y", [])),
                "measured": profile_size,
                "measured_largest": max(s["after_evenings"] for s in profile_size.values()),
            },
            "skill_by_history_nights": growth,
            "paired_ratios": {
                "skill/design": paired(runs, "skill-1w", "design"),
                "skill/bare": paired(runs, "skill-1w", "bare"),
                "skill/peer_1w": paired(runs, "skill-1w", "peer-1w"),
                "skill/peer_2y": paired(runs, "skill-2y", "peer-2y"),
                "cpu skill/design": paired(runs, "skill-1w", "design", "cpu_ms_per_request"),
            },
            "paced": {**combined["paced"], "rate": median([x["rate"] for x in runs["paced"]])},
            "cost_per_1000_couples_month": {**cost_table, "prices": cost.PRICES},
            "peer_item_limit": limit,
        }
        checks = evaluate(result)
        result["checks"] = checks
        result["targets_met"] = sum(c["met"] for c in checks)
        result["targets_total"] = len(checks)
        out.write_text(json.dumps(result, indent=2, default=float) + "\n")
        return result
    finally:
        for s in servers:
            s.stop()
        api.stop()
        db.stop()
        shutil.rmtree(work, ignore_errors=True)
