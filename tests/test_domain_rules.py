"""The domain's rules on their own, fast (no store, no server): each rule that a couple would notice
breaking, and each cap on what a conversation can grow. `make mutate` runs mutants of skill/domain/
against the fast tier; these tests are what kills them (README, "Mutation testing")."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from content.loader import load_catalogue
from skill.domain.answer import Answer
from skill.domain.evening import evening_at, evening_of
from skill.domain.gratitude import Gratitude, said_between
from skill.domain.place import SET_ASIDE, Place
from skill.domain.profile import (
    APPLIED_REQUESTS,
    HISTORY_DAYS,
    MAX_ID_CHARS,
    MAX_NAME_CHARS,
    MAX_PERSON_ID_CHARS,
    MAX_REASONS_HEARD,
    MAX_VOICES,
    RECENT_SUGGESTIONS,
    Profile,
    merge_profiles,
)
from skill.domain.streak import Streak, current, record_day
from skill.domain.tonight import done_lately, done_today, pick
from skill.domain.week import Week

D0 = date(2026, 11, 2)  # a Monday; pure rules store nothing, so a fixed date is safe here


def day(n: int) -> date:
    return D0 + timedelta(days=n)


# -- the streak's rest rule ------------------------------------------------------------------------


def streak_of(*days: int) -> Streak:
    s = Streak()
    for n in days:
        s = record_day(s, day(n))
    return s


def test_rest_days_six_days_apart_break_the_streak() -> None:
    # Rests on day 2 and day 8: six days apart, so one seven-day window holds both.
    assert streak_of(0, 1, 3, 4, 5, 6, 7, 9).current == 1
    assert streak_of(0, 1, 3, 4, 5, 6, 7, 8, 10).current == 9  # seven apart: both fine


def test_a_streak_seen_after_a_second_rest_within_seven_days_is_over() -> None:
    s = streak_of(0, 1, 3, 4, 5)  # rested on day 2
    assert s.current == 5 and s.last_rest == day(2)
    assert current(s, day(6)) == 5  # not yet today
    assert current(s, day(7)) == 0  # day 6 would be a second rest four days after the first
    later = streak_of(0, 1, 3, 4, 5, 6, 7, 8, 9)
    assert current(later, day(11)) == 9  # day 10 missed: seven days after day 2's rest, allowed
    assert current(later, day(12)) == 0  # two missed days


def test_the_rest_rule_counts_from_the_missed_day() -> None:
    last_week_rest = streak_of(0, 1, 3, 4, 5, 6, 7)  # rested on day 2, last active on day 7
    assert current(last_week_rest, day(9)) == 0  # missing day 8: six days after day 2's rest
    longer = streak_of(0, 1, 3, 4, 5, 6, 7, 8)
    assert current(longer, day(10)) == 8  # missing day 9: seven days after, allowed


def test_a_rest_day_is_only_one_day() -> None:
    s = streak_of(0, 1)
    assert record_day(s, day(3)) == Streak(current=3, longest=3, last_active=day(3), last_rest=day(2))
    assert record_day(s, day(4)) == Streak(current=1, longest=2, last_active=day(4), last_rest=None)


# -- the profile's caps (a client rewriting its session attributes can grow nothing) ----------------


def test_bound_caps_voices_to_the_newest_few_each_pointing_at_a_name() -> None:
    p = Profile("c", voices={f"amzn1.ask.person.{i:03d}": i % 2 for i in range(80)})
    p.voices["amzn1.ask.person.bad"] = 2
    p.voices["amzn1.ask.person.flag"] = True
    p.voices["amzn1.ask.person.text"] = "0"  # type: ignore[assignment]
    p.bound()
    assert len(p.voices) == MAX_VOICES == 3
    assert list(p.voices) == [f"amzn1.ask.person.{i:03d}" for i in range(77, 80)]
    assert list(p.voices.values()) == [1, 0, 1]
    long = Profile("c", voices={"x" * 300 + "\x00": 1})
    long.bound()
    assert long.voices == {"x" * MAX_PERSON_ID_CHARS: 1}


def test_bound_caps_names_and_cleans_them() -> None:
    p = Profile("c", names=[" Sam\x01 ", "A" * 40, "Third"])
    p.bound()
    assert p.names == ["Sam", "A" * MAX_NAME_CHARS]
    assert MAX_NAME_CHARS == 30


def test_bound_caps_reasons_heard_and_the_place() -> None:
    p = Profile(
        "c",
        reasons_heard=[f"r{i}" for i in range(100)] + ["z" * 100],
        browse=Place("walk", "i" * 100, 3),
    )
    p.bound()
    assert len(p.reasons_heard) == MAX_REASONS_HEARD == 64
    assert p.reasons_heard[0] == "r37" and p.reasons_heard[-1] == "z" * MAX_ID_CHARS
    assert p.browse == Place("walk", "i" * MAX_ID_CHARS, 3)


def test_a_stored_place_reads_back_typed_and_anything_else_is_no_place_to_return_to() -> None:
    extra = Place.stored({"kind": "walk", "id": "touch_map", "pos": 3, "extra": "x", "flag": True})
    assert extra == Place("walk", "touch_map", 3) and extra.resumable
    # Not a place (a flag for a position, a number for an id): kept as "set aside", never resumed,
    # and still not empty, so tonight's pick is not taken for where the couple were.
    flagged = Place.stored({"kind": "walk", "pos": False, "id": 2.5})
    assert flagged is not None and not flagged.resumable
    assert Place.stored({"kind": "set_aside"}) == SET_ASIDE and SET_ASIDE.as_dict() == {"kind": "set_aside"}
    assert Place.stored({}) is None and Place.stored(None) is None


# -- completions, suggestions and applied requests ------------------------------------------------


def test_complete_counts_once_a_day_per_practice_and_keeps_two_weeks() -> None:
    p = Profile("c")
    assert p.complete(day(0), "touch_map") is True
    assert (p.streak, p.longest, p.last_active, p.last_rest) == (1, 1, "2026-11-02", None)
    assert p.complete(day(0), "touch_map") is False  # nothing new: a retry writes nothing
    assert p.complete(day(0), "gratitude_round") is True  # another practice the same day is kept
    assert p.streak == 1 and p.done == [["2026-11-02", "touch_map"], ["2026-11-02", "gratitude_round"]]
    assert p.complete(day(2), "touch_map") is True  # a rest day
    assert (p.streak, p.last_rest) == (2, "2026-11-03")
    assert p.last_done == {"touch_map": "2026-11-04", "gratitude_round": "2026-11-02"}
    p.complete(day(HISTORY_DAYS), "quality_time")
    assert ["2026-11-02", "touch_map"] not in p.done and ["2026-11-04", "touch_map"] in p.done
    p.complete(day(HISTORY_DAYS + 2), "quality_time")
    assert [d for d, _ in p.done] == ["2026-11-16", "2026-11-18"]


def test_a_day_that_already_counted_adds_only_the_practice() -> None:
    p = Profile("c")
    p.complete(day(3), "touch_map")
    before = (p.streak, p.longest, p.last_active)
    assert p.complete(day(1), "quality_time") is True  # an earlier day: the streak stays as it is
    assert (p.streak, p.longest, p.last_active) == before
    assert ["2026-11-03", "quality_time"] in p.done


def test_suggest_remembers_the_last_few_and_tonights() -> None:
    p = Profile("c")
    for i in range(5):
        p.suggest(day(i), f"p{i}")
    assert p.recent == ["p2", "p3", "p4"] and len(p.recent) == RECENT_SUGGESTIONS
    assert (p.tonight_date, p.tonight) == ("2026-11-06", "p4")
    assert p.picked_for(day(4)) == "p4" and p.picked_for(day(3)) is None
    assert Profile("c").picked_for(day(0)) is None


def test_applied_requests_are_remembered_once_each_and_bounded() -> None:
    p = Profile("c")
    for i in range(APPLIED_REQUESTS + 2):
        p.remember(f"t{i}", f"o{i}")
    assert len(p.applied) == APPLIED_REQUESTS == 6
    assert p.outcome_of("t0") is None and p.outcome_of("t7") == "o7" and p.outcome_of(None) is None
    p.remember("t3", "again")
    assert [t for t, _ in p.applied] == ["t2", "t4", "t5", "t6", "t7", "t3"] and p.outcome_of("t3") == "again"
    p.applied.append(["short"])
    assert p.outcome_of("short") is None


def test_a_copy_shares_nothing_and_drops_the_outcome() -> None:
    p = Profile("c", done=[["2026-11-02", "a"]], browse=Place("walk", "touch_map", 1), names=["Sam"], outcome="x")
    draft = p.copy()
    draft.done[0][1] = "b"
    draft.browse = Place("round", "2026-11-02/ab12cd34", 2)
    draft.names.append("Alex")
    assert p.done == [["2026-11-02", "a"]] and p.browse == Place("walk", "touch_map", 1) and p.names == ["Sam"]
    assert draft.outcome == "" and p.outcome == "x" and draft.couple_id == "c"
    assert p.copy().browse == Place("walk", "touch_map", 1) and p.copy().done == [["2026-11-02", "a"]]


def test_dates_read_back() -> None:
    p = Profile("c", last_active="2026-11-03", last_rest="2026-11-02", longest=4, streak=2)
    assert p.streak_state() == Streak(2, 4, day(1), day(0))
    assert Profile("c").streak_state() == Streak()


# -- merging a joining account into the shared couple ------------------------------------------------


def test_merge_keeps_the_livelier_streak_and_extends_it_with_the_other_sides_days() -> None:
    base = Profile("shared", streak=3, longest=5, last_active="2026-11-04", done=[["2026-11-04", "a"]])
    joining = Profile("solo", streak=1, longest=7, last_active="2026-11-05", done=[["2026-11-05", "b"]])
    merged = merge_profiles(base, joining, day(3))
    assert (merged.streak, merged.longest, merged.last_active) == (4, 7, "2026-11-05")
    # Seen two days later, base's streak is over and the joining side's is alive: it leads.
    merged = merge_profiles(base, joining, day(5))
    assert (merged.streak, merged.longest, merged.last_active) == (1, 7, "2026-11-05")
    assert merged.done == [["2026-11-04", "a"], ["2026-11-05", "b"]]
    # The other way round: the joining side is livelier today.
    base = Profile("shared", streak=2, longest=2, last_active="2026-10-20", done=[["2026-10-20", "a"]])
    joining = Profile("solo", streak=2, longest=2, last_active="2026-11-05", last_rest="2026-11-03")
    merged = merge_profiles(base, joining, day(4))
    assert (merged.streak, merged.last_active, merged.last_rest) == (2, "2026-11-05", "2026-11-03")
    # The record of either side is kept.
    base = Profile("shared", streak=2, longest=9, last_active="2026-11-04")
    assert merge_profiles(base, Profile("solo", longest=4), day(4)).longest == 9
    ended = Profile("shared", streak=2, longest=9, last_active="2026-10-01")  # over; the joining side leads
    alive = Profile("solo", streak=3, longest=4, last_active="2026-11-05")
    assert merge_profiles(ended, alive, day(4)).longest == 9
    # A tie: the shared couple's streak leads, with its rest day.
    base = Profile("shared", streak=2, longest=2, last_active="2026-11-04", last_rest="2026-11-03")
    joining = Profile("solo", streak=2, longest=2, last_active="2026-11-04")
    assert merge_profiles(base, joining, day(2)).last_rest == "2026-11-03"
    # Equal today: the later last day leads.
    base = Profile("shared", streak=0, last_active=None)
    joining = Profile("solo", streak=0, longest=3, last_active="2026-10-01")
    assert merge_profiles(base, joining, day(4)).longest == 3


def test_merge_keeps_two_weeks_of_both_sides_and_the_latest_of_each_practice() -> None:
    base = Profile(
        "s",
        done=[["2026-10-01", "old"], ["2026-11-03", "a"]],
        last_done={"a": "2026-11-03", "c": "2026-10-01", "e": "2026-10-02"},
    )
    joining = Profile(
        "j",
        done=[["2026-11-04", "b"], ["2026-11-03", "a"]],
        last_done={"a": "2026-11-01", "b": "2026-11-04", "c": "2026-11-02"},
    )
    merged = merge_profiles(base, joining, day(4))
    assert merged.done == [["2026-11-03", "a"], ["2026-11-04", "b"]]
    assert merged.last_done == {"a": "2026-11-03", "b": "2026-11-04", "c": "2026-11-02", "e": "2026-10-02"}
    assert merge_profiles(Profile("s"), Profile("j"), day(0)).done == []
    future = Profile("j", done=[["2026-11-30", "x"], ["2026-11-17", "y"], ["2026-11-16", "z"]])
    assert merge_profiles(Profile("s"), future, day(0)).done == [["2026-11-17", "y"], ["2026-11-30", "x"]]


def test_merge_takes_the_later_pick_the_known_zone_and_repoints_voices() -> None:
    base = Profile("s", tonight_date="2026-11-03", tonight="a", names=["Sam", "Alex"], voices={"p0": 1})
    joining = Profile(
        "j",
        tonight_date="2026-11-04",
        tonight="b",
        time_zone="Europe/Paris",
        time_zone_checked="2026-11-01",
        names=["Alex", "Sam", "Kim"],
        voices={"p2": 0, "p3": 2, "p1": 1, "p4": 5, "p5": 3},
    )
    merged = merge_profiles(base, joining, day(4))
    assert (merged.tonight_date, merged.tonight) == ("2026-11-04", "b")
    assert (merged.time_zone, merged.time_zone_checked) == ("Europe/Paris", "2026-11-01")
    assert merged.voices == {"p0": 1, "p1": 0, "p2": 1}  # Alex is base's second name; Kim is no one here
    assert merged.names == ["Sam", "Alex"] and merged.couple_id == "s"
    zoned = Profile("s", time_zone="America/Chicago", time_zone_checked="2026-10-01", tonight_date="2026-11-05")
    merged = merge_profiles(zoned, joining, day(4))
    assert (merged.time_zone, merged.time_zone_checked) == ("America/Chicago", "2026-10-01")
    assert merged.tonight_date == "2026-11-05"
    same_evening = Profile("s", tonight_date="2026-11-04", tonight="a")
    assert merge_profiles(same_evening, joining, day(4)).tonight == "a"  # a tie: the shared couple's
    assert merge_profiles(Profile("s"), joining, day(4)).tonight == "b"
    unnamed = merge_profiles(Profile("s", voices={"old": 0}), joining, day(4))
    assert unnamed.names == ["Alex", "Sam", "Kim"] and unnamed.voices == {"p2": 0, "p3": 2, "p1": 1}
    assert merge_profiles(Profile("s", tonight="a"), Profile("j", tonight="b"), day(4)).tonight == "a"


# -- tonight's pick, the week, gratitude, the evening ------------------------------------------------

PRACTICES = load_catalogue().practices


def test_the_pick_avoids_what_was_done_lately_and_suggested_recently() -> None:
    ids = [p.id for p in PRACTICES]
    p = Profile("c", done=[[day(4).isoformat(), ids[0]], [day(3).isoformat(), ids[1]], [day(2).isoformat(), ids[2]]])
    assert done_lately(p, day(4)) == {ids[0], ids[1]} and done_today(p, day(4)) == {ids[0]}
    p.recent = ids[3:6]
    p.last_done = {i: "2026-10-01" for i in ids[6:]}
    seen = {pick(PRACTICES, p, set(), random.Random(seed), day(4)).id for seed in range(40)}
    assert seen == {ids[2]}  # the only one neither done lately, recent, nor done before
    everything_recent = Profile("c", recent=ids, done=[[day(4).isoformat(), i] for i in ids[1:]])
    assert pick(PRACTICES, everything_recent, set(), random.Random(1), day(4)).id == ids[0]
    all_done = Profile("c", done=[[day(4).isoformat(), i] for i in ids])
    assert pick(PRACTICES, all_done, set(), random.Random(1), day(4)).id in ids


def test_the_pick_gives_way_in_order_recent_then_avoided_then_lately() -> None:
    ids = [p.id for p in PRACTICES]
    rest = set(ids[2:])
    p = Profile("c", recent=[ids[0]], done=[[day(4).isoformat(), ids[1]]])
    assert pick(PRACTICES, p, rest, random.Random(3), day(4)).id == ids[0]  # recent gives way first
    others = set(ids) - {ids[1]}
    p = Profile("c", recent=[ids[1]])
    assert pick(PRACTICES, p, others, random.Random(3), day(4)).id == ids[1]
    p = Profile("c", done=[[day(3).isoformat(), ids[1]]])
    assert pick(PRACTICES, p, others, random.Random(3), day(4)).id in others  # then what was asked to avoid
    p = Profile("c", last_done={ids[0]: "2026-11-01"})
    assert pick(PRACTICES, p, rest, random.Random(3), day(4)).id == ids[1]  # never done before wins
    p = Profile("c", last_done={i: "2026-11-01" for i in ids} | {ids[3]: "2026-10-01"})
    assert pick(PRACTICES, p, set(), random.Random(3), day(4)).id == ids[3]  # else the longest ago


def test_a_week_is_the_last_seven_evenings() -> None:
    w = Week.ending(day(9))
    assert (w.first, w.last) == (day(3), day(9))
    assert Week.ending(day(9), weeks_back=1) == Week(day(-4), day(2))
    assert w.holds(day(3).isoformat()) and w.holds(day(9).isoformat())
    assert not w.holds(day(2).isoformat()) and not w.holds(day(10).isoformat())
    assert w.longest_run({day(n).isoformat() for n in (3, 4, 6, 7, 8, 10)}) == 3


def test_gratitudes_between_two_evenings_oldest_first() -> None:
    at = datetime(2026, 11, 2, tzinfo=UTC)
    entries = [
        Gratitude("A", "B", "w", at, "r", 1, key="k3", said_on="2026-11-04"),
        Gratitude("A", "B", "w", at, "r", 1, key="k1", said_on="2026-11-02"),
        Gratitude("A", "B", "w", at, "r", 1, key="k0", said_on="2026-11-01"),
        Gratitude("A", "B", "w", at, "r", 1, key="k5", said_on="2026-11-05"),
    ]
    assert [e.key for e in said_between(entries, day(0), day(2))] == ["k1", "k3"]
    assert "w" not in repr(entries[0]) and "A" not in repr(entries[0])


@pytest.mark.parametrize(
    ("local", "evening"),
    [((20, 0), 0), ((3, 59), -1), ((4, 0), 0), ((0, 30), -1), ((23, 59), 0)],
)
def test_an_evening_runs_from_four_to_four(local: tuple[int, int], evening: int) -> None:
    moment = datetime(2026, 11, 3, *local, tzinfo=ZoneInfo("America/New_York"))
    assert evening_of(moment) == day(1 + evening)
    assert evening_at(moment.astimezone(UTC), ZoneInfo("America/New_York")) == day(1 + evening)


def test_an_answer_never_shows_its_words() -> None:
    assert repr(Answer("0123456789abcdef", "the lake at dawn")) == "Answer(account=01234567...)"
