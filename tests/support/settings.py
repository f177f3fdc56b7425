"""The one way a test builds the skill's settings: the suite's defaults, changed by keyword.

    skill_settings(dynamodb_endpoint=settings.dynamodb_endpoint, public_url=PUBLIC)

The suite's defaults: its own table; New York as the zone a couple has until theirs is known (the
evenings tests/support/today.py builds fall there); request signatures and the Alexa Settings API
lookup off (the tests of each turn them on by keyword). A test of the production defaults themselves
builds ``Settings(...)`` directly (tests/test_web.py).
"""

from __future__ import annotations

from typing import Any

from skill.core.settings import Settings

TABLE = "close-together-test"
DEFAULTS: dict[str, Any] = {
    "table_name": TABLE,
    "verify_requests": False,
    "default_time_zone": "America/New_York",
    "time_zone_lookup": False,
}


def skill_settings(**changes: Any) -> Settings:
    """The suite's settings with ``changes`` (any field of ``Settings``, by name)."""
    return Settings(**{**DEFAULTS, **changes})
