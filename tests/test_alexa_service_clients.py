"""The Alexa service APIs are called through the ASK SDK's own service clients (issue 24, item 6):
``ServiceClientFactory``'s ``ReminderManagementServiceClient`` and ``UpsServiceClient`` build every
request, over our ``BoundedApiClient``, which keeps the skill's deadlines. Against the local stand-ins
(devtools/alexa_apis.py) over real sockets."""

from __future__ import annotations

import ast
from pathlib import Path
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient

from devtools.alexa_apis import RemindersApi, SettingsApi
from skill.alexa.device_settings import fetch_time_zone

from support.reminding import couple
from support.today import MONDAY, coming_at

ROOT = Path(__file__).resolve().parent.parent
AT = coming_at(MONDAY, 19, 30, ZoneInfo("America/New_York"))  # stored replies expire: derived from today
SDK_AGENT = "ask-python-model/"  # the User-Agent the SDK's service clients send


def test_reminder_calls_are_made_by_the_sdks_reminder_management_client(client: FlaskClient) -> None:
    with RemindersApi() as api:
        c = couple(client, api)
        c.one_shot("SetReminderIntent", AT, time="20:00")
        c.one_shot("ChangeReminderIntent", AT, time="21:00")
        c.one_shot("StopRemindersIntent", AT)
    assert [r["method"] for r in api.requests] == ["POST", "PUT", "DELETE"]
    assert all(r["agent"].startswith(SDK_AGENT) for r in api.requests), [r["agent"] for r in api.requests]


def test_the_time_zone_comes_from_the_sdks_ups_client_within_its_deadline() -> None:
    with SettingsApi(zone="Europe/Lisbon") as api:
        zone = fetch_time_zone(api.endpoint, "amzn1.ask.device.ZONE", "token", timeout=2.0, allow_http=True)
    assert zone == "Europe/Lisbon"
    [sent] = api.requests
    assert sent["path"] == "/v2/devices/amzn1.ask.device.ZONE/settings/System.timeZone"
    assert sent["auth"] == "Bearer token" and sent["agent"].startswith(SDK_AGENT)
    with SettingsApi(mode="slow") as slow:
        assert fetch_time_zone(slow.endpoint, "d", "t", timeout=0.3, allow_http=True) is None


def test_only_content_speech_writes_ssml_documents() -> None:
    """Speech is built in content/speech.py alone: no other module spells out a <speak> document."""
    writers = []
    for path in [*ROOT.glob("skill/**/*.py"), *ROOT.glob("intents/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<speak>" in node.value:
                writers.append(str(path.relative_to(ROOT)))
    assert writers == []
