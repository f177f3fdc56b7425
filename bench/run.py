"""``make bench``: DynamoDB Local and four gunicorn servers, alternating load runs, one report.

Targets: the bare floor, the design floor, the skill and the idiomatic ASK SDK peer, all under
deploy/gunicorn.conf.py (each on its own free port, verification off because the load generator
cannot sign). Load comes from ``bench.loadgen`` in its own process. DynamoDB calls and capacity
per request type come from an in-process measurement (bench.measure). Results go to
bench/results.json and a table whose last line is ``targets met: N of M``. This module runs the
phases in order; the servers and load runs are bench.servers, the figures and targets bench.verdict.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from bench import cost, measure, peer
from bench.mix import BASE_DAY, TIME_ZONE, RequestType, active_types, at_evening, user_id
from bench.names import LONGEST, couple_names
from bench.seed import (
    HISTORIES,
    MEASURED_HISTORIES,
    SkillSeeder,
    peer_attributes,
    seed_peer,
)
from bench.servers import APPS, PEER_TABLE, ROOT, SKILL_TABLE, Plan, Server, cold_start, drive, start_server, wait_ready
from bench.verdict import (
    capacity_ratios,
    combine,
    distribution,
    evaluate,
    history_ratios,
    median,
    paired,
    peer_item_limit,
)
from bench.worst import measure_worst
from content.loader import load_catalogue
from content.schema import Catalogue
from devtools import dynamodb_local
from devtools.alexa_apis import SettingsApi
from devtools.envelopes import envelope
from skill.core.settings import Settings
from skill.manage import operator_store

LABELS = {
    "bare": "bare floor",
    "design": "design floor",
    "skill-1w": "skill, 1 week",
    "peer-1w": "fair peer, 1 week",
    "skill-2y": "skill, 2 years",
    "peer-2y": "fair peer, 2 years",
    "paced": "skill paced at ½ design",
}
# One round: every target once, in this order, and the next round in the reverse order (A B B A):
# a drift over the run (a neighbour's load, a warming cache) then favours no target over another.
ROUND = (
    ("bare", "bare"),
    ("design", "design"),
    ("skill", "skill-1w"),
    ("peer", "peer-1w"),
    ("skill", "skill-2y"),
    ("peer", "peer-2y"),
)


def round_order(index: int) -> tuple[tuple[str, str], ...]:
    """The targets of round ``index`` (0 first), counterbalanced: forward, backward, forward, ..."""
    return ROUND if index % 2 == 0 else tuple(reversed(ROUND))


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


def seed_pools(
    settings: Settings, catalogue: Catalogue, api_endpoint: str, plan: Plan, peer_table: Any
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The seeded pools (while the servers start). The skill's couples are set up by several threads
    at once (each its own app and test client): the flows mostly wait on DynamoDB Local, and 256
    couples one by one take minutes."""
    local = threading.local()

    def seed_one(job: tuple[str, int, int]) -> dict[str, Any]:
        if not hasattr(local, "seeder"):
            local.seeder = SkillSeeder(settings, None, catalogue, api_endpoint)
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
                peer_table,
                catalogue,
                user_id(pool, i),
                nights,
                couple_names(pool, i),
                peer.RETENTION_DAYS,
                peer.HISTORY_DAYS,
            )
    return seeded, sizes


def dynamodb_figures(
    settings: Settings,
    catalogue: Catalogue,
    types: tuple[RequestType, ...],
    plan: Plan,
    api_endpoint: str,
    db_endpoint: str,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """DynamoDB calls and units per request type (skill, fair peer, naive peer), the profile's size,
    and how the largest write grows with history: measured in-process."""
    skill_calls = {
        h: measure.measure_skill(settings, catalogue, types, n, plan.evenings, api_endpoint)
        for h, n in MEASURED_HISTORIES.items()
    }
    calls = {
        "skill": {h: per_type for h, (per_type, _) in skill_calls.items()},
        "peer": {
            h: measure.measure_peer(PEER_TABLE, db_endpoint, catalogue, active_types(), n, plan.evenings)
            for h, n in MEASURED_HISTORIES.items()
        },
        "peer_idiomatic": {
            h: measure.measure_peer(
                PEER_TABLE, db_endpoint, catalogue, active_types(), n, plan.evenings, mode="idiomatic"
            )
            for h, n in HISTORIES.items()
        },
        "peer_naive": {
            h: measure.measure_peer(PEER_TABLE, db_endpoint, catalogue, active_types(), n, plan.evenings, mode="naive")
            for h, n in HISTORIES.items()
        },
    }
    profile_size = {h: size for h, (_, size) in skill_calls.items()}
    growth: dict[str, Any] = {}
    for n in () if plan.smoke else (7, 14, 30, 90, 730):
        per_type, size = measure.measure_skill(settings, catalogue, types, n, 1, api_endpoint)
        growth[str(n)] = {
            "max_write_units": max(row["write_units"] for row in per_type.values()),
            "profile_bytes": size["after_evenings"],
        }
    return calls, profile_size, growth


def idiomatic_cost(calls: dict[str, Any], catalogue: Catalogue) -> dict[str, Any]:
    """The idiomatic peer's bill (a second reference, measured in-process only): its one item per
    couple as it stands after each history, with the pools' names."""
    bill = {}
    for h, n in HISTORIES.items():
        size = len(json.dumps(peer_attributes(n, catalogue, LONGEST, peer.RETENTION_DAYS), separators=(",", ":")))
        bill[h] = cost.monthly(calls[h], size, 1)
    return bill


def load_rounds(
    by_name: dict[str, Server], plan: Plan, api_endpoint: str, peer_table: Any, catalogue: Catalogue
) -> dict[str, list[dict[str, Any]]]:
    """The load runs, round by round (every target back to back in a round), and the paced skill run."""
    runs: dict[str, list[dict[str, Any]]] = {pool: [] for _, pool in ROUND}
    runs["paced"] = []
    # Each pool's couples go on living their evenings where the last run left them (no day twice).
    next_day = {pool: BASE_DAY for _, pool in ROUND}
    for index in range(plan.rounds):
        for name, pool in round_order(index):
            if pool == "peer-1w":
                # The peer's one-week pool stays one week old: its maps grow with every evening lived
                # (the skill's profile does not), so each run starts from a week before its first evening.
                for i in range(plan.couples):
                    seed_peer(
                        peer_table,
                        catalogue,
                        user_id(pool, i),
                        HISTORIES["1w"],
                        couple_names(pool, i),
                        peer.RETENTION_DAYS,
                        peer.HISTORY_DAYS,
                        end=next_day[pool],
                    )
            done = drive(
                by_name[name],
                pool,
                plan,
                plan.duration,
                next_day[pool].isoformat(),
                plan.couples,
                api_endpoint=api_endpoint,
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
            api_endpoint=api_endpoint,
        )
        runs["paced"].append(paced)
        next_day["skill-1w"] = date.fromisoformat(paced["next_day"])
    return runs


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

        seeded, sizes = seed_pools(settings, catalogue, api.endpoint, plan, peer_table)
        calls, profile_size, growth = dynamodb_figures(settings, catalogue, types, plan, api.endpoint, db.endpoint)
        # The peer's item limit, and every feature at its longest through the skill's requests (bench.worst).
        limit, worst = peer_item_limit(peer_table, catalogue, plan.smoke), measure_worst(settings, catalogue)

        wait_ready(servers)
        for s in servers:
            drive(s, f"warm-{s.name}", plan, plan.warmup, BASE_DAY.isoformat(), plan.couples, api_endpoint=api.endpoint)

        runs = load_rounds(by_name, plan, api.endpoint, peer_table, catalogue)
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
        } | {"peer_idiomatic": idiomatic_cost(calls["peer_idiomatic"], catalogue)}
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
                "measured_largest": max(max(s["seeded"], s["after_evenings"]) for s in profile_size.values()),
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
            "cost_per_1000_couples_month": {
                **cost_table,
                "skill_full_evening": worst["cost_full_evening"],
                "prices": cost.PRICES,
            },
            "worst_couple": worst,
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
