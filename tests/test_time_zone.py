"""The couple's day follows the device's time zone, read from a real local HTTP server that plays the
Alexa Settings API (devtools/alexa_apis.py: ok, slow, failing), and cached in the profile."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.alexa_apis import SettingsApi
from devtools.envelopes import envelope, new_user_id
from skill.app import create_app
from skill.core.settings import Settings
from skill.store.couples import CoupleStore

from support.alexa import Conversation
from support.settings import skill_settings
from support.today import WEDNESDAY, coming_at

DEVICE = "amzn1.ask.device.TOKYO/ECHO"
TOKEN = "test-access-token"
# 20:00 UTC is 05:00 the next day in Tokyo (past 4 a.m.: a new evening there) and 15:00 in New York.
# Derived from today (tests/support/today.py): 05:00 next day in Tokyo, 15:00 in New York.
AT = coming_at(WEDNESDAY, 20, 0, UTC)


@pytest.fixture
def lookup_client(settings: Settings, catalogue: Catalogue) -> FlaskClient:
    on = skill_settings(dynamodb_endpoint=settings.dynamodb_endpoint, time_zone_lookup=True)
    return create_app({"SETTINGS": on, "CATALOGUE": catalogue}).test_client()


@pytest.fixture
def api(request: pytest.FixtureRequest) -> Iterator[SettingsApi]:
    with SettingsApi(request.param) as server:
        yield server


def done_with(client: FlaskClient, user_id: str, api: SettingsApi, at: datetime) -> str:
    env = envelope(
        "intent",
        user_id=user_id,
        at=at,
        device_id=DEVICE,
        intent="CompletedExerciseIntent",
        attributes={"practice": "touch_map"},
        new=True,
        api_endpoint=api.endpoint,
        api_access_token=TOKEN,
    )
    return json.dumps(Conversation(client, user_id=user_id).post(env))


@pytest.mark.parametrize("api", ["ok"], indirect=True)
def test_days_follow_the_devices_time_zone_learnt_once(
    lookup_client: FlaskClient, store: CoupleStore, api: SettingsApi
) -> None:
    user = new_user_id()
    done_with(lookup_client, user, api, AT)
    profile = store.load_for_user(user)
    assert profile.time_zone == "Asia/Tokyo"
    assert profile.done == [[(AT + timedelta(days=1)).date().isoformat(), "touch_map"]]  # Tokyo's date, not New York's
    assert [(r["path"], r["auth"]) for r in api.requests] == [
        ("/v2/devices/amzn1.ask.device.TOKYO%2FECHO/settings/System.timeZone", f"Bearer {TOKEN}")
    ]
    # Twenty hours later it is still the same evening in Tokyo (01:00, before 4 a.m.; the next day in
    # New York): nothing new counts.
    said = done_with(lookup_client, user, api, AT + timedelta(hours=20))
    assert "already practised today" in said
    assert len(api.requests) == 1  # cached in the profile: the hot path doesn't ask again


@pytest.mark.parametrize("api", ["slow", "failing"], indirect=True)
def test_a_slow_or_failing_api_falls_back_to_the_default_zone(
    lookup_client: FlaskClient, store: CoupleStore, api: SettingsApi
) -> None:
    user = new_user_id()
    said = done_with(lookup_client, user, api, AT)
    assert "day one" in said
    profile = store.load_for_user(user)
    assert profile.time_zone is None
    assert profile.done == [[AT.date().isoformat(), "touch_map"]]  # New York's date
    # Not asked again the same day, so one bad lookup doesn't slow every answer.
    done_with(lookup_client, user, api, AT + timedelta(minutes=5))
    assert len(api.requests) == 1


@pytest.mark.parametrize("api", ["failing"], indirect=True)
def test_a_failing_api_keeps_the_stored_zone(lookup_client: FlaskClient, store: CoupleStore, api: SettingsApi) -> None:
    user = new_user_id()
    profile = store.load_for_user(user)
    profile.time_zone, profile.time_zone_checked = (
        "Asia/Tokyo",
        (AT - timedelta(days=85)).date().isoformat(),
    )  # due for a re-check
    store.save(profile)
    done_with(lookup_client, user, api, AT)
    assert len(api.requests) == 1
    stored = store.load_for_user(user)
    assert stored.time_zone == "Asia/Tokyo" and stored.done == [
        [(AT + timedelta(days=1)).date().isoformat(), "touch_map"]
    ]
