"""The benchmark's smoke run (`python -m bench --smoke`): the machinery works end to end and the report
has every figure the issue asks for. Timings are printed by `make bench`, never asserted here."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_smoke_bench_reports_every_figure_for_every_target(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert re.match(r"targets met: \d+ of 9", lines[-1]), lines[-1]

    r = json.loads(out.read_text())
    assert {"nproc", "cpu", "memory_gb"} <= r["machine"].keys()
    for name in ("bare", "design", "skill", "peer"):
        t = r["targets"][name]
        assert {"rps", "p50_ms", "p95_ms", "p99_ms", "errors", "memory_mb_per_worker"} <= t.keys()
        assert t["requests"] > 0 and t["errors"] == 0, (name, t["error_samples"])
        assert t["workers"] >= 1 and t["memory_mb_per_worker"] > 0
    assert set(r["ratios"]) == {"skill/bare", "skill/design", "skill/peer", "skill/peer_2y"}
    assert r["mix"]["types"] == ["launch", "tonight", "start", "did_it", "gratitude_start", "gratitude",
                                 "gratitude_last", "summary"]
    assert r["mix"]["intents"]["gratitude"] == r["mix"]["intents"]["gratitude_last"] == "GratitudeIntent"
    assert r["mix"]["intents"]["summary"] == "WeeklySummaryIntent"

    # DynamoDB calls and capacity per request type, both histories, both implementations.
    for impl in ("skill", "peer"):
        for history in ("1w", "1m", "2y"):
            per_type = r["dynamodb_per_request"][impl][history]
            assert set(r["mix"]["types"]) <= per_type.keys()
            assert all({"reads", "writes", "read_units", "write_units"} <= v.keys() for v in per_type.values())
        assert {"throughput_slowdown", "p99_ms", "by_type"} <= r["history"][impl]["ratio_2y_1w"].keys()
    # The peer does every request type, gratitude round and summary included, and keeps history in one item.
    assert set(r["dynamodb_per_request"]["peer"]["2y"]) == set(r["mix"]["types"])
    # The skill's gratitude turns stored an entry; the summary read the week's entries (checked per answer too).
    skill = r["dynamodb_per_request"]["skill"]["2y"]
    assert "PutItem" in skill["gratitude"]["calls"] and "Query" in skill["summary"]["calls"]
    assert {h: s["after_evenings"] > 0 for h, s in r["skill_profile_bytes"].items()} == {"1w": True, "1m": True,
                                                                                         "2y": True}
    assert r["dynamodb_per_request"]["peer"]["2y"]["did_it"]["write_units"] > 10
    assert r["peer_item_limit"]["last_night_that_fits"] >= 730
    assert r["paced"]["rate"] > 0 and r["paced"]["requests"] > 0
    assert len(r["checks"]) == r["targets_total"] == 7 and r["targets_met"] == sum(c["met"] for c in r["checks"])
