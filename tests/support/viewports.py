"""Amazon's viewport profiles for the devices the skill declares, as Amazon's own tools define them.

Each profile's size range is the one the developer console writes into ``supportedViewports`` when
the profile is ticked, and the devices are Amazon's examples of it, in dp (apl-suggester's
``configs/viewportProfiles/*.json``, which tests/test_apl_suggester.py compares with this table).
The skill declares exactly these (deploy/skill-package/skill.json); its screens must fit every
device listed (tests/test_apl_layout.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Device:
    name: str
    width: int
    height: int


@dataclass(frozen=True)
class Profile:
    apl_name: str  # as APL documents name it: @viewportProfile == @hubLandscapeMedium
    suggester_id: str  # apl-suggester's file id
    mode: str
    shape: str
    min_width: int
    max_width: int
    min_height: int
    max_height: int
    devices: tuple[Device, ...]

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "shape": self.shape,
            "minWidth": self.min_width,
            "maxWidth": self.max_width,
            "minHeight": self.min_height,
            "maxHeight": self.max_height,
        }


DECLARED = (
    Profile("hubRoundSmall", "hubRound", "HUB", "ROUND", 100, 599, 100, 599, (Device("Echo Spot", 480, 480),)),
    Profile(
        "hubLandscapeSmall",
        "hubLandscapeSmall",
        "HUB",
        "RECTANGLE",
        960,
        1279,
        100,
        599,
        (Device("Echo Show 5", 960, 480),),
    ),
    Profile(
        "hubLandscapeMedium",
        "hubLandscapeMedium",
        "HUB",
        "RECTANGLE",
        960,
        1279,
        600,
        959,
        (Device("Echo Show 1", 1024, 600), Device("Fire HD 8 (Show Mode)", 960, 600), Device("Echo Show 8", 960, 600)),
    ),
    Profile(
        "hubLandscapeLarge",
        "hubLandscape",
        "HUB",
        "RECTANGLE",
        1280,
        1920,
        600,
        1279,
        (Device("Echo Show 2", 1280, 800), Device("Fire HD 10 (Show Mode)", 1280, 750)),
    ),
    Profile(
        "hubLandscapeXLarge",
        "hubLandscapeExtraLarge",
        "HUB",
        "RECTANGLE",
        1920,
        2560,
        960,
        1279,
        (Device("Echo Show 15 (Landscape)", 1920, 1080),),
    ),
    Profile(
        "tvLandscapeXLarge",
        "tvFullscreen",
        "TV",
        "RECTANGLE",
        960,
        960,
        540,
        540,
        (Device("Fire TV (Fullscreen)", 960, 540),),
    ),
)
