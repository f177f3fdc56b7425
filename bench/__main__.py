"""``python -m bench`` (what ``make bench`` runs); ``--smoke`` is the few-second run ``make test`` uses."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from bench.report import table
from bench.run import run
from bench.servers import SMOKE, Plan

RESULTS = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--smoke", action="store_true", help="a few seconds: checks the machinery, not the numbers")
    p.add_argument("--rounds", type=int)
    p.add_argument("--duration", type=float, help="seconds per run")
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    plan = SMOKE if args.smoke else Plan()
    if args.rounds:
        plan = dataclasses.replace(plan, rounds=args.rounds)
    if args.duration:
        plan = dataclasses.replace(plan, duration=args.duration)
    result = run(plan, args.out)
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
