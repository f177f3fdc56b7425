"""The Lambda zip carries only what an invocation imports, still makes every call the skill makes, and
is the same bytes every time it is built from one commit (issue 24, items 8 and 9).

The zip is built as the tests build it (``--deps-from-here``: this environment's distributions, no
network), unzipped into a fresh folder, and run by a fresh interpreter that sees nothing else
(``python -S``, only the unzipped folder on its path), against the session's DynamoDB Local.
"""

from __future__ import annotations

import json
import marshal
import os
import py_compile
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore import xform_name

from deploy import lambda_package
from devtools.envelopes import APP_ID, envelope, new_user_id
from skill.core.settings import Settings

from conftest import ROOT
from support.alexa import speech_text

RUNTIME_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}" == lambda_package.lambda_python()
NEVER_ON_LAMBDA = {"flask", "werkzeug", "cryptography", "gunicorn", "requests", "idna", "charset_normalizer"}
WEB_ONLY_MODULES = ("skill/app.py", "skill/web/flask_app.py", "skill/web/verification.py", "skill/web/logs.py")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The built zip and where it is unpacked (Lambda's /var/task)."""
    folder = tmp_path_factory.mktemp("lambda")
    out = lambda_package.build(folder / "lambda.zip", deps_from_here=True)
    task = folder / "task"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(task)
    return out, task


def dynamodb_operations_called(task: Path) -> set[str]:
    """The DynamoDB operations the packaged project code calls (``client.put_item(...)`` and so on)."""
    model = botocore.session.get_session().get_service_model("dynamodb")
    operations = {xform_name(name) for name in model.operation_names}
    called: set[str] = set()
    for package in lambda_package.OWN_PACKAGES:
        for source in (task / package).rglob("*.py"):
            called |= set(re.findall(r"\.([a-z_]+)\(", source.read_text())) & operations
    return called


def test_the_zip_holds_only_what_a_lambda_invocation_imports(package: tuple[Path, Path]) -> None:
    _, task = package
    tops = {p.name.removesuffix(".py") for p in task.iterdir()}
    assert not NEVER_ON_LAMBDA & tops
    assert not any(
        p.name.startswith(("gunicorn-", "requests-", "idna-", "charset_normalizer-")) for p in task.iterdir()
    )
    # botocore's data for every AWS service was 15.9 MB; DynamoDB's and the shared files remain.
    assert {p.name for p in (task / "botocore" / "data").iterdir() if p.is_dir()} == {"dynamodb"}
    assert (task / "botocore" / "data" / "endpoints.json").is_file()
    assert {p.name for p in (task / "boto3" / "data").iterdir()} <= {"dynamodb"}
    for web_only in WEB_ONLY_MODULES:
        assert not (task / web_only).exists(), web_only
    assert (task / "skill" / "lambda_entry.py").is_file() and (task / "skill" / "web" / "pipeline.py").is_file()
    assert sorted(p.name for p in (task / "content" / "apl").iterdir() if p.suffix == ".json") == sorted(
        p.name for p in (ROOT / "content" / "apl").glob("*.json")
    )


def test_the_pruned_package_makes_every_call_the_skill_makes(
    package: tuple[Path, Path], settings: Settings, tmp_path: Path
) -> None:
    _, task = package
    operations = dynamodb_operations_called(task)
    assert {"get_item", "put_item", "update_item", "query", "transact_write_items", "batch_write_item"} <= operations
    driver = tmp_path / "lambda_calls.py"  # run from a folder of its own: nothing of the repository on the path
    shutil.copy(ROOT / "tests" / "support" / "lambda_calls.py", driver)
    event = envelope("launch", user_id=new_user_id(), at=datetime.now(UTC))
    result = subprocess.run(
        [sys.executable, "-S", str(driver), json.dumps(sorted(operations))],
        input=json.dumps(event),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(task),
            "SKILL_ID": APP_ID,
            "SKILL_TABLE_NAME": settings.table_name,
            "SKILL_DYNAMODB_ENDPOINT": str(settings.dynamodb_endpoint),
            "SKILL_TIME_ZONE_LOOKUP": "false",
            "AWS_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_LAMBDA_FUNCTION_NAME": "close-together",  # as on Lambda: the JSON log lines too
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    ran: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(ran["operations"]) >= operations
    assert speech_text(ran["reply"])
    assert not NEVER_ON_LAMBDA & set(ran["modules"])


def pyc_of(source: Path) -> Path:
    return source.parent / "__pycache__" / f"{source.stem}.{sys.implementation.cache_tag}.pyc"


def unchecked_hash(pyc: Path) -> bool:
    """PEP 552: flags 0b01 is hash-based bytecode whose source is never checked."""
    return int.from_bytes(pyc.read_bytes()[4:8], "little") == 0b01


@pytest.mark.skipif(not RUNTIME_PYTHON, reason="bytecode is built only by the runtime's Python")
def test_every_module_has_bytecode_lambda_uses_as_it_is(package: tuple[Path, Path]) -> None:
    _, task = package
    sources = sorted(task.rglob("*.py"))
    assert len(sources) > 500
    for source in sources:
        pyc = pyc_of(source)
        assert pyc.is_file() and unchecked_hash(pyc), source
    # Each names its source where Lambda unpacks it, not the build's temporary folder.
    code = marshal.loads(pyc_of(task / "skill" / "lambda_entry.py").read_bytes()[16:])
    assert code.co_filename == "/var/task/skill/lambda_entry.py"


@pytest.mark.skipif(not RUNTIME_PYTHON, reason="bytecode is built only by the runtime's Python")
def test_pips_timestamp_bytecode_is_replaced_not_kept(tmp_path: Path) -> None:
    source = tmp_path / "dependency.py"
    source.write_text("VALUE = 1\n")
    # What `pip install` leaves: bytecode checked against the source's time, which the zip fixes at 1980.
    py_compile.compile(
        str(source), cfile=str(pyc_of(source)), invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP
    )
    assert not unchecked_hash(pyc_of(source))
    assert lambda_package.compile_bytecode(tmp_path)
    assert unchecked_hash(pyc_of(source))


def test_two_builds_of_one_commit_are_the_same_bytes(tmp_path: Path) -> None:
    zips = []
    for name in ("first", "second"):  # two processes, two temporary folders, as two `make lambda-package`s
        out = tmp_path / f"{name}.zip"
        subprocess.run(
            [sys.executable, "-m", "deploy.lambda_package", "--deps-from-here", "--out", str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=600,
            env={**os.environ, "PYTHONHASHSEED": "random"},
        )
        zips.append(out.read_bytes())
    assert zips[0] == zips[1]
