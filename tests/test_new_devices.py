"""Values from devices newer than the SDK's models are tolerated (issue 23, item 8).

Alexa describes the device in ``context.Viewport`` and ``context.Viewports`` with enumerations the
SDK's models fix at release time (shape RECTANGLE or ROUND, touch SINGLE, keyboard DIRECTION, codecs
H_264_41 or H_264_42, ...). A device with an oval screen, multi-touch, a full keyboard or the AV1
codec used to make the whole request a 400 (RequestRefused on Lambda), though the skill never reads
any of it. Now the part of the context the models cannot map is treated as unknown and the request
is answered, on both entry points (skill/web/pipeline.py ``ContextSerializer``).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from devtools.envelopes import envelope, new_user_id, on_screen
from skill import lambda_entry
from skill.core.settings import Settings

from support.alexa import speech_text
from support.lambdas import CONTEXT

NY = ZoneInfo("America/New_York")
AT = datetime(2026, 11, 18, 20, 0, tzinfo=NY)

# An Echo Show 8 as Alexa describes it today (every value one the SDK knows).
KNOWN = {
    "experiences": [{"arcMinuteWidth": 346, "arcMinuteHeight": 216, "canRotate": False, "canResize": False}],
    "mode": "HUB",
    "shape": "RECTANGLE",
    "pixelWidth": 1280,
    "pixelHeight": 800,
    "dpi": 213,
    "currentPixelWidth": 1280,
    "currentPixelHeight": 800,
    "touch": ["SINGLE"],
    "keyboard": ["DIRECTION"],
    "video": {"codecs": ["H_264_42", "H_264_41"]},
}
KNOWN_TYPED = {
    "type": "APL",
    "id": "main",
    "shape": "RECTANGLE",
    "dpi": 213,
    "presentationType": "STANDARD",
    "canRotate": False,
    "configuration": {
        "current": {
            "mode": "HUB",
            "video": {"codecs": ["H_264_42"]},
            "size": {"type": "DISCRETE", "pixelWidth": 1280, "pixelHeight": 800},
        }
    },
}


def changed(base: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    result = copy.deepcopy(base)
    holder: Any = result
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return result


# Each: (what a new device might send as context.Viewport, context.Viewports).
NEW_DEVICES = {
    "oval screen": (changed(KNOWN, ("shape",), "OVAL"), None),
    "multi-touch": (changed(KNOWN, ("touch",), ["SINGLE", "MULTI"]), None),
    "full keyboard": (changed(KNOWN, ("keyboard",), ["QWERTY"]), None),
    "AV1 video": (changed(KNOWN, ("video", "codecs"), ["AV1", "H_264_42"]), None),
    "a new mode": (changed(KNOWN, ("mode",), "WEARABLE"), None),
    "all at once": (
        changed(
            changed(changed(changed(KNOWN, ("shape",), "OVAL"), ("touch",), ["MULTI"]), ("keyboard",), ["QWERTY"]),
            ("video", "codecs"),
            ["AV1", "VP9"],
        ),
        None,
    ),
    "typed viewport, oval": (KNOWN, [changed(KNOWN_TYPED, ("shape",), "OVAL")]),
    "typed viewport, new presentation": (KNOWN, [changed(KNOWN_TYPED, ("presentationType",), "FULLSCREEN")]),
    "typed viewport, AV1": (KNOWN, [changed(KNOWN_TYPED, ("configuration", "current", "video", "codecs"), ["AV1"])]),
    "typed viewport, new size type": (
        KNOWN,
        [changed(KNOWN_TYPED, ("configuration", "current", "size"), {"type": "ELASTIC", "minPixelWidth": 1})],
    ),
    "a viewport type not yet known": (KNOWN, [KNOWN_TYPED, {"type": "APL_3D", "id": "hologram", "depth": 3}]),
    "character display, new format": (
        KNOWN,
        [
            {
                "type": "APLT",
                "id": "clock",
                "supportedProfiles": ["FOUR_CHARACTER_CLOCK"],
                "characterFormat": "DOT_MATRIX",
            }
        ],
    ),
}


def request_from(device: str, kind: str) -> dict[str, Any]:
    viewport, viewports = NEW_DEVICES[device]
    if kind == "launch":
        env = envelope("launch", user_id=new_user_id(), at=AT, new=True)
    else:
        env = envelope("intent", user_id=new_user_id(), at=AT, intent="TonightsExerciseIntent")
    on_screen(env, viewport)
    if viewports is not None:
        env["context"]["Viewports"] = viewports
    return env


@pytest.mark.parametrize("kind", ["launch", "tonight"])
@pytest.mark.parametrize("device", NEW_DEVICES)
def test_a_new_device_is_answered_through_flask(client: FlaskClient, device: str, kind: str) -> None:
    reply = client.post("/alexa", data=json.dumps(request_from(device, kind)), content_type="application/json")
    assert reply.status_code == 200, reply.get_data(as_text=True)
    body = reply.get_json()
    assert speech_text(body) and body["response"]["reprompt"]


@pytest.mark.parametrize("device", NEW_DEVICES)
def test_a_new_device_is_answered_on_lambda(lambda_env: Settings, device: str) -> None:
    response = lambda_entry.handler(request_from(device, "tonight"), CONTEXT)
    assert speech_text(response) and response["response"]["reprompt"]


def test_a_screen_the_skill_knows_still_gets_its_display(client: FlaskClient) -> None:
    """Tolerance does not cost the screen: APL is decided by the interfaces the device supports."""
    env = envelope("intent", user_id=new_user_id(), at=AT, intent="TonightsExerciseIntent")
    on_screen(env, changed(KNOWN, ("shape",), "OVAL"))
    body = client.post("/alexa", data=json.dumps(env), content_type="application/json").get_json()
    assert [d["type"] for d in body["response"].get("directives", [])] == ["Alexa.Presentation.APL.RenderDocument"]


def test_an_unknown_request_type_is_still_refused(client: FlaskClient) -> None:
    """Only the context is lenient: the request itself must be one the skill understands."""
    env = envelope("launch", user_id=new_user_id(), at=AT)
    env["request"]["type"] = "HologramRequest"
    assert client.post("/alexa", data=json.dumps(env), content_type="application/json").status_code == 400


# Other parts of the context a device describes with enumerations the skill never reads.
OTHER_CONTEXT = {
    "audio player in a new state": {
        "AudioPlayer": {"playerActivity": "SEEKING", "token": "t", "offsetInMilliseconds": 0}
    },
    "location services in a new state": {
        "Geolocation": {
            "timestamp": "2026-11-18T20:00:00Z",
            "locationServices": {"status": "PAUSED", "access": "LIMITED"},
            "coordinate": {"latitudeInDegrees": 40.7, "longitudeInDegrees": -74.0, "accuracyInMeters": 20},
        }
    },
}


@pytest.mark.parametrize("part", OTHER_CONTEXT)
def test_other_new_values_in_the_context_are_answered_on_both_paths(
    client: FlaskClient,
    lambda_env: Settings,
    part: str,
) -> None:
    env = envelope("intent", user_id=new_user_id(), at=AT, intent="TonightsExerciseIntent")
    env["context"].update(copy.deepcopy(OTHER_CONTEXT[part]))
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 200 and speech_text(reply.get_json())
    assert speech_text(lambda_entry.handler(env, CONTEXT))
