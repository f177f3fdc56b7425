"""The evening reminder's record: one small item per Alexa account (``REMINDER`` in the account's own
partition), holding the Reminders API's ``alertToken`` and the time it rings.

Creating a reminder is claimed first with a conditional write, so two requests at once (two
devices, or a retried request) never create two: only the claim's holder calls the API.
"""

from __future__ import annotations

from skill.domain.reminder import ReminderRecord
from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item
from skill.store.errors import ConflictError

# A claim older than this is taken to be a request that died between the claim and the API's answer.
CLAIM_SECONDS = 30


class ReminderStore:
    def __init__(self, store: CoupleStore) -> None:
        self.store = store

    @staticmethod
    def _key(user_id: str) -> dict[str, str]:
        return ReminderStore._account_key(keys.couple_id_for_user(user_id))

    @staticmethod
    def _account_key(account: str) -> dict[str, str]:
        return {keys.PK: keys.couple_pk(account), keys.SK: keys.REMINDER_SK}

    def get(self, user_id: str) -> ReminderRecord | None:
        return self.of_account(keys.couple_id_for_user(user_id))

    def of_account(self, account: str) -> ReminderRecord | None:
        """The reminder record of an account id (``CoupleStore.account_id``: a partner's, by the
        couple's ``members``)."""
        with dynamodb_errors():
            reply = self.store.client.get_item(
                TableName=self.store.table, Key=to_item(self._account_key(account)), ConsistentRead=True
            )
        if "Item" not in reply:
            return None
        item = from_item(dict(reply["Item"]))
        return ReminderRecord(
            hour=int(item["hour"]),
            minute=int(item["minute"]),
            alert_token=item.get("alert_token"),
            claimed_at=int(item.get("claimed_at", 0)),
            request=item.get("request"),
            left=bool(item.get("left", False)),
            in_doubt=bool(item.get("in_doubt", False)),
        )

    def claim(self, user_id: str, hour: int, minute: int, request: str, now: int) -> bool:
        """Take the right to create this account's reminder; False when a live reminder or claim exists."""
        item = {**self._key(user_id), "hour": hour, "minute": minute, "claimed_at": now, "request": request}
        try:
            with dynamodb_errors():
                self.store.client.put_item(
                    TableName=self.store.table,
                    Item=to_item(item),
                    ConditionExpression="attribute_not_exists(#pk) OR "
                    "(attribute_not_exists(alert_token) AND claimed_at < :stale)",
                    ExpressionAttributeNames={"#pk": keys.PK},
                    ExpressionAttributeValues=to_item({":stale": now - CLAIM_SECONDS}),
                )
        except ConflictError:
            return False
        return True

    def save(self, user_id: str, record: ReminderRecord) -> None:
        item: dict[str, object] = {
            **self._key(user_id),
            "hour": record.hour,
            "minute": record.minute,
            "claimed_at": record.claimed_at,
        }
        if record.alert_token:
            item["alert_token"] = record.alert_token
        if record.request:
            item["request"] = record.request
        if record.left:
            item["left"] = True
        if record.in_doubt:
            item["in_doubt"] = True
        with dynamodb_errors():
            self.store.client.put_item(TableName=self.store.table, Item=to_item(item))

    def release(self, user_id: str, request: str) -> None:
        """Drop an unanswered claim this request holds (the API failed), so the next ask can try."""
        try:
            with dynamodb_errors():
                self.store.client.delete_item(
                    TableName=self.store.table,
                    Key=to_item(self._key(user_id)),
                    ConditionExpression="attribute_not_exists(alert_token) AND #r = :r",
                    ExpressionAttributeNames={"#r": "request"},
                    ExpressionAttributeValues=to_item({":r": request}),
                )
        except ConflictError:
            pass

    def delete(self, user_id: str) -> None:
        with dynamodb_errors():
            self.store.client.delete_item(TableName=self.store.table, Key=to_item(self._key(user_id)))
