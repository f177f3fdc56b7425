"""The production table's CloudFormation template: it lints clean and cannot drift from the code's keys."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode

from skill.core.settings import Settings
from skill.manage import operator_store
from skill.store import keys

from conftest import ROOT, assert_cfn_lint_passes_only_the_original
from support.settings import skill_settings

TEMPLATE = ROOT / "deploy" / "cloudformation" / "table.yaml"
# Operator-only calls (skill.manage create-table); the service itself never makes them.
OPERATOR_CALLS = {"create_table", "update_time_to_live", "get_waiter"}


def template() -> dict[str, Any]:
    data, problems = decode(str(TEMPLATE))
    assert not problems, problems
    assert isinstance(data, dict)
    return data


def table() -> dict[str, Any]:
    tables = [r for r in template()["Resources"].values() if r["Type"] == "AWS::DynamoDB::Table"]
    assert len(tables) == 1
    found: dict[str, Any] = tables[0]
    return found


def test_template_passes_cfn_lint_which_rejects_a_broken_copy(tmp_path: Path) -> None:
    # One cfn-lint run (it takes seconds to load its specs) for the real template and a broken copy.
    broken = tmp_path / "broken.yaml"
    broken.write_text(TEMPLATE.read_text().replace("BillingMode: PAY_PER_REQUEST", "BillingMode: FREE_OF_CHARGE"))
    assert_cfn_lint_passes_only_the_original(TEMPLATE, broken, "FREE_OF_CHARGE")


def test_template_keys_and_ttl_are_the_ones_the_code_uses() -> None:
    props = table()["Properties"]
    assert props["KeySchema"] == [
        {"AttributeName": keys.PK, "KeyType": "HASH"},
        {"AttributeName": keys.SK, "KeyType": "RANGE"},
    ]
    assert props["AttributeDefinitions"] == [
        {"AttributeName": keys.PK, "AttributeType": "S"},
        {"AttributeName": keys.SK, "AttributeType": "S"},
    ]
    assert props["TimeToLiveSpecification"] == {"AttributeName": keys.TTL_ATTRIBUTE, "Enabled": True}


def test_template_keeps_couples_data_safe() -> None:
    resource = table()
    props = resource["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"]["SSEEnabled"] is True
    assert props["DeletionProtectionEnabled"] is True
    assert resource["DeletionPolicy"] == "Retain" and resource["UpdateReplacePolicy"] == "Retain"


def test_create_table_if_missing_makes_the_same_schema_as_the_template(settings: Settings) -> None:
    local = operator_store(
        skill_settings(table_name=f"schema-{uuid.uuid4().hex[:8]}", dynamodb_endpoint=settings.dynamodb_endpoint)
    )
    assert local.create_table_if_missing() is True
    try:
        described = local.client.describe_table(TableName=local.table)["Table"]
        ttl = local.client.describe_time_to_live(TableName=local.table)["TimeToLiveDescription"]
        props = table()["Properties"]
        assert [dict(k) for k in described["KeySchema"]] == props["KeySchema"]
        assert sorted(described["AttributeDefinitions"], key=lambda a: a["AttributeName"]) == sorted(
            props["AttributeDefinitions"], key=lambda a: a["AttributeName"]
        )
        assert described.get("BillingModeSummary", {}).get("BillingMode") == props["BillingMode"]
        assert ttl.get("AttributeName") == props["TimeToLiveSpecification"]["AttributeName"]
        assert ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING")
    finally:
        local.client.delete_table(TableName=local.table)


def store_calls() -> set[str]:
    calls = set()
    for path in (ROOT / "skill" / "store").glob("*.py"):
        calls |= set(re.findall(r"\bclient\.([a-z_]+)\(", path.read_text()))
    return calls - OPERATOR_CALLS - {"get"}


def test_the_service_policy_allows_every_call_the_store_makes() -> None:
    policy = next(r for r in template()["Resources"].values() if r["Type"] == "AWS::IAM::ManagedPolicy")
    allowed = {a for s in policy["Properties"]["PolicyDocument"]["Statement"] for a in s["Action"]}
    needed = {"dynamodb:" + "".join(w.title() for w in call.split("_")) for call in store_calls()}
    if "dynamodb:TransactWriteItems" in needed:
        # IAM has no action of that name: a transaction needs the action of each item it writes.
        needed = (needed - {"dynamodb:TransactWriteItems"}) | {
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem",
        }
    assert {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DescribeTable"} <= needed
    assert needed <= allowed, f"add to the policy in {TEMPLATE.name}: {sorted(needed - allowed)}"


@pytest.mark.parametrize("call", sorted(OPERATOR_CALLS - {"get_waiter"}))
def test_operator_calls_are_not_granted_to_the_service(call: str) -> None:
    policy = next(r for r in template()["Resources"].values() if r["Type"] == "AWS::IAM::ManagedPolicy")
    allowed = {a for s in policy["Properties"]["PolicyDocument"]["Statement"] for a in s["Action"]}
    assert "dynamodb:" + "".join(w.title() for w in call.split("_")) not in allowed
