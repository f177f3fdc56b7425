"""Two partners as one couple: linking them through the real link-and-join flow, and reading what the
couple's partition in DynamoDB Local holds."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from skill.store import keys
from skill.store.couples import CoupleStore

from alexa import Conversation


def code_from(conv: Conversation) -> str:
    """The link code the last answer's card shows."""
    assert conv.card is not None, conv.last
    found = re.search(r"Code: (\d{6})", conv.card["content"])
    assert found, conv.card
    return found.group(1)


def link(a: Conversation, b: Conversation, at: datetime, *, join_after: timedelta = timedelta(minutes=2)) -> str:
    """Link two partners: a code said and shown on ``a``'s device, joined ``join_after`` later on ``b``'s.
    Returns the code."""
    said = a.one_shot("LinkPartnerIntent", at)
    code = code_from(a)
    assert " ".join(code) in said
    joined = b.one_shot("JoinPartnerIntent", at + join_after, code=code)
    assert "You're linked" in joined, joined
    return code


def account(conv: Conversation) -> str:
    """The couple id of this partner's own account (before any link)."""
    return keys.couple_id_for_user(conv.user_id)


def partition(store: CoupleStore, couple_id: str) -> list[dict[str, Any]]:
    reply = store.client.query(
        TableName=store.table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": keys.couple_pk(couple_id)}},
        ConsistentRead=True,
    )
    return list(reply["Items"])


def sort_keys(store: CoupleStore, couple_id: str) -> set[str]:
    return {i["sk"]["S"] for i in partition(store, couple_id)}
