"""The couple profile is paid for on every write, in 1 KB units: its stored size must stay bounded
however long a couple has used the skill, and its compact stored form must read back exactly."""

from __future__ import annotations

import dataclasses
import random
import string
from datetime import UTC, date, timedelta
from typing import Any

import pytest

from bench.seed import item_size  # DynamoDB's item size rule, as the bench bills it
from content.schema import Catalogue
from skill.domain.place import Place
from skill.domain.profile import Profile
from skill.store import keys
from skill.store.couples import CoupleStore, from_item, to_item
from skill.store.profile_codec import from_attributes, to_attributes

from support.today import SUNDAY, coming_at


def person_id(rng: random.Random) -> str:
    """A voice's personId as Alexa sends it: the prefix and 100 upper-case letters and digits."""
    return "amzn1.ask.person." + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(100))


def lived(catalogue: Catalogue, nights: int) -> Profile:
    """The largest realistic couple: linked accounts, both voices known, 12-letter names, the guide
    in use with all but one reason heard, a practice and a gratitude round every night, the time zone
    from the Settings API, the summary's read-back, and a full memory of applied requests."""
    rng = random.Random(nights)
    ids = [p.id for p in catalogue.practices]
    today = date(2026, 11, 29)
    p = Profile(
        couple_id=secrets_hex(rng, 32),
        version=nights * 5,
        time_zone="America/Argentina/Buenos_Aires",
        time_zone_checked="2026-11-20",
        names=["Christabelle", "Konstantinos"],
        voices={person_id(rng): 0, person_id(rng): 1},
        members=[secrets_hex(rng, 32), secrets_hex(rng, 32)],
        browse=Place("walk", "patience_empathy", 11),
        reasons_heard=[r.id for r in catalogue.reasons][:-1],
    )
    for night in range(nights, 0, -1):
        day = today - timedelta(days=night - 1)
        p.suggest(day, ids[night % len(ids)])
        p.complete(day, ids[night % len(ids)])
        p.complete(day, "gratitude_round")
        for outcome in ("", "completed_record", ""):
            p.remember(secrets_hex(rng, 12), outcome)
    return p


def secrets_hex(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def stored(profile: Profile) -> dict[str, Any]:
    item = to_item({keys.PK: keys.couple_pk(profile.couple_id), keys.SK: keys.PROFILE_SK, **to_attributes(profile)})
    del item["couple_id"]
    return item


@pytest.mark.parametrize("nights", [7, 30, 730])
def test_the_largest_realistic_profile_costs_one_write_unit_with_room_to_spare(
    catalogue: Catalogue, nights: int
) -> None:
    # 1 KB is one write unit; 900 bytes leaves room for a few small fields yet to come.
    assert item_size(stored(lived(catalogue, nights))) <= 900


def test_an_unused_field_costs_nothing_and_a_used_one_about_its_own_bytes(catalogue: Catalogue) -> None:
    @dataclasses.dataclass
    class WithMarker(Profile):
        paused_on: str | None = None

    fields = {k: v for k, v in vars(lived(catalogue, 730)).items()}
    plain = item_size(stored(lived(catalogue, 730)))
    assert item_size(stored(WithMarker(**fields))) == plain
    marked = item_size(stored(WithMarker(**fields, paused_on="2026-11-28")))
    assert plain < marked <= plain + len('"paused_on":"2026-11-28",')
    attrs = from_item(stored(WithMarker(**fields, paused_on="2026-11-28")))
    attrs["couple_id"] = fields["couple_id"]
    loaded = from_attributes(attrs, WithMarker)
    assert isinstance(loaded, WithMarker) and loaded.paused_on == "2026-11-28"


def test_the_stored_size_stops_growing_once_the_window_is_full(catalogue: Catalogue) -> None:
    # Full once 14 days of completions are kept and every practice has a last date (15 nights here).
    sizes = {n: item_size(stored(lived(catalogue, n))) for n in (30, 365, 730)}
    assert max(sizes.values()) - min(sizes.values()) <= 16, sizes  # only day numbers' digits differ


def test_the_compact_form_reads_back_exactly(catalogue: Catalogue, store: CoupleStore) -> None:
    profile = lived(catalogue, 40)
    attrs = from_item(stored(profile))
    attrs["couple_id"] = profile.couple_id
    assert from_attributes(attrs) == profile
    # And through DynamoDB Local itself.
    saved = store.save(
        Profile(
            couple_id=f"size-{id(profile)}",
            **{k: v for k, v in vars(profile).items() if k not in ("couple_id", "version", "outcome")},
        )
    )
    assert store.load(saved.couple_id) == saved


def test_profiles_stored_in_the_older_list_form_still_load() -> None:
    old = {
        "done": [["2026-11-25", "touch_map"]],
        "last_done": {"touch_map": "2026-11-25"},
        "applied": [["0123456789abcdef", "completed_streak"]],
        "version": 3,
    }
    profile = from_attributes({"couple_id": "c", **old})
    assert (profile.done, profile.last_done, profile.applied) == (old["done"], old["last_done"], old["applied"])


def test_a_full_weeks_summary_reads_one_read_unit_with_the_largest_profile(
    catalogue: Catalogue, store: CoupleStore, settings: Any
) -> None:
    """The weekly summary's one Query (the profile and eight days of gratitudes, two a night, 12-letter
    names) stays within 4 KB: half a read unit, eventually consistent, however long they have used it."""
    from skill.domain.gratitude import Gratitude
    from skill.store.gratitude import MAX_WEEK_ENTRIES, GratitudeLog

    profile = lived(catalogue, 730)
    user = f"amzn1.ask.account.WEEK{id(profile)}"
    saved = store.save(
        Profile(
            couple_id=keys.couple_id_for_user(user),
            **{k: v for k, v in vars(profile).items() if k not in ("couple_id", "version", "outcome")},
        )
    )
    log = GratitudeLog(store, settings.gratitude_retention_days)
    now = coming_at(SUNDAY, 21, 30, UTC)  # the gratitudes are stored: their expiry follows from today
    for night in range(8):
        said = now - timedelta(days=night)
        for turn, words in enumerate(
            ("you made us tea and listened while I talked about my day", "you planned a walk")
        ):
            entry = Gratitude(profile.names[turn], profile.names[1 - turn], words, said, f"r{night:07d}", 1)
            log.add(saved, entry, said + timedelta(seconds=turn), f"req-{night}-{turn}")
    consumed: list[float] = []

    def ask(params: dict[str, Any], **_: Any) -> None:
        params["ReturnConsumedCapacity"] = "TOTAL"

    def note(parsed: dict[str, Any], **_: Any) -> None:
        consumed.append(float(parsed.get("ConsumedCapacity", {}).get("CapacityUnits", 0)))

    events = store.client.meta.events
    events.register("provide-client-params.dynamodb.Query", ask, unique_id="week-ask")
    events.register("after-call.dynamodb.Query", note, unique_id="week-note")
    try:
        low = keys.gratitude_range((now - timedelta(days=7)).date().isoformat(), "")[0]
        found = store.load_for_user_with_items(user, None, low, 2 * MAX_WEEK_ENTRIES)
    finally:
        events.unregister("provide-client-params.dynamodb.Query", unique_id="week-ask")
        events.unregister("after-call.dynamodb.Query", unique_id="week-note")
    assert found is not None and len(found[1]) == 16 and found[0].names == profile.names
    assert consumed == [0.5]
