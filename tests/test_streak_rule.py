"""The streak rule on its own: consecutive days, one rest day in seven, fresh starts, the record."""

from datetime import date, timedelta

from skill.domain.streak import Streak, current, record_day

D0 = date(2026, 11, 2)


def run(*offsets: int) -> Streak:
    s = Streak()
    for off in offsets:
        s = record_day(s, D0 + timedelta(days=off))
    return s


def test_consecutive_days_grow_the_streak() -> None:
    assert run(0, 1, 2, 3).current == 4


def test_same_day_twice_counts_once() -> None:
    s = run(0, 1)
    assert record_day(s, D0 + timedelta(days=1)) == s
    assert run(0, 1, 1, 1).current == 2


def test_one_rest_day_does_not_break_it() -> None:
    s = run(0, 1, 3)  # day 2 missed
    assert s.current == 3
    assert s.last_rest == D0 + timedelta(days=2)


def test_second_rest_day_within_seven_starts_fresh() -> None:
    assert run(0, 1, 3, 4, 6).current == 1  # rests on day 2 and day 5: three days apart


def test_rest_days_seven_apart_are_both_fine() -> None:
    assert run(0, 1, 3, 4, 5, 6, 7, 8, 10).current == 9  # rests on day 2 and day 9


def test_two_missed_days_start_a_new_streak_and_keep_the_longest() -> None:
    s = run(0, 1, 2, 3, 6)
    assert (s.current, s.longest) == (1, 4)
    s = record_day(s, D0 + timedelta(days=7))
    assert (s.current, s.longest) == (2, 4)


def test_current_streak_as_seen_on_a_later_day() -> None:
    s = run(0, 1, 2)
    assert current(s, D0 + timedelta(days=2)) == 3  # done today
    assert current(s, D0 + timedelta(days=3)) == 3  # not yet today
    assert current(s, D0 + timedelta(days=4)) == 3  # one rest day: still alive
    assert current(s, D0 + timedelta(days=5)) == 0  # two missed days
    assert current(Streak(), D0) == 0


def test_a_day_earlier_than_the_last_one_changes_nothing() -> None:
    s = run(0, 1)
    assert record_day(s, D0) == s
