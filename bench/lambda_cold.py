"""The Lambda cold start, measured the way Lambda starts the function (``make bench``'s Lambda phase).

    python -m bench --lambda-only            (this phase alone; `make bench` runs it after the rest)

The zip is built (``make lambda-package``'s builder, dependencies from this environment) and, for
each cold start, unzipped into a fresh folder. A fresh interpreter then runs AWS's own Python runtime
client, ``awslambdaric`` (installed apart from the project, in .local/lambda-runtime, as Lambda keeps
its runtime in /var/runtime), with the unzipped folder first on its path and nothing else of this
machine's packages. The runtime client talks to a local stand-in for the Lambda Runtime API
(``RuntimeApi``): it asks for the next invocation once the handler module is imported, and posts
each answer back. The stand-in serves a LaunchRequest for a new couple, the first answer against
DynamoDB Local, then warm LaunchRequests, and reads the child's CPU time and peak memory from /proc
as each request is asked for and answered.

Figures (five cold starts: median and worst): the zip's size; the CPU the handler module's imports
take (CPU when the runtime first asks for work, less the same for a handler that imports nothing);
the wall time from starting the interpreter to the first answer; peak memory (VmHWM); and the CPU of
a warm answer against the Flask path's (the same LaunchRequests through the Flask app in a fresh
process). Targets: zip at most 10 MB, import CPU at most 0.35 s, cold first answer at most 0.8 s,
warm CPU at most the Flask path's.
"""

from __future__ import annotations

import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from deploy import lambda_package
from devtools import dynamodb_local
from devtools.envelopes import APP_ID, envelope
from skill.core.settings import Settings
from skill.manage import operator_store

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_DIR = ROOT / ".local" / "lambda-runtime"
RUNTIME_REQUIREMENT = "awslambdaric==4.2.2"
TABLE = "lambda-cold"
TARGET_MB = 10.0
TARGET_IMPORT_CPU = 0.35
TARGET_FIRST_ANSWER = 0.8
TICK = os.sysconf("SC_CLK_TCK")
API = "/2018-06-01/runtime"


@dataclass
class Seen:
    """What the stand-in saw of one child: when and at what CPU it asked for work and answered."""

    started: float
    pid: int = 0
    asked: list[tuple[float, float]] = field(default_factory=list)  # (wall, cpu) at each GET next
    answered: list[tuple[float, float, int]] = field(default_factory=list)  # (wall, cpu, VmHWM kB)
    replies: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU of a process so far (/proc/<pid>/stat, fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class RuntimeApi:
    """A local stand-in for the Lambda Runtime API: hands out the queued events one by one."""

    def __init__(self) -> None:
        self.events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.seen = Seen(started=time.perf_counter())
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path != f"{API}/invocation/next":
                    self.send_error(404)
                    return
                api.seen.asked.append((time.perf_counter(), cpu_seconds(api.seen.pid)))
                event = api.events.get()
                if event is None:  # nothing more: the bench stops the process
                    api.seen.done.set()
                    time.sleep(3600)
                    return
                body = json.dumps(event).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Lambda-Runtime-Aws-Request-Id", event["request"]["requestId"])
                self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 7000))
                self.send_header(
                    "Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:000000000000:function:close-together",
                )
                self.send_header("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if self.path.endswith("/response"):
                    api.seen.answered.append((time.perf_counter(), cpu_seconds(api.seen.pid), peak_kb(api.seen.pid)))
                    api.seen.replies.append(json.loads(body))
                else:  # /error or /init/error: the handler failed
                    api.seen.errors.append(body.decode(errors="replace")[:2000])
                    api.seen.done.set()
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def install_runtime() -> Path:
    """awslambdaric in a folder of its own (once): the runtime Lambda runs the handler with."""
    marker = RUNTIME_DIR / ".installed"
    if marker.is_file() and marker.read_text() == RUNTIME_REQUIREMENT:
        return RUNTIME_DIR
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade"]
    subprocess.run([*pip, "--target", str(RUNTIME_DIR), "--only-binary=:all:", RUNTIME_REQUIREMENT], check=True)
    marker.write_text(RUNTIME_REQUIREMENT)
    return RUNTIME_DIR


def launch(user_id: str) -> dict[str, Any]:
    return envelope(
        "launch", user_id=user_id, at=datetime.now(UTC), request_id=f"amzn1.echo-api.request.{uuid.uuid4()}"
    )


def start_once(task: Path, runtime: Path, handler: str, env: dict[str, str], events: list[dict[str, Any]]) -> Seen:
    """One fresh interpreter running the runtime client on ``task``, fed ``events``, then stopped."""
    api = RuntimeApi()
    for event in events:
        api.events.put(event)
    api.events.put(None)
    child_env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": f"{task}:{runtime}",  # Lambda: /var/task first, then the runtime's own folder
        "LAMBDA_TASK_ROOT": str(task),
        "_HANDLER": handler,
        "AWS_LAMBDA_RUNTIME_API": api.address,
        "AWS_LAMBDA_FUNCTION_NAME": "close-together",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        **env,
    }
    api.seen.started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-S", "-m", "awslambdaric", handler],
        cwd=task,
        env=child_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    api.seen.pid = process.pid
    deadline = time.monotonic() + 120
    try:
        while not api.seen.done.wait(0.05):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                _, stderr = process.communicate()
                raise RuntimeError(f"the runtime stopped early: {stderr.decode(errors='replace')[-2000:]}")
    finally:
        process.kill()
        process.wait()
        api.close()
    if api.seen.errors:
        raise RuntimeError(f"the handler failed: {api.seen.errors[0]}")
    return api.seen


def flask_warm_cpu(env: dict[str, str], warm: int) -> float:
    """CPU per warm LaunchRequest through the Flask app (verification off), in a fresh process."""
    code = (
        "import json, sys, time, uuid\n"
        "from datetime import UTC, datetime\n"
        "from skill.app import create_app\n"
        "from bench.lambda_cold import launch\n"
        "client = create_app().test_client()\n"
        "user = 'amzn1.ask.account.flask-' + uuid.uuid4().hex\n"
        "def ask():\n"
        "    r = client.post('/alexa', json=launch(user))\n"
        "    assert r.status_code == 200, r.get_data(as_text=True)\n"
        "ask()\n"
        "start = time.process_time()\n"
        f"for _ in range({warm}): ask()\n"
        f"print((time.process_time() - start) / {warm})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env, "SKILL_VERIFY_REQUESTS": "false"},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return float(result.stdout.strip().splitlines()[-1])


def run(cold_starts: int = 5, warm: int = 50, work: Path | None = None) -> dict[str, Any]:
    """Every figure of the phase, and whether each target is met."""
    work = work or Path(tempfile.mkdtemp(prefix="close-together-lambda-"))
    runtime = install_runtime()
    package = lambda_package.build(work / "lambda.zip", deps_from_here=True)
    db = dynamodb_local.DynamoDBLocal(data_dir=work / "dynamodb")
    try:
        db.start()
        settings = Settings(table_name=TABLE, dynamodb_endpoint=db.endpoint, verify_requests=False)
        operator_store(settings).create_table_if_missing()
        env = {
            "SKILL_ID": APP_ID,
            "SKILL_TABLE_NAME": TABLE,
            "SKILL_DYNAMODB_ENDPOINT": db.endpoint,
            "SKILL_TIME_ZONE_LOOKUP": "false",
        }
        # The runtime's own start, with a handler that imports nothing: subtracted to get the imports'.
        empty = work / "empty-task"
        empty.mkdir()
        (empty / "nothing.py").write_text("def handler(event, context):\n    return {}\n")
        baseline = [
            start_once(empty, runtime, "nothing.handler", {}, [launch("baseline")]).asked[0][1] for _ in range(3)
        ]
        runs = []
        for n in range(cold_starts):
            task = work / f"task-{n}"
            with zipfile.ZipFile(package) as zf:
                zf.extractall(task)
            user = f"amzn1.ask.account.cold-{uuid.uuid4().hex}"
            events = [launch(user) for _ in range(warm + 1)]
            seen = start_once(task, runtime, "skill.lambda_entry.handler", env, events)
            assert all(r.get("response", {}).get("outputSpeech") for r in seen.replies), seen.replies[:1]
            first_wall, first_cpu, first_peak = seen.answered[0]
            runs.append(
                {
                    "init_cpu_s": seen.asked[0][1],
                    "first_answer_s": first_wall - seen.started,
                    "first_answer_cpu_s": first_cpu,
                    "warm_cpu_ms": (seen.asked[-1][1] - seen.asked[1][1]) / warm * 1000,
                    "peak_mb": max(p for _, _, p in seen.answered) / 1024,
                    "peak_at_first_answer_mb": first_peak / 1024,
                }
            )
        flask_ms = flask_warm_cpu(env, warm * 5) * 1000
    finally:
        db.stop()
    runtime_start = statistics.median(baseline)
    figures = {
        "package_mb": package.stat().st_size / 1e6,
        "package_files": len(zipfile.ZipFile(package).namelist()),
        "cold_starts": cold_starts,
        "warm_requests": warm,
        "runtime_start_cpu_s": runtime_start,
        "import_cpu_s": summary([r["init_cpu_s"] - runtime_start for r in runs]),
        "first_answer_s": summary([r["first_answer_s"] for r in runs]),
        "peak_mb": summary([r["peak_mb"] for r in runs]),
        "warm_cpu_ms": summary([r["warm_cpu_ms"] for r in runs]),
        "flask_warm_cpu_ms": flask_ms,
        "runs": runs,
    }
    figures["targets"] = targets(figures)
    return figures


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "worst": max(values)}


def targets(f: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "name": "Lambda package size",
            "target": f"at most {TARGET_MB:g} MB",
            "met": f["package_mb"] <= TARGET_MB,
            "detail": f"{f['package_mb']:.1f} MB, {f['package_files']} files",
        },
        {
            "name": "Lambda import CPU",
            "target": f"at most {TARGET_IMPORT_CPU} s (median)",
            "met": f["import_cpu_s"]["median"] <= TARGET_IMPORT_CPU,
            "detail": f"median {f['import_cpu_s']['median']:.2f} s, worst {f['import_cpu_s']['worst']:.2f} s",
        },
        {
            "name": "Lambda cold first answer",
            "target": f"at most {TARGET_FIRST_ANSWER} s (median)",
            "met": f["first_answer_s"]["median"] <= TARGET_FIRST_ANSWER,
            "detail": f"median {f['first_answer_s']['median']:.2f} s, worst {f['first_answer_s']['worst']:.2f} s",
        },
        {
            "name": "Lambda warm answer CPU",
            "target": "at most the Flask path's",
            "met": f["warm_cpu_ms"]["median"] <= f["flask_warm_cpu_ms"],
            "detail": f"median {f['warm_cpu_ms']['median']:.2f} ms vs Flask {f['flask_warm_cpu_ms']:.2f} ms",
        },
    ]


def report(f: dict[str, Any]) -> str:
    def spread(key: str, unit: str, digits: int = 2) -> str:
        return f"median {f[key]['median']:.{digits}f} {unit}, worst {f[key]['worst']:.{digits}f} {unit}"

    lines = [
        "Lambda cold start (awslambdaric against a local Runtime API stand-in, DynamoDB Local, "
        f"{f['cold_starts']} cold starts, {f['warm_requests']} warm requests each)",
        f"  package            {f['package_mb']:.1f} MB, {f['package_files']} files",
        f"  runtime start CPU  {f['runtime_start_cpu_s']:.2f} s (awslambdaric and Python, no handler)",
        f"  import CPU         {spread('import_cpu_s', 's')}",
        f"  cold first answer  {spread('first_answer_s', 's')}",
        f"  peak memory        {spread('peak_mb', 'MB', 0)}",
        f"  warm answer CPU    median {f['warm_cpu_ms']['median']:.2f} ms (Flask path {f['flask_warm_cpu_ms']:.2f} ms)",
    ]
    for t in f["targets"]:
        lines.append(f"  {'met    ' if t['met'] else 'NOT met'}  {t['name']}: {t['target']} ({t['detail']})")
    met = sum(t["met"] for t in f["targets"])
    lines.append(f"  Lambda targets met: {met} of {len(f['targets'])}")
    return "\n".join(lines)
