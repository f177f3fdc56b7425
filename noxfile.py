"""`nox` (or `make nox`): the whole suite on every supported Python found on this machine, one at a time.

Which Pythons are supported, and where they are, is deploy/python.sh's answer (the same the Makefile
uses): it also finds interpreters pyenv has installed but not activated. Each session builds its own
venv under .nox/ with the project and its pinned dev dependencies, and shares DynamoDB Local (.local/).
A supported version that is not on the machine is skipped, and says so.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
SUPPORTED = ["3.11", "3.12", "3.13", "3.14"]  # pyproject.toml's requires-python; tests/test_pythons.py

nox.options.sessions = ["tests"]
nox.options.error_on_missing_interpreters = False
nox.options.reuse_venv = "yes"


def _found() -> dict[str, str]:
    listing = subprocess.run(
        [str(ROOT / "deploy" / "python.sh"), "all"], capture_output=True, text=True, check=False
    ).stdout
    return dict(line.split(" ", 1) for line in listing.splitlines() if " " in line)


def _put_first_on_path(found: dict[str, str]) -> None:
    """nox looks interpreters up by name on PATH, where an inactive pyenv shim may come first: a folder
    of links to the ones that work goes ahead of everything."""
    links = ROOT / ".nox" / "pythons"
    links.mkdir(parents=True, exist_ok=True)
    for version, path in found.items():
        link = links / f"python{version}"
        link.unlink(missing_ok=True)
        link.symlink_to(path)
    os.environ["PATH"] = os.pathsep.join([str(links), os.environ.get("PATH", "")])


_put_first_on_path(_found())


@nox.session(python=SUPPORTED)
def tests(session: nox.Session) -> None:
    """make test's suite, on this session's Python."""
    session.install("-e", ".[dev]", "-r", "bench/requirements.txt")
    session.run("python", "-m", "devtools.dynamodb_local", "install")
    session.run("python", "-m", "pytest", *session.posargs)
