"""Every DynamoDB key string is formed here and nowhere else (see docs/data-model.md).

One table, ``pk``/``sk`` strings, TTL in ``expires_at``. A couple's items share one partition, so
a request touches only that couple's items, and a summary can read a week of them in one Query.
"""

from __future__ import annotations

import hashlib

PK = "pk"
SK = "sk"
TTL_ATTRIBUTE = "expires_at"

PROFILE_SK = "PROFILE"


def couple_id_for_user(user_id: str) -> str:
    """A fixed-length id for the couple an Alexa account starts as (Alexa user ids run to ~250 chars)."""
    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:32]


def couple_pk(couple_id: str) -> str:
    return f"COUPLE#{couple_id}"
