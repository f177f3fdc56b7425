"""Two accounts, one couple: link codes, joining, unlinking, deleting a couple, a disabled skill.

See docs/data-model.md ("Two accounts, one couple"). Invariants:
- an account is *solo* (its own PROFILE item is the couple's profile) or *linked* (its own PROFILE
  item is only a pointer, ``linked_to``, to a shared couple whose ``members`` list it);
- a shared couple has exactly two members; unlinking turns both back into solo accounts, each with a
  copy of everything the couple had;
- every key comes from ``skill.store.keys``; every id used starts from the verified user id.
"""

from __future__ import annotations

import logging
import random
import secrets
import time
from datetime import date, datetime
from typing import Any

from skill.domain.link import JoinOutcome, JoinResult
from skill.domain.profile import Profile, merge_profiles
from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, new_identity, to_item, versioned_put
from skill.store.errors import ConflictError, StoreUnavailable
from skill.store.partition import PartitionTable
from skill.store.scope import current_request_token
from skill.store.throttle import GLOBAL_JOIN_TRIES_PER_MINUTE, JOIN_TRIES_PER_HOUR, JoinThrottle

__all__ = ["JOIN_TRIES_PER_HOUR", "Partners"]

log = logging.getLogger("close_together.store.partners")

CODE_DIGITS = 6
CODE_TTL_SECONDS = 10 * 60
# The guessing throttle (its limits are in skill/store/throttle.py) counts every join attempt first.
USED = "used_by"  # on a code item: the account that joined with it
JOINED = "joined"  # the outcome a join records with its request token in the shared profile


def _epoch(now: datetime) -> int:
    return int(now.timestamp())


def _put(table: str, profile: Profile) -> dict[str, Any]:
    """A transaction Put of ``profile`` as version+1, conditional on the version it was read at."""
    return {"Put": versioned_put(table, profile)}


def _delete_profile(table: str, profile: Profile) -> dict[str, Any]:
    return {
        "Delete": {
            "TableName": table,
            "Key": to_item({keys.PK: keys.couple_pk(profile.couple_id), keys.SK: keys.PROFILE_SK}),
            "ConditionExpression": "#v = :v",
            "ExpressionAttributeNames": {"#v": "version"},
            "ExpressionAttributeValues": {":v": {"N": str(profile.version)}},
        }
    }


def pointer(account: str, version: int, shared_id: str) -> Profile:
    """An account's own item once it has joined a shared couple: nothing but the link."""
    return Profile(couple_id=account, version=version, linked_to=shared_id)


class Partners(PartitionTable):
    """Linking operations over the couple store's table (none of them is on the hot path)."""

    def __init__(
        self, store: CoupleStore, *, global_per_minute: int = GLOBAL_JOIN_TRIES_PER_MINUTE, global_scope: str = "ALL"
    ) -> None:
        super().__init__(store)
        self.throttle = JoinThrottle(store, global_per_minute=global_per_minute, global_scope=global_scope)

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
        token = current_request_token()
        if token is not None:  # a redelivered request gets the code it was given, not another one
            for marker in self._items(keys.couple_pk(account), prefix=keys.LINK_CODE_PREFIX):
                if marker.get("request", {}).get("S") == token and int(
                    marker.get(keys.TTL_ATTRIBUTE, {}).get("N", 0)
                ) > _epoch(now):
                    return str(marker[keys.SK]["S"])[len(keys.LINK_CODE_PREFIX) :]
        expires = _epoch(now) + CODE_TTL_SECONDS
        for _ in range(8):
            code = str(10 ** (CODE_DIGITS - 1) + secrets.randbelow(9 * 10 ** (CODE_DIGITS - 1)))
            try:
                self._transact(
                    [
                        {
                            "Put": {
                                "TableName": self.table,
                                "Item": to_item(
                                    {
                                        keys.PK: keys.code_pk(code),
                                        keys.SK: keys.CODE_SK,
                                        "account": account,
                                        keys.TTL_ATTRIBUTE: expires,
                                    }
                                ),
                                "ConditionExpression": "attribute_not_exists(#pk) OR #exp <= :now",
                                "ExpressionAttributeNames": {"#pk": keys.PK, "#exp": keys.TTL_ATTRIBUTE},
                                "ExpressionAttributeValues": {":now": {"N": str(_epoch(now))}},
                            }
                        },
                        {
                            "Put": {
                                "TableName": self.table,
                                "Item": to_item(
                                    {
                                        keys.PK: keys.couple_pk(account),
                                        keys.SK: keys.link_code_sk(code),
                                        keys.TTL_ATTRIBUTE: expires,
                                        "request": token or "-",
                                    }
                                ),
                            }
                        },
                    ]
                )
            except ConflictError:
                continue  # that number is someone else's live code: draw another
            return code
        raise StoreUnavailable("could not find a free link code")

    def join(self, user_id: str, code: str, now: datetime, today: date) -> JoinResult:
        """Join the couple of the account that issued ``code``; both accounts then share one couple."""
        account = keys.couple_id_for_user(user_id)
        token = current_request_token()
        if token is not None:  # a redelivery of a join that went through answers the same
            linked = self.store.load_for_user(user_id)
            if linked.members and linked.outcome_of(token) == JOINED:
                return JoinResult(JoinOutcome.JOINED, linked)
        admitted = self.throttle.admit(account, now, token)
        if admitted is not JoinOutcome.JOINED:
            return JoinResult(admitted)
        if not (code.isdigit() and len(code) == CODE_DIGITS):
            return JoinResult(JoinOutcome.WRONG)
        for attempt in range(5):
            if attempt:
                # Joins racing for one code cancel each other's transactions; a random pause breaks
                # the lockstep so one of them gets through and the others then see the code gone.
                time.sleep(random.uniform(0, 0.05 * attempt))
            found = self._get(keys.code_pk(code), keys.CODE_SK)
            refused = self._unusable(found, user_id, now)
            if refused is not None or found is None:
                return refused or JoinResult(JoinOutcome.WRONG)
            issuer = str(found["account"])
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
            merged.born = new_identity()  # a new couple: nothing written for either solo one lands in it
            if token is not None:
                merged.remember(token, JOINED)
            try:
                self._transact(
                    [
                        _put(self.table, merged),
                        _put(self.table, pointer(issuer, issuer_profile.version, shared_id)),
                        _put(self.table, pointer(account, joiner_profile.version, shared_id)),
                        {
                            # Used, not deleted: until it expires, the joiner saying it again (after
                            # an answer that was lost) hears "linked", and nobody else can use it.
                            "Update": {
                                "TableName": self.table,
                                "Key": to_item({keys.PK: keys.code_pk(code), keys.SK: keys.CODE_SK}),
                                "UpdateExpression": "SET #used = :me",
                                "ConditionExpression": "attribute_exists(#pk) AND #exp > :now "
                                "AND attribute_not_exists(#used)",
                                "ExpressionAttributeNames": {"#pk": keys.PK, "#exp": keys.TTL_ATTRIBUTE, "#used": USED},
                                "ExpressionAttributeValues": {":now": {"N": str(_epoch(now))}, ":me": {"S": account}},
                            }
                        },
                    ]
                )
            except ConflictError:
                continue  # the code was used meanwhile, or a profile changed: look again
            # The link holds from here; now bring each account's other items into the shared partition.
            self._move_items([issuer, account], shared_id, used=code)
            merged.version = 1
            return JoinResult(JoinOutcome.JOINED, merged)
        return JoinResult(JoinOutcome.WRONG)

    def _unusable(self, found: dict[str, Any] | None, user_id: str, now: datetime) -> JoinResult | None:
        """Why a code item cannot be joined with (None when it can)."""
        account = keys.couple_id_for_user(user_id)
        if found is None:
            return JoinResult(JoinOutcome.WRONG)
        if found.get(USED) is not None:  # joined already: by this account (said again), or another
            linked = self.store.load_for_user(user_id)
            if found.get(USED) == account and account in linked.members:
                return JoinResult(JoinOutcome.JOINED, linked)
            return JoinResult(JoinOutcome.WRONG)
        if int(found.get(keys.TTL_ATTRIBUTE, 0)) <= _epoch(now):
            return JoinResult(JoinOutcome.EXPIRED)
        if str(found["account"]) == account:
            return JoinResult(JoinOutcome.OWN_CODE)
        return None

    # -- unlinking, deleting, disabling -------------------------------------------------------

    def unlink(self, user_id: str, *, departing: bool = False) -> Profile | None:
        """Separate a linked couple: both accounts become solo again, each with a copy of the shared
        profile (streak as it stood) and of the couple's other items; the shared couple is removed.
        ``departing``: this account is leaving for good ("delete my data", a disabled skill), so the
        partner's copy keeps the shared streak and history of practices but not the departing
        person's words, name or voice: names, voices and every gratitude go (each names both of
        them). Returns this account's copy, or None when it was not linked."""
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
                solo.born = new_identity()  # a new couple: a write meant for the shared one never lands here
                if departing and own.couple_id != account:
                    solo.names, solo.voices = [], {}
                copies.append(solo)
            try:
                self._transact([*(_put(self.table, c) for c in copies), _delete_profile(self.table, shared)])
            except ConflictError:
                continue
            others = [i for i in self._items(keys.couple_pk(shared.couple_id)) if i[keys.SK]["S"] != keys.PROFILE_SK]
            copied = [i for i in others if not i[keys.SK]["S"].startswith(keys.LINKED_ONLY_PREFIXES)]
            for own in pointers:
                if departing and own.couple_id == account:
                    continue  # cleared right after
                kept = [i for i in copied if not (departing and i[keys.SK]["S"].startswith(keys.GRATITUDE_PREFIX))]
                self._write([{**i, keys.PK: {"S": keys.couple_pk(own.couple_id)}} for i in kept])
                if departing:  # answers kept for redeliveries may name the one who left
                    self._delete(list(self._items(keys.couple_pk(own.couple_id), prefix=keys.REPLY_PREFIX)))
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

    def delete_account(self, user_id: str) -> None:
        """ "Delete my data": this account's own data goes and it is unlinked; a linked partner keeps a
        solo copy of everything the couple shared (as after unlinking). Same as a disabled skill."""
        self.disable_account(user_id)

    def disable_account(self, user_id: str) -> None:
        """The skill was disabled on this account: forget its mapping; the couple's data goes too
        unless a linked partner remains (who then keeps a solo copy, as after unlinking)."""
        self.unlink(user_id, departing=True)
        self._clear_partition(keys.couple_id_for_user(user_id))
        self.store.forget_account_id(keys.couple_id_for_user(user_id))

    # -- table helpers ---------------------------------------------------------------------------

    def _clear_partition(self, couple_id: str) -> int:
        """Delete every item of a partition but the join throttle's counters and a reminder that may
        still ring: its record stays, marked ``left``, so the account's next request deletes it
        through the Reminders API (this request's token cannot reach a partner's reminder)."""
        items = [
            i for i in self._items(keys.couple_pk(couple_id)) if not i[keys.SK]["S"].startswith(keys.JOIN_TRIES_PREFIX)
        ]
        ringing = [i for i in items if i[keys.SK]["S"] == keys.REMINDER_SK and "alert_token" in i]
        items = [i for i in items if i not in ringing]
        codes = [
            {keys.PK: {"S": keys.code_pk(i[keys.SK]["S"][len(keys.LINK_CODE_PREFIX) :])}, keys.SK: {"S": keys.CODE_SK}}
            for i in items
            if i[keys.SK]["S"].startswith(keys.LINK_CODE_PREFIX)
        ]
        self._delete([*items, *codes])
        for reminder in ringing:
            try:
                with dynamodb_errors(write=True):
                    self.store.client.update_item(
                        TableName=self.table,
                        Key={keys.PK: reminder[keys.PK], keys.SK: reminder[keys.SK]},
                        UpdateExpression="SET #left = :yes",
                        ConditionExpression="attribute_exists(#pk)",
                        ExpressionAttributeNames={"#left": "left", "#pk": keys.PK},
                        ExpressionAttributeValues={":yes": {"BOOL": True}},
                    )
            except ConflictError:
                pass  # stopped meanwhile: nothing left to ring
        return len(items) + len(codes)

    def _move_items(self, accounts: list[str], shared_id: str, used: str) -> None:
        """Bring each account's items (other than its profile and account-only items) into the shared
        partition. Live codes of either account are withdrawn, but for the one just ``used`` (it holds
        no personal data and expires within ten minutes). Same sort keys from both get a suffix."""
        seen: set[str] = set()
        for account in accounts:
            items = list(self._items(keys.couple_pk(account)))
            move, drop = [], []
            for item in items:
                sk = item[keys.SK]["S"]
                if sk.startswith(keys.LINK_CODE_PREFIX):
                    drop.append(item)
                    if sk != keys.link_code_sk(used):
                        drop.append(
                            {
                                keys.PK: {"S": keys.code_pk(sk[len(keys.LINK_CODE_PREFIX) :])},
                                keys.SK: {"S": keys.CODE_SK},
                            }
                        )
                elif sk != keys.PROFILE_SK and not sk.startswith(keys.ACCOUNT_ONLY_PREFIXES):
                    new_sk = sk if sk not in seen else f"{sk}#{account[:8]}"
                    seen.add(new_sk)
                    move.append({**item, keys.PK: {"S": keys.couple_pk(shared_id)}, keys.SK: {"S": new_sk}})
                    drop.append(item)
            self._write(move)
            self._delete(drop)
