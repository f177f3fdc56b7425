"""Fixtures: one real DynamoDB Local per test session, a table, and Flask apps built against it."""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from content.languages import load_languages
from content.schema import Catalogue, Languages
from devtools import dynamodb_local
from devtools.envelopes import APP_ID
from skill import lambda_entry
from skill.app import create_app
from skill.core.settings import Settings
from skill.manage import operator_store
from skill.store.couples import CoupleStore
from skill.web.verification import RequestVerifier

from support import expiry, hostile, personal, verifying
from support.certs import Pki, make_pki
from support.lambdas import table_settings
from support.settings import skill_settings
from support.speaking import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent


# Nothing in the suite may leave this machine: resolving or connecting to any name or address
# outside loopback fails loudly (a test that forgets to turn off the Alexa Settings API lookup,
# for instance, fails here instead of calling Amazon). Child processes get loopback-only settings.
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "ip6-localhost"}
_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return True  # None (passive bind) or a path
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _local_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _is_loopback(host.decode() if isinstance(host, bytes) else host):
        raise OSError(f"tests may not leave this machine (lookup of {host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)


def _local_connect(self: socket.socket, address: Any) -> None:
    if isinstance(address, tuple) and not _is_loopback(address[0]):
        raise OSError(f"tests may not leave this machine (connect to {address[0]!r})")
    _real_connect(self, address)


socket.getaddrinfo = _local_getaddrinfo
socket.socket.connect = _local_connect  # type: ignore[method-assign,assignment]


expiry.install()  # before any DynamoDB client exists: clients copy the default session's handlers


def pytest_configure(config: pytest.Config) -> None:
    personal.install()  # one log capture for the whole run (tests/support/personal.py)


@pytest.fixture(autouse=True)
def no_time_bombs(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails a test that stored an item expiring before the suite is over (tests/support/expiry.py)."""
    expiry.begin(allowed=request.node.get_closest_marker("expired_items") is not None)
    yield
    refused = expiry.refused()
    expiry.begin(allowed=False)
    assert refused == [], refused


# Tests that start a server or a process of their own: DynamoDB Local (the ``dynamodb`` fixture,
# which every store, app and client fixture uses), a local HTTP stand-in (``server``), or modules
# that start engines, gunicorn or tools themselves. Everything else is the fast tier, and the
# conversation map joins it (marker ``conversation_map``): one DynamoDB Local, one table, every cell,
# so a broken conversation is heard within a minute. `make test-fast` runs
# ``-m "(not servers or conversation_map) and not other_language"`` (the map in English only);
# `make mutate` only ``not servers``.
_SERVER_FIXTURES = {"dynamodb", "server"}
_FAST_WITH_DYNAMODB = {"test_conversation_map"}
_OTHER_LOCALES = {locale for code, lang in LANGUAGES.items() if code != "en" for locale in lang.locales}
_SLOW_MODULES = {
    "test_apl_suggester",
    "test_ask_cli",
    "test_architecture",
    "test_bench",
    "test_bench_lambda",
    "test_chat",
    "test_container",
    "test_everyday_phrasings",  # runs virtual-alexa under node (installs it from npm the first time)
    "test_faults",
    "test_lambda_deploy",
    "test_lambda_package",
    "test_locales",  # certification checks of all nine model files
    "test_log_privacy",
    "test_pythons",
    "test_server",
    "test_shutdown",
    "test_spoken_length",  # espeak-ng speaks every line of every language
    "test_table_template",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        name = module.__name__.rsplit(".", 1)[-1] if module is not None else ""
        if _SERVER_FIXTURES & set(getattr(item, "fixturenames", ())) or name in _SLOW_MODULES:
            item.add_marker(pytest.mark.servers)
        if name in _FAST_WITH_DYNAMODB:
            item.add_marker(pytest.mark.conversation_map)
            # The fast tier plays the map in English; `make test` plays it in every language too.
            callspec = getattr(item, "callspec", None)
            if (
                callspec is not None
                and any(isinstance(v, str) and v in _OTHER_LOCALES for v in callspec.params.values())
            ) or any(f"[{locale}:" in item.name for locale in _OTHER_LOCALES):
                item.add_marker(pytest.mark.other_language)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    personal.check()  # fails the run when a couple's words or a raw body reached a log


@pytest.fixture(scope="session")
def dynamodb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real DynamoDB Local engine on a free loopback port. Its data lives in memory: nothing of the
    suite's needs to outlive the run, and each call takes half the time it takes on disk, which is what
    lets the fast tier play the conversation map (docs/testing.md)."""
    db = dynamodb_local.DynamoDBLocal(data_dir=tmp_path_factory.mktemp("dynamodb"), in_memory=True).start()
    yield db
    db.stop()


@pytest.fixture(scope="session")
def settings(dynamodb: object) -> Settings:
    s = skill_settings(dynamodb_endpoint=dynamodb.endpoint)  # type: ignore[attr-defined]
    operator_store(s).create_table_if_missing()  # patient: a cold engine on a busy machine is slow to create
    return s


@pytest.fixture(scope="session")
def languages() -> Languages:
    """Every locale's words (content/languages.toml): what the app speaks to each request."""
    return load_languages()


@pytest.fixture(scope="session")
def catalogue(languages: Languages) -> Catalogue:
    """English (en-US), the words of the tests that do not say a locale."""
    return languages.default


@pytest.fixture
def store(settings: Settings) -> CoupleStore:
    return CoupleStore(settings)


@pytest.fixture
def app(settings: Settings, languages: Languages) -> Flask:
    return create_app({"SETTINGS": settings, "CATALOGUE": languages, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@dataclass
class Served:
    """The skill under gunicorn with deploy/gunicorn.conf.py, as `make run` and production serve it."""

    port: int
    log: Path  # gunicorn's stdout: the JSON log lines

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/alexa"

    def log_lines(self) -> list[str]:
        return self.log.read_text().splitlines()


def start_gunicorn(
    settings: Settings,
    log: Path,
    *,
    workers: int = 1,
    threads: int | None = None,
    own_control_socket: bool = True,
    extra_env: dict[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], int]:
    """The skill under the real gunicorn (deploy/gunicorn.conf.py) on a free port, on ``settings``' table,
    verification and time zone lookups off; its output goes to ``log``. Returns once the port is open.
    ``own_control_socket=False`` passes --no-control-socket (needed when another gunicorn is running)."""
    port = dynamodb_local.free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        **({"GUNICORN_THREADS": str(threads)} if threads is not None else {}),
        "SKILL_TABLE_NAME": settings.table_name,
        "SKILL_DYNAMODB_ENDPOINT": str(settings.dynamodb_endpoint),
        "SKILL_VERIFY_REQUESTS": "false",
        **(extra_env or {}),
        "SKILL_TIME_ZONE_LOOKUP": "false",
    }
    env.pop("SKILL_ID", None)
    socket_flag = [] if own_control_socket else ["--no-control-socket"]
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", *socket_flag, "skill.app:create_app()"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + 30
    while not dynamodb_local.port_open(port):
        assert server.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.1)
    return server, port


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM, as a container stop sends it; a server that does not finish within 20 s is killed."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def served_skill(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One gunicorn server for the session, on the session's DynamoDB Local and table."""
    log = tmp_path_factory.mktemp("gunicorn") / "stdout.log"
    server, port = start_gunicorn(
        settings, log, threads=2, extra_env={"SKILL_DEFAULT_TIME_ZONE": settings.default_time_zone}
    )
    try:
        yield Served(port, log)
    finally:
        stop_gunicorn(server)


@pytest.fixture
def lambda_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """A fresh Lambda container configured as lambda.yaml configures it, on its own table."""
    mine = table_settings(settings, f"lambda-{uuid.uuid4().hex[:8]}")
    for name, value in {
        "SKILL_TABLE_NAME": mine.table_name,
        "SKILL_DYNAMODB_ENDPOINT": str(mine.dynamodb_endpoint),
        "SKILL_ID": APP_ID,
        "SKILL_DEFAULT_TIME_ZONE": "America/New_York",
        "SKILL_TIME_ZONE_LOOKUP": "false",
        "AWS_REGION": mine.region,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_LAMBDA_FUNCTION_NAME", raising=False)
    monkeypatch.setattr(lambda_entry, "_runtime", None)
    yield mine
    CoupleStore(mine).client.delete_table(TableName=mine.table_name)


@pytest.fixture(scope="session")
def signed_pki() -> Pki:
    """A generated PKI whose certificates are valid at hostile.NOW, for the signed property tests."""
    return make_pki(now=hostile.NOW)


@pytest.fixture(scope="session")
def signed(settings: Settings, catalogue: Catalogue, signed_pki: Pki) -> FlaskClient:
    """The skill behind the real verifier, trusting ``signed_pki`` (hostile.signed_client)."""
    return hostile.signed_client(settings, catalogue, signed_pki)


@pytest.fixture(scope="session")
def pki() -> Pki:
    """A generated PKI whose certificates are valid at verifying.NOW (test modules may bring their own)."""
    return make_pki(now=verifying.NOW)


@pytest.fixture
def fetcher(pki: Pki) -> verifying.RecordingFetcher:
    return verifying.RecordingFetcher(pki.chain_pem)


@pytest.fixture
def verifier(pki: Pki, fetcher: verifying.RecordingFetcher) -> RequestVerifier:
    return verifying.verifier_for(pki, fetcher)


def assert_cfn_lint_passes_only_the_original(template: Path, broken: Path, flagged: str) -> None:
    """One cfn-lint run (it takes seconds to load its specs) over a template and a broken copy of it:
    nothing is found in the template, and the copy is flagged on a line that names ``flagged``."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "cfn-lint"), "--format", "parseable", str(template), str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith(str(template))] == [], result.stdout + result.stderr
    assert any(line.startswith(str(broken)) and flagged in line for line in lines), result.stdout
