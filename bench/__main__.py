"""``python -m bench`` (what ``make bench`` runs); ``--smoke`` is the few-second run ``make test`` uses.
``--lambda-only`` runs only the Lambda cold-start phase (bench/lambda_cold.py), which ``make bench``
runs after the load rounds; its figures go to bench/lambda-results.json (``--lambda-out``)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from bench import lambda_cold
from bench.report import table
from bench.run import run
from bench.servers import SMOKE, Plan

RESULTS = Path(__file__).resolve().parent / "results.json"
LAMBDA_RESULTS = Path(__file__).resolve().parent / "lambda-results.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--smoke", action="store_true", help="a few seconds: checks the machinery, not the numbers")
    p.add_argument("--rounds", type=int)
    p.add_argument("--duration", type=float, help="seconds per run")
    p.add_argument("--out", type=Path, default=RESULTS)
    p.add_argument("--lambda-only", action="store_true", help="only the Lambda cold-start phase")
    p.add_argument("--cold-starts", type=int, default=5, help="Lambda cold starts measured")
    p.add_argument("--warm", type=int, default=50, help="warm requests after each cold start")
    p.add_argument("--lambda-out", type=Path, default=LAMBDA_RESULTS)
    args = p.parse_args(argv)
    if args.lambda_only:
        lambda_phase(args)
        return 0
    plan = SMOKE if args.smoke else Plan()
    if args.rounds:
        plan = dataclasses.replace(plan, rounds=args.rounds)
    if args.duration:
        plan = dataclasses.replace(plan, duration=args.duration)
    result = run(plan, args.out)
    print(table(result))
    if not args.smoke:  # the smoke run checks the load machinery; the Lambda phase has its own test
        lambda_phase(args)
    return 0


def lambda_phase(args: argparse.Namespace) -> None:
    figures = lambda_cold.run(args.cold_starts, args.warm)
    args.lambda_out.write_text(json.dumps(figures, indent=2) + "\n")
    print(lambda_cold.report(figures))


if __name__ == "__main__":
    sys.exit(main())
