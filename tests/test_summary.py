"""The weekly summary: spoken and as a Standard card, by the couple's local week, from DynamoDB Local."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from test_gratitude import GRATITUDE_WORDS, NY, PARTNER_NAMES, with_names

from content.schema import Catalogue
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore

from alexa import Conversation
from today import MONDAY, coming_at, week_label

ME, YOU = PARTNER_NAMES


def day_at(day: int, hour: int = 20, minute: int = 30) -> datetime:
    """Local New York time; day 0 = a coming Monday (tests/today.py), so days 0..6 are one Monday-to-Sunday week."""
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
    return f"logged {which}" in said and ("that's perfectly fine" in said or "that's okay" in said)


def card_text(c: Conversation) -> str:
    card = c.card
    assert card is not None and card["type"] == "Standard"
    return f"{card['title']}\n{card['text']}"


def test_an_empty_week_encourages_and_suggests(client: FlaskClient) -> None:
    c = Conversation(client)
    said = c.one_shot("WeeklySummaryIntent", day_at(2))
    assert quiet_week(said, "this week")
    assert " 0 " not in f" {said} " and "zero" not in said.lower()
    assert "would be a lovely place to begin" in said or "could be a good first one" in said
    assert said.count("?") == 1 and said.endswith("?")  # one question, the last sentence
    assert week_label(day_at(0).date()) in card_text(c)


def test_a_full_week(client: FlaskClient, store: CoupleStore, catalogue: Catalogue) -> None:
    c = Conversation(client)
    with_names(store, c)
    for day in range(6):
        practise(c, day)
    gratitude_round(c, 6, GRATITUDE_WORDS[:2])
    said = c.one_shot("WeeklySummaryIntent", day_at(6, 22))
    assert "active on 7 of seven days" in said
    assert "7 practices" in said and "including" in said
    named = said.split("including", 1)[1].split(".")[0]
    assert sum(p.name in named for p in catalogue.practices) == 2  # seven done, two named (spoken length)
    assert "Your streak is 7 days, your longest yet" in said
    assert "2 gratitudes" in said
    assert any(" ".join(w.split()[:8]) in said for w in GRATITUDE_WORDS[:2])
    assert f"from {ME}:" in said or f"from {YOU}:" in said or " shared: " in said
    assert "Next week" in said and said.endswith("?") and said.count("?") == 1 and not c.ended
    text = card_text(c)
    assert "Active days: 7 of 7" in text and "Gratitudes shared: 2" in text and "Next week's focus" in text


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
    next_week = 7
    said = c.one_shot("WeeklySummaryIntent", day_at(next_week + 1))
    assert quiet_week(said, "this week")
    said = c.say("AMAZON.YesIntent", day_at(next_week + 1))
    assert "active on 2 of seven days" in said and "2 gratitudes" in said and c.ended
    assert f"Last week: {week_label(day_at(0).date())}" in card_text(c)
    said = c.one_shot("LastWeekSummaryIntent", day_at(next_week + 2))
    assert "active on 2 of seven days" in said


def test_the_week_follows_local_midnight(client: FlaskClient, store: CoupleStore) -> None:
    c = Conversation(client)
    with_names(store, c)
    # Sunday 23:50 in New York is already Monday 04:50 UTC: it still belongs to this (local) week.
    gratitude_round(c, 6, GRATITUDE_WORDS[:2], hour=23, minute=50)
    said = c.one_shot("WeeklySummaryIntent", day_at(6, 23, 58))
    assert "active on 1 of seven days" in said and "2 gratitudes" in said
    # Ten minutes after local midnight a new week has begun; the round is last week's.
    said = c.one_shot("WeeklySummaryIntent", day_at(7, 0, 10))
    assert quiet_week(said, "this week")
    said = c.say("AMAZON.YesIntent", day_at(7, 0, 10))
    assert "active on 1 of seven days" in said and "2 gratitudes" in said


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
