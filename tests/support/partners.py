"""Two partners as the tests link them: the second partner's device and the evenings they play,
from a coming Monday in New York (tests/support/couples.py ``coming``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from support.couples import coming

NY = ZoneInfo("America/New_York")  # the test settings' default time zone
DEVICE_B = "amzn1.ask.device.PARTNER_B_ECHO"


def evening(day: int, hour: int = 20, minute: int = 30) -> datetime:
    monday = coming(0)
    return datetime(monday.year, monday.month, monday.day, hour, minute, tzinfo=NY) + timedelta(days=day)
