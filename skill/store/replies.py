"""The answer each request got, for the few requests whose words a redelivery would otherwise change
("link my partner", "join", "unlink", the reminder's set, change and stop): the data is applied once
by its own rules, and this makes the words the same too.

One small item per request in the account's own partition (``REPLY#<request token>``), expiring
after ten minutes (Alexa redelivers within seconds). The first delivery claims it with a
conditional put; a delivery that arrives while the first is still running waits for its answer (a
few seconds at most, within the request's budget), and one that arrives later reads it.
"""

from __future__ import annotations

import time
from typing import Any

from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item
from skill.store.errors import ConflictError
from skill.store.scope import remaining

KEPT_SECONDS = 600
WAIT_SECONDS = 3.0  # how long a concurrent duplicate waits for the first delivery's answer
_POLL = 0.05


class Replies:
    def __init__(self, store: CoupleStore) -> None:
        self.store = store

    def _key(self, account: str, token: str) -> dict[str, Any]:
        return to_item({keys.PK: keys.couple_pk(account), keys.SK: keys.reply_sk(token)})

    def claim(self, account: str, token: str, now: int) -> str | None:
        """None when this delivery is the first (it must answer, then ``keep``); otherwise the
        answer the first delivery gave, waited for while it is still being made. None too when the
        first never finished in time (it failed): this delivery answers afresh."""
        item = {**self._key(account, token), **to_item({keys.TTL_ATTRIBUTE: now + KEPT_SECONDS})}
        try:
            with dynamodb_errors():
                self.store.client.put_item(
                    TableName=self.store.table,
                    Item=item,
                    ConditionExpression="attribute_not_exists(#pk)",
                    ExpressionAttributeNames={"#pk": keys.PK},
                )
            return None
        except ConflictError:
            pass
        left = remaining()
        deadline = time.monotonic() + min(WAIT_SECONDS, max(left - 1.0, 0.0) if left is not None else WAIT_SECONDS)
        while True:
            with dynamodb_errors():
                reply = self.store.client.get_item(
                    TableName=self.store.table, Key=self._key(account, token), ConsistentRead=True
                )
            found = from_item(dict(reply.get("Item", {})))
            if isinstance(found.get("answer"), str):
                return str(found["answer"])
            if not found or time.monotonic() >= deadline:
                return None
            time.sleep(_POLL)

    def keep(self, account: str, token: str, answer: str) -> None:
        """The first delivery's answer (a serialized Response, no personal words beyond what it said)."""
        with dynamodb_errors():
            self.store.client.update_item(
                TableName=self.store.table,
                Key=self._key(account, token),
                UpdateExpression="SET #a = :a",
                ExpressionAttributeNames={"#a": "answer"},
                ExpressionAttributeValues=to_item({":a": answer}),
            )

    def release(self, account: str, token: str) -> None:
        """The first delivery failed: let a redelivery answer afresh instead of waiting."""
        with dynamodb_errors():
            self.store.client.delete_item(TableName=self.store.table, Key=self._key(account, token))
