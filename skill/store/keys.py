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


# -- gratitude entries (docs/data-model.md "Gratitude entries") ---------------------------------

GRATITUDE_PREFIX = "GRAT#"


def request_hash(request_id: str) -> str:
    """A short, fixed-length stand-in for an Alexa requestId: a retried request maps to the same key."""
    return hashlib.sha256(request_id.encode("utf-8")).hexdigest()[:12]


def gratitude_sk(local_day: str, local_time: str, request_id: str) -> str:
    """``GRAT#<local ISO date>T<local HH:MM:SS>#<request hash>``: sorts by when it was said, by local day."""
    return f"{GRATITUDE_PREFIX}{local_day}T{local_time}#{request_hash(request_id)}"


def gratitude_range(first_day: str, last_day: str) -> tuple[str, str]:
    """Sort-key bounds (inclusive) for every gratitude said from ``first_day`` to ``last_day`` (ISO dates)."""
    # "~" sorts after every character a key holds after the date ("T", digits, ":" and "#").
    return f"{GRATITUDE_PREFIX}{first_day}", f"{GRATITUDE_PREFIX}{last_day}~"
