"""The load generator: a separate process driving one target over keep-alive HTTP on loopback.

Each connection lives the evenings of its own couples (bench.mix), carrying session attributes from
each answer as Alexa does. Bounded in time (``--duration``) and count (``--max-requests``).
Closed loop by default (as fast as the target answers); with ``--rate`` it is open loop at that
many requests per second, latency counted from each request's scheduled time, so a target that
falls behind shows it in its percentiles instead of hiding it.

    python -m bench.loadgen --port 8080 --pool skill-1w --couples 32 --duration 10
Prints one JSON object to stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import date, timedelta
from typing import Any

from bench.answers import speech, success
from bench.mix import Couple, active_types, couple


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(latencies: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in latencies]
    return {
        "count": len(ms),
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "p99_ms": percentile(ms, 99),
        "max_ms": max(ms, default=0.0),
    }


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.types = active_types()
        self.latencies: dict[str, list[float]] = {t.name: [] for t in self.types}
        self.couples: list[Couple] = []
        self.errors = 0
        self.wrong_answers = 0  # HTTP 200 whose speech is not the success answer (apologies, re-asks)
        self.error_samples: list[str] = []
        self.sent = 0
        self.start = 0.0
        self.deadline = 0.0

    def take(self) -> int | None:
        """The next request's sequence number, or None when the run is over."""
        if self.sent >= self.args.max_requests or time.perf_counter() >= self.deadline:
            return None
        self.sent += 1
        return self.sent - 1

    def error(self, why: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(why[:200])

    async def connection(self, index: int) -> None:
        a = self.args
        per = max(1, a.couples // a.connections)
        first = date.fromisoformat(a.first_day)
        couples = [couple(a.pool, (index * per + i) % a.couples, first, self.types, a.api_endpoint) for i in range(per)]
        self.couples.extend(couples)
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        turn = 0
        while (seq := self.take()) is not None:
            scheduled = self.start + seq / a.rate if a.rate else time.perf_counter()
            if a.rate:
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            one = couples[(turn // len(self.types)) % per]
            turn += 1
            rtype, env = one.next()
            body = json.dumps(env).encode()
            head = (
                f"POST /alexa HTTP/1.1\r\nHost: 127.0.0.1:{a.port}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            sent_at = scheduled if a.rate else time.perf_counter()
            try:
                if writer is None or reader is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", a.port)
                writer.write(head + body)
                status, payload, close = await asyncio.wait_for(read_response(reader), timeout=a.timeout)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as err:
                self.error(f"{rtype.name}: {type(err).__name__} {err}")
                if writer is not None:
                    writer.close()
                reader = writer = None
                one.answered({"response": {"shouldEndSession": True}})
                continue
            elapsed = time.perf_counter() - sent_at
            if status != 200:
                self.error(f"{rtype.name}: HTTP {status} {payload[:120]!r}")
                one.answered({"response": {"shouldEndSession": True}})
            else:
                answer = json.loads(payload)
                if success(a.impl, rtype.name, answer):
                    self.latencies[rtype.name].append(elapsed)
                else:
                    self.wrong_answers += 1
                    self.error(f"{rtype.name}: not its success answer: {speech(answer)[:100]!r}")
                one.answered(answer)
            if close and writer is not None:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    async def main(self) -> dict[str, Any]:
        self.start = time.perf_counter()
        self.deadline = self.start + self.args.duration
        await asyncio.gather(*(self.connection(i) for i in range(self.args.connections)))
        elapsed = time.perf_counter() - self.start
        every = [v for values in self.latencies.values() for v in values]
        return {
            "pool": self.args.pool,
            "port": self.args.port,
            "connections": self.args.connections,
            "rate": self.args.rate,
            "seconds": elapsed,
            "requests": len(every),
            "errors": self.errors,
            "wrong_answers": self.wrong_answers,
            "served": len(every) + self.errors,
            "error_samples": self.error_samples,
            "rps": len(every) / elapsed if elapsed else 0.0,
            "latency": summary(every),
            # The day after the latest evening any couple reached: where the next run of this pool starts.
            "next_day": (max(c.day for c in self.couples) + timedelta(days=1)).isoformat(),
            "by_type": {k: summary(v) for k, v in self.latencies.items()},
            # Every request's latency (ms), by type: percentiles over all rounds are computed from these
            # (bench.verdict.combine), and tests/test_bench.py recomputes every reported one from them.
            "samples_ms": {k: [round(v * 1000, 3) for v in values] for k, values in self.latencies.items()},
        }


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    status_line = await reader.readline()
    if not status_line:
        raise asyncio.IncompleteReadError(b"", None)
    status = int(status_line.split()[1])
    length, close = 0, False
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection" and value.strip().lower() == "close":
            close = True
    return status, await reader.readexactly(length), close


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.loadgen")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pool", required=True, help="seeded couples' pool name (their user ids derive from it)")
    p.add_argument("--couples", type=int, default=32)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--duration", type=float, default=10.0)
    p.add_argument("--max-requests", type=int, default=200_000)
    p.add_argument("--rate", type=float, default=0.0, help="open loop at this many requests per second")
    p.add_argument("--first-day", default="2026-11-08", help="the couples' first evening (ISO date)")
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--impl", default="skill", help="bare, design, skill or peer: whose success answers count")
    p.add_argument("--api-endpoint", default="", help="the Settings API stand-in the envelopes name")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    result = asyncio.run(Run(parse(argv)).main())
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
