"""Answers to tonight's question, given apart on two linked devices: one item per partner in the
couple's partition, kept until the next evening (TTL), read back only once both have answered.

Each partner writes only their own item (``ANSWER#<evening>#<question>#<account>``), so two answers
given at the same moment never contend; a redelivered request is recognised by its request hash and
writes nothing. See docs/question.md. The words are personal data: never logged, never in a repr.
"""

from __future__ import annotations

from datetime import datetime

from skill.domain.answer import Answer
from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item
from skill.store.errors import ConflictError


class Answers:
    def __init__(self, store: CoupleStore) -> None:
        self.store = store

    def put(
        self, couple_id: str, evening: str, question_id: str, answer: Answer, request_id: str, expires_at: datetime
    ) -> bool:
        """Keep (or replace) this partner's answer: one conditional PutItem. False when this very
        request already stored it (a redelivery): nothing is written again."""
        item = to_item(
            {
                keys.PK: keys.couple_pk(couple_id),
                keys.SK: keys.answer_sk(evening, question_id, answer.account),
                "words": answer.words,
                "req": keys.request_hash(request_id),
                keys.TTL_ATTRIBUTE: int(expires_at.timestamp()),
            }
        )
        try:
            with dynamodb_errors():
                self.store.client.put_item(
                    TableName=self.store.table,
                    Item=item,
                    ConditionExpression="attribute_not_exists(#sk) OR #req <> :req",
                    ExpressionAttributeNames={"#sk": keys.SK, "#req": "req"},
                    ExpressionAttributeValues={":req": item["req"]},
                )
        except ConflictError:
            return False
        return True

    def of(self, couple_id: str, evening: str, question_id: str, now: datetime) -> dict[str, Answer]:
        """Every unexpired answer to this question this evening, by account: one strongly consistent
        Query (a couple has two partners, so at most two items)."""
        with dynamodb_errors():
            reply = self.store.client.query(
                TableName=self.store.table,
                KeyConditionExpression="#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames={"#pk": keys.PK, "#sk": keys.SK},
                ExpressionAttributeValues=to_item(
                    {":pk": keys.couple_pk(couple_id), ":prefix": keys.answer_prefix(evening, question_id)}
                ),
                ConsistentRead=True,
                Limit=10,
            )
        prefix = keys.answer_prefix(evening, question_id)
        found: dict[str, Answer] = {}
        for raw in reply.get("Items", []):
            item = from_item(dict(raw))
            # DynamoDB removes expired items within days, not at once: skip any already expired.
            if int(item.get(keys.TTL_ATTRIBUTE, 0)) <= now.timestamp():
                continue
            account = str(item[keys.SK])[len(prefix) :]
            found[account] = Answer(account, str(item["words"]))
        return found
