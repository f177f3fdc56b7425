"""One evening, from 4 a.m. to 4 a.m. (skill/domain/evening.py), for every feature: a practice
finished after midnight counts for the evening it began in, tonight's pick and "already did it"
hold until the couple goes to bed, and the week counts the same evenings."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue
from skill.core.settings import Settings
from skill.domain.evening import evening_clock, evening_of
from skill.store.couples import CoupleStore

from support.alexa import Conversation
from support.evenings import at, named
from support.gratitude import GRATITUDE_WORDS, YOU, entries, evening, grateful, with_names

FRIDAY, SATURDAY, SUNDAY, MONDAY, TUESDAY = 4, 5, 6, 7, 8  # days after Mon 2 Nov 2026


@pytest.mark.parametrize(
    ("local", "evening"),
    [
        (datetime(2026, 11, 7, 23, 40), "2026-11-07"),
        (datetime(2026, 11, 8, 0, 9), "2026-11-07"),
        (datetime(2026, 11, 8, 3, 59), "2026-11-07"),
        (datetime(2026, 11, 8, 4, 0), "2026-11-08"),
        (datetime(2026, 11, 8, 4, 30), "2026-11-08"),
        (datetime(2026, 11, 8, 12, 0), "2026-11-08"),
    ],
)
def test_an_evening_runs_from_four_to_four(local: datetime, evening: str) -> None:
    assert evening_of(local).isoformat() == evening


def test_one_evenings_clock_sorts_past_midnight_after_the_evening() -> None:
    late, later = evening_clock(datetime(2026, 11, 7, 23, 40)), evening_clock(datetime(2026, 11, 8, 0, 30))
    assert late[0] == later[0] and late[1] < later[1]
    assert later[1] == time(20, 30)


def test_a_practice_at_half_past_midnight_counts_for_the_evening_before(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", at(0, 21))
    after_midnight = c.one_shot("CompletedExerciseIntent", at(1, 0, 30))
    assert "already practised" in after_midnight and "1 day" in after_midnight, after_midnight
    new_day = c.one_shot("CompletedExerciseIntent", at(1, 4, 30))
    assert "2 days" in new_day and "already" not in new_day, new_day


def test_saturday_night_past_midnight_keeps_the_streak(client: FlaskClient, catalogue: Catalogue) -> None:
    """The issue's evening: Friday; Saturday begun 23:40 and finished 00:09; Sunday; Monday off;
    Tuesday. Four evenings with one rest day: the streak carries on at four."""
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", at(FRIDAY, 21))
    offered = c.one_shot("TonightsExerciseIntent", at(SATURDAY, 23, 40))
    c.say("AMAZON.YesIntent", at(SATURDAY, 23, 41))
    saturday = c.one_shot("CompletedExerciseIntent", at(SUNDAY, 0, 9))
    assert "rest day" not in saturday and "2 days" in saturday, saturday
    assert catalogue.practice(named(offered, catalogue)) is not None
    sunday = c.one_shot("CompletedExerciseIntent", at(SUNDAY, 21))
    assert "already" not in sunday and "3 days" in sunday, sunday
    tuesday = c.one_shot("CompletedExerciseIntent", at(TUESDAY, 21))
    assert "fresh streak" not in tuesday and "4 days" in tuesday and "rest day" in tuesday, tuesday


def test_tonights_pick_and_already_done_hold_past_midnight(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    first = named(c.one_shot("TonightsExerciseIntent", at(SATURDAY, 23, 40)), catalogue)
    again = named(c.one_shot("TonightsExerciseIntent", at(SUNDAY, 0, 20)), catalogue)
    assert again == first
    c.say("AMAZON.YesIntent", at(SUNDAY, 0, 21))
    c.one_shot("CompletedExerciseIntent", at(SUNDAY, 0, 50))
    later = c.one_shot("TonightsExerciseIntent", at(SUNDAY, 1, 10))
    assert "done for" in later and named(later.split(".", 1)[1], catalogue) != first, later


def test_the_week_counts_an_evening_that_ran_past_sunday_midnight(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", at(SUNDAY, 22))
    week = c.one_shot("WeeklySummaryIntent", at(MONDAY, 0, 30))
    assert "1 day" in week or "one day" in week.lower(), week


def test_a_round_paused_before_midnight_goes_on_after_it(
    client: FlaskClient, store: CoupleStore, settings: Settings
) -> None:
    c = Conversation(client)
    with_names(store, c)
    c.one_shot("StartGratitudeRoundIntent", evening(0, 23, 50), each="1")
    grateful(c, GRATITUDE_WORDS[0], evening(0, 23, 51))
    c.say("AMAZON.PauseIntent", evening(0, 23, 52))
    said = c.one_shot("ResumeGratitudeRoundIntent", evening(1, 0, 10))
    assert f"{YOU}, what" in said, said
    done = grateful(c, GRATITUDE_WORDS[1], evening(1, 0, 11))
    assert c.ended and "2 gratitudes" in done, done
    # Both are the evening's entries, in the order they were said, and the round counted once.
    assert [e.words for e in entries(store, settings, c)] == list(GRATITUDE_WORDS[:2])
    assert store.load_for_user(c.user_id).streak == 1
