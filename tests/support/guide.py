"""The guide by voice as the tests browse it: its evenings (20:00, a few minutes on), and the reasons
and practices a test reads out of an answer (the steps in order: tests/support/evenings.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from content.schema import Catalogue, Practice

from support.today import MONDAY, coming_at

NY = ZoneInfo("America/New_York")


def evening(day: int = 0, minute: int = 0) -> datetime:
    return coming_at(MONDAY, 20, 0, NY) + timedelta(days=day, minutes=minute)


def reasons_in(text: str, catalogue: Catalogue) -> list[str]:
    return [r.id for r in catalogue.reasons if r.text in text]


def practice(catalogue: Catalogue, practice_id: str) -> Practice:
    found = catalogue.practice(practice_id)
    assert found is not None
    return found
