"""The two envelope rules both transports share: when a request was made, and whose it is.

The pipeline (every request) and the HTTPS verifier (before it fetches a certificate) apply the
same functions, so the rules cannot drift between them. No Flask and no X.509 here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any


class RuleError(ValueError):
    """The envelope breaks a rule; str(e) is a short reason, safe to send back."""


def request_time(raw: object) -> datetime:
    """``request.timestamp`` as UTC. Alexa always sends a zone ("Z"): a time without one is refused,
    not guessed, and so is one past the calendar's edge once in UTC."""
    if raw is None or raw == "":
        raise RuleError("missing")
    if not isinstance(raw, str):
        raise RuleError("invalid")
    try:
        stamp = datetime.fromisoformat(raw)
    except ValueError as err:
        raise RuleError("invalid") from err
    if stamp.tzinfo is None:
        raise RuleError("invalid")
    try:
        return stamp.astimezone(UTC)
    except OverflowError as err:  # e.g. 9999-12-31T23:59:59-23:59 is past year 9999 in UTC
        raise RuleError("out of range") from err


def application_id(envelope: Mapping[str, Any]) -> object:
    """The skill the request is for: context.System.application, else the session's."""
    found: object = None
    for path in (("context", "System", "application", "applicationId"), ("session", "application", "applicationId")):
        node: object = envelope
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if node is not None:
            found = node
            break
    return found


def check_application_id(envelope: Mapping[str, Any], skill_id: str | None) -> None:
    """Raise RuleError unless the request is for ``skill_id`` (no id configured: any skill)."""
    if skill_id is None:
        return
    found = application_id(envelope)
    if not isinstance(found, str) or not found:
        raise RuleError("application id missing")
    if found != skill_id:
        raise RuleError("application id mismatch")
