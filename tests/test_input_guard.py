"""Bad spoken input never breaks a conversation: a spoken answer, a reprompt, and no write."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any, ClassVar

import pytest
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import envelope, new_user_id
from intents.base import IntentHandler
from skill import builder
from skill.app import create_app
from skill.core.settings import Settings
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore

from support.alexa import Conversation, speech_text
from support.personal import personal
from support.today import WEDNESDAY, coming_at

NOW = coming_at(WEDNESDAY, 21, 0, UTC)  # derived from today (tests/support/today.py)


def post(client: FlaskClient, env: dict[str, Any]) -> dict[str, Any]:
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 200, reply.get_data(as_text=True)
    body: dict[str, Any] = reply.get_json()
    return body


def assert_asked_again(body: dict[str, Any]) -> None:
    assert speech_text(body).endswith("?")
    assert body["response"]["reprompt"]["outputSpeech"]["ssml"]
    assert body["response"].get("shouldEndSession") is False


def test_overlong_spoken_text_is_refused_kindly_for_any_intent(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = Conversation(client)
    c.launch(NOW)
    words = personal("thank you for always listening to me when the day was long " * 6)
    assert len(words) > settings.max_slot_chars
    said = c.say("CompletedExerciseIntent", NOW, words=words)
    assert "shorter" in said and not c.ended and "shorter" in c.reprompt
    assert c.attributes.get("phase") == "launched"  # the conversation carries on where it was
    assert store.load_for_user(c.user_id).is_new  # nothing was written


def test_text_at_the_limit_is_still_heard(client: FlaskClient, store: CoupleStore, settings: Settings) -> None:
    c = Conversation(client)
    said = c.one_shot("CompletedExerciseIntent", NOW, words="a" * settings.max_slot_chars)
    assert "day one" in said and store.load_for_user(c.user_id).streak == 1


def test_unknown_intent_asks_again_and_writes_nothing(client: FlaskClient, store: CoupleStore) -> None:
    user = new_user_id()
    body = post(client, envelope("intent", user_id=user, at=NOW, intent="MadeUpIntent", slots={"x": "y"}))
    assert_asked_again(body)
    assert store.load_for_user(user).is_new


class NeedsAName(IntentHandler):
    """A handler that cannot work without its slot (as a real conversation would declare it)."""

    intents: ClassVar[tuple[str, ...]] = ("NameSomethingIntent",)
    required_slots: ClassVar[tuple[str, ...]] = ("name",)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        today = turn.today

        def change(draft: Profile) -> bool:
            draft.suggest(today, "touch_map")
            return True

        turn.profile, _ = self.services.couples.update(turn.profile, change)
        return turn.tell(turn.say("goodbye"))


@pytest.fixture
def needs_a_name(settings: Settings, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr(builder, "HANDLER_CLASSES", (NeedsAName, *builder.HANDLER_CLASSES))
    return create_app({"SETTINGS": settings, "CATALOGUE": catalogue}).test_client()


def resolved(value: str, code: str) -> dict[str, Any]:
    return {
        "name": "name",
        "value": value,
        "confirmationStatus": "NONE",
        "resolutions": {
            "resolutionsPerAuthority": [
                {
                    "authority": "amzn1.er-authority.echo-sdk.x.NAME",
                    "status": {"code": code},
                    **({"values": [{"value": {"name": value, "id": "n1"}}]} if code == "ER_SUCCESS_MATCH" else {}),
                }
            ]
        },
    }


@pytest.mark.parametrize(
    ("slot", "writes"),
    [
        (None, False),  # the slot is not in the request
        ({"name": "name", "confirmationStatus": "NONE"}, False),  # present, but nothing was heard
        ({"name": "name", "value": "  ", "confirmationStatus": "NONE"}, False),
        (resolved("Sam", "ER_SUCCESS_NO_MATCH"), False),  # heard, but not resolved
        (resolved("Sam", "ER_SUCCESS_MATCH"), True),
    ],
    ids=["missing", "no-value", "blank", "unresolved", "resolved"],
)
def test_missing_or_unresolved_required_slots_ask_again(
    slot: dict[str, Any] | None, writes: bool, needs_a_name: FlaskClient, store: CoupleStore
) -> None:
    user = new_user_id()
    env = envelope("intent", user_id=user, at=NOW, intent="NameSomethingIntent")
    env["request"]["intent"]["slots"] = {"name": slot} if slot else {}
    body = post(needs_a_name, env)
    if writes:
        assert store.load_for_user(user).version == 1
    else:
        assert_asked_again(body)
        assert store.load_for_user(user).is_new
