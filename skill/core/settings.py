"""Configuration, read once from the environment at start-up into one immutable object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class SettingsError(ValueError):
    """A setting has a value we refuse to guess about."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


@dataclass(frozen=True)
class Settings:
    table_name: str = "close-together"
    region: str = "us-east-1"
    # Only for local runs and tests (DynamoDB Local); unset in production.
    dynamodb_endpoint: str | None = None
    # When set, the only Alexa application id accepted.
    skill_id: str | None = None
    # Signature and timestamp checks; only local development turns this off.
    verify_requests: bool = True
    default_time_zone: str = "UTC"
    # How long a spoken gratitude is kept before DynamoDB's TTL removes it.
    gratitude_retention_days: int = 90
    max_body_bytes: int = 128 * 1024
    # Ask the Alexa Settings API for the device's time zone (cached in the couple's profile).
    time_zone_lookup: bool = True
    time_zone_timeout_seconds: float = 0.8
    # The longest spoken slot value the skill accepts (characters). Alexa's free-speech slots carry a
    # sentence or two; anything longer is answered with a request to say it shorter, and not stored.
    max_slot_chars: int = 300
    # Where Alexa can fetch this server's images (the weekly strip on the summary card), e.g.
    # https://skill.example.com; unset, cards go without the picture.
    public_url: str | None = None
    # The Alexa Reminders API's deadline for one call (intents/reminders.py).
    reminders_timeout_seconds: float = 2.0

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.default_time_zone)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise SettingsError(f"SKILL_DEFAULT_TIME_ZONE {self.default_time_zone!r} is not a time zone") from err
        if not self.table_name:
            raise SettingsError("SKILL_TABLE_NAME must not be empty")
        if self.max_slot_chars < 1:
            raise SettingsError("max_slot_chars must be at least 1")
        if self.public_url is not None and not self.public_url.startswith(("https://", "http://")):
            raise SettingsError("SKILL_PUBLIC_URL must be an https:// address")
        if self.gratitude_retention_days < 1:
            raise SettingsError("SKILL_GRATITUDE_RETENTION_DAYS must be at least 1")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if "SKILL_TABLE_NAME" in env:
            values["table_name"] = env["SKILL_TABLE_NAME"]
        if "AWS_REGION" in env:
            values["region"] = env["AWS_REGION"]
        if env.get("SKILL_DYNAMODB_ENDPOINT"):
            values["dynamodb_endpoint"] = env["SKILL_DYNAMODB_ENDPOINT"]
        if env.get("SKILL_ID"):
            values["skill_id"] = env["SKILL_ID"]
        if "SKILL_VERIFY_REQUESTS" in env:
            values["verify_requests"] = _flag("SKILL_VERIFY_REQUESTS", env["SKILL_VERIFY_REQUESTS"])
        if env.get("SKILL_DEFAULT_TIME_ZONE"):
            values["default_time_zone"] = env["SKILL_DEFAULT_TIME_ZONE"]
        if env.get("SKILL_GRATITUDE_RETENTION_DAYS"):
            try:
                values["gratitude_retention_days"] = int(env["SKILL_GRATITUDE_RETENTION_DAYS"])
            except ValueError as err:
                raise SettingsError("SKILL_GRATITUDE_RETENTION_DAYS must be a whole number of days") from err
        if "SKILL_TIME_ZONE_LOOKUP" in env:
            values["time_zone_lookup"] = _flag("SKILL_TIME_ZONE_LOOKUP", env["SKILL_TIME_ZONE_LOOKUP"])
        if env.get("SKILL_PUBLIC_URL"):
            values["public_url"] = env["SKILL_PUBLIC_URL"]
        values.update(overrides)
        return cls(**values)
