"""Where a couple is in something they browse or practise: one typed value for the session
(intents/state.py), the profile (``Profile.browse``, for "what were we on?" next time) and the
store's codec (skill/store/profile_codec.py), whose stored form stays {"kind", "id", "pos"}.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# What a Place browses.
STEPS = "steps"  # the overview pages, then every step in order
EXERCISES = "exercises"  # every exercise
REASONS = "reasons"  # why closeness matters; Place.id is the group or ANY
WALK = "walk"  # a practice's guided steps; Place.id is the practice, pos the step
ROUND = "round"  # a paused gratitude round (profile only); id is "<local date>/<round id>", pos each
KINDS = (STEPS, EXERCISES, REASONS, WALK, ROUND)
ANY = "any"
# Kept as the profile's place when the couple say no to tonight's pick: nowhere to go back to, but
# no longer empty, so the pick's first step is not where "where were we" takes them.
SET_ASIDE_KIND = "set_aside"

MAX_POS = 1000
ID = re.compile(r"^[A-Za-z0-9_.:/\-]{1,64}$")


@dataclass(frozen=True)
class Place:
    """A kind (KINDS), what in it (``id``: a practice, a group, a round) and how far (``pos``)."""

    kind: str
    id: str = ""
    pos: int = 0

    @property
    def resumable(self) -> bool:
        """A place "where were we" can take the couple back to (not the set-aside marker)."""
        return self.kind in KINDS

    def at(self, pos: int) -> Place:
        return Place(self.kind, self.id, pos)

    def as_dict(self) -> dict[str, Any]:
        """The stored and session form; the set-aside marker is its kind alone."""
        if not self.resumable:
            return {"kind": self.kind}
        return {"kind": self.kind, "id": self.id, "pos": self.pos}

    @classmethod
    def of(cls, raw: object) -> Place | None:
        """A place from session attributes or the profile; anything malformed is no place."""
        if not isinstance(raw, Mapping):
            return None
        kind, ident, pos = raw.get("kind"), _id(raw.get("id")) if raw.get("id") else "", raw.get("pos")
        if kind not in KINDS or ident is None or isinstance(pos, bool) or not isinstance(pos, int):
            return None
        if not -1 <= pos <= MAX_POS:
            return None
        return cls(str(kind), ident, pos)

    @classmethod
    def stored(cls, raw: object) -> Place | None:
        """The profile's place from its stored form: a place, or, for anything else that is not
        empty (the set-aside marker, or a place no longer valid), the set-aside marker."""
        if not raw:
            return None
        return cls.of(raw) or SET_ASIDE


SET_ASIDE = Place(SET_ASIDE_KIND)


def _id(raw: object) -> str | None:
    return raw if isinstance(raw, str) and ID.match(raw) else None
