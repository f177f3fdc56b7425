"""Words for the hour: no "tonight" before 5 p.m. in any phrase (offers, reprompts, help, tonight's
question, the guide), and every phrase said as written in the evening."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from content.schema import Catalogue, part_of_day

from support.alexa import Conversation, speech_text
from support.evenings import at
from support.speaking import REPRESENTATIVE, words

HOURS = (8, 14, 21)
TONIGHT = re.compile(r"\btonight", re.IGNORECASE)


def every_variant(catalogue: Catalogue, key: str, part: str) -> list[str]:
    phrases = catalogue.phrases
    count = len(phrases.by_part[key][part]) if phrases.by_time(key) else len(phrases.variants[key])
    return [phrases.said(key, None, part, i) for i in range(count)]


def evening_words(catalogue: Catalogue) -> re.Pattern[str]:
    """The language's "tonight" (its language.toml [daytime] words), as whole words in any case."""
    return re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(w) for w in sorted(catalogue.phrases.daytime, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )


@pytest.mark.parametrize("locale", [pytest.param(locale, id=code) for code, locale in REPRESENTATIVE.items()])
@pytest.mark.parametrize("hour", HOURS)
def test_every_phrase_says_tonight_only_in_the_evening(locale: str, hour: int) -> None:
    catalogue = words(locale)
    tonight = evening_words(catalogue)
    part = part_of_day(hour)
    said = {key: every_variant(catalogue, key, part) for key in catalogue.phrases.variants}
    with_tonight = sorted(key for key, texts in said.items() if any(tonight.search(t) for t in texts))
    if hour < 17:
        assert with_tonight == [], f"'tonight' at {hour}:00 in {with_tonight}"
    else:  # the evening keeps the words as written
        assert "launch_reprompt" in with_tonight, with_tonight
        assert catalogue.language != "en" or "streak_status" in with_tonight, with_tonight


@pytest.mark.parametrize("locale", [pytest.param(locale, id=code) for code, locale in REPRESENTATIVE.items()])
def test_no_question_of_the_bank_says_tonight(locale: str) -> None:
    """A question is said whole at any hour (it fills a placeholder, so "tonight" is never swapped):
    "a worry you'd like to share a little of tonight" was asked at 8 a.m. on the day the bank picked it."""
    catalogue = words(locale)
    tonight = evening_words(catalogue)
    assert [q.text for q in catalogue.questions if tonight.search(q.text)] == []


def heard(c: Conversation) -> str:
    """What the couple hears and reads: the answer, its reprompt and its card."""
    card = c.card or {}
    return " ".join([speech_text(c.last), c.reprompt, str(card.get("title", "")), str(card.get("content", ""))])


@pytest.mark.parametrize(("hour", "minute"), [(8, 5), (14, 30)])
def test_whats_our_streak_in_the_day_offers_todays_exercise(client: FlaskClient, hour: int, minute: int) -> None:
    c = Conversation(client)
    c.one_shot("CompletedExerciseIntent", at(0, 21))
    launch = c.launch(at(1, hour, minute))
    streak = c.say("StreakIntent", at(1, hour, minute))
    assert "today's" in launch and "today's exercise" in streak
    assert not TONIGHT.search(heard(c)), heard(c)


@pytest.mark.parametrize("hour", [8, 14])
def test_a_daytime_evening_never_hears_tonight(client: FlaskClient, hour: int) -> None:
    c = Conversation(client)
    turns = [
        ("launch", None),
        ("AMAZON.HelpIntent", {}),
        ("AMAZON.FallbackIntent", {}),
        ("AMAZON.YesIntent", {}),
        ("AMAZON.HelpIntent", {}),
        ("AMAZON.StopIntent", {}),
        ("StreakIntent", {}),
        ("TonightsQuestionIntent", {}),
        ("AMAZON.HelpIntent", {}),
        ("ExplainPracticeIntent", {"practice": "the touch map"}),
        ("WhyClosenessIntent", {}),
    ]
    for intent, slots in turns:
        if intent == "launch":
            c.launch(at(0, hour))
        elif c.ended or intent in ("StreakIntent", "ExplainPracticeIntent"):
            c.one_shot(intent, at(0, hour), **(slots or {}))
        else:
            c.say(intent, at(0, hour), **(slots or {}))
        assert not TONIGHT.search(heard(c)), (intent, heard(c))


def test_the_evening_still_says_tonight(client: FlaskClient) -> None:
    c = Conversation(client)
    assert "tonight's" in c.launch(at(0, 21))
