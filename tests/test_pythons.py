"""Any current Python: which interpreters `make` and `nox` find, and what they say when there is none."""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet

from conftest import ROOT

FIND = ROOT / "deploy" / "python.sh"
TOOLS = ("ls", "sort", "head")  # what deploy/python.sh runs besides the interpreters


def supported_by_script() -> list[str]:
    match = re.search(r"^SUPPORTED=\(([^)]*)\)", FIND.read_text(), re.MULTILINE)
    assert match
    return sorted(match.group(1).split())


def supported_by_nox() -> list[str]:
    tree = ast.parse((ROOT / "noxfile.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SUPPORTED" for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return sorted(value)
    raise AssertionError("no SUPPORTED in noxfile.py")


def fake_machine(tmp_path: Path, pythons: dict[str, str]) -> dict[str, str]:
    """A PATH holding only fake interpreters (name -> the version each claims, or "" for a dead shim)."""
    fake = tmp_path / "fake"
    fake.mkdir()
    for name, version in pythons.items():
        script = fake / name
        if version:
            script.write_text(f"#!/bin/sh\necho {version}\n")
        else:  # what pyenv's shim of an installed but inactive version does
            script.write_text(f'#!/bin/sh\necho "pyenv: {name}: command not found" >&2\nexit 127\n')
        script.chmod(0o755)
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in TOOLS:
        found = subprocess.run(["/bin/sh", "-c", f"command -v {tool}"], capture_output=True, text=True).stdout.strip()
        (tools / tool).symlink_to(found)
    return {"PATH": f"{fake}:{tools}", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "no-pyenv")}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/bash", str(FIND), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_newest_supported_python_that_runs_wins(tmp_path: Path) -> None:
    env = fake_machine(
        tmp_path, {"python3.11": "3.11", "python3.12": "3.12", "python3.13": "3.13", "python3.14": "", "python3": "3.9"}
    )
    result = run(env, "newest")
    assert result.returncode == 0 and result.stdout.strip() == str(tmp_path / "fake" / "python3.13"), result.stderr
    listed = run(env, "all").stdout.split("\n")
    assert [line.split(" ")[0] for line in listed if line] == ["3.13", "3.12", "3.11"]


def test_with_no_supported_python_it_says_what_to_install(tmp_path: Path) -> None:
    env = fake_machine(tmp_path, {"python3.10": "3.10", "python3": "3.10", "python3.13": ""})
    result = run(env, "newest")
    assert result.returncode == 1 and result.stdout == ""
    assert "no supported Python found" in result.stderr and "3.11 to 3.14" in result.stderr
    assert "apt-get install python3.12 python3.12-venv" in result.stderr and "brew install" in result.stderr


def test_a_named_python_of_the_wrong_version_is_refused_by_make(tmp_path: Path) -> None:
    env = fake_machine(tmp_path, {"python3.10": "3.10"})
    old = tmp_path / "fake" / "python3.10"
    result = run(env, "check", str(old))
    assert result.returncode == 1 and "is Python 3.10" in result.stderr and "3.11 to 3.14" in result.stderr
    # The Makefile asks the same question before it builds a venv, and stops there.
    made = subprocess.run(
        [
            "make",
            "-C",
            str(ROOT),
            "--no-print-directory",
            f"{tmp_path}/venv/.installed",
            f"VENV={tmp_path}/venv",
            f"PYTHON={old}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode != 0 and "is Python 3.10" in made.stderr, made.stdout + made.stderr
    assert not (tmp_path / "venv").exists()


def test_pyproject_the_makefile_and_nox_agree_on_the_versions() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    spec = SpecifierSet(project["requires-python"])
    versions = supported_by_script()
    assert versions == supported_by_nox() == ["3.11", "3.12", "3.13", "3.14"]
    assert all(f"{v}.0" in spec for v in versions)
    assert "3.10.9" not in spec and "3.15.0" not in spec
    assert sorted(c.rsplit(" ", 1)[-1] for c in project["classifiers"] if "Python :: 3." in c) == versions
