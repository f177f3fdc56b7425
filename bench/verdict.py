"""From runs to results: medians and paired ratios across rounds, the peer's item limit, DynamoDB
capacity ratios by history, and the targets each result is checked against (``evaluate``)."""

from __future__ import annotations

import json
import statistics
from typing import Any

from botocore.exceptions import ClientError

from bench.loadgen import percentile
from bench.mix import user_id
from bench.seed import (
    TWO_YEARS,
    peer_attributes,
    seed_peer,
)
from content.schema import Catalogue


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


PERCENTILES = {"p50_ms": 50, "p95_ms": 95, "p99_ms": 99}


def pooled(runs: list[dict[str, Any]], rtype: str | None = None) -> dict[str, float]:
    """Latency percentiles over every request of every round together (one type's, or all)."""
    values = [v for r in runs for t, vs in r.get("samples_ms", {}).items() if rtype in (None, t) for v in vs]
    return {k: percentile(values, q) for k, q in PERCENTILES.items()}


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One target over its alternating runs: throughput and CPU as the median of the runs; latency
    percentiles pooled over all requests of all runs (a median of per-round p99s hides a bad round),
    with each round's own beside them."""
    types = sorted({t for r in runs for t in r["by_type"]})
    return {
        "rps": median([r["rps"] for r in runs]),
        **pooled(runs),
        **{f"{k}_per_round": [pooled([r])[k] for r in runs] for k in ("p95_ms", "p99_ms")},
        "cpu_ms_per_request": median([r["cpu_ms_per_request"] for r in runs]),
        "errors": sum(r["errors"] for r in runs),
        "requests": sum(r["requests"] for r in runs),
        "wrong_answers": sum(r["wrong_answers"] for r in runs),
        "error_samples": [e for r in runs for e in r["error_samples"]][:5],
        "by_type": {t: pooled(runs, t) for t in types},
        "runs": [
            {
                "rps": r["rps"],
                **{k: r["latency"][k] for k in ("p50_ms", "p95_ms", "p99_ms")},
                "errors": r["errors"],
                "wrong_answers": r["wrong_answers"],
                "cpu_ms_per_request": r["cpu_ms_per_request"],
                "samples_ms": r.get("samples_ms", {}),
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
        {
            f"{t} ({h})"
            for h, t, row in rows
            if row["read_units"] > row["reads"] or row["write_units"] > row["writes"] + row.get("transact_writes", 0)
        }
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
    checks = [
        {
            "target": "every write of a realistic two-year couple at most 1 write unit (2 for a transaction), "
            "every read at most 1 read unit",
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
            "detail": f"${cost['skill']['1w']['usd_total']:.4f} vs ${cost['peer']['1w']['usd_total']:.4f} "
            f"(margin ${cost['peer']['1w']['usd_total'] / 2 - cost['skill']['1w']['usd_total']:.4f}; "
            "point-in-time recovery included)",
        },
    ]
    return [*checks, *_worst_couple(r)]


def _worst_couple(r: dict[str, Any]) -> list[dict[str, Any]]:
    """The weekly summary's Query for the worst realistic couple (bench.worst): at most 1 read unit."""
    w = r.get("worst_couple")
    if w is None:  # results from before the worst couple was measured
        return []
    units = w["summary_query_read_units"]
    return [
        {
            "target": "worst realistic couple: the weekly summary's Query at most 1 read unit",
            "met": units <= 1,
            "detail": f"{units:g} RCU for {w['week_gratitudes']} gratitudes of {w['text_chars']} characters "
            f"({w['week_gratitude_bytes']:,} B; an eventually consistent read unit covers 8 KB)",
        }
    ]


def distribution(sizes: list[int]) -> dict[str, Any]:
    return {"couples": len(sizes), "median": median([float(s) for s in sizes]), "largest": max(sizes, default=0)}
