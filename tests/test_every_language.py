"""Everything that runs for English runs for each language of content/languages.toml: every locale
reaches its language's words, and in each language's representative locale the hour's words, the
gratitude round with names, the weekly summary, reminders (text, clock and locale), screens, the
strip's labels and tonight's question on two devices in two locales. What is heard is checked as the
locale's own phrases (tests/speaking.py), never as English words; the table-driven conversation map
and the spoken lengths run per language in tests/test_conversation_map.py and tests/test_spoken_length.py."""

from __future__ import annotations

import json
import re
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from devtools.alexa_apis import RemindersApi
from devtools.envelopes import on_screen
from intents.reminders import clock
from skill.alexa.strip import _GLYPHS, WIDTH, render

from support.alexa import Conversation
from support.couples import coming, link
from support.reminding import Device
from support.speaking import ALL_LOCALES, LANGUAGES, REPRESENTATIVE, heard_phrase, words

AT = datetime.combine(coming(3), time(20, 30), ZoneInfo("America/New_York"))
IN_EACH_LANGUAGE = [pytest.param(locale, id=code) for code, locale in REPRESENTATIVE.items()]


def one_question_last(said: str, ended: bool) -> bool:
    """An answer asks at most one question, last; one that ends the session asks none."""
    if ended:
        return "?" not in said
    return said.count("?") <= 1 and (said.endswith("?") or "?" not in said)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_every_locale_reaches_its_languages_words(client: FlaskClient, locale: str) -> None:
    catalogue = words(locale)
    assert (catalogue.locale, catalogue.language) == (
        locale,
        next(code for code, lang in LANGUAGES.items() if locale in lang.locales),
    )
    c = Conversation(client, locale=locale)
    said = c.launch(AT)
    assert heard_phrase("launch_new", said, locale), said
    assert one_question_last(said, c.ended), said


def test_a_locale_the_skill_does_not_speak_hears_english(client: FlaskClient) -> None:
    said = Conversation(client, locale="fr-FR").launch(AT)
    assert heard_phrase("launch_new", said, "en-US"), said


def _whole_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


@pytest.mark.parametrize("locale", IN_EACH_LANGUAGE)
def test_the_hours_words_in_each_language(client: FlaskClient, locale: str) -> None:
    daytime = words(locale).phrases.daytime
    morning = Conversation(client, locale=locale)
    said = morning.launch(AT.replace(hour=8))
    assert heard_phrase("launch_new", said, locale), said
    assert not [w for w in daytime if _whole_word(w, said)], said  # no "tonight" at 8 a.m.
    said = morning.say("AMAZON.StopIntent", AT.replace(hour=8))
    mornings = words(locale).phrases.by_part["goodbye"]["morning"]
    assert any(said.startswith(v.split("{")[0].strip()) for v in mornings), said  # the morning's goodbye
    assert not [w for w in daytime if _whole_word(w, said)], said


@pytest.mark.parametrize("locale", IN_EACH_LANGUAGE)
def test_a_gratitude_round_with_names_in_each_language(client: FlaskClient, locale: str) -> None:
    c = Conversation(client, locale=locale)
    c.one_shot("StartGratitudeRoundIntent", AT)
    said = c.say("PartnerNamesIntent", AT, first="Marisol", second="Teodoro")
    assert heard_phrase("grat_confirm_two", said, locale) and "Marisol" in said and "Teodoro" in said, said
    said = c.say("AMAZON.YesIntent", AT)
    assert heard_phrase("grat_start", said, locale) and heard_phrase("grat_ask", said, locale), said
    first = "Marisol" if "Marisol" in said else "Teodoro"
    said = c.say("GratitudeIntent", AT, gratitude="you make me laugh every morning")
    other = "Teodoro" if first == "Marisol" else "Marisol"
    assert other in said and one_question_last(said, c.ended), said


@pytest.mark.parametrize("locale", IN_EACH_LANGUAGE)
def test_the_weekly_summary_in_each_language(client: FlaskClient, locale: str) -> None:
    catalogue = words(locale)
    check_in = catalogue.practice("daily_check_in")
    assert check_in is not None
    c = Conversation(client, locale=locale)
    c.one_shot("StartPracticeIntent", AT, practice=check_in.name)
    said = c.one_shot("CompletedExerciseIntent", AT + timedelta(minutes=5))
    assert heard_phrase("completed_first_day", said, locale), said
    said = c.one_shot("WeeklySummaryIntent", AT + timedelta(days=1))
    assert heard_phrase("summary_days", said, locale) or heard_phrase("summary_days_named", said, locale), said
    assert one_question_last(said, c.ended), said


@pytest.mark.parametrize("locale", IN_EACH_LANGUAGE)
def test_a_reminder_in_each_language(client: FlaskClient, locale: str) -> None:
    catalogue = words(locale)
    with RemindersApi() as api:
        c = Conversation(Device(client, api), locale=locale)
        said = c.one_shot("SetReminderIntent", AT, time="20:30")
        bodies = list(api.bodies.values())
    assert heard_phrase("reminder_set", said, locale), said
    assert clock(time(20, 30), catalogue.clock) in said, said
    assert len(bodies) == 1
    spoken = bodies[0]["alertInfo"]["spokenInfo"]["content"]
    assert [s["locale"] for s in spoken] == [locale]
    assert spoken[0]["text"] in catalogue.phrases.variants["reminder_text"], spoken


class Screen:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def post(self, path: str, *, data: bytes, content_type: str = "application/json") -> Any:
        env = json.loads(data)
        on_screen(env, {"mode": "HUB", "shape": "RECTANGLE", "pixelWidth": 960, "pixelHeight": 480, "dpi": 160})
        return self.client.post(path, data=json.dumps(env).encode(), content_type=content_type)


@pytest.mark.parametrize("locale", IN_EACH_LANGUAGE)
def test_screens_in_each_language(client: FlaskClient, locale: str) -> None:
    labels = words(locale).screens
    c = Conversation(Screen(client), locale=locale)
    c.one_shot("TonightsExerciseIntent", AT)
    render_directive = next(
        d for d in c.last["response"]["directives"] if d["type"] == "Alexa.Presentation.APL.RenderDocument"
    )
    shown = render_directive["datasources"]["practice"]
    assert shown["heading"] == labels["practice"].labels["offer_heading"], shown
    assert shown["hint"] == labels["practice"].labels["hint_offer"], shown


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_strip_draws_each_languages_labels(code: str) -> None:
    labels = words(REPRESENTATIVE[code]).screens["week"].labels
    letters = labels["day_letters"].split()
    line = labels["strip_streak"].format(streak=9999)
    assert len(letters) == 7 and all(1 <= len(letter) <= 3 for letter in letters), letters
    drawn = set("".join(letters).upper() + line.upper())
    assert drawn <= set(_GLYPHS), drawn - set(_GLYPHS)
    assert (len(line) * 6 - 1) * 5 <= WIDTH, line  # the streak line fits the picture
    assert render("1010110", 9999, labels).startswith(b"\x89PNG")


def _pairs() -> list[Any]:
    """Each language beside English on two devices; English's two first locales when it is alone."""
    others = [locale for code, locale in REPRESENTATIVE.items() if code != "en"]
    english = LANGUAGES["en"].locales
    return [pytest.param(english[0], o, id=f"{english[0]}+{o}") for o in others or [english[1]]]


@pytest.mark.parametrize(("here", "there"), _pairs())
def test_tonights_question_on_two_devices_in_two_locales(client: FlaskClient, here: str, there: str) -> None:
    a = Conversation(client, locale=here)
    b = Conversation(client, device_id="amzn1.ask.device.LOCALES_B", locale=there)
    link(a, b, AT, join_after=timedelta(0))

    def asked(said: str, locale: str) -> str:
        found = [q.id for q in words(locale).questions if q.text in said]
        assert len(found) == 1, said
        return found[0]

    first = asked(b.one_shot("TonightsQuestionIntent", AT), there)
    assert asked(a.one_shot("TonightsQuestionIntent", AT + timedelta(minutes=1)), here) == first
    a.say("QuestionAnswerIntent", AT + timedelta(minutes=1), answer="the lake at dawn")
    b.one_shot("TonightsQuestionIntent", AT + timedelta(minutes=2))
    b.say("QuestionAnswerIntent", AT + timedelta(minutes=2), answer="unser erster Ausflug")
    revealed = b.say("AMAZON.YesIntent", AT + timedelta(minutes=2))
    # Each hears both answers as they were said: stored words are never translated.
    assert "the lake at dawn" in revealed and "unser erster Ausflug" in revealed, revealed
    assert heard_phrase("q_reveal", revealed, there) or heard_phrase("q_reveal_named", revealed, there), revealed
