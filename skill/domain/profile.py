"""The couple profile: the one small item that every request reads and most requests write.

It holds only what the features need and stays bounded (a few hundred bytes to ~2 KB) however long
a couple uses the skill, so a request's cost does not grow with their history.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from content.speech import xml_safe
from skill.domain.place import Place
from skill.domain.question import QuestionPlace
from skill.domain.streak import Streak, current, record_day

# How many days of completions the profile remembers: exactly this week and last week (on a Sunday,
# last week's Monday is 13 days back). The profile's size, and so each write's cost, depends on this
# window, never on how long a couple has used the skill (docs/performance.md).
HISTORY_DAYS = 14
# How many past suggestions tonight's pick avoids.
RECENT_SUGGESTIONS = 3
# How many applied requests the profile remembers, so a redelivered request changes nothing
# (Alexa retries within seconds; six covers two devices talking over each other).
APPLIED_REQUESTS = 6
# Fields that live only for one request and are never stored.
TRANSIENT_FIELDS = frozenset({"outcome"})
# Caps on what a conversation can put in the profile (docs/security.md, "Bounded profile"). Session
# attributes travel through the client, so the store enforces them whatever the session held.
MAX_NAMES = 2
MAX_NAME_CHARS = 30  # as the gratitude round accepts (docs/gratitude.md)
# Recognised voices remembered, the newest kept: both partners and one more (a second linked
# account's id for one of them); a voice forgotten is learned again at its next turn. Each is ~95
# stored bytes that do not compress (a personId is random): with four the largest profile reaches
# one write unit, with eight it passed it (tests/test_profile_bounds.py).
MAX_VOICES = 3
MAX_PERSON_ID_CHARS = 256
MAX_REASONS_HEARD = 64
MAX_ID_CHARS = 64  # practice, reason and guide ids


@dataclass
class Profile:
    couple_id: str
    version: int = 0  # bumped by every write; writes are conditional on it
    time_zone: str | None = None
    streak: int = 0  # active days in the current run
    longest: int = 0
    last_active: str | None = None  # ISO date of the latest active day
    last_rest: str | None = None  # ISO date of the rest day the current run used
    tonight_date: str | None = None  # the evening `tonight` was picked for
    tonight: str | None = None  # practice id suggested for that evening
    recent: list[str] = field(default_factory=list)  # the last few suggestions, tonight's last
    done: list[list[str]] = field(default_factory=list)  # [[iso date, practice id], ...], bounded
    last_done: dict[str, str] = field(default_factory=dict)  # practice id -> ISO date
    # Gratitude round (docs/gratitude.md). Names are personal data: never logged.
    names: list[str] = field(default_factory=list)  # the partners' first names, in the order given
    voices: dict[str, int] = field(default_factory=dict)  # Alexa personId -> index into names
    # The guide by voice: where the couple was for "what were we on?" (skill/domain/place.py), and the
    # reasons heard in the current rotation (at most one of each, cleared when all were heard).
    browse: Place | None = None
    reasons_heard: list[str] = field(default_factory=list)
    # -- linking two accounts, and the local time zone --
    members: list[str] = field(default_factory=list)  # account ids sharing this couple (linked couples only)
    linked_to: str | None = None  # on an account's own item: the shared couple it joined (a pointer)
    time_zone_checked: str | None = None  # ISO date the Settings API was last asked for the zone
    # The couple has heard how the rest day works (said once, after their first break); stored only when true.
    rest_explained: bool = False
    # [[request token, outcome], ...] of the last APPLIED_REQUESTS writes, newest last (skill.store.scope)
    applied: list[list[str]] = field(default_factory=list)
    # -- tonight's question (docs/question.md): the couple's place in their own shuffled
    # order of the question bank (skill/domain/question.py; a few stored bytes); None (omitted)
    # until they first ask.
    question: QuestionPlace | None = None
    # The couple's identity: a random token given when this profile item is first created (and a
    # fresh one when a shared couple is formed or split), gone when the couple is deleted. Writes of
    # the couple's other items are conditional on it, so none lands in a deleted history
    # (docs/security.md, "Deletion is whole"). None on profiles made before it existed.
    born: str | None = field(default=None, compare=False)  # an identity, not content: equal profiles may differ
    # Set by a change to name what it did ("completed_streak"); stored with the request token so a
    # redelivered request can answer the same way. Never stored on its own.
    outcome: str = field(default="", compare=False)

    @property
    def is_new(self) -> bool:
        return self.version == 0

    def last_active_date(self) -> date | None:
        return date.fromisoformat(self.last_active) if self.last_active else None

    def last_rest_date(self) -> date | None:
        return date.fromisoformat(self.last_rest) if self.last_rest else None

    def record_done(self, day: date, practice_id: str) -> None:
        iso = day.isoformat()
        self.done.append([iso, practice_id])
        cutoff = date.fromordinal(day.toordinal() - HISTORY_DAYS).isoformat()
        self.done = [entry for entry in self.done if entry[0] > cutoff]
        self.last_done[practice_id] = iso

    def streak_state(self) -> Streak:
        return Streak(self.streak, self.longest, self.last_active_date(), self.last_rest_date())

    def complete(self, day: date, practice_id: str) -> bool:
        """Count a completed practice on ``day``: the streak rule plus the bounded history.

        Returns False when there is nothing new to store (that practice already counted that day),
        so a retried or simultaneous "we did it" writes nothing.
        """
        old = self.streak_state()
        new = record_day(old, day)
        already = [day.isoformat(), practice_id] in self.done
        if new == old and already:
            return False
        self.streak, self.longest = new.current, new.longest
        self.last_active = new.last_active.isoformat() if new.last_active else None
        self.last_rest = new.last_rest.isoformat() if new.last_rest else None
        if not already:
            self.record_done(day, practice_id)
        return True

    def picked_for(self, day: date) -> str | None:
        """The practice id picked for ``day``'s evening, if one was (the one rule for "tonight's pick")."""
        return self.tonight if self.tonight and self.tonight_date == day.isoformat() else None

    def suggest(self, day: date, practice_id: str) -> None:
        self.recent = [*self.recent, practice_id][-RECENT_SUGGESTIONS:]
        self.tonight_date = day.isoformat()
        self.tonight = practice_id

    def remember(self, token: str, outcome: str) -> None:
        """Note that the request ``token`` was applied, and what it did; bounded."""
        self.applied = [*(e for e in self.applied if e[0] != token), [token, outcome]][-APPLIED_REQUESTS:]

    def outcome_of(self, token: str | None) -> str | None:
        """What the request ``token`` did, when it was already applied to this profile; else None."""
        for entry in self.applied:
            if token is not None and len(entry) == 2 and entry[0] == token:
                return entry[1]
        return None

    def bound(self) -> None:
        """Clamp what a conversation could have grown: names cleaned of characters XML forbids and
        capped, at most MAX_VOICES voices pointing at a name, short ids. Applied on every store and load."""
        self.names = [xml_safe(str(n)).strip()[:MAX_NAME_CHARS] for n in self.names[:MAX_NAMES]]
        voices = {
            xml_safe(str(k))[:MAX_PERSON_ID_CHARS]: v
            for k, v in self.voices.items()
            if isinstance(v, int) and not isinstance(v, bool) and v in (0, 1)
        }
        self.voices = dict(list(voices.items())[-MAX_VOICES:])
        self.reasons_heard = [str(r)[:MAX_ID_CHARS] for r in self.reasons_heard[-MAX_REASONS_HEARD:]]
        if self.browse is not None and len(self.browse.id) > MAX_ID_CHARS:
            self.browse = Place(self.browse.kind, self.browse.id[:MAX_ID_CHARS], self.browse.pos)

    def copy(self) -> Profile:
        """A copy that shares no list or map with this one (drafts must never alias the stored ones),
        without the last change's outcome. Fields hold only strings, numbers, lists, maps and frozen
        values (``Place``, ``QuestionPlace``, shared safely), so a structural copy does it, several
        times cheaper than ``copy.deepcopy`` (two per write)."""
        draft = copy.copy(self)
        for name, value in vars(draft).items():
            if isinstance(value, list | dict):
                setattr(draft, name, _copied(value))
        draft.outcome = ""
        return draft


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return value


# -- merging a joining account's solo profile into the shared one ---------------------------------
#
# One rule per profile field, so that adding a field means adding its rule here (a test fails while a
# field has none). A rule gets the shared couple's profile, the joining account's profile and the
# local date of the join, and returns the merged value. Nothing either side did alone is dropped.

MergeRule = Callable[[Profile, Profile, date], Any]


def _merged_streak(base: Profile, joining: Profile, today: date) -> Streak:
    """The livelier streak (by its length today, then its last day), extended by the other side's
    later active days, so a practice either of them did alone still counts for the couple."""
    a, b = base.streak_state(), joining.streak_state()
    primary, other = (
        (a, joining)
        if (current(a, today), a.last_active or date.min) >= (current(b, today), b.last_active or date.min)
        else (b, base)
    )
    state = primary
    later = sorted(
        {
            date.fromisoformat(d)
            for d, _ in other.done
            if state.last_active is None or date.fromisoformat(d) > state.last_active
        }
    )
    for day in later:
        state = record_day(state, day)
    return Streak(
        state.current, max(a.longest, b.longest, state.longest, state.current), state.last_active, state.last_rest
    )


def _merged_done(base: Profile, joining: Profile, today: date) -> list[list[str]]:
    entries = sorted({(d, p) for d, p in [*base.done, *joining.done]})
    if not entries:
        return []
    cutoff = date.fromordinal(max(today, date.fromisoformat(entries[-1][0])).toordinal() - HISTORY_DAYS)
    return [[d, p] for d, p in entries if d > cutoff.isoformat()]


def _merged_last_done(base: Profile, joining: Profile, today: date) -> dict[str, str]:
    merged = dict(joining.last_done)
    for practice, day in base.last_done.items():
        merged[practice] = max(day, merged.get(practice, ""))
    return merged


def _later_tonight(base: Profile, joining: Profile) -> Profile:
    return joining if (joining.tonight_date or "") > (base.tonight_date or "") else base


def _zone_source(base: Profile, joining: Profile) -> Profile:
    return base if base.time_zone or not joining.time_zone else joining


MERGE_RULES: dict[str, MergeRule] = {
    "couple_id": lambda base, joining, today: base.couple_id,
    "version": lambda base, joining, today: base.version,
    "time_zone": lambda base, joining, today: _zone_source(base, joining).time_zone,
    "streak": lambda base, joining, today: _merged_streak(base, joining, today).current,
    "longest": lambda base, joining, today: _merged_streak(base, joining, today).longest,
    "last_active": lambda base, joining, today: _iso(_merged_streak(base, joining, today).last_active),
    "last_rest": lambda base, joining, today: _iso(_merged_streak(base, joining, today).last_rest),
    "tonight_date": lambda base, joining, today: _later_tonight(base, joining).tonight_date,
    "tonight": lambda base, joining, today: _later_tonight(base, joining).tonight,
    "recent": lambda base, joining, today: [*[p for p in joining.recent if p not in base.recent], *base.recent][
        -RECENT_SUGGESTIONS:
    ],
    "done": _merged_done,
    "last_done": _merged_last_done,
    "members": lambda base, joining, today: list(dict.fromkeys([*base.members, *joining.members])),
    "linked_to": lambda base, joining, today: None,
    "time_zone_checked": lambda base, joining, today: _zone_source(base, joining).time_zone_checked,
    "rest_explained": lambda base, joining, today: base.rest_explained or joining.rest_explained,
    # Names: the couple that already has them keeps them; voices are re-pointed by name.
    "names": lambda base, joining, today: list(base.names or joining.names),
    "voices": lambda base, joining, today: _merged_voices(base, joining),
    "browse": lambda base, joining, today: base.browse or joining.browse,
    "reasons_heard": lambda base, joining, today: list(dict.fromkeys([*base.reasons_heard, *joining.reasons_heard])),
    # The issuer's place in the question order wins; a joining account that had one alone keeps it.
    "question": lambda base, joining, today: base.question or joining.question,
    # Requests applied to either profile stay answered the same way after the merge.
    "applied": lambda base, joining, today: [*joining.applied, *base.applied][-APPLIED_REQUESTS:],
    "outcome": lambda base, joining, today: "",
    # A shared couple is a new identity: Partners.join gives it a fresh one.
    "born": lambda base, joining, today: None,
}


def _merged_voices(base: Profile, joining: Profile) -> dict[str, int]:
    names = base.names or joining.names
    voices = dict(base.voices) if base.names else {}
    for person, index in joining.voices.items():
        if index < len(joining.names) and joining.names[index] in names:
            voices.setdefault(person, names.index(joining.names[index]))
    return voices


def merge_profiles(base: Profile, joining: Profile, today: date) -> Profile:
    """The shared couple's profile after ``joining`` (a solo account's profile) is merged into
    ``base``. Keeps base's id and version (the write is conditional on it). Every field has a rule in
    MERGE_RULES; a field without one raises KeyError rather than being silently dropped."""
    values = {f.name: MERGE_RULES[f.name](base, joining, today) for f in dataclasses.fields(Profile)}
    return Profile(**values)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
