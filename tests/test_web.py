"""The HTTP seam: health, clear 4xx answers for bad input, settings and the verification switch."""

from __future__ import annotations

import json
from datetime import UTC

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import APP_ID, envelope, new_user_id
from skill.app import create_app
from skill.core.settings import Settings, SettingsError
from skill.store.couples import CoupleStore

from support.settings import skill_settings
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)


def launch_body(**kwargs: object) -> bytes:
    return json.dumps(envelope("launch", user_id=new_user_id(), at=NOW, **kwargs)).encode()  # type: ignore[arg-type]


def test_health_says_the_table_is_reachable(client: FlaskClient) -> None:
    reply = client.get("/healthz")
    assert reply.status_code == 200 and reply.get_json() == {"status": "ok", "table": "reachable"}


def test_health_is_503_when_dynamodb_is_down(catalogue: Catalogue) -> None:
    down = skill_settings(dynamodb_endpoint="http://127.0.0.1:9")
    reply = create_app({"SETTINGS": down, "CATALOGUE": catalogue}).test_client().get("/healthz")
    assert reply.status_code == 503 and reply.get_json()["table"] == "unreachable"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "JSON"),
        (b"{not json", "JSON"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"[]", "object"),
        (b'{"request": {}}', "request.type"),
        (json.dumps({"version": "1.0", "request": {"type": "LaunchRequest", "requestId": "r"}}).encode(), "System"),
    ],
)
def test_bad_bodies_get_a_json_400(client: FlaskClient, body: bytes, message: str) -> None:
    reply = client.post("/alexa", data=body, content_type="application/json")
    assert reply.status_code == 400
    assert message in reply.get_json()["message"]


def test_broken_timestamp_and_unknown_request_type_are_400(client: FlaskClient) -> None:
    env = envelope("launch", user_id=new_user_id(), at=NOW)
    env["request"]["timestamp"] = "yesterday"
    assert client.post("/alexa", data=json.dumps(env), content_type="application/json").status_code == 400
    env = envelope("launch", user_id=new_user_id(), at=NOW)
    env["request"]["type"] = "Bogus.Request"
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 400 and "error" in reply.get_json()


def test_wrong_method_is_405_and_oversized_body_is_413(client: FlaskClient) -> None:
    reply = client.get("/alexa")
    assert reply.status_code == 405 and reply.is_json
    reply = client.post("/alexa", data=b"{" + b" " * (200 * 1024) + b"}", content_type="application/json")
    assert reply.status_code == 413 and reply.is_json


def test_skill_id_rejects_other_skills(settings: Settings, catalogue: Catalogue, store: CoupleStore) -> None:
    ours = skill_settings(dynamodb_endpoint=settings.dynamodb_endpoint, skill_id=APP_ID)
    client = create_app({"SETTINGS": ours, "CATALOGUE": catalogue}).test_client()
    assert client.post("/alexa", data=launch_body(), content_type="application/json").status_code == 200
    env = envelope("launch", user_id=new_user_id(), at=NOW)
    env["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    env["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 400
    assert store.load_for_user(env["context"]["System"]["user"]["userId"]).is_new


def test_verification_is_on_unless_turned_off() -> None:
    assert Settings().verify_requests is True
    assert Settings.from_env({}).verify_requests is True
    assert Settings.from_env({"SKILL_VERIFY_REQUESTS": "false"}).verify_requests is False
    with pytest.raises(SettingsError):
        Settings.from_env({"SKILL_VERIFY_REQUESTS": "maybe"})


def test_unsigned_requests_are_refused_with_default_settings(settings: Settings, catalogue: Catalogue) -> None:
    prod = Settings(table_name=settings.table_name, dynamodb_endpoint=settings.dynamodb_endpoint, skill_id=APP_ID)
    client = create_app({"SETTINGS": prod, "CATALOGUE": catalogue}).test_client()
    reply = client.post("/alexa", data=launch_body(), content_type="application/json")
    assert reply.status_code == 400 and reply.is_json


def test_settings_come_from_the_environment() -> None:
    s = Settings.from_env(
        {
            "SKILL_TABLE_NAME": "t",
            "AWS_REGION": "eu-west-1",
            "SKILL_DYNAMODB_ENDPOINT": "http://127.0.0.1:1",
            "SKILL_ID": "amzn1.ask.skill.x",
            "SKILL_DEFAULT_TIME_ZONE": "Europe/London",
            "SKILL_GRATITUDE_RETENTION_DAYS": "30",
        }
    )
    assert (
        s.table_name,
        s.region,
        s.dynamodb_endpoint,
        s.skill_id,
        s.default_time_zone,
        s.gratitude_retention_days,
    ) == ("t", "eu-west-1", "http://127.0.0.1:1", "amzn1.ask.skill.x", "Europe/London", 30)
    with pytest.raises(SettingsError):
        Settings.from_env({"SKILL_DEFAULT_TIME_ZONE": "Mars/Olympus"})


def test_verification_without_a_skill_id_refuses_to_start(settings: Settings, catalogue: Catalogue) -> None:
    # Amazon signs every skill's requests: verified but unpinned, another skill's users would get in.
    prod = Settings(table_name=settings.table_name, dynamodb_endpoint=settings.dynamodb_endpoint)
    with pytest.raises(SettingsError, match="SKILL_ID"):
        create_app({"SETTINGS": prod, "CATALOGUE": catalogue})
