"""The join guessing throttle (docs/partners.md, docs/security.md): every join attempt is counted
before its code is looked at, per account in a sliding hour and across all accounts in a sliding
minute, with conditional writes so parallel guesses cannot slip past it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from skill.domain.link import JoinOutcome
from skill.store import keys
from skill.store.couples import CoupleStore, dynamodb_errors, to_item
from skill.store.errors import ConflictError
from skill.store.partition import PartitionTable

# Guessing throttle (docs/security.md): at most this many join attempts per account in any 60 minutes
# (a sliding window, so no burst across a clock hour). With six-digit codes that live ten minutes, one
# account's chance of hitting someone's live code is about 1 in 200,000. Across all accounts at once,
# at most GLOBAL_JOIN_TRIES_PER_MINUTE (a sliding minute), so many accounts cannot guess together
# faster than that. A redelivered request (same request id) is never counted again.
JOIN_TRIES_PER_HOUR = 5
JOIN_WINDOW_SECONDS = 3600
GLOBAL_JOIN_TRIES_PER_MINUTE = 300


def _epoch(now: datetime) -> int:
    return int(now.timestamp())


class JoinThrottle(PartitionTable):
    def __init__(
        self, store: CoupleStore, *, global_per_minute: int = GLOBAL_JOIN_TRIES_PER_MINUTE, global_scope: str = "ALL"
    ) -> None:
        super().__init__(store)
        self.global_per_minute = global_per_minute
        self.global_scope = global_scope  # tests use their own, so the suite's joins don't add up

    def admit(self, account: str, now: datetime, token: str | None) -> JoinOutcome:
        """Count one join attempt: JOINED (meaning "go on"), THROTTLED when this account made
        JOIN_TRIES_PER_HOUR attempts in the last hour, BUSY when all accounts together are over the
        global cap. The attempts are kept as
        ``<epoch>:<request token>`` in one item, so a redelivered request is recognised, not counted."""
        key = to_item({keys.PK: keys.couple_pk(account), keys.SK: keys.join_tries_sk("window")})
        epoch = _epoch(now)
        for _ in range(4):
            found = self._get(keys.couple_pk(account), keys.join_tries_sk("window"))
            recent = [
                t
                for t in (found or {}).get("tries", [])
                if isinstance(t, str)
                and t.split(":", 1)[0].isdigit()
                and int(t.split(":", 1)[0]) > epoch - JOIN_WINDOW_SECONDS
            ]
            if token is not None and any(t.split(":", 1)[-1] == token for t in recent):
                return JoinOutcome.JOINED
            if len(recent) >= JOIN_TRIES_PER_HOUR:
                return JoinOutcome.THROTTLED
            version = int((found or {}).get("version", 0))
            condition: dict[str, Any] = (
                {"ConditionExpression": "attribute_not_exists(#pk)", "ExpressionAttributeNames": {"#pk": keys.PK}}
                if found is None
                else {
                    "ConditionExpression": "#v = :v",
                    "ExpressionAttributeNames": {"#v": "version"},
                    "ExpressionAttributeValues": {":v": {"N": str(version)}},
                }
            )
            item = {
                **key,
                **to_item(
                    {
                        "tries": [*recent, f"{epoch}:{token or '-'}"],
                        "version": version + 1,
                        keys.TTL_ATTRIBUTE: epoch + 2 * JOIN_WINDOW_SECONDS,
                    }
                ),
            }
            try:
                with dynamodb_errors():
                    self.store.client.put_item(TableName=self.table, Item=item, **condition)
            except ConflictError:
                continue  # another attempt of this account was counted meanwhile: look again
            return JoinOutcome.JOINED if self._admit_globally(epoch) else JoinOutcome.BUSY
        return JoinOutcome.THROTTLED

    def _admit_globally(self, epoch: int) -> bool:
        """A sliding minute over all accounts: this minute's count plus the last minute's, weighted by
        how much of it is still inside the window (one atomic ADD, one read)."""
        minute, into = divmod(epoch, 60)
        pk = keys.global_joins_pk(self.global_scope)
        with dynamodb_errors():
            reply = self.store.client.update_item(
                TableName=self.table,
                Key=to_item({keys.PK: pk, keys.SK: keys.join_tries_sk(str(minute))}),
                UpdateExpression="ADD tries :one SET #exp = :exp",
                ExpressionAttributeNames={"#exp": keys.TTL_ATTRIBUTE},
                ExpressionAttributeValues={":one": {"N": "1"}, ":exp": {"N": str(epoch + 180)}},
                ReturnValues="UPDATED_NEW",
            )
        this_minute = int(reply["Attributes"]["tries"]["N"])
        before = self._get(pk, keys.join_tries_sk(str(minute - 1)))
        last_minute = int((before or {}).get("tries", 0))
        return last_minute * (60 - into) / 60 + this_minute <= self.global_per_minute
