"""Every screen fits every device the skill declares (issue 24, item 5): nothing pushed off the edge.

The size a document needs is worked out from the document's own numbers, the way APL lays it out:
the dimensions its resources pick for the device's viewport profile, paddings, fixed-size frames,
a text line at 1.25 times its font size (APL's default line height), each `data` list repeated for
real data from the skill's own screen builders (the longest practice, a full week), columns adding
heights and rows adding widths. A scrolling Sequence needs room for one item. Text that wraps counts
one line (or its maxLines), and at least its longest word across (about 0.6 of the font size per
letter). It is an estimate on the generous side of what APL needs; the devices are Amazon's examples
of every declared profile (tests/support/viewports.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest

from content.schema import Catalogue
from skill.alexa import apl
from skill.alexa.screen import PracticeScreen, WeekScreen

from support.viewports import DECLARED, Device, Profile

LINE_HEIGHT = 1.25
LETTER_WIDTH = 0.6
WHEN_PROFILE = re.compile(r"@viewportProfile == @(\w+)")
BOUND = re.compile(r"^\$\{(payload|data)\.([\w.]+)\}$")


@dataclass(frozen=True)
class Size:
    width: float
    height: float


class Layout:
    """One document measured for one viewport profile, with one payload."""

    def __init__(self, document: dict[str, Any], profile: Profile, payload: dict[str, Any]) -> None:
        self.dims: dict[str, float] = {}
        for block in document["resources"]:
            when = block.get("when")
            if when is None or profile.apl_name in WHEN_PROFILE.findall(when):
                for name, value in block.get("dimensions", {}).items():
                    self.dims[name] = float(value.removesuffix("dp"))
        self.payload = payload

    def number(self, value: Any) -> float:
        """A dimension in dp; relative sizes (100%, 100vw, auto) need nothing of their own."""
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str) and value.startswith("@"):
            return self.dims[value[1:]]
        if isinstance(value, str) and value.endswith("dp"):
            return float(value[:-2])
        return 0.0

    def bound(self, value: Any, data: Any) -> Any:
        match = BOUND.match(value) if isinstance(value, str) else None
        if match is None:
            return value
        found: Any = self.payload if match.group(1) == "payload" else data
        for key in match.group(2).split("."):
            found = found[key]
        return found

    def measure(self, component: dict[str, Any], data: Any = None) -> Size:
        kind = component["type"]
        pad_x = self.number(component.get("paddingLeft", 0)) + self.number(component.get("paddingRight", 0))
        pad_y = self.number(component.get("paddingTop", 0)) + self.number(component.get("paddingBottom", 0))
        if kind == "Text":
            size = self.number(component["fontSize"])
            words = str(self.bound(component["text"], data)).split() or [""]
            lines = int(component.get("maxLines", 1))
            return Size(max(map(len, words)) * LETTER_WIDTH * size + pad_x, lines * LINE_HEIGHT * size + pad_y)
        if kind == "Sequence":  # scrolls: room for its widest item across and one item down
            rows = self.bound(component["data"], data)
            items = [self.measure(child, row) for row in rows for child in component["items"]]
            return Size(max(s.width for s in items) + pad_x, items[0].height + pad_y)
        children = component.get("items", [])
        if "data" in component:  # one copy of the children for each row of data
            pairs = [(child, row) for row in self.bound(component["data"], data) for child in children]
        else:
            pairs = [(child, data) for child in children]
        sizes = [self.measure(child, row) for child, row in pairs]
        row = component.get("direction") == "row"
        inner = Size(
            sum(s.width for s in sizes) if row else max((s.width for s in sizes), default=0),
            max((s.height for s in sizes), default=0) if row else sum(s.height for s in sizes),
        )
        width = self.number(component.get("width")) or inner.width + pad_x
        height = self.number(component.get("height")) or inner.height + pad_y
        return Size(width, height)

    def needs(self, document: dict[str, Any]) -> Size:
        (root,) = document["mainTemplate"]["items"]
        # The root fills the screen (100vw x 100vh): what it needs is its padding plus its content.
        content = {k: v for k, v in root.items() if k not in ("width", "height")}
        return self.measure(content)


def payloads(catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    """The fullest screens the skill draws: the longest practice offered and guided, a full week."""
    practice_screen, week_screen = catalogue.screens["practice"], catalogue.screens["week"]
    longest = max(catalogue.practices, key=lambda p: (len(p.steps), len(p.title)))
    offered = PracticeScreen(longest.title, longest.minutes, longest.steps)
    guided = PracticeScreen(longest.title, longest.minutes, longest.steps, (0, 2))
    week = WeekScreen("23 November to 29 November", (True,) * 7, 365, 200, more_gratitudes=True)
    return {
        "practice": [
            apl.fill(practice_screen.datasource, apl.practice_values(practice_screen, s)) for s in (offered, guided)
        ],
        "week": [apl.fill(week_screen.datasource, apl.week_values(week_screen, week))],
    }


DEVICES = [(profile, device) for profile in DECLARED for device in profile.devices]


@pytest.mark.parametrize("name", ["practice", "week"])
@pytest.mark.parametrize(("profile", "device"), DEVICES, ids=lambda v: v.name if isinstance(v, Device) else "")
def test_screen_fits_every_declared_device(catalogue: Catalogue, name: str, profile: Profile, device: Device) -> None:
    document = catalogue.screens[name].document
    for payload in payloads(catalogue)[name]:
        needed = Layout(document, profile, payload).needs(document)
        assert needed.width <= device.width and needed.height <= device.height, (
            f"{name} on {device.name} ({profile.apl_name}, {device.width}x{device.height} dp) "
            f"needs {needed.width:.0f}x{needed.height:.0f} dp"
        )


def test_the_estimate_sees_a_screen_that_does_not_fit(catalogue: Catalogue) -> None:
    document = catalogue.screens["week"].document
    tv = next(p for p in DECLARED if p.apl_name == "tvLandscapeXLarge")
    payload = payloads(catalogue)["week"][0]
    # The Echo Show 15's sizes on a Fire TV's 960x540 dp: seven 104 dp days and 96 dp edges overflow.
    big = next(r for r in document["resources"] if "@hubLandscapeXLarge" in r.get("when", ""))
    layout = Layout(document, tv, payload)
    layout.dims.update({k: float(v.removesuffix("dp")) for k, v in big["dimensions"].items()})
    needed = layout.needs(document)
    assert needed.width > 960 and needed.height > 540
