"""Answers to tonight's question, given apart on two linked devices: one item per partner in the
couple's partition, kept until the next evening (TTL), read back only once both have answered.

Each partner writes only their own item (``ANSWER#<evening>#<question>#<account>``), so two answers
given at the same moment never contend; a redelivered request is recognised by its request hash and
writes nothing. See docs/question.md. The words are personal data: never logged, never in a repr.
"""

from __future__ import annotations

from datetime import datetime

from skill.domain.answer import Answer
from skill.domain.profile import Profile
from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item


class Answers:
    def __init__(self, store: CoupleStore) -> None:
        self.store = store

    def put(
        self,
        profile: Profile,
        evening: str,
        question_id: str,
        answer: Answer,
        request_id: str,
        at: datetime,
        expires_at: datetime,
    ) -> bool:
        """Keep (or replace) this partner's answer, said at ``at`` (the request's time). One
        transaction: the put, conditional on no newer answer being there (a late redelivery of an
        older answer never replaces a newer one) and on this request not having stored it already,
        and a check that the couple read is still the couple (none lands after a deletion or an
        unlink). False when nothing was written; CoupleGone when the couple is gone."""
        item = to_item(
            {
                keys.PK: keys.couple_pk(profile.couple_id),
                keys.SK: keys.answer_sk(evening, question_id, answer.account),
                "words": answer.words,
                "req": keys.request_hash(request_id),
                "at": int(at.timestamp() * 1000),
                keys.TTL_ATTRIBUTE: int(expires_at.timestamp()),
            }
        )
        condition = {
            # Older items carry no "at": any answer said now is newer than them.
            "ConditionExpression": "attribute_not_exists(#sk) OR "
            "(#req <> :req AND (attribute_not_exists(#at) OR #at <= :at))",
            "ExpressionAttributeNames": {"#sk": keys.SK, "#req": "req", "#at": "at"},
            "ExpressionAttributeValues": {":req": item["req"], ":at": item["at"]},
        }
        return self.store.put_with_identity(profile, item, condition)

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
