"""Evenings as the tests live them: a local time on a day counted from a coming Monday in New York
(the suite's default zone; tests/support/today.py keeps every date ahead of DynamoDB Local's sweeper),
and the practices a test reads out of an answer."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from content.schema import Catalogue, Practice

from support.today import MONDAY, coming_at

NY = ZoneInfo("America/New_York")  # the test settings' default time zone


def at(day: int = 0, hour: int = 20, minute: int = 30) -> datetime:
    """Local time on day ``day`` (day 0 = a coming Monday, tests/support/today.py)."""
    return coming_at(MONDAY, hour, minute, NY) + timedelta(days=day)


def steps(catalogue: Catalogue) -> list[Practice]:
    return sorted((p for p in catalogue.practices if p.kind == "step"), key=lambda p: p.number)


def named(text: str, catalogue: Catalogue) -> str:
    found = [p.id for p in catalogue.practices if p.name in text]
    assert len(found) == 1, f"expected one practice named in {text!r}, found {found}"
    return found[0]
