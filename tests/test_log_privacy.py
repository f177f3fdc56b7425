"""The whole-run log check (tests/support/personal.py) fails a run when it should: proved once, in a child run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

CHILD_CONFTEST = """
from support import personal

def pytest_configure(config):
    personal.install()

def pytest_sessionfinish(session, exitstatus):
    personal.check()
"""

CHILD_TESTS = """
import logging
from support.personal import personal

def test_speaks_and_logs_only_safe_facts():
    personal("thank you for the soup, Marigold")
    logging.getLogger("close_together.x").info("gratitude stored (%d characters)", 32)

def test_{name}():
    words = personal("thank you for the soup, Marigold")
    logging.getLogger("close_together.x").{how}
"""


def run_child(tmp_path: Path, name: str, how: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text(CHILD_CONFTEST)
    (tmp_path / "test_child.py").write_text(CHILD_TESTS.format(name=name, how=how))
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_run_that_logs_a_couples_words_fails(tmp_path: Path) -> None:
    child = run_child(tmp_path, "leaks_words", 'warning("saving %s", words)')
    assert child.returncode != 0, child.stdout
    assert "personal words or raw request bodies were logged" in child.stderr
    assert "F" not in child.stdout.splitlines()[0]  # every test passed: only the log check failed the run


def test_a_run_that_logs_a_raw_body_fails(tmp_path: Path) -> None:
    child = run_child(tmp_path, "leaks_body", 'info("body %s", \'{"request": {"requestId": "r1"}}\')')
    assert child.returncode != 0 and "were logged" in child.stderr


def test_a_clean_run_passes(tmp_path: Path) -> None:
    child = run_child(tmp_path, "clean", 'info("gratitude stored")')
    assert child.returncode == 0, child.stdout + child.stderr


def test_a_run_that_puts_a_couples_words_in_extra_fields_fails(tmp_path: Path) -> None:
    # The JSON log line writes ``extra`` fields out, so a couple's words there would leak: checked too.
    child = run_child(tmp_path, "leaks_extra", 'info("gratitude stored", extra={"words": words})')
    assert child.returncode != 0 and "were logged" in child.stderr
