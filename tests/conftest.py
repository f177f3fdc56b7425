"""Fixtures: one real DynamoDB Local per test session, a table, and Flask apps built against it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from flask import Flask
from flask.testing import FlaskClient

from content.loader import load_catalogue
from content.schema import Catalogue
from skill.app import create_app
from skill.settings import Settings
from skill.store.couples import CoupleStore

import personal

ROOT = Path(__file__).resolve().parent.parent


def _load_deploy_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "deploy" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


dynamodb_local = _load_deploy_module("dynamodb_local")


def pytest_configure(config: pytest.Config) -> None:
    personal.install()  # one log capture for the whole run (tests/personal.py)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    personal.check()  # fails the run when a couple's words or a raw body reached a log


@pytest.fixture(scope="session")
def dynamodb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real DynamoDB Local engine on a free loopback port, its data in a temporary folder."""
    db = dynamodb_local.DynamoDBLocal(data_dir=tmp_path_factory.mktemp("dynamodb")).start()
    yield db
    db.stop()


@pytest.fixture(scope="session")
def settings(dynamodb: object) -> Settings:
    s = Settings(table_name="close-together-test", dynamodb_endpoint=dynamodb.endpoint,  # type: ignore[attr-defined]
                 verify_requests=False, default_time_zone="America/New_York")
    CoupleStore(s).create_table_if_missing()
    return s


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def store(settings: Settings) -> CoupleStore:
    return CoupleStore(settings)


@pytest.fixture
def app(settings: Settings, catalogue: Catalogue) -> Flask:
    return create_app({"SETTINGS": settings, "CATALOGUE": catalogue, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
