"""Builds the AWS Lambda deployment zip: the project's own packages and what they need at run time.

    python -m deploy.lambda_package --out build/lambda.zip          (make lambda-package)
    python -m deploy.lambda_package --out X.zip --deps-from-here    (offline: copies this environment's)

Only what a Lambda invocation imports goes in (docs/performance.md, "The Lambda package"):

* of ``skill/``, ``intents/``, ``content/``: every module ``skill.lambda_entry`` reaches (found with
  the standard library's modulefinder, so a new module is picked up and a web-only one is not: the
  Flask app, the signature check, gunicorn's logger, the operator's table tool) and all the content
  data (TOML, APL JSON);
* the runtime dependencies pinned in pyproject.toml, except the HTTPS server's (Flask, gunicorn, and
  cryptography for the signature check, which Lambda does not do) and ``requests``, ``idna`` and
  ``charset_normalizer``, which ask-sdk-core declares but nothing on this path imports;
* of botocore's data (15.9 MB, every AWS service), only DynamoDB's model and the shared files every
  client reads (endpoints, partitions, retry and default configuration); of boto3's, DynamoDB's.

Dependencies come from PyPI as wheels for Lambda's platform (x86_64 Linux) and the Python of
lambda.yaml's default runtime. ``--deps-from-here`` copies them from the running environment
instead, which needs no network and is what the tests use; it is right for Lambda only when this
machine is x86_64 Linux with that Python. When the Python running this is the runtime's, the zip
carries bytecode that is never checked against the sources (Lambda's /var/task is read-only, so
bytecode it cannot trust is recompiled on every cold start), built for the paths Lambda runs it from,
so two builds of one commit are the same bytes. The ASK CLI calls this through
deploy/hooks/build.sh during `ask deploy`.
"""

from __future__ import annotations

import argparse
import compileall
import modulefinder
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import warnings
import zipfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "cloudformation" / "lambda.yaml"
OWN_PACKAGES = ("skill", "intents", "content")
ENTRY = "skill.lambda_entry"
# Only the HTTPS server imports these (skill/app.py, skill/web/flask_app.py, skill/web/verification.py,
# skill/web/logs.py; an import-linter contract in pyproject.toml keeps them out of skill.lambda_entry).
WEB_ONLY = frozenset({"flask", "cryptography", "gunicorn"})
# Declared by ask-sdk-core for its default HTTP client, which the skill does not use (the contract
# forbids requests on the Lambda path; the package test runs every call the skill makes without them).
UNUSED = frozenset({"requests", "idna", "charset-normalizer"})
# botocore/data/<service>/ and boto3/data/<service>/ kept: DynamoDB, the only AWS service called.
SERVICES = ("dynamodb",)
TASK_ROOT = "/var/task"  # where Lambda unpacks the zip: the source paths the bytecode names
# zoneinfo reads the OS's time zone files and falls back to this package: bundling it means a couple's
# time zone never depends on what the Lambda image happens to ship.
EXTRA = ("tzdata",)
PLATFORMS = ("manylinux2014_x86_64", "manylinux_2_28_x86_64", "manylinux_2_34_x86_64")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes for the same inputs


def runtime_requirements() -> list[str]:
    """pyproject.toml's pinned dependencies that the Lambda path imports."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [dep for dep in project["dependencies"] if canonicalize_name(Requirement(dep).name) not in WEB_ONLY]


def own_modules() -> set[str]:
    """The project's modules a Lambda invocation imports: everything skill.lambda_entry reaches."""
    finder = modulefinder.ModuleFinder(path=[str(ROOT)])  # only our folders: the rest is not ours to pick
    finder.run_script(str(ROOT / (ENTRY.replace(".", "/") + ".py")))
    found = {name for name in finder.modules if name.split(".")[0] in OWN_PACKAGES}
    return found | {ENTRY}


def lambda_python() -> str:
    """The Python version of lambda.yaml's default runtime, e.g. "3.13"."""
    text = TEMPLATE.read_text()
    block = text[text.index("  LambdaRuntime:") :]
    match = re.search(r"Default:\s*python(3\.\d+)", block)
    if match is None:
        raise SystemExit(f"no default LambdaRuntime in {TEMPLATE}")
    return match.group(1)


def pip_install(target: Path, requirements: list[str]) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            str(target),
            "--implementation",
            "cp",
            "--python-version",
            lambda_python(),
            *(arg for platform in PLATFORMS for arg in ("--platform", platform)),
            "--only-binary=:all:",
            "--no-compile",  # pip's bytecode checks timestamps, which Lambda cannot use (compile_bytecode)
            *requirements,
        ],
        check=True,
    )
    # pip installs what ask-sdk-core declares; keep only what the requirements reach without UNUSED
    # (requests goes, and with it certifi, which only requests needed: botocore then verifies TLS with
    # its own bundled certificates, as it does wherever certifi is absent).
    installed: dict[str, tuple[Path, metadata.Distribution]] = {}
    for info in target.glob("*.dist-info"):
        dist = metadata.Distribution.at(info)
        installed[canonicalize_name(dist.metadata["Name"])] = (info, dist)
    needed = closure(requirements, lambda name: installed[name][1] if name in installed else None)
    for name, (info, _) in sorted(installed.items()):
        if name not in needed:
            remove_distribution(target, info)


def closure(requirements: list[str], find: Callable[[str], metadata.Distribution | None]) -> set[str]:
    """The distributions the requirements need at run time, their dependencies' too, without the
    web server's and the UNUSED ones."""
    todo = [Requirement(r) for r in requirements]
    seen: set[str] = set()
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name in seen or name in UNUSED or name in WEB_ONLY:
            continue
        dist = find(name)
        if dist is None:
            if req.name in EXTRA:  # optional here: this machine's zoneinfo has the OS's files
                continue
            raise metadata.PackageNotFoundError(name)
        seen.add(name)
        for raw in dist.requires or []:
            dep = Requirement(raw)
            if dep.marker is None or dep.marker.evaluate({"extra": ""}):
                todo.append(dep)
    return seen


def remove_distribution(target: Path, dist_info: Path) -> None:
    """Deletes an installed distribution: every file its RECORD lists, then empty folders."""
    for line in (dist_info / "RECORD").read_text().splitlines():
        path = target / line.split(",")[0]
        if path.is_file():
            path.unlink()
    for folder in sorted({p for p in target.rglob("*") if p.is_dir()}, key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    shutil.rmtree(dist_info, ignore_errors=True)


def installed_here(name: str) -> metadata.Distribution | None:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None


def copy_installed(target: Path, requirements: list[str]) -> list[str]:
    """Copies the installed distributions the requirements need (``closure``) into ``target``."""
    seen = closure(requirements, installed_here)
    for name in sorted(seen):
        dist = metadata.distribution(name)
        for file in dist.files or []:
            if ".." in file.parts or "__pycache__" in file.parts or file.suffix == ".pyc":
                continue  # console scripts live outside site-packages; bytecode is rebuilt
            source = Path(str(dist.locate_file(file)))
            if source.is_file():
                dest = target / file
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest)
    return sorted(seen)


def copy_own(stage: Path) -> None:
    """Of skill/, intents/ and content/: the modules a Lambda invocation imports and every data file."""
    modules = own_modules()
    for package in OWN_PACKAGES:
        for path in sorted((ROOT / package).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            if path.suffix == ".py":
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                if name not in modules:
                    continue
            dest = stage / path.relative_to(ROOT)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def prune_service_data(stage: Path) -> None:
    """botocore's and boto3's data for DynamoDB only, plus the files every botocore client reads."""
    for data in (stage / "botocore" / "data", stage / "boto3" / "data"):
        if data.is_dir():
            for service in data.iterdir():
                if service.is_dir() and service.name not in SERVICES:
                    shutil.rmtree(service)


def compile_bytecode(stage: Path) -> bool:
    """Lambda's /var/task is read-only, so without bytecode in the zip every cold start compiles every
    module it imports (about a second of CPU here, inside Alexa's 8 s). Only this Python's bytecode
    can be made here, so only when it is the runtime's; ``unchecked-hash`` because the zip's file
    times are fixed and Lambda's sources never change under it. ``force``: pip's own timestamp
    bytecode, if any, is replaced, not kept; each file names its source as Lambda sees it
    (/var/task/...), not this build's temporary folder, so two builds are the same bytes."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" != lambda_python():
        print(
            f"note: Python {lambda_python()} is not the one running this, so the zip carries no bytecode "
            "(cold starts compile it)"
        )
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dependencies' own SyntaxWarnings, printed once here, never on Lambda
        ok = compileall.compile_dir(
            stage,
            quiet=2,
            workers=1,
            force=True,
            stripdir=str(stage),
            prependdir=TASK_ROOT,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
    return bool(ok)


def write_zip(out: Path, stage: Path) -> int:
    entries = [
        (str(path.relative_to(stage)), path)
        for path in sorted(stage.rglob("*"))
        if path.is_file() and path.relative_to(stage).parts[0] != "bin"
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, path in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            zf.writestr(info, path.read_bytes())
    partial.replace(out)  # never a half-written zip where ask deploy looks
    return len(entries)


def build(out: Path, deps_from_here: bool = False) -> Path:
    requirements = [*runtime_requirements(), *EXTRA]
    with tempfile.TemporaryDirectory(prefix="lambda-package-") as tmp:
        stage = Path(tmp)
        if deps_from_here:
            copy_installed(stage, requirements)
        else:
            pip_install(stage, requirements)
        prune_service_data(stage)
        copy_own(stage)
        compile_bytecode(stage)
        count = write_zip(out, stage)
    print(
        f"{out}: {count} files, {out.stat().st_size / 1e6:.1f} MB "
        f"(handler skill.lambda_entry.handler, Python {lambda_python()} x86_64)"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lambda.zip")
    parser.add_argument(
        "--deps-from-here",
        action="store_true",
        help="copy dependencies from this environment instead of fetching Lambda wheels",
    )
    args = parser.parse_args(argv)
    build(args.out.resolve(), deps_from_here=args.deps_from_here)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
