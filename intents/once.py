"""One answer per request: a redelivered request (same request id, at the same moment or later) is
answered with the very words the first delivery got (skill/store/replies.py, docs/security.md 5)."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Response

from intents.base import Turn
from skill.store.errors import StoreError

log = logging.getLogger("close_together.intents")

_serializer = DefaultSerializer()


def answered_once(turn: Turn, answer: Callable[[], Response]) -> Response:
    """``answer()``, except that a redelivery of this request (the same request id, at the same
    moment or later) gets the very answer the first delivery gave (skill/store/replies.py). For the
    requests whose words would otherwise change on a second delivery although their data does not
    ("link my partner" would speak a new code, a second "stop" would find nothing to stop)."""
    token = turn.services.couples.request_token()
    if token is None:
        return answer()
    replies, account = turn.services.replies, turn.services.couples.account_id(turn.user_id)
    earlier = replies.claim(account, token, int(turn.now.timestamp()))
    if earlier is not None:
        kept: Response = _serializer.deserialize(earlier, Response)
        return kept
    try:
        response = answer()
    except BaseException:
        with contextlib.suppress(StoreError):
            replies.release(account, token)
        raise
    try:
        replies.keep(account, token, json.dumps(_serializer.serialize(response)))
    except StoreError:
        log.warning("could not keep a request's answer for its redelivery")
    return response
