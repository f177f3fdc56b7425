"""The printed table (``python -m bench`` prints it after a run) and its published copy in docs/performance.md.

``python -m bench.report`` prints the table of bench/results.json; ``--publish`` rewrites the table
in docs/performance.md (between its bench markers) from it, so a quiet re-run is published with one
command (``make bench-readme``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bench.run import LABELS

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
PAGE = ROOT / "docs" / "performance.md"  # the README links it; the table is too long for a guide
BEGIN, END = "<!-- bench table: python -m bench.report --publish -->", "<!-- end of bench table -->"


WHO = {"skill": "skill", "peer": "fair peer", "peer_idiomatic": "idiom peer", "peer_naive": "naive peer"}


def _row(label: str, t: dict[str, Any], extra: str = "") -> str:
    return (
        f"{label:<26}{t['rps']:>8.0f}{t['p50_ms']:>8.1f}{t['p95_ms']:>8.1f}{t['p99_ms']:>8.1f}"
        f"{t['errors']:>7}{t.get('cpu_ms_per_request', 0):>8.2f}{extra}"
    )


def _ratio(name: str, r: dict[str, Any]) -> str:
    rounds = ", ".join(f"{x:g}" for x in r["rounds"])
    return f"  {name:<18} rounds {rounds}; median {r['median']:g}, min {r['min']:g}"


def table(r: dict[str, Any]) -> str:
    m = r["machine"]
    t, h = r["targets"], r["history"]
    c = r.get("commit", {})
    lines = [
        f"commit {c.get('commit', '?')[:12]}{' (with uncommitted changes)' if c.get('dirty') else ''}; "
        f"machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gb']} GB; load before the first run "
        f"{m['load_average_at_start'][0]:.2f}",
        f"plan: {r['plan']['rounds']} alternating rounds x {r['plan']['duration']:g} s, "
        f"{r['plan']['connections']} connections, {r['plan']['couples']} couples per pool; "
        f"mix: {', '.join(r['mix']['types'])}",
        "success = the success answer's words for each request type; errors include apologies and re-asks",
    ]
    # Results from before samples were saved give p50/p95/p99 as medians of the rounds; say so.
    pooled = bool(t["skill"].get("p99_ms_per_round"))
    heading = "target (ms: all rounds)" if pooled else "target (median of runs)"
    lines += [
        "",
        f"{heading:<26}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>7}"
        f"{'CPU ms':>8}{'MB/worker':>11}{'cold s':>8}",
    ]
    for name, key in (("bare", "bare"), ("design", "design"), ("skill", "skill-1w"), ("peer", "peer-1w")):
        x = t[name]
        memory = f"{x['memory_mb_per_worker']:>7.0f} x{x['workers']}"
        lines.append(_row(LABELS[key], x, f"{memory}{x['cold_start_s']:>8.2f}"))
    lines.append(_row(LABELS["skill-2y"], h["skill"]["2y"]))
    lines.append(_row(LABELS["peer-2y"], h["peer"]["2y"]))
    lines.append(_row(f"skill paced {r['paced']['rate']:.0f} req/s", r["paced"]))
    if pooled:
        lines += ["", "p99 ms of each round, beside the pooled p99 above (req/s is the median of the rounds):"]
        for name, x in (("skill-1w", t["skill"]), ("peer-1w", t["peer"]), ("skill-2y", h["skill"]["2y"])):
            lines.append(f"  {LABELS[name]:<24}" + ", ".join(f"{v:.0f}" for v in x["p99_ms_per_round"]))
    lines += ["", "paired ratios (each round's targets measured back to back; targets judged on the median):"]
    for name, pr in r["paired_ratios"].items():
        lines.append(_ratio(name, pr))
    g = h["skill"]["ratio_2y_1w"]
    lines.append(f"  skill CPU per request, two years / one week: {g['cpu_ms_per_request']:g}")
    sizes = r["profile_bytes"]
    lines += [
        "",
        "skill profile item (bytes): "
        + "; ".join(f"{k} pool median {sizes[k]['median']:.0f}, largest {sizes[k]['largest']}" for k in ("1w", "2y"))
        + f"; measured couple (two longest names) {sizes['measured_largest']}",
    ]
    if r.get("skill_by_history_nights"):
        lines.append(
            "by nights of history: "
            + ", ".join(
                f"{n}: {g['profile_bytes']} B / {g['max_write_units']:g} WCU"
                for n, g in r["skill_by_history_nights"].items()
            )
        )
    lines += ["", f"{'per request (largest profile)':<30}{'reads':>6}{'writes':>7}{'RCU':>6}{'WCU':>6}{'history':>8}"]
    for impl in ("skill", "peer", "peer_idiomatic", "peer_naive"):
        calls = r["dynamodb_per_request"].get(impl, {})
        for name in r["mix"]["types"]:
            for label in ("1w", "1m", "2y"):
                row = calls.get(label, {}).get(name)
                if row is None:
                    continue
                who = WHO[impl]
                lines.append(
                    f"{who + ' ' + name:<30}{row['reads']:>6.0f}{row['writes']:>7.0f}"
                    f"{row['read_units']:>6g}{row['write_units']:>6g}{label:>8}"
                )
    cost = r["cost_per_1000_couples_month"]
    p = cost["prices"]
    lines += [
        "",
        f"DynamoDB per 1,000 couples a month (on-demand {p['region']}, ${p['usd_per_million_write_units']}/M "
        f"writes, ${p['usd_per_million_read_units']}/M reads, ${p['usd_per_gb_month']}/GB, {p['as_of']}):",
    ]
    for impl in ("skill", "peer", "peer_idiomatic"):
        for label in ("1w", "2y") if impl in cost else ():
            x = cost[impl][label]
            lines.append(
                f"  {WHO[impl]:<10}{label:>3}  ${x['usd_total']:>8.2f}  "
                f"({x['write_units']:,} WRU ${x['usd_writes']:.2f}, {x['read_units']:,} RRU "
                f"${x['usd_reads']:.2f}, {x['stored_gb']:g} GB ${x['usd_storage']:.2f}"
                + (f", point-in-time recovery ${x['usd_pitr']:.2f})" if "usd_pitr" in x else ")")
            )
    full = cost.get("skill_full_evening")
    if full:
        w = r["worst_couple"]
        lines.append(
            f"  {'skill':<10}{'all':>3}  ${full['usd_total']:>8.2f}  (the full evening, every feature, of the worst "
            f"realistic couple: {w['requests_per_evening']:g} requests; {full['write_units']:,} WRU "
            f"${full['usd_writes']:.2f}, {full['read_units']:,} RRU ${full['usd_reads']:.2f}, "
            f"{full['stored_gb']:g} GB ${full['usd_storage'] + full['usd_pitr']:.2f} with point-in-time recovery)"
        )
    if r.get("worst_couple"):
        lines += ["", *worst_lines(r["worst_couple"])]
    limit = r["peer_item_limit"]
    lines += [
        "",
        "naive peer's one item passes DynamoDB's 400 KB limit "
        + (
            f"at night {limit['fails_at_night']} (~{limit['years']} years)"
            if limit["exact"]
            else f"between night {limit['last_night_that_fits']} and {limit['fails_at_night']} (smoke)"
        ),
    ]
    lines.append("")
    lines += [f"[{'x' if ch['met'] else ' '}] {ch['target']}: {ch['detail']}" for ch in r["checks"]]
    lines.append(
        f"targets met: {r['targets_met']} of {r['targets_total']}"
        + (
            ""
            if r["targets_met"] == r["targets_total"]
            else "; missed: " + "; ".join(ch["target"] for ch in r["checks"] if not ch["met"])
        )
    )
    return "\n".join(lines)


def worst_lines(w: dict[str, Any]) -> list[str]:
    """The worst realistic couple's read and write units per request type (bench.worst)."""
    lines = [
        f"worst realistic couple (set up and lived through the skill's requests, {w['nights']} evenings): names of "
        f"{' and '.join(str(n) for n in w['names_chars'])} characters, gratitudes and answers of {w['text_chars']}, "
        f"{w['gratitude_turns_each']} turns each a night, tonight's question answered by both, reminders; "
        f"profile {w['profile_bytes']} B",
        f"{'per request (most / mean)':<30}{'reads':>6}{'writes':>7}{'RCU':>6}{'WCU':>6}{'mean RCU':>9}{'mean WCU':>9}"
        f"{'a night':>8}",
    ]
    for name, row in w["per_request"].items():
        lines.append(
            f"{'worst ' + name:<30}{row['reads']:>6.0f}{row['writes']:>7.0f}{row['read_units']:>6g}"
            f"{row['write_units']:>6g}{row['mean_read_units']:>9.2f}{row['mean_write_units']:>9.2f}"
            f"{row['per_evening']:>8.2f}"
        )
    lines.append(
        "weekly summary's Query, evening by evening: "
        + ", ".join(f"{u:g}" for u in w["summary_query_read_units_per_evening"])
        + f" RCU (the week: {w['week_gratitudes']} gratitudes, {w['week_gratitude_bytes']:,} B, "
        f"largest item {w['gratitude_item_bytes_max']} B)"
    )
    return lines


def published(r: dict[str, Any], text: str) -> str:
    """``text`` (docs/performance.md) with its bench table replaced by the one of ``r``."""
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{PAGE} has no bench markers ({BEGIN})")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n```\n{table(r)}\n```\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__)
    p.add_argument("--results", type=Path, default=RESULTS)
    p.add_argument("--publish", action="store_true", help="rewrite docs/performance.md's table from the results")
    args = p.parse_args(argv)
    r = json.loads(args.results.read_text())
    if args.publish:
        PAGE.write_text(published(r, PAGE.read_text()))
    else:
        print(table(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
