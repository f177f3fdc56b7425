"""The couple store: profile reads and conditional writes against one DynamoDB table."""

from __future__ import annotations

import contextlib
import random
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from skill.core.settings import Settings
from skill.domain.profile import Profile
from skill.store import keys
from skill.store.client import LazyClient, make_client
from skill.store.errors import ConflictError, CoupleGone, OutcomeUnknown, StoreUnavailable
from skill.store.profile_codec import BORN, from_attributes, to_attributes
from skill.store.scope import current_request_token, step_token, watching_write

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

ADMIN_CONFIG = Config(connect_timeout=5, read_timeout=30, retries={"total_max_attempts": 5, "mode": "standard"})

# A change to a profile: mutate the copy it is given; return False when there is nothing to write.
Change = Callable[[Profile], bool]


@contextlib.contextmanager
def dynamodb_errors(*, write: bool = False) -> Iterator[None]:
    """Turn botocore's errors into the store's named ones (connection errors included, not only ClientError).

    Around a write (``write=True``) a failure after an attempt that may have reached DynamoDB is
    OutcomeUnknown, not StoreUnavailable: the skill must not say "not saved" about it.
    """
    with watching_write() as in_doubt:
        try:
            yield
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                raise ConflictError(str(err)) from err
            if write and in_doubt[0]:
                raise OutcomeUnknown(str(err)) from err
            raise StoreUnavailable(str(err)) from err
        except BotoCoreError as err:
            if write and in_doubt[0]:
                raise OutcomeUnknown(str(err)) from err
            raise StoreUnavailable(str(err)) from err


def new_identity() -> str:
    """A fresh couple identity (``Profile.born``)."""
    return secrets.token_hex(6)


def same_couple(read: Profile, now: Profile) -> bool:
    """Whether the profile found now is still the couple that was read (not deleted, unlinked or re-made)."""
    return read.is_new or (not now.is_new and now.born == read.born)


def cancelled_items(err: Exception) -> list[str] | None:
    """For a cancelled TransactWriteItems: each item's cancellation code ("None",
    "ConditionalCheckFailed", "TransactionConflict", ...), in item order; None when the error was
    something else."""
    cause = err.__cause__
    if not isinstance(cause, ClientError) or cause.response.get("Error", {}).get("Code") != (
        "TransactionCanceledException"
    ):
        return None
    reasons = cause.response.get("CancellationReasons") or []
    if reasons:
        return [str(r.get("Code", "None")) for r in reasons]
    # Without the structured list, the message carries them: "... reasons [None, ConditionalCheckFailed]".
    message = str(cause.response.get("Error", {}).get("Message", ""))
    return [part.strip() for part in message.rpartition("[")[2].rstrip("]").split(",")]


def to_item(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _serializer.serialize(v) for k, v in values.items()}


def from_item(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _deserializer.deserialize(v) for k, v in item.items()}


class _AccountCache:
    """account id -> shared couple id, bounded, per process. Only a hint: every use is re-checked."""

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._map: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, account: str) -> str | None:
        with self._lock:
            return self._map.get(account)

    def put(self, account: str, couple_id: str) -> None:
        with self._lock:
            self._map[account] = couple_id
            self._map.move_to_end(account)
            while len(self._map) > self._size:
                self._map.popitem(last=False)

    def drop(self, account: str) -> None:
        with self._lock:
            self._map.pop(account, None)


def versioned_put(table: str, profile: Profile) -> dict[str, Any]:
    """The one version-checked write of a profile: ``profile`` stored as version+1, on condition that
    nobody wrote it since it was read at ``profile.version`` (a new one: that none exists). The
    parameters of ``put_item`` and of a transaction's ``Put`` alike."""
    attributes = {**to_attributes(profile), "version": profile.version + 1}
    del attributes["couple_id"]  # the key says it already
    put: dict[str, Any] = {
        "TableName": table,
        "Item": to_item({keys.PK: keys.couple_pk(profile.couple_id), keys.SK: keys.PROFILE_SK, **attributes}),
    }
    if profile.version == 0:
        put.update(ConditionExpression="attribute_not_exists(#pk)", ExpressionAttributeNames={"#pk": keys.PK})
    else:
        put.update(
            ConditionExpression="#v = :v",
            ExpressionAttributeNames={"#v": "version"},
            ExpressionAttributeValues={":v": {"N": str(profile.version)}},
        )
    return put


class CoupleStore:
    def __init__(self, settings: Settings, client: LazyClient | None = None) -> None:
        self.table = settings.table_name
        self._settings = settings
        self._client = client or LazyClient(settings)
        self._couple_of = _AccountCache()

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
        return from_attributes(attrs)

    def load_for_user(self, user_id: str, hint: str | None = None) -> Profile:
        """The profile of the couple this Alexa account belongs to (docs/data-model.md, "Resolving").

        The chain starts at the verified user id: the account's own item is either the couple's
        profile or a pointer (``linked_to``) to the shared couple it joined. ``hint`` (a couple id the
        session remembered) and this process's cache are only shortcuts: a shared profile is returned
        only when its ``members`` list this account, so a forged hint reads nothing of another couple.
        Cost: one GetItem for a solo account, and for a linked one whose couple is hinted or cached;
        two the first time a linked account is seen by this process without a hint.
        """
        account = keys.couple_id_for_user(user_id)
        for candidate in dict.fromkeys(c for c in (hint, self._couple_of.get(account)) if c and c != account):
            shared = self.load(candidate)
            if account in shared.members:
                self._couple_of.put(account, shared.couple_id)
                return shared
            self._couple_of.drop(account)
        own = self.load(account)
        if own.linked_to:
            shared = self.load(own.linked_to)
            if account in shared.members:
                self._couple_of.put(account, shared.couple_id)
                return shared
            own.linked_to = None  # a pointer the shared couple no longer confirms: the account is solo
        return own

    def load_for_user_with_items(
        self, user_id: str, hint: str | None, low: str, limit: int
    ) -> tuple[Profile, list[dict[str, Any]], bool] | None:
        """The couple's profile and its items with sort keys from ``low`` up to ``PROFILE``, in ONE
        eventually consistent Query (``GRAT#<date>…`` keys sort just below ``PROFILE``,
        docs/data-model.md; ``GratitudeLog.with_profile`` turns them into gratitudes).

        Used by the weekly summary, so that it reads once rather than twice. Returns the profile, the
        other items (newest first, at most ``limit``) and whether more were left; or None when this
        account's couple can't be known without following a pointer (a linked account with no hint):
        the caller then reads the usual way. The same membership rule as ``load_for_user`` applies.
        """
        account = keys.couple_id_for_user(user_id)
        candidate = hint or self._couple_of.get(account) or account
        with dynamodb_errors():
            reply = self.client.query(
                TableName=self.table,
                KeyConditionExpression="#pk = :pk AND #sk BETWEEN :low AND :profile",
                ExpressionAttributeNames={"#pk": keys.PK, "#sk": keys.SK},
                ExpressionAttributeValues=to_item(
                    {
                        ":pk": keys.couple_pk(candidate),
                        ":low": low,
                        ":profile": keys.PROFILE_SK,
                    }
                ),
                ScanIndexForward=False,  # the profile first, then the newest items
                Limit=limit + 1,
                # A week's summary may be a moment behind (half the read units). The summary writes
                # nothing (its read-back rotates with the clock, intents/summary.py); any other write
                # in the request (learning the time zone) goes through CoupleStore.update, conditional
                # on the version read, so a stale profile is re-read strongly before it is written.
                ConsistentRead=False,
            )
        items = [from_item(dict(item)) for item in reply.get("Items", [])]
        found = next((i for i in items if i.get(keys.SK) == keys.PROFILE_SK), None)
        attrs = {**(found or {}), "couple_id": candidate}
        profile = from_attributes(attrs) if found else Profile(couple_id=candidate)
        if candidate == account:
            if profile.linked_to:
                return None
        elif account not in profile.members:
            self._couple_of.drop(account)
            return None
        else:
            self._couple_of.put(account, candidate)
        rest = [i for i in items if i is not found]
        return profile, rest, "LastEvaluatedKey" in reply

    def forget_account_id(self, account: str) -> None:
        """Drop this process's cached couple for an account id (after unlinking or deleting)."""
        self._couple_of.drop(account)

    def save(self, profile: Profile) -> Profile:
        """Write the whole profile if nobody wrote it since it was read; raise ConflictError otherwise."""
        saved = profile.copy()
        if profile.version == 0 and not saved.born:
            saved.born = new_identity()
        with dynamodb_errors(write=True):
            self.client.put_item(**versioned_put(self.table, saved))
        saved.version = profile.version + 1
        return saved

    def update(
        self, profile: Profile, change: Change, attempts: int = 4, *, step: str = "main"
    ) -> tuple[Profile, bool]:
        """Apply ``change`` and save it with optimistic concurrency, once per request.

        The first try uses the profile the request already read (no extra read); after a conflict
        the change is re-applied to a fresh read, so two devices writing at once both count, once.
        Inside a request scope (the web seam opens one) the write also records the request's token
        and the draft's ``outcome``; a profile that already holds this token is returned untouched,
        so a redelivered request (or botocore retrying a write whose answer was lost) changes the
        data once. One request may make several distinct writes (learning the time zone, picking
        tonight's practice, then saving a walkthrough position): each names its ``step``, and each
        step is remembered on its own. Returns the profile as stored and whether anything was written.
        """
        token = step_token(current_request_token(), step)
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
            except ConflictError as err:
                if attempt == attempts - 1:
                    # Others kept writing first: this change is not in, but theirs may hold the same
                    # news (the other device saying "we did it"). The couple hears the honest answer.
                    raise OutcomeUnknown("the profile kept changing; every retry lost") from err
                current = self.load(profile.couple_id)
                if not same_couple(profile, current):
                    raise CoupleGone("the couple was deleted or unlinked after it was read") from err
        raise AssertionError("unreachable")

    def identity_check(self, profile: Profile) -> dict[str, Any]:
        """A TransactWriteItems ConditionCheck that holds only while ``profile``'s couple is the one
        that was read: its PROFILE item still exists with the same identity (``born``). A write of
        the couple's other items made with it can never land after the couple was deleted or
        unlinked (the shared profile is removed then) or in a fresh couple made since."""
        key = to_item({keys.PK: keys.couple_pk(profile.couple_id), keys.SK: keys.PROFILE_SK})
        check: dict[str, Any] = {"TableName": self.table, "Key": key, "ExpressionAttributeNames": {"#pk": keys.PK}}
        if profile.is_new:
            check["ConditionExpression"] = "attribute_not_exists(#pk)"
        elif profile.born:
            check["ConditionExpression"] = "attribute_exists(#pk) AND #born = :born"
            check["ExpressionAttributeNames"]["#born"] = BORN
            check["ExpressionAttributeValues"] = {":born": {"S": profile.born}}
        else:  # a profile from before identities: any re-created profile has one
            check["ConditionExpression"] = "attribute_exists(#pk) AND attribute_not_exists(#born)"
            check["ExpressionAttributeNames"]["#born"] = BORN
        return {"ConditionCheck": check}

    def put_with_identity(self, profile: Profile, item: dict[str, Any], condition: dict[str, Any]) -> bool:
        """Put one item of the couple's partition (``condition`` its own ConditionExpression and
        names/values) only while the couple read is still the couple (``identity_check``). False
        when the item's own condition failed (a redelivery); CoupleGone when the couple is gone."""
        transaction: Any = [{"Put": {"TableName": self.table, "Item": item, **condition}}, self.identity_check(profile)]
        for attempt in range(3):
            try:
                with dynamodb_errors(write=True):
                    self.client.transact_write_items(TransactItems=transaction)
            except StoreUnavailable as err:
                codes = cancelled_items(err)
                if codes is None:
                    raise
                if len(codes) > 1 and codes[1] == "ConditionalCheckFailed":
                    raise CoupleGone("the couple was deleted or unlinked after it was read") from err
                if codes[0] == "ConditionalCheckFailed":
                    return False
                if "TransactionConflict" in codes and attempt < 2:
                    # Another request was writing the profile at that moment: the check is retried.
                    time.sleep(random.uniform(0.01, 0.05))
                    continue
                raise
            return True
        raise AssertionError("unreachable")

    # -- table ---------------------------------------------------------------------------------

    @staticmethod
    def account_id(user_id: str) -> str:
        """The fixed-length id an Alexa account is known by in a couple's ``members`` and answers."""
        return keys.couple_id_for_user(user_id)

    @staticmethod
    def request_token(step: str = "main") -> str | None:
        """This request's token for one named write (a redelivered request gets the same one): what
        ``Profile.outcome_of`` and the reminder claim are keyed by. None outside a request."""
        return step_token(current_request_token(), step)

    def ping(self) -> bool:
        try:
            with dynamodb_errors():
                status = self.client.describe_table(TableName=self.table)["Table"].get("TableStatus")
        except StoreUnavailable:
            return False
        return status == "ACTIVE"

    def create_table_if_missing(self) -> bool:
        """Create the table (on-demand, TTL on) unless it exists. Returns True when it was created.

        Setup, not a request: it gets patient timeouts of its own (a starting engine can be slow)."""
        admin = make_client(self._settings, ADMIN_CONFIG)
        try:
            with dynamodb_errors():
                try:
                    admin.describe_table(TableName=self.table)
                    return False
                except ClientError as err:
                    if err.response.get("Error", {}).get("Code") != "ResourceNotFoundException":
                        raise
                try:
                    admin.create_table(
                        TableName=self.table,
                        AttributeDefinitions=[
                            {"AttributeName": keys.PK, "AttributeType": "S"},
                            {"AttributeName": keys.SK, "AttributeType": "S"},
                        ],
                        KeySchema=[
                            {"AttributeName": keys.PK, "KeyType": "HASH"},
                            {"AttributeName": keys.SK, "KeyType": "RANGE"},
                        ],
                        BillingMode="PAY_PER_REQUEST",
                    )
                except ClientError as err:
                    # A busy engine can answer the first attempt too late: botocore's retry then finds
                    # the table that attempt created.
                    if err.response.get("Error", {}).get("Code") != "ResourceInUseException":
                        raise
                admin.get_waiter("table_exists").wait(
                    TableName=self.table, WaiterConfig={"Delay": 1, "MaxAttempts": 30}
                )
                admin.update_time_to_live(
                    TableName=self.table,
                    TimeToLiveSpecification={"Enabled": True, "AttributeName": keys.TTL_ATTRIBUTE},
                )
        finally:
            admin.close()  # its connections, now rather than at garbage collection
        return True
