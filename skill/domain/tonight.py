"""Choosing tonight's practice: pure rules over the couple's profile (no I/O)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from content.schema import Practice
from skill.domain.profile import Profile


def done_lately(profile: Profile, today: date) -> set[str]:
    """Practices completed today or yesterday: never tonight's pick."""
    since = (today - timedelta(days=1)).isoformat()
    return {practice for day, practice in profile.done if day >= since}


def done_today(profile: Profile, today: date) -> set[str]:
    return {practice for day, practice in profile.done if day == today.isoformat()}


def pick(
    practices: tuple[Practice, ...], profile: Profile, avoid: set[str], rng: random.Random, today: date
) -> Practice:
    """A practice not among ``avoid``, the recent suggestions or those done today or yesterday,
    favouring ones not done lately. The recent suggestions give way first when nothing else is left."""
    lately = done_lately(profile, today)
    recent = set(profile.recent) | avoid | lately
    pool = (
        [p for p in practices if p.id not in recent]
        or [p for p in practices if p.id not in avoid | lately]
        or [p for p in practices if p.id not in lately]
        or list(practices)
    )
    oldest = min(profile.last_done.get(p.id, "") for p in pool)
    fresh = [p for p in pool if profile.last_done.get(p.id, "") == oldest]
    return rng.choice(fresh)
