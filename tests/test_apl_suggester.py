"""Every APL document passes Amazon's own validator, apl-suggester, with no error and no warning, and
the viewport profiles the skill declares are the ones Amazon's tools define (issue 24, items 4 and 5).

apl-suggester comes from the npm registry into .local/apl-suggester (tests/support/npm_tools.py; `make test`
installs it first, like DynamoDB Local). Without npm these tests skip, except with CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from support import npm_tools
from support.viewports import DECLARED

DOCUMENTS = sorted((ROOT / "content" / "apl").glob("*.document.json"))
VALIDATE = ROOT / "tests" / "apl" / "validate.js"


@pytest.fixture(scope="module")
def suggester() -> Path:
    try:
        modules = npm_tools.install("apl-suggester")
    except npm_tools.NoNpm as err:
        if npm_tools.on_ci():
            pytest.fail(f"CI=true and {err}: the APL documents would go unchecked")
        pytest.skip(str(err))
    if shutil.which("node") is None:
        pytest.fail("npm is installed without node")
    return modules


def findings(modules: Path, *paths: Path) -> dict[str, list[dict[str, Any]]]:
    result = subprocess.run(
        ["node", str(VALIDATE), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": os.environ["PATH"], "NODE_PATH": str(modules)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found: dict[str, list[dict[str, Any]]] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def test_every_apl_document_passes_apl_suggester_without_a_warning(suggester: Path) -> None:
    assert len(DOCUMENTS) >= 2
    assert findings(suggester, *DOCUMENTS) == {str(p): [] for p in DOCUMENTS}


def test_apl_suggester_flags_a_background_colour_on_a_container(suggester: Path, tmp_path: Path) -> None:
    document = json.loads(DOCUMENTS[0].read_text())
    document["mainTemplate"]["items"][0]["backgroundColor"] = "#241917"  # the old way: silently dropped
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document))
    (finding,) = findings(suggester, broken)[str(broken)]
    assert finding["level"] == "WARNING" and "backgroundColor" in finding["message"]


@pytest.mark.parametrize("profile", DECLARED, ids=lambda p: p.apl_name)
def test_declared_profiles_are_amazons(suggester: Path, profile: Any) -> None:
    config = suggester / "apl-suggester" / "dist" / "src" / "configs" / "viewportProfiles"
    matches = [json.loads(p.read_text()) for p in config.glob("*.json")]
    (amazon,) = [m for m in matches if m["id"] == profile.suggester_id]
    assert (amazon["mode"].upper(), amazon["shape"].upper()) == (profile.mode, profile.shape)
    size = amazon["dpSizeRange"]
    entry = profile.manifest_entry()
    assert {k: entry[k] for k in size} == size
    devices = {(d["name"], d["width"], d["height"]) for d in amazon["exampleDevices"]}
    assert devices == {(d.name, d.width, d.height) for d in profile.devices}
