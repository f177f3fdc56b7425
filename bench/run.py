"""``make bench``: DynamoDB Local and four gunicorn servers, alternating load runs, one report.

Targets: the bare floor, the design floor, the skill and the idiomatic ASK SDK peer, all under
deploy/gunicorn.conf.py (each on its own free port, verification off because the load generator
cannot sign). Load comes from ``bench.loadgen`` in its own process. DynamoDB calls and capacity
per request type come from an in-process measurement (bench.measure). Results go to
bench/results.json and a table whose last line is ``targets met: N of M``.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError

from bench import measure, peer
from bench.mix import BASE_DAY, active_types, request_types, user_id
from bench.seed import HISTORIES, MEASURED_HISTORIES, TWO_YEARS, peer_attributes, seed_peer, seed_skill
from content.loader import load_catalogue
from content.schema import Catalogue
from deploy import dynamodb_local
from skill.manage import operator_store
from skill.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SKILL_TABLE = "close-together-bench"
PEER_TABLE = "close-together-bench-peer"
APPS = {
    "bare": "bench.floors:bare_app()",
    "design": "bench.floors:design_app()",
    "skill": "skill.app:create_app()",
    "peer": "bench.peer:create_app()",
}
LABELS = {"bare": "bare floor", "design": "design floor", "skill-1w": "skill, 1 week", "peer-1w": "peer, 1 week",
          "skill-2y": "skill, 2 years", "peer-2y": "peer, 2 years", "paced": "skill paced at ½ design"}
# One round: every target once, in this order; rounds alternate so drift hits all targets alike.
ROUND = (("bare", "bare"), ("design", "design"), ("skill", "skill-1w"), ("peer", "peer-1w"),
         ("skill", "skill-2y"), ("peer", "peer-2y"))


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


def start_server(name: str, endpoint: str, plan: Plan, logs: Path) -> Server:
    port = dynamodb_local.free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "SKILL_TABLE_NAME": SKILL_TABLE,
           "BENCH_PEER_TABLE": PEER_TABLE, "SKILL_DYNAMODB_ENDPOINT": endpoint, "SKILL_VERIFY_REQUESTS": "false",
           "SKILL_TIME_ZONE_LOOKUP": "false",
           "AWS_REGION": "us-east-1", "PYTHONPATH": str(ROOT)}
    if plan.workers:
        env["WEB_CONCURRENCY"] = str(plan.workers)
    log = logs / f"{name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", APPS[name]],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=out, stdin=subprocess.DEVNULL)
    return Server(name, port, process, log)


def wait_ready(servers: list[Server], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    for s in servers:
        while not dynamodb_local.port_open(s.port):
            if s.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{s.name} did not start; see {s.log}:\n{s.log.read_text()[-2000:]}")
            time.sleep(0.1)


def drive(server: Server, pool: str, plan: Plan, duration: float, first_day: str, couples: int,
          rate: float = 0.0) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.loadgen", "--port", str(server.port), "--pool", pool,
           "--couples", str(couples), "--connections", str(plan.connections), "--duration", str(duration),
           "--first-day", first_day]
    if rate:
        cmd += ["--rate", f"{rate:.1f}"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, check=True, timeout=duration + 120)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "cpu": model, "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "load_average_at_start": list(os.getloadavg())}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the alternating runs of one target."""
    types = sorted({t for r in runs for t in r["by_type"]})
    return {
        "rps": median([r["rps"] for r in runs]),
        **{k: median([r["latency"][k] for r in runs]) for k in ("p50_ms", "p95_ms", "p99_ms")},
        "errors": sum(r["errors"] for r in runs), "requests": sum(r["requests"] for r in runs),
        "error_samples": [e for r in runs for e in r["error_samples"]][:5],
        "by_type": {t: {k: median([r["by_type"][t][k] for r in runs if r["by_type"].get(t, {}).get("count")])
                        for k in ("p50_ms", "p95_ms", "p99_ms")} for t in types},
        "runs": [{"rps": r["rps"], **{k: r["latency"][k] for k in ("p50_ms", "p95_ms", "p99_ms")},
                  "errors": r["errors"]} for r in runs],
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
    return {"last_night_that_fits": ok, "fails_at_night": bad, "years": round(bad / 365, 1),
            "json_kb_at_last_fit": round(size / 1024), "exact": not smoke}


def history_ratios(one: dict[str, Any], two: dict[str, Any], calls_1w: dict[str, Any],
                   calls_2y: dict[str, Any]) -> dict[str, Any]:
    """two-years / one-week for every figure (throughput as 1w/2y, so >1 always means worse)."""
    out: dict[str, Any] = {"throughput_slowdown": ratio(one["rps"], two["rps"]),
                           "p99_ms": ratio(two["p99_ms"], one["p99_ms"]), "by_type": {}}
    for t in one["by_type"]:
        row = {k: ratio(two["by_type"][t][k], one["by_type"][t][k]) for k in ("p50_ms", "p95_ms")}
        for k in ("reads", "writes", "read_units", "write_units"):
            a, b = calls_1w.get(t, {}).get(k, 0.0), calls_2y.get(t, {}).get(k, 0.0)
            row[k] = 1.0 if a == b == 0 else ratio(b, a)
        out["by_type"][t] = row
    return out


def capacity_ratios(base: dict[str, Any], other: dict[str, Any]) -> dict[str, dict[str, float]]:
    """other/base for the DynamoDB figures of every request type (1.0 when both are zero)."""
    return {t: {k: 1.0 if base[t][k] == other[t][k] == 0 else ratio(other[t][k], base[t][k])
                for k in ("reads", "writes", "read_units", "write_units")} for t in base}


def worst(ratios: dict[str, Any]) -> tuple[float, str]:
    items = [(ratios["throughput_slowdown"], "throughput"), (ratios["p99_ms"], "p99")]
    items += [(v, f"{t} {k}") for t, row in ratios["by_type"].items() for k, v in row.items()]
    return max(items)


def evaluate(r: dict[str, Any]) -> list[dict[str, Any]]:
    calls = r["dynamodb_per_request"]["skill"]
    most = {k: max(row[k] for h in calls.values() for row in h.values()) for k in
            ("reads", "writes", "read_units", "write_units")}
    over = sorted({t for h in calls.values() for t, row in h.items()
                   if row["reads"] > 1 or row["writes"] > 1})
    over_units = sorted({t for h in calls.values() for t, row in h.items()
                         if row["read_units"] > 1 or row["write_units"] > 2})
    t = r["targets"]
    worst_ratio, worst_what = worst(r["history"]["skill"]["ratio_2y_1w"])
    paced = r["paced"]
    return [
        {"target": "at most 1 read and 1 write call per request",
         "met": most["reads"] <= 1 and most["writes"] <= 1,
         "detail": f"most seen: {most['reads']:.0f} read, {most['writes']:.0f} write"
                   + (f" (over: {', '.join(over)})" if over else "")},
        {"target": "at most 1 read and 2 write capacity units per request",
         "met": most["read_units"] <= 1 and most["write_units"] <= 2,
         "detail": f"most seen: {most['read_units']:g} RCU, {most['write_units']:g} WCU"
                   + (f" (over: {', '.join(over_units)})" if over_units else "")},
        {"target": "two-years/one-week at most 1.1 for every request type and figure",
         "met": worst_ratio <= 1.1, "detail": f"worst: {worst_ratio:g} ({worst_what})"},
        {"target": "skill throughput at least 0.6 x design floor",
         "met": r["ratios"]["skill/design"] >= 0.6, "detail": f"{r['ratios']['skill/design']:g} x"},
        {"target": "skill at least 1.5 x peer throughput, one week",
         "met": r["ratios"]["skill/peer"] >= 1.5, "detail": f"{r['ratios']['skill/peer']:g} x"},
        {"target": "skill at least 10 x peer throughput, two years",
         "met": r["ratios"]["skill/peer_2y"] >= 10, "detail": f"{r['ratios']['skill/peer_2y']:g} x"},
        {"target": "p99 under 100 ms at half the design floor's throughput",
         "met": paced["p99_ms"] < 100 and paced["errors"] == 0 and t["design"]["rps"] > 0,
         "detail": f"p99 {paced['p99_ms']:.1f} ms at {paced['rate']:.0f} req/s"},
    ]


def run(plan: Plan, out: Path) -> dict[str, Any]:
    catalogue = load_catalogue()
    types = active_types()
    work = Path(tempfile.mkdtemp(prefix="close-together-bench-"))
    db = dynamodb_local.DynamoDBLocal(data_dir=work / "dynamodb")
    servers: list[Server] = []
    try:
        db.start()
        settings = Settings(table_name=SKILL_TABLE, dynamodb_endpoint=db.endpoint, verify_requests=False,
                            time_zone_lookup=False)
        # Seeding only (the servers have their own clients): the operator's patient client, since a
        # cold engine on a busy machine can outlast the service's 1.5 s read timeout.
        store = operator_store(settings)
        store.create_table_if_missing()
        resource = peer.make_resource(db.endpoint, "us-east-1")
        resource.create_table(TableName=PEER_TABLE, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                              BillingMode="PAY_PER_REQUEST")
        peer_table = resource.Table(PEER_TABLE)
        peer_table.wait_until_exists()

        servers = [start_server(name, db.endpoint, plan, work) for name in APPS]
        by_name = {s.name: s for s in servers}

        # Seeded pools (while the servers start), then DynamoDB figures per request type, in-process.
        seeded: dict[str, Any] = {}
        for label, nights in HISTORIES.items():
            for i in range(plan.couples):
                seeded[f"skill-{label}"] = seed_skill(store, catalogue, user_id(f"skill-{label}", i), nights,
                                                      settings.gratitude_retention_days)
                seeded[f"peer-{label}"] = seed_peer(peer_table, catalogue, user_id(f"peer-{label}", i), nights)
        skill_calls = {h: measure.measure_skill(settings, catalogue, types, n, plan.evenings)
                       for h, n in MEASURED_HISTORIES.items()}
        calls = {
            "skill": {h: per_type for h, (per_type, _) in skill_calls.items()},
            "peer": {h: measure.measure_peer(PEER_TABLE, db.endpoint, catalogue, request_types(), n, plan.evenings)
                     for h, n in MEASURED_HISTORIES.items()},
        }
        profile_size = {h: size for h, (_, size) in skill_calls.items()}
        growth: dict[str, Any] = {}
        for n in () if plan.smoke else (7, 14, 21, 30, 90, 730):
            per_type, size = measure.measure_skill(settings, catalogue, types, n, 1)
            growth[str(n)] = {"did_it_write_units": per_type["did_it"]["write_units"],
                              "max_write_units": max(row["write_units"] for row in per_type.values()),
                              "profile_bytes": size["after_evenings"]}
        limit = peer_item_limit(peer_table, catalogue, plan.smoke)

        wait_ready(servers)
        for s in servers:
            drive(s, f"warm-{s.name}", plan, plan.warmup, BASE_DAY.isoformat(), plan.couples)

        runs: dict[str, list[dict[str, Any]]] = {pool: [] for _, pool in ROUND}
        runs["paced"] = []
        # Each pool's couples go on living their evenings where the last run left them (no day twice).
        next_day = {pool: BASE_DAY for _, pool in ROUND}
        for _ in range(plan.rounds):
            for name, pool in ROUND:
                done = drive(by_name[name], pool, plan, plan.duration, next_day[pool].isoformat(), plan.couples)
                runs[pool].append(done)
                next_day[pool] = date.fromisoformat(done["next_day"])
            rate = max(1.0, runs["design"][-1]["rps"] / 2)
            paced = drive(by_name["skill"], "skill-1w", plan, plan.duration, next_day["skill-1w"].isoformat(),
                          plan.couples, rate=rate)
            runs["paced"].append(paced)
            next_day["skill-1w"] = date.fromisoformat(paced["next_day"])
        memory = {s.name: s.worker_rss_mb() for s in servers}

        combined = {pool: combine(rs) for pool, rs in runs.items()}
        targets = {name: combined[name if name in ("bare", "design") else f"{name}-1w"] for name in APPS}
        for name in APPS:
            rss = memory[name]
            targets[name]["memory_mb_per_worker"] = round(median(rss), 1)
            targets[name]["workers"] = len(rss)
        skill, skill2, peer1, peer2 = (combined[p] for p in ("skill-1w", "skill-2y", "peer-1w", "peer-2y"))
        result: dict[str, Any] = {
            "machine": machine(),
            "plan": {k: getattr(plan, k) for k in plan.__dataclass_fields__},
            "mix": {"types": [t.name for t in types],
                    "intents": {t.name: t.intent or "LaunchRequest" for t in types}},
            "seeded": seeded,
            "targets": targets,
            "history": {
                "skill": {"1w": skill, "2y": skill2,
                          "ratio_2y_1w": history_ratios(skill, skill2, calls["skill"]["1w"], calls["skill"]["2y"])},
                "peer": {"1w": peer1, "2y": peer2,
                         "ratio_2y_1w": history_ratios(peer1, peer2, calls["peer"]["1w"], calls["peer"]["2y"])},
            },
            "dynamodb_per_request": calls,
            "skill_capacity_ratio_2y_1m": capacity_ratios(calls["skill"]["1m"], calls["skill"]["2y"]),
            "skill_profile_bytes": profile_size,
            "skill_by_history_nights": growth,
            "ratios": {"skill/bare": ratio(skill["rps"], targets["bare"]["rps"]),
                       "skill/design": ratio(skill["rps"], targets["design"]["rps"]),
                       "skill/peer": ratio(skill["rps"], peer1["rps"]),
                       "skill/peer_2y": ratio(skill2["rps"], peer2["rps"])},
            "paced": {**combined["paced"], "rate": median([x["rate"] for x in runs["paced"]])},
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
        db.stop()
        shutil.rmtree(work, ignore_errors=True)
