"""The couple store: profile reads and conditional writes against one DynamoDB table."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import BotoCoreError, ClientError

from skill.settings import Settings
from skill.store import keys
from skill.store.client import LazyClient
from skill.store.errors import ConflictError, StoreUnavailable
from skill.store.profile import Profile
from skill.store.scope import current_request_token

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

# A change to a profile: mutate the copy it is given; return False when there is nothing to write.
Change = Callable[[Profile], bool]


@contextlib.contextmanager
def dynamodb_errors() -> Iterator[None]:
    """Turn botocore's errors into the store's named ones (connection errors included, not only ClientError)."""
    try:
        yield
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
            raise ConflictError(str(err)) from err
        raise StoreUnavailable(str(err)) from err
    except BotoCoreError as err:
        raise StoreUnavailable(str(err)) from err


def to_item(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _serializer.serialize(v) for k, v in values.items()}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _deserializer.deserialize(v) for k, v in item.items()}


class CoupleStore:
    def __init__(self, settings: Settings, client: LazyClient | None = None) -> None:
        self.table = settings.table_name
        self._client = client or LazyClient(settings)

    @property
    def client(self) -> DynamoDBClient:
        return self._client.get()

    # -- profile -------------------------------------------------------------------------------

    def load(self, couple_id: str) -> Profile:
        """The couple's profile, or a new unsaved one (version 0). One strongly consistent GetItem."""
        with dynamodb_errors():
            reply = self.client.get_item(
                TableName=self.table,
                Key=to_item({keys.PK: keys.couple_pk(couple_id), keys.SK: keys.PROFILE_SK}),
                ConsistentRead=True,
            )
        if "Item" not in reply:
            return Profile(couple_id=couple_id)
        attrs = from_item(dict(reply["Item"]))
        attrs["couple_id"] = couple_id
        return Profile.from_attributes(attrs)

    def load_for_user(self, user_id: str) -> Profile:
        """The profile of the couple this Alexa account belongs to."""
        return self.load(keys.couple_id_for_user(user_id))

    def save(self, profile: Profile) -> Profile:
        """Write the whole profile if nobody wrote it since it was read; raise ConflictError otherwise."""
        saved = profile.copy()
        saved.version = profile.version + 1
        item = to_item({keys.PK: keys.couple_pk(profile.couple_id), keys.SK: keys.PROFILE_SK,
                        **saved.to_attributes()})
        del item["couple_id"]
        if profile.version == 0:
            condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(#pk)",
                                         "ExpressionAttributeNames": {"#pk": keys.PK}}
        else:
            condition = {"ConditionExpression": "#v = :v", "ExpressionAttributeNames": {"#v": "version"},
                         "ExpressionAttributeValues": {":v": _serializer.serialize(profile.version)}}
        with dynamodb_errors():
            self.client.put_item(TableName=self.table, Item=item, **condition)
        return saved

    def update(self, profile: Profile, change: Change, attempts: int = 4) -> tuple[Profile, bool]:
        """Apply ``change`` and save it with optimistic concurrency, once per request.

        The first try uses the profile the request already read (no extra read); after a conflict
        the change is re-applied to a fresh read, so two devices writing at once both count, once.
        Inside a request scope (the web seam opens one) the write also records the request's token
        and the draft's ``outcome``; a profile that already holds this token is returned untouched,
        so a redelivered request (or botocore retrying a write whose answer was lost) changes the
        data once. Returns the profile as stored and whether anything was written.
        """
        token = current_request_token()
        current = profile
        for attempt in range(attempts):
            if current.outcome_of(token) is not None:
                return current, False
            draft = current.copy()
            if not change(draft):
                return current, False
            if token is not None:
                draft.remember(token, draft.outcome)
            try:
                return self.save(draft), True
            except ConflictError:
                if attempt == attempts - 1:
                    raise
                current = self.load(profile.couple_id)
        raise AssertionError("unreachable")

    # -- table ---------------------------------------------------------------------------------

    def ping(self) -> bool:
        try:
            with dynamodb_errors():
                status = self.client.describe_table(TableName=self.table)["Table"].get("TableStatus")
        except StoreUnavailable:
            return False
        return status == "ACTIVE"

    def create_table_if_missing(self) -> bool:
        """Create the table (on-demand, TTL on) unless it exists. Returns True when it was created."""
        with dynamodb_errors():
            try:
                self.client.describe_table(TableName=self.table)
                return False
            except ClientError as err:
                if err.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
                    raise
            self.client.create_table(
                TableName=self.table,
                AttributeDefinitions=[{"AttributeName": keys.PK, "AttributeType": "S"},
                                      {"AttributeName": keys.SK, "AttributeType": "S"}],
                KeySchema=[{"AttributeName": keys.PK, "KeyType": "HASH"},
                           {"AttributeName": keys.SK, "KeyType": "RANGE"}],
                BillingMode="PAY_PER_REQUEST",
            )
            self.client.get_waiter("table_exists").wait(TableName=self.table,
                                                        WaiterConfig={"Delay": 1, "MaxAttempts": 30})
            self.client.update_time_to_live(
                TableName=self.table,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": keys.TTL_ATTRIBUTE},
            )
        return True
