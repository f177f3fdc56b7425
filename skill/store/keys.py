"""Every DynamoDB key string is formed here and nowhere else (see docs/data-model.md).

One table, ``pk``/``sk`` strings, TTL in ``expires_at``. A couple's items share one partition, so
a request touches only that couple's items, and a summary can read a week of them in one Query.
"""

from __future__ import annotations

import hashlib
import secrets

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
    """A short, fixed-length stand-in for an Alexa requestId: a retried request maps to the same key.
    Ids are ~60 characters; this keeps the profile's memory of applied requests small whatever a client sends."""
    return hashlib.sha256(request_id.encode("utf-8")).hexdigest()[:12]


def gratitude_sk(local_day: str, local_time: str, request_id: str) -> str:
    """``GRAT#<evening ISO date>T<HH:MM:SS since 4 a.m.>#<request hash>``: sorts by when it was said,
    by the couple's evening (skill/domain/evening.py: ``evening_clock``)."""
    return f"{GRATITUDE_PREFIX}{local_day}T{local_time}#{request_hash(request_id)}"


def gratitude_day(sort_key: str) -> str:
    """The evening (ISO date) a gratitude's sort key (``gratitude_sk``) was said in."""
    return sort_key[len(GRATITUDE_PREFIX) : len(GRATITUDE_PREFIX) + 10]


def gratitude_range(first_day: str, last_day: str) -> tuple[str, str]:
    """Sort-key bounds (inclusive) for every gratitude said from ``first_day`` to ``last_day`` (ISO dates)."""
    # "~" sorts after every character a key holds after the date ("T", digits, ":" and "#").
    return f"{GRATITUDE_PREFIX}{first_day}", f"{GRATITUDE_PREFIX}{last_day}~"


# -- linking partners (docs/data-model.md, "Two accounts, one couple") ------------------------------

# An account's own partition is COUPLE#<couple_id_for_user(user id)>. Its PROFILE item is either the
# couple's profile (a solo account) or a pointer to the shared couple it joined (``linked_to``).
# A shared couple's id is random (new_shared_couple_id), reachable only through such a pointer.
CODE_SK = "CODE"
LINK_CODE_PREFIX = "LINKCODE#"  # marker in the issuing account's partition, so deletion finds its codes
JOIN_TRIES_PREFIX = "JOINTRIES#"  # per-account attempt counter for the guessing throttle
# The evening reminder lives in Alexa, per Alexa account: its alertToken stays with the account that
# created it (docs/echo-show-and-reminders.md).
REMINDER_SK = "REMINDER"
# The answer given to one request (by its token), so a redelivery gets the same words (skill/store/replies.py).
REPLY_PREFIX = "REPLY#"
ACCOUNT_ONLY_PREFIXES = (LINK_CODE_PREFIX, JOIN_TRIES_PREFIX, REMINDER_SK, REPLY_PREFIX)  # stay with the account


def reply_sk(token: str) -> str:
    return f"{REPLY_PREFIX}{token}"


def new_shared_couple_id() -> str:
    """A random id for the couple two linked accounts share (same length as an account's own id)."""
    return secrets.token_hex(16)


def code_pk(code: str) -> str:
    return f"CODE#{code}"


def link_code_sk(code: str) -> str:
    return f"{LINK_CODE_PREFIX}{code}"


def join_tries_sk(window: str) -> str:
    """``window`` names the counter: ``window`` for an account's sliding hour of attempts (older
    items named by a UTC hour, e.g. 2026-11-25T20, expire by TTL), a minute number for the global cap."""
    return f"{JOIN_TRIES_PREFIX}{window}"


def global_joins_pk(scope: str = "ALL") -> str:
    """The partition of the join throttle shared by every account (one item per minute, by TTL)."""
    return f"GLOBAL#JOINS#{scope}"


# -- answers to tonight's question (docs/question.md) ----------------------------------------------

ANSWER_PREFIX = "ANSWER#"
# Items that belong to a linked couple only: unlinking does not copy them to each account (an answer
# given apart is not handed to the other partner's solo copy), it drops them with the shared couple.
LINKED_ONLY_PREFIXES = (ANSWER_PREFIX,)


def answer_prefix(evening: str, question_id: str) -> str:
    """Sort-key prefix of every answer to one question on one evening (ISO date)."""
    return f"{ANSWER_PREFIX}{evening}#{question_id}#"


def answer_sk(evening: str, question_id: str, account: str) -> str:
    """``ANSWER#<evening>#<question id>#<account id>``: one answer per partner, question and evening."""
    return f"{answer_prefix(evening, question_id)}{account}"
