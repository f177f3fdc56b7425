"""The printed table: one line per target, then per request type, ratios, and the targets met."""

from __future__ import annotations

from typing import Any

from bench.run import LABELS


def _row(label: str, t: dict[str, Any], memory: str = "") -> str:
    return (f"{label:<26}{t['rps']:>9.0f}{t['p50_ms']:>9.1f}{t['p95_ms']:>9.1f}{t['p99_ms']:>9.1f}"
            f"{t['errors']:>8}{memory:>12}")


def table(r: dict[str, Any]) -> str:
    m = r["machine"]
    t, h = r["targets"], r["history"]
    lines = [
        f"machine: {m['nproc']} cores, {m['cpu']}, {m['memory_gb']} GB; "
        f"load at start {m['load_average_at_start'][0]:.2f}",
        f"plan: {r['plan']['rounds']} alternating rounds x {r['plan']['duration']:g} s, "
        f"{r['plan']['connections']} connections, {r['plan']['couples']} couples per pool; "
        f"mix: {', '.join(r['mix']['types'])}",
    ]
    lines += ["", f"{'target (median of runs)':<26}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
                  f"{'MB/worker':>12}"]
    for name, key in (("bare", "bare"), ("design", "design"), ("skill", "skill-1w"), ("peer", "peer-1w")):
        lines.append(_row(LABELS[key], t[name], f"{t[name]['memory_mb_per_worker']:.0f} x{t[name]['workers']}"))
    lines.append(_row(LABELS["skill-2y"], h["skill"]["2y"]))
    lines.append(_row(LABELS["peer-2y"], h["peer"]["2y"]))
    lines.append(_row(f"skill paced {r['paced']['rate']:.0f} req/s", r["paced"]))
    ra = r["ratios"]
    lines += ["", f"ratios: skill/bare {ra['skill/bare']:g}  skill/design {ra['skill/design']:g}  "
                  f"skill/peer {ra['skill/peer']:g} (1 week), {ra['skill/peer_2y']:g} (2 years)", ""]
    lines.append(f"{'per request':<12}{'':<7}{'reads':>6}{'writes':>7}{'RCU':>6}{'WCU':>6}"
                 f"{'p50 ms':>8}{'history':>8}{'2y/1w worst':>13}")
    for impl in ("skill", "peer"):
        calls = r["dynamodb_per_request"][impl]
        hist = h[impl]
        for name in r["mix"]["types"]:
            for label in ("1w", "1m", "2y"):
                c = calls[label].get(name)
                if c is None:
                    continue
                lat = hist[label]["by_type"].get(name, {}).get("p50_ms") if label in hist else None
                row = hist["ratio_2y_1w"]["by_type"].get(name)
                worst = f"{max(row.values()):.2f}" if row and label == "2y" else ""
                lines.append(f"{impl + ' ' + name:<19}{c['reads']:>6.0f}{c['writes']:>7.0f}{c['read_units']:>6g}"
                             f"{c['write_units']:>6g}{'' if lat is None else f'{lat:.1f}':>8}{label:>8}{worst:>13}")
    limit = r["peer_item_limit"]
    if limit["exact"]:
        lines += ["", f"peer's one item passes DynamoDB's 400 KB limit at night {limit['fails_at_night']} "
                      f"(~{limit['years']} years of nightly history)"]
    else:
        lines += ["", f"peer's one item passes DynamoDB's 400 KB limit between night {limit['last_night_that_fits']} "
                      f"and night {limit['fails_at_night']} (smoke run: ends checked only)"]
    worst_1m = max((v, f"{t} {k}") for t, row in r["skill_capacity_ratio_2y_1m"].items() for k, v in row.items())
    lines.append(f"skill DynamoDB calls and units, two years / one month: worst {worst_1m[0]:g} ({worst_1m[1]})")
    sizes = r["skill_profile_bytes"]
    lines.append("skill profile item after the measured evenings: " + ", ".join(
        f"{h} {s['after_evenings']} bytes" for h, s in sizes.items()))
    if r.get("skill_by_history_nights"):
        growth = ", ".join(f"{n}: {g['profile_bytes']} B / {g['max_write_units']:g} WCU"
                           for n, g in r["skill_by_history_nights"].items())
        lines.append(f"skill profile bytes / most write units per request, by nights of history: {growth}")
    lines.append("")
    lines += [f"[{'x' if c['met'] else ' '}] {c['target']}: {c['detail']}" for c in r["checks"]]
    lines.append(f"targets met: {r['targets_met']} of {r['targets_total']}")
    return "\n".join(lines)
