"""`python -m bench --lambda-only` runs the Lambda cold-start phase on its own and prints every figure
with its target (issue 24, item 10). Figures are printed, never asserted: this checks the machinery.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench import lambda_cold

from conftest import ROOT


def test_the_lambda_phase_runs_alone_and_reports_each_target(tmp_path: Path) -> None:
    out = tmp_path / "lambda.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--lambda-only", "--cold-starts", "1", "--warm", "2", "--lambda-out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["package_mb"] > 0 and figures["package_files"] > 0
    (run,) = figures["runs"]
    assert run["init_cpu_s"] > 0 and run["first_answer_s"] > 0 and run["peak_mb"] > 0
    names = [t["name"] for t in figures["targets"]]
    assert names == [
        "Lambda package size",
        "Lambda import CPU",
        "Lambda cold first answer",
        "Lambda warm answer CPU",
    ]
    for name in names:
        assert name in result.stdout
    assert f"Lambda targets met: {sum(t['met'] for t in figures['targets'])} of 4" in result.stdout
    assert lambda_cold.report(figures) in result.stdout
