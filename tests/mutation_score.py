"""Prints `make mutate`'s mutation score from mutmut's CI/CD statistics (mutants/mutmut-cicd-stats.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(stats_file: Path = Path("mutants/mutmut-cicd-stats.json")) -> int:
    stats = json.loads(stats_file.read_text())
    total, killed = stats["total"], stats["killed"]
    score = 100 * killed / total if total else 0.0
    print(
        f"mutation score (skill/domain/): {killed} of {total} mutants killed, {score:.1f} %; "
        f"{stats['survived']} survived, {stats['no_tests']} reached by no fast test, {stats['timeout']} timed out"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*(Path(a) for a in sys.argv[1:])))
