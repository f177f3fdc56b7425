"""Echo Show screens (APL): tonight's exercise, the step a walkthrough is on, the weekly summary.

Real envelopes from a screen device (supportedInterfaces lists Alexa.Presentation.APL, with a
viewport) and from a speaker (no APL), through Flask and DynamoDB Local. The documents and data
sources are checked against each other: every ${payload...} and ${data...} a document reads must be
in the data source the skill sends."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import on_screen
from skill.alexa.apl import directive
from skill.alexa.screen import PracticeScreen, WeekScreen
from skill.app import create_app
from skill.core.settings import Settings

from support.alexa import Conversation
from support.settings import skill_settings
from support.today import MONDAY, coming_at, week_label

NY = ZoneInfo("America/New_York")
RENDER = "Alexa.Presentation.APL.RenderDocument"
PUBLIC = "https://skill.example.com"
# Echo Show 5's viewport as Alexa sends it.
VIEWPORT = {
    "experiences": [{"arcMinuteWidth": 246, "arcMinuteHeight": 144, "canRotate": False, "canResize": False}],
    "mode": "HUB",
    "shape": "RECTANGLE",
    "pixelWidth": 960,
    "pixelHeight": 480,
    "dpi": 160,
    "currentPixelWidth": 960,
    "currentPixelHeight": 480,
    "touch": ["SINGLE"],
    "video": {"codecs": ["H_264_42", "H_264_41"]},
}


def evening(day: int, hour: int = 20, minute: int = 30) -> datetime:
    """Day 0 = a coming Monday, New York (the test settings' default zone; tests/support/today.py)."""
    return coming_at(MONDAY, hour, minute, NY) + timedelta(days=day)


class Device:
    """Posts like a FlaskClient, as an Echo Show (``screen``) or a speaker without one."""

    def __init__(self, client: FlaskClient, screen: bool) -> None:
        self.client, self.screen = client, screen

    def post(self, path: str, *, data: bytes, content_type: str = "application/json") -> Any:
        env = json.loads(data)
        if self.screen:
            on_screen(env, VIEWPORT)
        return self.client.post(path, data=json.dumps(env).encode(), content_type=content_type)


@pytest.fixture
def public_client(settings: Settings, catalogue: Catalogue) -> FlaskClient:
    with_url = skill_settings(dynamodb_endpoint=settings.dynamodb_endpoint, public_url=PUBLIC)
    return create_app({"SETTINGS": with_url, "CATALOGUE": catalogue}).test_client()


def renders(c: Conversation) -> list[dict[str, Any]]:
    return [d for d in c.last["response"].get("directives", []) if d["type"] == RENDER]


def the_render(c: Conversation) -> dict[str, Any]:
    found = renders(c)
    assert len(found) == 1, c.last["response"]
    return found[0]


def test_tonights_exercise_on_a_screen_shows_title_steps_and_minutes(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(Device(client, screen=True))
    c.one_shot("TonightsExerciseIntent", evening(0))
    practice = catalogue.practice(c.attributes["practice"])
    assert practice is not None
    render = the_render(c)
    shown = render["datasources"]["practice"]
    assert shown["title"] == practice.title
    assert shown["minutes"] == f"About {practice.minutes} minutes"
    assert [s["text"] for s in shown["steps"]] == list(practice.steps)
    assert not shown["guiding"] and not any(s["active"] for s in shown["steps"])
    assert render["document"]["type"] == "APL"


def test_a_speaker_gets_no_apl(client: FlaskClient) -> None:
    c = Conversation(Device(client, screen=False))
    c.one_shot("TonightsExerciseIntent", evening(0))
    assert renders(c) == []
    c.say("StartExerciseIntent", evening(0, 20, 31))
    assert renders(c) == []
    c.one_shot("WeeklySummaryIntent", evening(0, 21))
    assert renders(c) == [] and c.card is not None


def test_the_screen_follows_the_walkthrough_step_by_step(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(Device(client, screen=True))
    c.one_shot("StartPracticeIntent", evening(0), practice="touch map")
    practice = catalogue.practice("touch_map")
    assert practice is not None
    seen: list[list[int]] = []
    for minute in range(1, 20):
        shown = the_render(c)["datasources"]["practice"]
        assert shown["guiding"] and shown["title"] == practice.title
        active = [int(s["number"]) for s in shown["steps"] if s["active"]]
        assert active and active == list(range(active[0], active[-1] + 1))
        first = active[0]
        assert shown["heading"] in (
            f"Step {first} of {len(practice.steps)}",
            f"Steps {first} to {active[-1]} of {len(practice.steps)}",
        )
        if not seen or seen[-1] != active:  # a long step's time is held in parts: the same step shown again
            seen.append(active)
        if active[-1] == len(practice.steps):
            assert "we did it" in shown["hint"]
            break
        assert "next" in shown["hint"]
        c.say("AMAZON.NextIntent", evening(0, 20, minute))
    assert len(seen) >= 2, "the touch map is guided in more than one part"
    assert [n for part in seen for n in part] == list(range(1, len(practice.steps) + 1))


@pytest.mark.parametrize("screen", [True, False])
def test_the_weekly_summary_shows_the_strip_streak_and_gratitudes(public_client: FlaskClient, screen: bool) -> None:
    c = Conversation(Device(public_client, screen=screen))
    for day in (0, 2, 3):  # Monday, Wednesday, Thursday
        c.one_shot("TonightsExerciseIntent", evening(day))
        c.one_shot("CompletedExerciseIntent", evening(day, 20, 31))
    c.one_shot("WeeklySummaryIntent", evening(3, 21))
    card = c.card
    assert card is not None and card["type"] == "Standard"
    # The last seven evenings, Friday to Thursday (weekday 4 first); one rest day keeps
    # the streak (skill/domain/streak.py)
    strip = f"{PUBLIC}/strip/0001011-3-4.png"
    assert card["image"] == {"smallImageUrl": strip, "largeImageUrl": strip}
    if not screen:
        assert renders(c) == []
        return
    week = the_render(c)["datasources"]["week"]
    assert [d["active"] for d in week["days"]] == [False, False, False, True, False, True, True]
    assert [d["letter"] for d in week["days"]] == list("FSSMTWT")
    assert week["streak"] == "3" and week["gratitudes"] == "0"
    assert week["daysActive"] == "3 of 7 days"
    assert week["label"] == week_label(evening(3).date() - timedelta(days=6))  # Friday to Thursday


def test_without_a_public_url_the_card_has_no_image(client: FlaskClient) -> None:
    c = Conversation(Device(client, screen=False))
    c.one_shot("WeeklySummaryIntent", evening(1))
    assert c.card is not None and "image" not in c.card


# -- the documents against their data sources ------------------------------------------------------

EXPRESSION = re.compile(r"\$\{([^}]*)\}")
REFERENCE = re.compile(r"\b(payload|data)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")


def resolve(source: Any, path: list[str]) -> Any:
    for name in path:
        if not isinstance(source, dict) or name not in source:
            raise KeyError(".".join(path))
        source = source[name]
    return source


def missing_references(document: dict[str, Any], datasources: dict[str, Any]) -> list[str]:
    """Every ${payload.x.y} must resolve in the data sources, and every ${data.k} inside a component
    bound to a list must be a key of each of that list's items."""
    missing: list[str] = []

    def walk(node: Any, items: list[Any] | None) -> None:
        if isinstance(node, dict):
            bound = items
            raw = node.get("data")
            if isinstance(raw, str):
                found = REFERENCE.search(raw)
                try:
                    value = resolve(datasources, found.group(2)[1:].split(".")) if found else None
                except KeyError:
                    value = None
                if not isinstance(value, list) or not value:
                    missing.append(f"data {raw} is not a list the data source provides")
                    value = []
                bound = value
            for key, child in node.items():
                walk(child, bound if key != "data" else items)
        elif isinstance(node, list):
            for child in node:
                walk(child, items)
        elif isinstance(node, str):
            for expression in EXPRESSION.findall(node):
                for root, path in REFERENCE.findall(expression):
                    names = path[1:].split(".")
                    if root == "payload":
                        try:
                            resolve(datasources, names)
                        except KeyError:
                            missing.append(f"payload.{'.'.join(names)}")
                    elif items is None or any(not isinstance(i, dict) or names[0] not in i for i in items):
                        missing.append(f"data.{'.'.join(names)}")

    walk(document["mainTemplate"], None)
    return missing


SAMPLES = [
    PracticeScreen("Touch map", 10, ("One.", "Two.", "Three."), None),
    PracticeScreen("Touch map", 10, ("One.", "Two.", "Three."), (1, 3)),
    WeekScreen("16 November to 22 November", (True, False, True, True, False, False, False), 2, 5, False),
    WeekScreen("16 November to 22 November", (False,) * 7, 0, 12, True),
]


@pytest.mark.parametrize("value", SAMPLES, ids=lambda v: type(v).__name__)
def test_each_document_reads_only_what_its_data_source_provides(catalogue: Catalogue, value: Any) -> None:
    render = directive(catalogue, value)
    datasources = json.loads(json.dumps(render.datasources))  # as sent: plain JSON
    assert render.document is not None
    assert missing_references(render.document, datasources) == []
    # ...and the check does catch a document reading something the data source lacks.
    name = next(iter(datasources))
    a_list = next(k for k, v in datasources[name].items() if isinstance(v, list))
    broken = json.loads(json.dumps(render.document))
    broken["mainTemplate"]["items"] += [
        {"type": "Text", "text": f"${{payload.{name}.nickname}}"},
        {
            "type": "Sequence",
            "data": f"${{payload.{name}.{a_list}}}",
            "items": [{"type": "Text", "text": "${data.words}"}],
        },
        {"type": "Sequence", "data": f"${{payload.{name}.objectId}}", "items": [{"type": "Text", "text": "x"}]},
    ]
    assert len(missing_references(broken, datasources)) == 3


@pytest.mark.parametrize("name", ["practice", "week"])
def test_documents_adapt_to_echo_show_sizes(catalogue: Catalogue, name: str) -> None:
    document = catalogue.screens[name].document
    assert {"name": "alexa-viewport-profiles", "version": "1.6.0"} in document["import"]
    conditions = " ".join(r.get("when", "") for r in document["resources"])
    for profile in ("@hubRoundSmall", "@hubLandscapeSmall", "@hubLandscapeXLarge"):
        assert profile in conditions
    assert document["resources"][0].get("when") is None  # a default for every other viewport
