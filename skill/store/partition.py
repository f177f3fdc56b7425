"""Whole-partition operations for the rare, heavy paths (linking, unlinking, deleting): read every
item of a partition, write and delete in batches, and all-or-nothing transactions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from botocore.exceptions import ClientError

from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item
from skill.store.errors import ConflictError, StoreUnavailable

_BATCH = 25  # BatchWriteItem's limit


class PartitionTable:
    def __init__(self, store: CoupleStore) -> None:
        self.store = store
        self.table = store.table

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        with dynamodb_errors():
            reply = self.store.client.get_item(
                TableName=self.table, Key=to_item({keys.PK: pk, keys.SK: sk}), ConsistentRead=True
            )
        return from_item(dict(reply["Item"])) if "Item" in reply else None

    def _items(self, pk: str, prefix: str | None = None) -> Iterator[dict[str, Any]]:
        """Every item of one partition (whose sort key starts with ``prefix``), page by page (raw values)."""
        kwargs: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": "#pk = :pk",
            "ExpressionAttributeNames": {"#pk": keys.PK},
            "ExpressionAttributeValues": {":pk": {"S": pk}},
            "ConsistentRead": True,
        }
        if prefix is not None:
            kwargs["KeyConditionExpression"] += " AND begins_with(#sk, :prefix)"
            kwargs["ExpressionAttributeNames"]["#sk"] = keys.SK
            kwargs["ExpressionAttributeValues"][":prefix"] = {"S": prefix}
        while True:
            with dynamodb_errors():
                reply = self.store.client.query(**kwargs)
            yield from (dict(i) for i in reply.get("Items", []))
            if not reply.get("LastEvaluatedKey"):
                return
            kwargs["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    def _delete(self, items: list[dict[str, Any]]) -> None:
        keys_only = list(
            {(i[keys.PK]["S"], i[keys.SK]["S"]): {keys.PK: i[keys.PK], keys.SK: i[keys.SK]} for i in items}.values()
        )
        self._batch([{"DeleteRequest": {"Key": k}} for k in keys_only])

    def _write(self, items: list[dict[str, Any]]) -> None:
        self._batch([{"PutRequest": {"Item": i}} for i in items])

    def _batch(self, requests: list[dict[str, Any]]) -> None:
        for start in range(0, len(requests), _BATCH):
            pending: list[Any] = requests[start : start + _BATCH]
            for attempt in range(6):
                with dynamodb_errors(write=True):
                    reply = self.store.client.batch_write_item(RequestItems={self.table: pending})
                pending = list(reply.get("UnprocessedItems", {}).get(self.table, []))
                if not pending:
                    break
                time.sleep(0.05 * 2**attempt)
            else:
                raise StoreUnavailable("DynamoDB left some items unprocessed")

    def _transact(self, items: list[dict[str, Any]]) -> None:
        """TransactWriteItems; a failed condition on any item becomes ConflictError."""
        try:
            with dynamodb_errors(write=True):
                self.store.client.transact_write_items(TransactItems=items)  # type: ignore[arg-type]
        except StoreUnavailable as err:
            cause = err.__cause__
            if (
                isinstance(cause, ClientError)
                and cause.response.get("Error", {}).get("Code") == "TransactionCanceledException"
            ):
                reasons = cause.response.get("CancellationReasons") or []
                message = str(cause.response.get("Error", {}).get("Message", ""))
                if (
                    any(r.get("Code") == "ConditionalCheckFailed" for r in reasons)
                    or "ConditionalCheckFailed" in message
                    or "TransactionConflict" in message
                ):
                    raise ConflictError("a condition in the transaction failed") from cause
            raise
