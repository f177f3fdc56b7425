"""Every profile field is bounded: filled to the largest the skill allows, the stored item is still one
write unit (1 KB), so no couple ever pays more per request (docs/data-model.md, docs/performance.md).

Each field of ``Profile`` has a generator below, found by name from ``dataclasses.fields``: a new
field without one fails the first test, so whoever adds it must say how large it can grow. A
generator offers more than the cap wherever a cap exists (more names than MAX_NAMES, longer ones
than MAX_NAME_CHARS, many more voices, suggestions, completions and requests than are kept), and
the cap, in ``Profile.bound()`` or in the rule that writes the field (``suggest``, ``complete``,
``remember``), must bring it back within the write unit. Values the skill takes from its own content
(practice, reason and phrase ids) are drawn from the content.
"""

from __future__ import annotations

import dataclasses
import string
import zoneinfo
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.seed import item_size  # DynamoDB's item size rule, as the bench bills it
from content.loader import load_catalogue
from content.phrase_keys import PHRASES
from skill.domain.place import KINDS, Place
from skill.domain.profile import (
    APPLIED_REQUESTS,
    HISTORY_DAYS,
    MAX_NAME_CHARS,
    MAX_NAMES,
    MAX_VOICES,
    RECENT_SUGGESTIONS,
    Profile,
)
from skill.domain.question import QuestionPlace
from skill.store import keys
from skill.store.couples import to_item
from skill.store.profile_codec import to_attributes

WRITE_UNIT = 1024
CATALOGUE = load_catalogue()
PRACTICE_IDS = sorted({p.id for p in CATALOGUE.practices} | {"gratitude_round"})
REASON_IDS = [r.id for r in CATALOGUE.reasons]
HEX = "0123456789abcdef"
# Alexa's personId, from the signed request (never from the session): a fixed prefix and 100 random
# upper-case letters and digits. MAX_PERSON_ID_CHARS (256) only stops a forged one growing the item.
PERSON_ID = st.text(string.ascii_uppercase + string.digits, min_size=100, max_size=100).map(
    lambda tail: "amzn1.ask.person." + tail
)
DAY = st.dates(min_value=date(2026, 1, 1), max_value=date(2099, 12, 31))
ACCOUNT = st.text(HEX, min_size=32, max_size=32)  # keys.couple_id_for_user and keys.new_shared_couple_id
# A first name as Alexa writes it in the English locales (letters, a hyphen, an apostrophe), longer
# than the cap.
NAME = st.text(string.ascii_letters + "-'", min_size=MAX_NAME_CHARS, max_size=3 * MAX_NAME_CHARS)
# What the guide's place names: a practice, a step group, a reason group, or a paused round
# ("<evening>/<8 hex of a uuid>", intents/gratitude.py).
PLACE_ID = st.one_of(
    st.sampled_from([*PRACTICE_IDS, *(g.id for g in CATALOGUE.step_groups), "physical", "emotional", "any"]),
    st.builds(lambda day, hexes: f"{day.isoformat()}/{hexes}", DAY, st.text(HEX, min_size=8, max_size=8)),
)

# How a field is filled: a strategy for a value and how it reaches the profile. A plain strategy is
# assigned as it is (bound() and the codec must cap it); a "rule" strategy returns a function that
# fills the field through the method that writes it in the skill, so that method's cap is what holds.
Fill = Callable[[Profile], None]


def assigned(name: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[Fill]:
    return values.map(lambda value: lambda profile: setattr(profile, name, value))


def _suggest_many(picks: list[str], day: date) -> Fill:
    def fill(profile: Profile) -> None:
        for n, pick in enumerate(picks):
            profile.suggest(day - timedelta(days=len(picks) - n), pick)

    return fill


def _complete_many(every_day: set[str], long_ago: set[str], last: date) -> Fill:
    """Every practice in ``every_day`` done each evening for twice the kept window; those in
    ``long_ago`` done once, long before it (their last date is kept apart, in ``last_done``)."""

    def fill(profile: Profile) -> None:
        for practice in sorted(long_ago - every_day):
            profile.complete(last - timedelta(days=400), practice)
        for back in range(2 * HISTORY_DAYS, -1, -1):
            for practice in sorted(every_day):
                profile.complete(last - timedelta(days=back), practice)

    return fill


def _remember_many(requests: list[tuple[str, str]]) -> Fill:
    def fill(profile: Profile) -> None:
        for token, outcome in requests:
            profile.remember(token, outcome)

    return fill


LARGEST: dict[str, st.SearchStrategy[Fill]] = {
    "couple_id": assigned("couple_id", ACCOUNT),
    "version": assigned("version", st.integers(10**9, 2**63 - 1)),
    "time_zone": assigned("time_zone", st.sampled_from(sorted(zoneinfo.available_timezones(), key=len)[-40:])),
    "streak": assigned("streak", st.integers(10**4, 10**6)),
    "longest": assigned("longest", st.integers(10**4, 10**6)),
    "last_active": assigned("last_active", DAY.map(date.isoformat)),
    "last_rest": assigned("last_rest", DAY.map(date.isoformat)),
    "tonight_date": assigned("tonight_date", DAY.map(date.isoformat)),
    "tonight": assigned("tonight", st.sampled_from(PRACTICE_IDS)),
    "recent": st.builds(
        _suggest_many, st.lists(st.sampled_from(PRACTICE_IDS), min_size=3 * RECENT_SUGGESTIONS, max_size=40), DAY
    ),
    # done and last_done are written together, by complete(): one generator fills both.
    "done": st.builds(
        _complete_many,
        st.sets(st.sampled_from(PRACTICE_IDS), min_size=len(PRACTICE_IDS) // 2),
        st.sets(st.sampled_from(PRACTICE_IDS)),
        DAY,
    ),
    "last_done": st.just(lambda profile: None),  # filled with done, above
    "names": assigned("names", st.lists(NAME, min_size=MAX_NAMES, max_size=MAX_NAMES + 4)),
    "voices": assigned(
        "voices", st.dictionaries(PERSON_ID, st.sampled_from([0, 1]), min_size=MAX_VOICES, max_size=3 * MAX_VOICES)
    ),
    "browse": assigned("browse", st.builds(Place, st.sampled_from(KINDS), PLACE_ID, st.integers(10**3, 10**6))),
    "reasons_heard": assigned("reasons_heard", st.permutations(REASON_IDS)),
    # A profile is either a shared couple's (two members) or an account's pointer to one (linked_to),
    # never both (skill/store/partners.py): one generator fills whichever is drawn.
    "members": st.one_of(
        assigned("members", st.lists(ACCOUNT, min_size=2, max_size=2, unique=True)), assigned("linked_to", ACCOUNT)
    ),
    "linked_to": st.just(lambda profile: None),  # filled with members, above
    "time_zone_checked": assigned("time_zone_checked", DAY.map(date.isoformat)),
    "rest_explained": assigned("rest_explained", st.just(True)),
    "applied": st.builds(
        _remember_many,
        st.lists(
            st.tuples(st.text(HEX, min_size=12, max_size=12), st.sampled_from(sorted(PHRASES))),
            min_size=APPLIED_REQUESTS,
            max_size=4 * APPLIED_REQUESTS,
        ),
    ),
    "question": assigned(
        "question",
        st.builds(QuestionPlace, st.integers(0, (1 << 20) - 1), st.integers(10**3, 10**6), DAY, st.integers(0, 1)),
    ),
    "born": assigned("born", st.text(HEX, min_size=32, max_size=32)),  # keys.new_identity
    "outcome": assigned("outcome", st.text(max_size=200)),  # never stored
}


def stored_size(profile: Profile) -> int:
    item = to_item({keys.PK: keys.couple_pk(profile.couple_id), keys.SK: keys.PROFILE_SK, **to_attributes(profile)})
    del item["couple_id"]  # the key says it already (skill/store/couples.py stores it only in pk)
    return item_size(item)


def test_every_profile_field_has_a_largest_value_here() -> None:
    # A field added to Profile without a generator here fails: say how large it can grow, and cap it.
    assert set(LARGEST) == {f.name for f in dataclasses.fields(Profile)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.fixed_dictionaries(LARGEST))
def test_a_profile_filled_to_every_cap_is_stored_in_one_write_unit(fills: dict[str, Fill]) -> None:
    profile = Profile(couple_id="c")
    for name in [f.name for f in dataclasses.fields(Profile)]:
        fills[name](profile)
    assert stored_size(profile) <= WRITE_UNIT
