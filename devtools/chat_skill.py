"""`make chat`'s line to the skill: posting an envelope to it, and starting it as `make run` does when
nothing answers on its port (stopped again when the chat ends)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
ROOT = DEPLOY.parent


class Unreachable(RuntimeError):
    """Nothing answers at the skill's address."""


def post(url: str, body: dict[str, Any], timeout: float = 15.0) -> dict[str, Any]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            data: dict[str, Any] = json.loads(reply.read())
            return data
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace")
        raise RuntimeError(f"the skill answered HTTP {err.code}: {detail}") from err
    except (urllib.error.URLError, ConnectionError) as err:
        raise Unreachable(str(err)) from err


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def answering(port: int) -> bool:
    """Something listens on the port (the skill may be up with its database down: talk to it anyway)."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def local_skill(port: int, ddb_port: int, log_path: Path, out: TextIO, timeout: float = 120.0) -> Iterator[None]:
    """Start the skill as `make run` does (deploy/run-local.sh: DynamoDB Local, table, gunicorn); stop it after."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PORT": str(port), "DDB_PORT": str(ddb_port)}
    print(f"(nothing answers on port {port}: starting the skill as `make run` does; log in {log_path})", file=out)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [str(DEPLOY / "run-local.sh")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout
        while not healthy(port):
            if process.poll() is not None:
                tail = log_path.read_text(errors="replace").splitlines()[-15:]
                raise RuntimeError("the skill did not start:\n" + "\n".join(tail))
            if time.monotonic() > deadline:
                raise RuntimeError(f"the skill did not answer within {timeout:.0f}s; see {log_path}")
            time.sleep(0.2)
        print("(the skill is up; it stops when you leave the chat)", file=out)
        yield
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C for the whole group, as a person would stop `make run`; harder only if it lingers."""
    for sig, wait in ((signal.SIGINT, 30.0), (signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=wait)
    with contextlib.suppress(ProcessLookupError):  # anything of the group still around (DynamoDB Local)
        os.killpg(process.pid, signal.SIGTERM)
