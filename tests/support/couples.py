"""Two partners as one couple: two devices, linked through the real link-and-join flow, Alexa's
SkillDisabled event for one of them, and what the couple's partition in DynamoDB Local holds."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

from devtools.envelopes import skill_disabled_event
from skill.store import keys
from skill.store.couples import CoupleStore, to_item

from support.alexa import Conversation
from support.speaking import words
from support.today import coming as coming  # tests that link partners live in the future (tests/support/today.py)


def code_from(conv: Conversation) -> str:
    """The link code the last answer's card shows."""
    assert conv.card is not None, conv.last
    found = re.search(r"(?<!\d)(\d{6})(?!\d)", conv.card["content"])  # in any language's card
    assert found, conv.card
    return found.group(1)


def link(a: Conversation, b: Conversation, at: datetime, *, join_after: timedelta = timedelta(minutes=2)) -> str:
    """Link two partners: a code said and shown on ``a``'s device, joined ``join_after`` later on ``b``'s.
    Returns the code."""
    said = a.one_shot("LinkPartnerIntent", at)
    code = code_from(a)
    assert " ".join(code) in said
    joined = b.one_shot("JoinPartnerIntent", at + join_after, code=code)
    # Heard in b's locale's words (or English's, for a test app with made-up words of its own).
    done = [
        v
        for c in (words(b.locale), words(None))
        for k in ("join_done", "join_done_fresh")
        for v in c.phrases.variants[k]
    ]
    assert any(v.split(".")[0] in joined for v in done), joined
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


def put_raw(store: CoupleStore, couple_id: str, sk: str, **values: Any) -> None:
    """An item written straight into a couple's partition (what an older version or a partner left)."""
    store.client.put_item(TableName=store.table, Item=to_item({"pk": keys.couple_pk(couple_id), "sk": sk, **values}))


def two_partners(client: Any, tag: str = "PARTNER") -> tuple[Conversation, Conversation]:
    """Two partners, each on their own Alexa account and device (``tag`` names the devices)."""
    return (
        Conversation(client, device_id=f"amzn1.ask.device.{tag}_A_ECHO"),
        Conversation(client, device_id=f"amzn1.ask.device.{tag}_B_ECHO"),
    )


def skill_disabled(client: Any, user_id: str, at: datetime) -> dict[str, Any]:
    """Alexa's SkillDisabled event for this user, posted; the skill must take it (HTTP 200)."""
    reply = client.post("/alexa", data=json.dumps(skill_disabled_event(user_id, at)), content_type="application/json")
    assert reply.status_code == 200, reply.get_data(as_text=True)
    body: dict[str, Any] = reply.get_json()
    return body
