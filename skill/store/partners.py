"""Two accounts, one couple: link codes, joining, unlinking, deleting a couple, a disabled skill.

See docs/data-model.md ("Two accounts, one couple"). Invariants:
- an account is *solo* (its own PROFILE item is the couple's profile) or *linked* (its own PROFILE
  item is only a pointer, ``linked_to``, to a shared couple whose ``members`` list it);
- a shared couple has exactly two members; unlinking turns both back into solo accounts, each with a
  copy of everything the couple had;
- every key comes from ``skill.store.keys``; every id used starts from the verified user id.
"""

from __future__ import annotations

import enum
import logging
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from botocore.exceptions import ClientError

from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, from_item, to_item
from skill.store.errors import ConflictError, StoreUnavailable
from skill.store.profile import Profile, merge_profiles

log = logging.getLogger("close_together.store.partners")

CODE_DIGITS = 6
CODE_TTL_SECONDS = 10 * 60
# Guessing throttle: at most this many join attempts per account per clock hour (UTC). With six-digit
# codes that live ten minutes, one account's chance of hitting someone's live code is about 1 in 200,000.
JOIN_TRIES_PER_HOUR = 5
_BATCH = 25  # BatchWriteItem's limit


class JoinOutcome(enum.Enum):
    JOINED = "joined"
    WRONG = "wrong"  # no such code (never issued, already used, or deleted)
    EXPIRED = "expired"
    THROTTLED = "throttled"
    OWN_CODE = "own_code"
    ALREADY_LINKED = "already_linked"  # the joining account is linked already
    TAKEN = "taken"  # the account that issued the code is linked to someone else by now


@dataclass(frozen=True)
class JoinResult:
    outcome: JoinOutcome
    profile: Profile | None = None  # the shared couple's profile when joined


def _epoch(now: datetime) -> int:
    return int(now.timestamp())


def _profile_item(profile: Profile, version: int) -> dict[str, Any]:
    attrs = {**profile.to_attributes(), "version": version}
    del attrs["couple_id"]
    return to_item({keys.PK: keys.couple_pk(profile.couple_id), keys.SK: keys.PROFILE_SK, **attrs})


def _put_profile(table: str, profile: Profile) -> dict[str, Any]:
    """A transaction Put of ``profile`` as version+1, conditional on the version it was read at."""
    put: dict[str, Any] = {"TableName": table, "Item": _profile_item(profile, profile.version + 1)}
    if profile.version == 0:
        put.update(ConditionExpression="attribute_not_exists(#pk)", ExpressionAttributeNames={"#pk": keys.PK})
    else:
        put.update(ConditionExpression="#v = :v", ExpressionAttributeNames={"#v": "version"},
                   ExpressionAttributeValues={":v": {"N": str(profile.version)}})
    return {"Put": put}


def _delete_profile(table: str, profile: Profile) -> dict[str, Any]:
    return {"Delete": {"TableName": table, "Key": to_item({keys.PK: keys.couple_pk(profile.couple_id),
                                                           keys.SK: keys.PROFILE_SK}),
                       "ConditionExpression": "#v = :v", "ExpressionAttributeNames": {"#v": "version"},
                       "ExpressionAttributeValues": {":v": {"N": str(profile.version)}}}}


def pointer(account: str, version: int, shared_id: str) -> Profile:
    """An account's own item once it has joined a shared couple: nothing but the link."""
    return Profile(couple_id=account, version=version, linked_to=shared_id)


class Partners:
    """Linking operations over the couple store's table (none of them is on the hot path)."""

    def __init__(self, store: CoupleStore) -> None:
        self.store = store
        self.table = store.table

    # -- link codes ----------------------------------------------------------------------------

    def issue_code(self, user_id: str, now: datetime) -> str | None:
        """A fresh single-use code for this account's partner, or None when it is linked already.

        The code item (``CODE#<code>``) names the issuing account and expires after ten minutes
        (DynamoDB TTL removes it lazily; joining checks the time itself). A marker in the account's
        partition lets deletion find the code. A code still live for someone else is never reused.
        """
        profile = self.store.load_for_user(user_id)
        account = keys.couple_id_for_user(user_id)
        if profile.couple_id != account:
            return None
        expires = _epoch(now) + CODE_TTL_SECONDS
        for _ in range(8):
            code = str(10 ** (CODE_DIGITS - 1) + secrets.randbelow(9 * 10 ** (CODE_DIGITS - 1)))
            try:
                self._transact([
                    {"Put": {"TableName": self.table,
                             "Item": to_item({keys.PK: keys.code_pk(code), keys.SK: keys.CODE_SK,
                                              "account": account, keys.TTL_ATTRIBUTE: expires}),
                             "ConditionExpression": "attribute_not_exists(#pk) OR #exp <= :now",
                             "ExpressionAttributeNames": {"#pk": keys.PK, "#exp": keys.TTL_ATTRIBUTE},
                             "ExpressionAttributeValues": {":now": {"N": str(_epoch(now))}}}},
                    {"Put": {"TableName": self.table,
                             "Item": to_item({keys.PK: keys.couple_pk(account), keys.SK: keys.link_code_sk(code),
                                              keys.TTL_ATTRIBUTE: expires})}},
                ])
            except ConflictError:
                continue  # that number is someone else's live code: draw another
            return code
        raise StoreUnavailable("could not find a free link code")

    def join(self, user_id: str, code: str, now: datetime, today: date) -> JoinResult:
        """Join the couple of the account that issued ``code``; both accounts then share one couple."""
        account = keys.couple_id_for_user(user_id)
        if not self._count_try(account, now):
            return JoinResult(JoinOutcome.THROTTLED)
        if not (code.isdigit() and len(code) == CODE_DIGITS):
            return JoinResult(JoinOutcome.WRONG)
        for _ in range(3):
            found = self._get(keys.code_pk(code), keys.CODE_SK)
            if found is None:
                return JoinResult(JoinOutcome.WRONG)
            if int(found.get(keys.TTL_ATTRIBUTE, 0)) <= _epoch(now):
                return JoinResult(JoinOutcome.EXPIRED)
            issuer = str(found["account"])
            if issuer == account:
                return JoinResult(JoinOutcome.OWN_CODE)
            joiner_profile = self.store.load(account)
            if joiner_profile.linked_to or joiner_profile.members:
                return JoinResult(JoinOutcome.ALREADY_LINKED)
            issuer_profile = self.store.load(issuer)
            if issuer_profile.linked_to or issuer_profile.members:
                return JoinResult(JoinOutcome.TAKEN)
            shared_id = keys.new_shared_couple_id()
            base = issuer_profile.copy()
            base.couple_id, base.version, base.members = shared_id, 0, [issuer]
            joining = joiner_profile.copy()
            joining.members = [account]
            merged = merge_profiles(base, joining, today)
            try:
                self._transact([
                    _put_profile(self.table, merged),
                    _put_profile(self.table, pointer(issuer, issuer_profile.version, shared_id)),
                    _put_profile(self.table, pointer(account, joiner_profile.version, shared_id)),
                    {"Delete": {"TableName": self.table,
                                "Key": to_item({keys.PK: keys.code_pk(code), keys.SK: keys.CODE_SK}),
                                "ConditionExpression": "attribute_exists(#pk) AND #exp > :now",
                                "ExpressionAttributeNames": {"#pk": keys.PK, "#exp": keys.TTL_ATTRIBUTE},
                                "ExpressionAttributeValues": {":now": {"N": str(_epoch(now))}}}},
                ])
            except ConflictError:
                continue  # the code was used meanwhile, or a profile changed: look again
            # The link holds from here; now bring each account's other items into the shared partition.
            self._move_items([issuer, account], shared_id)
            merged.version = 1
            return JoinResult(JoinOutcome.JOINED, merged)
        return JoinResult(JoinOutcome.WRONG)

    def _count_try(self, account: str, now: datetime) -> bool:
        """Count one join attempt; False when this account has used up this hour's attempts."""
        hour = now.strftime("%Y-%m-%dT%H")
        try:
            with dynamodb_errors():
                self.store.client.update_item(
                    TableName=self.table,
                    Key=to_item({keys.PK: keys.couple_pk(account), keys.SK: keys.join_tries_sk(hour)}),
                    UpdateExpression="ADD tries :one SET #exp = :exp",
                    ConditionExpression="attribute_not_exists(tries) OR tries < :limit",
                    ExpressionAttributeNames={"#exp": keys.TTL_ATTRIBUTE},
                    ExpressionAttributeValues={":one": {"N": "1"}, ":limit": {"N": str(JOIN_TRIES_PER_HOUR)},
                                               ":exp": {"N": str(_epoch(now) + 2 * 3600)}},
                )
        except ConflictError:
            return False
        return True

    # -- unlinking, deleting, disabling -------------------------------------------------------

    def unlink(self, user_id: str) -> Profile | None:
        """Separate a linked couple: both accounts become solo again, each with a copy of the shared
        profile (streak as it stood) and of the couple's other items; the shared couple is removed.
        Returns this account's copy, or None when it was not linked."""
        account = keys.couple_id_for_user(user_id)
        for _ in range(3):
            shared = self.store.load_for_user(user_id)
            if shared.couple_id == account:
                return None
            pointers = [self.store.load(member) for member in shared.members]
            copies = []
            for own in pointers:
                solo = shared.copy()
                solo.couple_id, solo.version, solo.members, solo.linked_to = own.couple_id, own.version, [], None
                copies.append(solo)
            try:
                self._transact([*(_put_profile(self.table, c) for c in copies), _delete_profile(self.table, shared)])
            except ConflictError:
                continue
            others = [i for i in self._items(keys.couple_pk(shared.couple_id)) if i[keys.SK]["S"] != keys.PROFILE_SK]
            copied = [i for i in others if not i[keys.SK]["S"].startswith(keys.LINKED_ONLY_PREFIXES)]
            for own in pointers:
                self._write([{**i, keys.PK: {"S": keys.couple_pk(own.couple_id)}} for i in copied])
                self.store.forget_account_id(own.couple_id)
            self._delete([i for i in others])
            mine = next(c for c in copies if c.couple_id == account)
            mine.version += 1
            return mine
        raise ConflictError("the couple kept changing while unlinking")

    def delete_couple(self, user_id: str) -> int:
        """Remove every item of the couple this account belongs to: the profile, all other items of
        its partition, both accounts' own items (pointers, code markers) and their live codes.
        Returns how many items were removed. Only the throttle counters stay (see data-model.md)."""
        profile = self.store.load_for_user(user_id)
        partitions = [profile.couple_id, *(m for m in profile.members if m != profile.couple_id)]
        removed = 0
        for couple_id in partitions:
            removed += self._clear_partition(couple_id)
            self.store.forget_account_id(couple_id)
        return removed

    def disable_account(self, user_id: str) -> None:
        """The skill was disabled on this account: forget its mapping; the couple's data goes too
        unless a linked partner remains (who then keeps a solo copy, as after unlinking)."""
        self.unlink(user_id)
        self._clear_partition(keys.couple_id_for_user(user_id))
        self.store.forget_account_id(keys.couple_id_for_user(user_id))

    # -- table helpers ---------------------------------------------------------------------------

    def _clear_partition(self, couple_id: str) -> int:
        items = [i for i in self._items(keys.couple_pk(couple_id))
                 if not i[keys.SK]["S"].startswith(keys.JOIN_TRIES_PREFIX)]
        codes = [{keys.PK: {"S": keys.code_pk(i[keys.SK]["S"][len(keys.LINK_CODE_PREFIX):])},
                  keys.SK: {"S": keys.CODE_SK}}
                 for i in items if i[keys.SK]["S"].startswith(keys.LINK_CODE_PREFIX)]
        self._delete([*items, *codes])
        return len(items) + len(codes)

    def _move_items(self, accounts: list[str], shared_id: str) -> None:
        """Bring each account's items (other than its profile and account-only items) into the shared
        partition. Live codes of either account are withdrawn. Same sort keys from both get a suffix."""
        seen: set[str] = set()
        for account in accounts:
            items = list(self._items(keys.couple_pk(account)))
            move, drop = [], []
            for item in items:
                sk = item[keys.SK]["S"]
                if sk.startswith(keys.LINK_CODE_PREFIX):
                    drop.append(item)
                    drop.append({keys.PK: {"S": keys.code_pk(sk[len(keys.LINK_CODE_PREFIX):])},
                                 keys.SK: {"S": keys.CODE_SK}})
                elif sk != keys.PROFILE_SK and not sk.startswith(keys.ACCOUNT_ONLY_PREFIXES):
                    new_sk = sk if sk not in seen else f"{sk}#{account[:8]}"
                    seen.add(new_sk)
                    move.append({**item, keys.PK: {"S": keys.couple_pk(shared_id)}, keys.SK: {"S": new_sk}})
                    drop.append(item)
            self._write(move)
            self._delete(drop)

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        with dynamodb_errors():
            reply = self.store.client.get_item(TableName=self.table, Key=to_item({keys.PK: pk, keys.SK: sk}),
                                               ConsistentRead=True)
        return from_item(dict(reply["Item"])) if "Item" in reply else None

    def _items(self, pk: str) -> Iterator[dict[str, Any]]:
        """Every item of one partition, page by page (raw attribute values)."""
        kwargs: dict[str, Any] = {"TableName": self.table, "KeyConditionExpression": "#pk = :pk",
                                  "ExpressionAttributeNames": {"#pk": keys.PK},
                                  "ExpressionAttributeValues": {":pk": {"S": pk}}, "ConsistentRead": True}
        while True:
            with dynamodb_errors():
                reply = self.store.client.query(**kwargs)
            yield from (dict(i) for i in reply.get("Items", []))
            if not reply.get("LastEvaluatedKey"):
                return
            kwargs["ExclusiveStartKey"] = reply["LastEvaluatedKey"]

    def _delete(self, items: list[dict[str, Any]]) -> None:
        keys_only = list({(i[keys.PK]["S"], i[keys.SK]["S"]): {keys.PK: i[keys.PK], keys.SK: i[keys.SK]}
                          for i in items}.values())
        self._batch([{"DeleteRequest": {"Key": k}} for k in keys_only])

    def _write(self, items: list[dict[str, Any]]) -> None:
        self._batch([{"PutRequest": {"Item": i}} for i in items])

    def _batch(self, requests: list[dict[str, Any]]) -> None:
        for start in range(0, len(requests), _BATCH):
            pending: list[Any] = requests[start:start + _BATCH]
            for attempt in range(6):
                with dynamodb_errors():
                    reply = self.store.client.batch_write_item(RequestItems={self.table: pending})
                pending = list(reply.get("UnprocessedItems", {}).get(self.table, []))
                if not pending:
                    break
                time.sleep(0.05 * 2 ** attempt)
            else:
                raise StoreUnavailable("DynamoDB left some items unprocessed")

    def _transact(self, items: list[dict[str, Any]]) -> None:
        """TransactWriteItems; a failed condition on any item becomes ConflictError."""
        try:
            with dynamodb_errors():
                self.store.client.transact_write_items(TransactItems=items)  # type: ignore[arg-type]
        except StoreUnavailable as err:
            cause = err.__cause__
            if isinstance(cause, ClientError) and cause.response.get("Error", {}).get("Code") == \
                    "TransactionCanceledException":
                reasons = cause.response.get("CancellationReasons") or []
                message = str(cause.response.get("Error", {}).get("Message", ""))
                if any(r.get("Code") == "ConditionalCheckFailed" for r in reasons) or \
                        "ConditionalCheckFailed" in message or "TransactionConflict" in message:
                    raise ConflictError("a condition in the transaction failed") from cause
            raise
