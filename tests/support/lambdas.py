"""The Lambda entry point as the tests call it: the context Lambda passes, and a table of the session's
DynamoDB Local for one container (the fixture ``lambda_env`` in tests/conftest.py sets one up)."""

from __future__ import annotations

from types import SimpleNamespace

from devtools.envelopes import APP_ID
from skill.core.settings import Settings
from skill.manage import operator_store

from support.settings import skill_settings

CONTEXT = SimpleNamespace(function_name="close-together", aws_request_id="lambda-test")


def table_settings(settings: Settings, table: str) -> Settings:
    """Settings for a new table of its own in the session's DynamoDB Local."""
    mine = skill_settings(table_name=table, dynamodb_endpoint=settings.dynamodb_endpoint, skill_id=APP_ID)
    operator_store(mine).create_table_if_missing()
    return mine
