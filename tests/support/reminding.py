"""A device that can set reminders: every envelope it sends carries what Alexa sends for the Reminders
API (the stand-in's endpoint, an access token, the permission granted), so a Conversation over it
talks to the local Reminders API stand-in (devtools/alexa_apis.py)."""

from __future__ import annotations

import json
import re
from typing import Any

from flask.testing import FlaskClient

from devtools.alexa_apis import RemindersApi
from skill.alexa.reminders import PERMISSION

from support.alexa import Conversation

TOKEN = "reminders-access-token"


class Device:
    """Posts like a FlaskClient, adding what Alexa sends for the Reminders API to every envelope."""

    def __init__(
        self,
        client: FlaskClient,
        api: RemindersApi,
        granted: bool = True,
        locale: str | None = None,
        token: str = TOKEN,
    ) -> None:
        self.client, self.api, self.granted, self.locale, self.token = client, api, granted, locale, token

    def post(self, path: str, *, data: bytes, content_type: str = "application/json") -> Any:
        env = json.loads(data)
        system = env["context"]["System"]
        system["apiEndpoint"], system["apiAccessToken"] = self.api.endpoint, self.token
        if self.granted:
            permissions = {"consentToken": self.token, "scopes": {PERMISSION: {"status": "GRANTED"}}}
            system["user"]["permissions"] = permissions
            env["session"]["user"]["permissions"] = permissions
        if self.locale is not None:  # else the conversation's own (en-US unless it says)
            env["request"]["locale"] = self.locale
        return self.client.post(path, data=json.dumps(env).encode(), content_type=content_type)


def couple(client: FlaskClient, api: RemindersApi, **kwargs: Any) -> Conversation:
    return Conversation(Device(client, api, **kwargs))


def partner_devices(
    client: FlaskClient, api: RemindersApi, tag: str, persons: tuple[str | None, str | None] = (None, None)
) -> tuple[Conversation, Conversation]:
    """Two partners on their own Alexa accounts and devices, each with its own Reminders API token
    (a reminder belongs to the account that made it)."""
    a = Conversation(
        Device(client, api, token=f"token-{tag}-A"), device_id=f"amzn1.ask.device.{tag}_A", person_id=persons[0]
    )
    b = Conversation(
        Device(client, api, token=f"token-{tag}-B"), device_id=f"amzn1.ask.device.{tag}_B", person_id=persons[1]
    )
    return a, b


def rings(said: str, when: str) -> bool:
    """The answer says the reminder rings ``when`` ("every evening at 8"), as people say it: not
    followed by more digits ("at 8:30"), and never with "am" or "pm"."""
    found = re.search(re.escape(when) + r"(?![\d:])", said, re.IGNORECASE)
    return found is not None and not re.search(r"\b[ap]m\b", said, re.IGNORECASE)
