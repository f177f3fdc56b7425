"""What a handler wants on a screen, as a small typed value: handlers say WHAT is shown, never how.

A handler calls one helper (``show_practice``, ``show_week``); the value waits in the request
attributes, and ``skill.alexa.apl.ScreenInterceptor`` (one response interceptor) turns it into an APL
directive when the device has a screen, and adds the weekly strip image to the summary's card.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from content.schema import Practice

SCREEN = "screen"  # request attribute holding the value


class HasInput(Protocol):
    """A conversation's per-request turn (``intents.base.Turn``): anything holding the handler input."""

    @property
    def input(self) -> Any: ...


@dataclass(frozen=True)
class PracticeScreen:
    """A practice: offered for tonight (``part`` None) or being guided through ``part`` = steps [start, end)."""

    title: str
    minutes: int
    steps: tuple[str, ...]
    part: tuple[int, int] | None = None

    @property
    def last(self) -> bool:
        return self.part is not None and self.part[1] >= len(self.steps)


@dataclass(frozen=True)
class WeekScreen:
    """Seven evenings: which were active, the current streak, the gratitudes shared."""

    label: str  # "23 November to 29 November"
    active: tuple[bool, ...]  # seven days, the earliest first
    streak: int
    gratitudes: int
    more_gratitudes: bool = False  # the count is a lower bound ("more than 12")
    first_weekday: int = 0  # the earliest day's weekday (Monday 0): the day letters start there


def _put(turn: HasInput, value: PracticeScreen | WeekScreen) -> None:
    turn.input.attributes_manager.request_attributes[SCREEN] = value


def show_practice(turn: HasInput, practice: Practice, part: tuple[int, int] | None = None) -> None:
    """Show a practice: tonight's offer (no ``part``) or the steps being guided now."""
    _put(turn, PracticeScreen(practice.title, practice.minutes, practice.steps, part))


def show_week(
    turn: HasInput,
    first: date,
    label: str,
    active_days: Iterable[str],
    streak: int,
    gratitudes: int,
    more: bool = False,
) -> None:
    """Show the seven days from ``first``; ``active_days`` are ISO dates with a practice."""
    days = set(active_days)
    active = tuple((first + timedelta(days=n)).isoformat() in days for n in range(7))
    _put(turn, WeekScreen(label, active, streak, gratitudes, more, first.weekday()))


def shown(attributes: dict[str, Any]) -> PracticeScreen | WeekScreen | None:
    value = attributes.get(SCREEN)
    return value if isinstance(value, PracticeScreen | WeekScreen) else None
