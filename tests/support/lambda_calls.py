"""Runs INSIDE an unzipped Lambda package (``python -S``, ``PYTHONPATH=<task>``): every DynamoDB call
the skill's packaged code makes, through the packaged boto3 and botocore, against DynamoDB Local,
then a LaunchRequest through the Lambda handler. Standard library and the package only.

    python -S tests/support/lambda_calls.py '["get_item", ...]' < launch.json

The argument lists the operations the packaged sources call (tests/test_lambda_package.py finds them);
an operation without a call here fails the run, so a new kind of call cannot go untested. Prints one
JSON object: the operations made, the handler's reply, and the top-level modules imported.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Callable
from typing import Any

from skill.core.settings import Settings
from skill.lambda_entry import handler
from skill.store import keys
from skill.store.client import make_client
from skill.store.couples import CoupleStore  # its create_table_if_missing: the operator's calls


def main() -> int:
    wanted: list[str] = json.loads(sys.argv[1])
    event = json.loads(sys.stdin.read())
    settings = Settings.from_env()
    table = f"package-{uuid.uuid4().hex[:8]}"
    own = Settings(
        table_name=table,
        region=settings.region,
        dynamodb_endpoint=settings.dynamodb_endpoint,
        verify_requests=False,
    )
    client = make_client(own)
    pk, sk = keys.PK, keys.SK
    key = {pk: {"S": "COUPLE#package"}, sk: {"S": "PROFILE"}}

    def create() -> None:  # describe_table, create_table, the table_exists waiter, update_time_to_live
        assert CoupleStore(own).create_table_if_missing()

    def put() -> None:
        client.put_item(
            TableName=table, Item={**key, "v": {"N": "1"}}, ConditionExpression=f"attribute_not_exists({pk})"
        )

    def get() -> None:
        assert client.get_item(TableName=table, Key=key, ConsistentRead=True)["Item"]["v"] == {"N": "1"}

    def update() -> None:
        client.update_item(
            TableName=table,
            Key=key,
            UpdateExpression="SET #v = #v + :one",
            ConditionExpression="#v = :old",
            ExpressionAttributeNames={"#v": "v"},
            ExpressionAttributeValues={":one": {"N": "1"}, ":old": {"N": "1"}},
        )

    def query() -> None:
        found = client.query(
            TableName=table,
            KeyConditionExpression="#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames={"#pk": pk, "#sk": sk},
            ExpressionAttributeValues={":pk": key[pk], ":prefix": {"S": "PRO"}},
            ConsistentRead=True,
        )
        assert [item["v"] for item in found["Items"]] == [{"N": "2"}]

    def transact() -> None:
        other = {pk: {"S": "COUPLE#package"}, sk: {"S": "OTHER"}}
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": other}},
                {
                    "Update": {
                        "TableName": table,
                        "Key": key,
                        "UpdateExpression": "REMOVE #v",
                        "ExpressionAttributeNames": {"#v": "v"},
                    }
                },
            ]
        )

    def batch() -> None:
        other = {pk: {"S": "COUPLE#package"}, sk: {"S": "OTHER"}}
        client.batch_write_item(RequestItems={table: [{"DeleteRequest": {"Key": other}}]})

    def delete() -> None:
        client.delete_item(TableName=table, Key=key)
        assert "Item" not in client.get_item(TableName=table, Key=key, ConsistentRead=True)

    # Each operation and the step that makes it (create makes four, through the skill's own code).
    calls: dict[str, Callable[[], None]] = {
        "create_table": create,
        "describe_table": create,
        "update_time_to_live": create,
        "put_item": put,
        "get_item": get,
        "update_item": update,
        "query": query,
        "transact_write_items": transact,
        "batch_write_item": batch,
        "delete_item": delete,
    }
    missing = sorted(set(wanted) - set(calls))
    if missing:
        print(f"no call here for {missing}: add one to tests/support/lambda_calls.py", file=sys.stderr)
        return 3
    for step in (create, put, get, update, query, transact, batch, delete):  # each asserts its effect
        step()
    reply: dict[str, Any] = handler(event, None)
    result = {
        "operations": sorted(calls),
        "reply": reply,
        "modules": sorted({name.split(".")[0] for name in sys.modules}),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
