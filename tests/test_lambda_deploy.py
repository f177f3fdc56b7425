"""Deploying to AWS Lambda: the template lints clean and keeps its promises, `ask deploy`'s config points
at what exists, and the deployment zip carries everything the handler needs, and no web server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cfnlint.decode import decode

from deploy import lambda_package
from devtools.envelopes import APP_ID, envelope, new_user_id
from skill.core.settings import Settings
from skill.store import client

from conftest import ROOT, assert_cfn_lint_passes_only_the_original
from support.alexa import speech_text

DEPLOY = ROOT / "deploy"
TEMPLATE = DEPLOY / "cloudformation" / "lambda.yaml"
TABLE_TEMPLATE = DEPLOY / "cloudformation" / "table.yaml"
ASK_RESOURCES = DEPLOY / "ask-resources.json"
# Parameters the ASK CLI's cfn-deployer passes itself; ask-resources.json may not set them.
CLI_PARAMETERS = {"SkillId", "LambdaRuntime", "LambdaHandler", "CodeBucket", "CodeKey", "CodeVersion"}


def load(path: Path) -> dict[str, Any]:
    data, problems = decode(str(path))
    assert not problems, problems
    assert isinstance(data, dict)
    return data


def resources(template: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [r for r in template["Resources"].values() if r["Type"] == kind]


def one(template: dict[str, Any], kind: str) -> dict[str, Any]:
    found = resources(template, kind)
    assert len(found) == 1, kind
    return found[0]


def test_lambda_template_passes_cfn_lint_which_rejects_a_broken_copy(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(TEMPLATE.read_text().replace("Timeout: 7", "Timeout: 7000"))
    assert_cfn_lint_passes_only_the_original(TEMPLATE, broken, "7000")


def test_the_function_gets_the_tables_own_policy_and_only_its_own_logs() -> None:
    lam, table = load(TEMPLATE), load(TABLE_TEMPLATE)
    role = one(lam, "AWS::IAM::Role")["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ]
    # DynamoDB access is exactly the policy table.yaml grants the HTTPS service, imported from its export.
    assert role["ManagedPolicyArns"] == [{"Fn::ImportValue": {"Fn::Sub": "${TableStackName}-AccessPolicyArn"}}]
    exported = table["Outputs"]["AccessPolicyArn"]
    assert exported["Value"] == {"Ref": "SkillTableAccess"}
    assert exported["Export"]["Name"] == {"Fn::Sub": "${AWS::StackName}-AccessPolicyArn"}
    assert table["Outputs"]["TableName"]["Export"]["Name"] == {"Fn::Sub": "${AWS::StackName}-TableName"}
    # Its inline policy only writes its own log group: no wildcard actions, no other service.
    statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    assert {a for s in statements for a in s["Action"]} == {"logs:CreateLogStream", "logs:PutLogEvents"}
    assert all(s["Resource"] == {"Fn::Sub": "${SkillLogGroup.Arn}:*"} for s in statements)


def test_only_alexa_may_invoke_it_and_only_for_this_skill() -> None:
    lam = load(TEMPLATE)
    permissions = resources(lam, "AWS::Lambda::Permission")
    assert [p["Properties"] for p in permissions] == [
        {
            "Action": "lambda:InvokeFunction",
            "FunctionName": {"Fn::GetAtt": ["SkillFunction", "Arn"]},
            "Principal": "alexa-appkit.amazon.com",
            "EventSourceToken": {"Ref": "SkillId"},
        }
    ]
    env = one(lam, "AWS::Lambda::Function")["Properties"]["Environment"]["Variables"]
    assert env["SKILL_ID"] == {"Ref": "SkillId"}  # the handler checks the id again
    assert env["SKILL_TABLE_NAME"] == {"Fn::ImportValue": {"Fn::Sub": "${TableStackName}-TableName"}}
    assert "SKILL_DYNAMODB_ENDPOINT" not in env and "SKILL_VERIFY_REQUESTS" not in env


def test_the_function_answers_within_alexas_eight_seconds_after_the_store_gives_up() -> None:
    props = one(load(TEMPLATE), "AWS::Lambda::Function")["Properties"]
    store_worst_case = (
        client.STORE_BUDGET_SECONDS + client.MAX_BACKOFF_SECONDS + client.CONNECT_TIMEOUT + client.READ_TIMEOUT
    )
    assert store_worst_case < props["Timeout"] < 8
    assert props["Handler"] == {"Ref": "LambdaHandler"}
    assert load(TEMPLATE)["Outputs"]["SkillEndpoint"]["Value"] == {"Fn::GetAtt": ["SkillFunction", "Arn"]}


def test_ask_resources_points_at_what_exists_from_deploy() -> None:
    config = json.loads(ASK_RESOURCES.read_text())
    assert config["askcliResourcesVersion"] == "2020-03-31"
    profile = config["profiles"]["default"]
    # `ask deploy` runs in deploy/: every path is relative to it.
    package = DEPLOY / profile["skillMetadata"]["src"]
    assert (package / "skill.json").is_file() and sorted((package / "interactionModels" / "custom").glob("*.json"))
    assert (DEPLOY / profile["code"]["default"]["src"]).is_dir()
    hook = DEPLOY / "hooks" / "build.sh"  # the CLI's custom build flow: <cwd>/hooks/build.sh
    assert hook.is_file() and os.access(hook, os.X_OK)
    infra = profile["skillInfrastructure"]
    assert infra["type"] == "@ask-cli/cfn-deployer"
    user = infra["userConfig"]
    template = load(DEPLOY / user["templatePath"])
    params = template["Parameters"]
    assert set(params) >= CLI_PARAMETERS
    assert user["runtime"] in params["LambdaRuntime"]["AllowedValues"]
    assert user["runtime"] == "python" + lambda_package.lambda_python()  # the zip is built for it
    assert user["handler"] in params["LambdaHandler"]["AllowedValues"]
    module, _, function = user["handler"].rpartition(".")
    assert callable(getattr(__import__(module, fromlist=[function]), function))
    own = user["cfn"]["parameters"]
    assert set(own) <= set(params) and not set(own) & CLI_PARAMETERS
    manifest = json.loads((package / "skill.json").read_text())["manifest"]
    subscribed = [e["eventName"] for e in manifest["events"]["subscriptions"]]
    assert user["skillEvents"]["subscriptions"] == subscribed  # the events reach the function too


def test_the_zip_runs_the_handler_on_its_own_without_the_web_server(settings: Settings, tmp_path: Path) -> None:
    out = lambda_package.build(tmp_path / "lambda.zip", deps_from_here=True)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "task")  # where Lambda unpacks it (/var/task)
    tops = {n.split("/")[0] for n in names}
    assert {"skill", "intents", "content", "ask_sdk_core", "boto3", "botocore"} <= tops
    assert not {"flask", "werkzeug", "cryptography", "tests", "bench", "deploy", "devtools"} & tops
    assert any(n.startswith("content/") and n.endswith(".toml") for n in names)  # every spoken word
    event = envelope("launch", user_id=new_user_id(), at=datetime.now(UTC))
    code = (
        "import json, sys\n"
        "from skill.lambda_entry import handler\n"
        "try:\n    import flask\nexcept ImportError:\n    pass\nelse:\n    sys.exit('flask is importable')\n"
        "print(json.dumps(handler(json.loads(sys.stdin.read()), None)))\n"
    )
    # -S: no site-packages, so every import comes from the unpacked zip (and the standard library).
    result = subprocess.run(
        [sys.executable, "-S", "-c", code],
        input=json.dumps(event),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(tmp_path / "task"),
            "SKILL_ID": APP_ID,
            "SKILL_TABLE_NAME": settings.table_name,
            "SKILL_DYNAMODB_ENDPOINT": str(settings.dynamodb_endpoint),
            "SKILL_TIME_ZONE_LOOKUP": "false",
            "AWS_REGION": "us-east-1",
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    if f"{sys.version_info.major}.{sys.version_info.minor}" == lambda_package.lambda_python():  # runtime bytecode
        assert f"skill/__pycache__/lambda_entry.{sys.implementation.cache_tag}.pyc" in names
        assert "SyntaxWarning" not in result.stderr  # nothing compiled at a cold start
    reply = json.loads(result.stdout.strip().splitlines()[-1])
    assert reply["version"] == "1.0" and speech_text(reply)


def test_the_zip_is_the_same_bytes_for_the_same_inputs(tmp_path: Path) -> None:
    deps = tmp_path / "deps"
    (deps / "example").mkdir(parents=True)
    (deps / "example" / "__init__.py").write_text("VALUE = 1\n")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    lambda_package.write_zip(first, deps)
    lambda_package.write_zip(second, deps)
    assert first.read_bytes() == second.read_bytes()  # ask deploy's change detection sees real changes only
