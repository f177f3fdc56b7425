"""The container file: it lints clean, runs gunicorn with our config, and never as root.

Docker cannot run on this machine, so the image is not built here; what can be checked without it is.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

DOCKERFILE = ROOT / "deploy" / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def test_dockerfile_passes_hadolint() -> None:
    result = subprocess.run(
        [str(HADOLINT), "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_rejects_a_careless_dockerfile(tmp_path: Path) -> None:
    careless = tmp_path / "Dockerfile"
    careless.write_text("FROM python\nRUN pip install flask\nCMD gunicorn app:app\n")
    result = subprocess.run([str(HADOLINT), str(careless)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0 and "DL3006" in result.stdout  # untagged base image


def test_the_image_runs_gunicorn_with_our_config_as_a_non_root_user() -> None:
    stage = final_stage()
    words = [w for w, _ in stage]
    users = [args for w, args in stage if w == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert words.index("USER") < words.index("CMD")
    cmd = json.loads(dict(stage)["CMD"])
    assert cmd[:3] == ["gunicorn", "-c", "gunicorn.conf.py"] and cmd[3] == "skill.app:create_app()"
    assert "COPY deploy/gunicorn.conf.py ./gunicorn.conf.py" in [f"{w} {a}" for w, a in stage]
    assert "HOST=0.0.0.0" in dict(stage)["ENV"].split() and dict(stage)["EXPOSE"] == "8080"
    assert any(w == "HEALTHCHECK" and "/healthz" in a for w, a in stage)


def test_everything_the_image_copies_exists_and_the_context_leaves_secrets_out() -> None:
    for word, args in instructions():
        if word == "COPY" and not args.startswith("--from"):
            *sources, _dest = args.split()
            for source in sources:
                assert (ROOT / source).exists(), source
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".local"} <= set(ignored)
