"""The weekly summary: spoken and as a Standard card, over the couple's last seven evenings, from
DynamoDB Local."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from skill.domain.profile import Profile
from skill.domain.week import Week
from skill.store.couples import CoupleStore

from support.alexa import Conversation
from support.gratitude import GRATITUDE_WORDS, NY, PARTNER_NAMES, with_names
from support.today import MONDAY, coming_at, week_label

ME, YOU = PARTNER_NAMES


def day_at(day: int, hour: int = 20, minute: int = 30) -> datetime:
    """Local New York time; day 0 = a coming Monday (tests/support/today.py), so days 0..6 are one
    Monday-to-Sunday week."""
    return coming_at(MONDAY, hour, minute, NY) + timedelta(days=day)


def practise(c: Conversation, day: int, hour: int = 20, minute: int = 30) -> None:
    c.one_shot("TonightsExerciseIntent", day_at(day, hour, minute))
    c.one_shot("CompletedExerciseIntent", day_at(day, hour, minute + 1))


def gratitude_round(c: Conversation, day: int, words: tuple[str, ...], hour: int = 21, minute: int = 0) -> None:
    c.one_shot("StartGratitudeRoundIntent", day_at(day, hour, minute), each=str(len(words) // 2))
    for i, w in enumerate(words):
        c.say("GratitudeIntent", day_at(day, hour, minute) + timedelta(seconds=i + 1), gratitude=w)
    assert c.ended


def quiet_week(said: str, which: str) -> bool:
    return f"logged in {which}" in said and ("that's perfectly fine" in said or "that's okay" in said)


# The summary's suggestions: at most one an answer (issue 22).
SUGGESTIONS = ("maybe try", "could be a sweet next step", "lovely place to begin", "could be a good first one")


def suggestions(said: str) -> int:
    return sum(said.count(s) for s in SUGGESTIONS)


def card_text(c: Conversation) -> str:
    card = c.card
    assert card is not None and card["type"] == "Standard"
    return f"{card['title']}\n{card['text']}"


def test_an_empty_week_encourages_and_suggests(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("WeeklySummaryIntent", day_at(2))
    assert quiet_week(said, "the last seven evenings")
    assert " 0 " not in f" {said} " and "zero" not in said.lower()
    assert "would be a lovely place to begin" in said or "could be a good first one" in said
    assert suggestions(said) == 1
    assert said.count("?") == 1 and said.endswith("?")  # one question, the last sentence
    assert week_label(day_at(2).date() - timedelta(days=6)) in card_text(c)  # the seven evenings up to Wednesday's


def test_a_full_week(client: FlaskClient, store: CoupleStore, catalogue: Catalogue) -> None:
    c = Conversation(client)
    with_names(store, c)
    for day in range(6):
        practise(c, day)
    gratitude_round(c, 6, GRATITUDE_WORDS[:2])
    said = c.one_shot("WeeklySummaryIntent", day_at(6, 22))
    assert "practised on 7 of them" in said
    assert "7 practices" in said and "including" in said
    named = said.split("including", 1)[1].split(".")[0]
    assert sum(p.name in named for p in catalogue.practices) == 2  # seven done, two named (spoken length)
    assert "Your streak is 7 days, your longest yet" in said
    assert "2 gratitudes" in said
    assert any(" ".join(w.split()[:8]) in said for w in GRATITUDE_WORDS[:2])
    assert f"from {ME}:" in said or f"from {YOU}:" in said or " shared: " in said
    assert suggestions(said) == 0  # a full week with gratitudes needs no nudge
    assert said.endswith("?") and said.count("?") == 1 and not c.ended
    text = card_text(c)
    assert "Active days: 7 of 7" in text and "Gratitudes shared: 2" in text and "to try" not in text


def test_the_read_back_gratitude_rotates(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c)
    gratitude_round(c, 1, GRATITUDE_WORDS[:4])
    heard = []
    for minute in range(4):
        said = c.one_shot("WeeklySummaryIntent", day_at(2, 20, minute))
        heard.append(next(w for w in GRATITUDE_WORDS[:4] if w in said))
    assert len(set(heard)) == 4, heard


def test_the_summary_writes_nothing_and_still_reads_back_another_gratitude_the_next_evening(
    client: FlaskClient, store: CoupleStore
) -> None:
    """The read-back rotates with the time of asking, so hearing the week costs no write: the same
    time on the next evening reads back the other gratitude of the round."""
    c = Conversation(client)
    with_names(store, c)
    gratitude_round(c, 1, GRATITUDE_WORDS[:2])
    version = store.load_for_user(c.user_id).version
    heard = []
    for day in (2, 3):
        said = c.one_shot("WeeklySummaryIntent", day_at(day, 20, 0))
        heard.append(next(w for w in GRATITUDE_WORDS[:2] if " ".join(w.split()[:6]) in said))
    assert store.load_for_user(c.user_id).version == version
    assert heard[0] != heard[1]


def test_last_week_by_yes_or_by_asking(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c)
    practise(c, 3)
    gratitude_round(c, 4, GRATITUDE_WORDS[:2])
    later = 11  # a Friday: the last seven evenings are the Saturday before to this Friday
    said = c.one_shot("WeeklySummaryIntent", day_at(later))
    assert quiet_week(said, "the last seven evenings")
    said = c.say("AMAZON.YesIntent", day_at(later))
    assert "practised on 2 of them" in said and "2 gratitudes" in said and c.ended
    assert f"The week before: {week_label(day_at(later - 13).date())}" in card_text(c)
    said = c.one_shot("LastWeekSummaryIntent", day_at(later + 1))
    assert "practised on 2 of them" in said


def test_the_seven_evenings_turn_over_at_four_in_the_morning(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c)
    # Sunday 23:50 in New York is already Monday 04:50 UTC: it still belongs to Sunday's (local) evening.
    gratitude_round(c, 6, GRATITUDE_WORDS[:2], hour=23, minute=50)
    said = c.one_shot("WeeklySummaryIntent", day_at(6, 23, 58))
    assert "practised on 1 of them" in said and "2 gratitudes" in said
    # A week on, past midnight, it is still the next Sunday's evening: the round is the oldest of seven.
    said = c.one_shot("WeeklySummaryIntent", day_at(13, 0, 10))
    assert "practised on 1 of them" in said and "2 gratitudes" in said
    # From 4 a.m. a new evening has begun; the round belongs to the week before.
    said = c.one_shot("WeeklySummaryIntent", day_at(13, 4, 10))
    assert quiet_week(said, "the last seven evenings")
    said = c.say("AMAZON.YesIntent", day_at(13, 4, 10))
    assert "practised on 1 of them" in said and "2 gratitudes" in said


def test_monday_morning_on_a_six_day_streak_hears_the_evenings_just_lived(client: FlaskClient) -> None:
    """Issue 22: at 08:10 on a Monday, a couple six evenings into a streak heard "Nothing logged this
    week yet ... could be a good first one"."""
    c = Conversation(client)
    for day in range(1, 7):  # Tuesday to Sunday
        practise(c, day)
    said = c.one_shot("WeeklySummaryIntent", day_at(7, 8, 10))
    assert "Nothing" not in said and "first one" not in said and "begin" not in said
    assert "start" not in said.lower()  # never told to start while they have a streak
    assert "practised on 6 of them" in said and "Your streak is 6 days" in said


def test_one_suggestion_at_most_and_only_when_it_helps(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c)
    practise(c, 0)
    practise(c, 1)
    said = c.one_shot("WeeklySummaryIntent", day_at(1, 22))  # two evenings, no gratitudes: one nudge
    assert suggestions(said) == 1, said
    said = c.say("AMAZON.YesIntent", day_at(1, 22))  # the week before: the past takes no suggestion
    assert suggestions(said) == 0, said
    for day in (2, 3, 4):
        practise(c, day)
    gratitude_round(c, 4, GRATITUDE_WORDS[:2])
    said = c.one_shot("WeeklySummaryIntent", day_at(4, 22))  # five evenings and gratitudes: none needed
    assert suggestions(said) == 0, said


def test_last_weeks_summary_gives_last_weeks_figures(client: FlaskClient) -> None:
    """Issue 22: "Here's last week ... Your streak is 2 days" gave today's streak inside last week."""
    c = Conversation(client)
    practise(c, 0)
    for day in (8, 9, 10):
        practise(c, day)
    said = c.one_shot("LastWeekSummaryIntent", day_at(10, 22))
    assert "practised on 1 of them" in said
    assert "streak" not in said.lower() and "Current streak" not in card_text(c)


def test_a_record_streak_is_called_out_only_when_it_is_one(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)

    def history(p: Profile) -> bool:  # a four-day run that ended a while ago
        p.longest = 4
        return True

    store.update(store.load_for_user(c.user_id), history)
    for day in (0, 1, 2):
        practise(c, day)
    said = c.one_shot("WeeklySummaryIntent", day_at(2, 22))
    assert "Your streak is 3 days." in said and "longest" not in said
    for day in (3, 4):
        practise(c, day)
    said = c.one_shot("WeeklySummaryIntent", day_at(4, 22))
    assert "Your streak is 5 days, your longest yet" in said


def test_a_summary_reads_the_couple_once(app: Flask, store: CoupleStore) -> None:
    # The profile and the week's gratitudes come back in one Query, whatever the history behind them.
    c = Conversation(app.test_client())
    with_names(store, c)
    for day in range(-20, 0):
        practise(c, day)
    gratitude_round(c, -5, GRATITUDE_WORDS[2:4])  # last week: must not be counted as this week's
    gratitude_round(c, 2, GRATITUDE_WORDS[:2])
    reads: list[str] = []
    client = app.extensions["close_together"]["store"].client
    handler = lambda model, **_: reads.append(model.name) if model.name in READS else None  # noqa: E731
    client.meta.events.register("before-call.dynamodb", handler)
    try:
        said = c.one_shot("WeeklySummaryIntent", day_at(3, 22))
    finally:
        client.meta.events.unregister("before-call.dynamodb", handler)
    assert reads == ["Query"]
    assert "2 gratitudes" in said and any(w in said for w in GRATITUDE_WORDS[:2])
    said = c.say("AMAZON.YesIntent", day_at(3, 22, 31))  # and last week, from the same kind of read
    assert "2 gratitudes" in said and any(w in said for w in GRATITUDE_WORDS[2:4])


READS = {"GetItem", "Query", "BatchGetItem", "Scan"}


def test_a_week_is_seven_evenings_and_an_earlier_one_shows_its_own_longest_run() -> None:
    week = Week.ending(date(2026, 11, 23), weeks_back=1)  # asked on Monday 23 November
    assert (week.first, week.last) == (date(2026, 11, 10), date(2026, 11, 16))
    active = {f"2026-11-{d}" for d in (9, 10, 11, 13, 14, 15, 17)}  # the 9th and 17th lie outside
    assert week.longest_run(active) == 3 and week.longest_run(set()) == 0
