"""Languages: the loader holds every language to English's shape (a broken copy in a temporary folder
is refused, naming language, file and key), locale overlays, and a request's locale choosing the
words. The runtime half speaks a made-up second language ("de", English words with "Hallo!" in front,
a 24-hour clock, German day letters), so locale routing is proven whatever languages content/ holds;
tests/test_every_language.py runs the real ones."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from content.languages import check_parity, language_of, load_languages, read_languages
from content.loader import ROOT, load_catalogue
from content.schema import ContentError, Languages
from devtools.alexa_apis import RemindersApi
from devtools.envelopes import on_screen
from intents.finding import find_practice
from skill.app import create_app
from skill.core.settings import Settings

from support.alexa import Conversation
from support.couples import coming, link
from support.reminding import Device
from support.speaking import ALL_LOCALES, LANGUAGES

HELLO = "Hallo!"  # what the made-up language says before every phrase (and "Guten Tag!" by day)
AT = datetime.combine(coming(2), datetime.min.time().replace(hour=20, minute=30), ZoneInfo("America/New_York"))


def _dump(data: dict[str, Any]) -> str:
    """TOML for the content files' shapes: keys to texts, lists, numbers, part-of-day tables, and
    arrays of tables. (JSON strings and arrays are TOML's too.)"""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for table in value:
                lines.append(f"[[{key}]]")
                lines += [f"{k} = {json.dumps(v)}" for k, v in table.items()]
        elif isinstance(value, dict):
            lines += [f"{key}.{json.dumps(k)} = {json.dumps(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def _edit(path: Path, change: Callable[[dict[str, Any]], object]) -> None:
    data = tomllib.loads(path.read_text())
    change(data)
    path.write_text(_dump(data))


def _hello(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _hello(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hello(v) for v in value]
    return f"{HELLO} {value}"


def made_up(tmp_path: Path) -> Path:
    """content/ with English and a made-up "de" (de-DE, de-AT): English's shape, words marked."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "en", root / "en", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copytree(ROOT / "en", root / "de", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (root / "languages.toml").write_text(
        '[en]\nlocales = ["en-US", "en-GB"]\nvoice = "en"\n\n[de]\nlocales = ["de-DE", "de-AT"]\nvoice = "de"\n'
    )
    for path in (root / "de" / "phrases").glob("*.toml"):
        _edit(path, lambda d: d.update({k: _hello(v) for k, v in d.items()}))
    _edit(
        root / "de" / "questions.toml",
        lambda d: [g.update(questions=[f"Hallo, {q}" for q in g["questions"]]) for g in d["question_group"]],
    )
    (root / "de" / "language.toml").write_text(
        'clock = "24h"\nand = "und"\n\n[daytime]\n"Hallo!" = "Guten Tag!"\n\n[time_words]\n"at 13" = "at thirteen"\n'
        '\n[dates]\nmonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",'
        ' "Oktober", "November", "Dezember"]\nday = "{day}. {month}"\n'
    )

    def screens(d: dict[str, Any]) -> None:
        d["week"].update(
            day_letters="Mo Di Mi Do Fr Sa So", strip_streak="{streak} TAGE IN FOLGE", heading="Deine Woche"
        )
        d["practice"].update(offer_heading="Heute Abend")

    _edit(root / "de" / "screens.toml", screens)
    return root


def refused(root: Path) -> str:
    with pytest.raises(ContentError) as err:
        load_languages(root)
    return str(err.value)


# -- the loader ------------------------------------------------------------------------------------


def test_a_language_of_english_shape_loads_with_its_own_words(tmp_path: Path) -> None:
    languages = load_languages(made_up(tmp_path))
    german, english = languages.for_locale("de-DE"), languages.for_locale("en-GB")
    assert (german.language, german.locale, german.clock, german.list_and) == ("de", "de-DE", "24h", "und")
    assert english.language == "en" and english.clock == "12h"
    assert german.phrases.variants["walk_step"] == (f"{HELLO} Step {{number}}.",)
    assert german.screens["week"].labels["day_letters"] == "Mo Di Mi Do Fr Sa So"
    assert languages.for_locale("fr-FR").locale == languages.for_locale(None).locale == "en-US"


def _drop_phrase(root: Path) -> None:
    _edit(root / "de" / "phrases" / "guide.toml", lambda d: d.pop("walk_step"))


def _add_phrase(root: Path) -> None:
    _edit(root / "de" / "phrases" / "guide.toml", lambda d: d.update(walk_somewhere="Hallo!"))


def _lose_placeholder(root: Path) -> None:
    _edit(root / "de" / "phrases" / "guide.toml", lambda d: d.update(walk_step="Hallo! Der Schritt."))


def _unknown_placeholder(root: Path) -> None:
    _edit(root / "de" / "phrases" / "guide.toml", lambda d: d.update(walk_step="Schritt {nummer}."))


def _flatten_part_table(root: Path) -> None:
    _edit(root / "de" / "phrases" / "core.toml", lambda d: d.update(goodbye="Tschüss, ihr zwei."))


def _drop_practice(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        d["practice"] = [p for p in d["practice"] if p["id"] != "mirror_listening"]

    _edit(root / "de" / "practices.toml", change)


def _add_practice(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        extra = dict(d["practice"][0], id="evening_walk", name="the evening walk", title="Evening walk")
        d["practice"].append(dict(extra, synonyms=["a walk together"]))

    _edit(root / "de" / "practices.toml", change)


def _drop_step(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        first = d["practice"][0]
        for field in ("steps", "more", "step_minutes"):
            first[field] = first[field][:-1]

    _edit(root / "de" / "practices.toml", change)


def _change_minutes(root: Path) -> None:
    _edit(root / "de" / "practices.toml", lambda d: d["practice"][0].update(minutes=d["practice"][0]["minutes"] + 1))


def _rename_reason(root: Path) -> None:
    _edit(root / "de" / "reasons.toml", lambda d: d["reason"][0].update(id="a_reason_english_lacks"))


def _move_step_between_groups(root: Path) -> None:
    def change(d: dict[str, Any]) -> None:
        first, second = d["step_group"][0], d["step_group"][1]
        second["steps"] = [*second["steps"], first["steps"][-1]]
        first["steps"] = first["steps"][:-1]

    _edit(root / "de" / "guide.toml", change)


def _drop_question(root: Path) -> None:
    _edit(
        root / "de" / "questions.toml",
        lambda d: d["question_group"][0].update(questions=d["question_group"][0]["questions"][:-1]),
    )


def _drop_aside_kind(root: Path) -> None:
    path = root / "de" / "hearing" / "turns.toml"
    text = path.read_text()
    start = text.index('kind = "another"')
    path.write_text(text[: text.rindex("[[aside]]", 0, start)] + text[text.index("[[aside]]", start) :])


def _drop_label(root: Path) -> None:
    _edit(root / "de" / "screens.toml", lambda d: d["week"].pop("days_active"))


def _label_placeholder(root: Path) -> None:
    _edit(root / "de" / "screens.toml", lambda d: d["week"].update(days_active="Tage: sieben"))


def _no_language_file(root: Path) -> None:
    (root / "de" / "language.toml").unlink()


def _no_and(root: Path) -> None:
    (root / "de" / "language.toml").write_text('clock = "24h"\n\n[daytime]\n"Hallo!" = "Guten Tag!"\n')


def _no_dates(root: Path) -> None:
    path = root / "de" / "language.toml"
    path.write_text(path.read_text().split("\n[dates]")[0])


def _no_folder(root: Path) -> None:
    shutil.rmtree(root / "de")


def _overlay_unknown_key(root: Path) -> None:
    (root / "de-AT" / "phrases").mkdir(parents=True)
    (root / "de-AT" / "phrases" / "guide.toml").write_text('walk_onwards = "Servus!"\n')


def _overlay_other_placeholders(root: Path) -> None:
    (root / "de-AT" / "phrases").mkdir(parents=True)
    (root / "de-AT" / "phrases" / "guide.toml").write_text('walk_step = "Servus, der nächste Schritt."\n')


# Each way a language can differ from English: what is broken, and the words the refusal must name.
BREAKS: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "lacks a phrase": (_drop_phrase, ("de/phrases/", "walk_step", "missing")),
    "adds a phrase": (_add_phrase, ("de/phrases/guide.toml", "walk_somewhere")),
    "lacks a placeholder": (_lose_placeholder, ("de/phrases/", "walk_step", "placeholders")),
    "adds a placeholder": (_unknown_placeholder, ("de/phrases/guide.toml", "walk_step", "nummer")),
    "lacks a part-of-day table": (_flatten_part_table, ("de/phrases/", "goodbye", "part-of-day")),
    "lacks a practice": (_drop_practice, ("de/practices.toml", "mirror_listening")),
    "adds a practice": (_add_practice, ("de/practices.toml", "evening_walk", "not in English")),
    "lacks a step": (_drop_step, ("de/practices.toml", "daily_check_in.steps")),
    "other minutes": (_change_minutes, ("de/practices.toml", "daily_check_in.minutes")),
    "other reason id": (_rename_reason, ("de/reasons.toml", "reason")),
    "other step groups": (_move_step_between_groups, ("de/guide.toml", "step_group")),
    "lacks a question": (_drop_question, ("de/questions.toml", "question")),
    "lacks a hearing kind": (_drop_aside_kind, ("de/hearing/turns.toml", "aside")),
    "lacks a screen label": (_drop_label, ("de/screens.toml", "days_active", "missing")),
    "other label placeholders": (_label_placeholder, ("de/screens.toml", "days_active", "placeholders")),
    "no language.toml": (_no_language_file, ("de/language.toml", "missing")),
    "no folder": (_no_folder, ("de/", "missing")),
    "no word for and": (_no_and, ("de/language.toml", "and")),
    "no month names": (_no_dates, ("de/language.toml", "dates")),
    "overlay of an unknown key": (_overlay_unknown_key, ("de-AT/phrases/guide.toml", "walk_onwards")),
    "overlay with other placeholders": (_overlay_other_placeholders, ("de-AT/phrases/guide.toml", "walk_step")),
}


@pytest.mark.parametrize("name", BREAKS)
def test_a_language_unlike_english_is_refused_by_name(tmp_path: Path, name: str) -> None:
    root = made_up(tmp_path)
    load_languages(root)  # whole, it loads: the break below is what is refused
    breaking, named = BREAKS[name]
    breaking(root)
    message = refused(root)
    assert all(word in message for word in named), message


def test_a_locale_overlay_changes_only_its_own_locale(tmp_path: Path) -> None:
    root = made_up(tmp_path)
    (root / "de-AT" / "phrases").mkdir(parents=True)
    (root / "de-AT" / "phrases" / "guide.toml").write_text('walk_step = "Servus, Schritt {number}."\n')
    languages = load_languages(root)
    assert languages.for_locale("de-AT").phrases.variants["walk_step"] == ("Servus, Schritt {number}.",)
    assert languages.for_locale("de-DE").phrases.variants["walk_step"] == (f"{HELLO} Step {{number}}.",)
    assert (
        languages.for_locale("de-AT").phrases.variants["goodbye"]
        == languages.for_locale("de-DE").phrases.variants["goodbye"]
    )


def test_every_locale_of_languages_toml_maps_to_its_language() -> None:
    languages = read_languages()
    assert next(iter(languages)) == "en" and "en-US" in languages["en"].locales
    for code, language in languages.items():
        for locale in language.locales:
            assert language_of(locale, languages) == code
    assert language_of("fr-FR", languages) == language_of(None, languages) == "en"
    assert set(ALL_LOCALES) == {loc for lang in LANGUAGES.values() for loc in lang.locales}


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"] or ["en"])
def test_each_language_in_content_is_of_english_shape(code: str) -> None:
    check_parity(load_catalogue(), load_catalogue(language=code))


# -- a request's locale chooses the words ---------------------------------------------------------


@pytest.fixture
def two_languages(tmp_path: Path) -> Languages:
    return load_languages(made_up(tmp_path))


PUBLIC = "https://skill.example.com"


@pytest.fixture
def bilingual(settings: Settings, two_languages: Languages) -> FlaskClient:
    with_url = Settings(
        table_name=settings.table_name,
        dynamodb_endpoint=settings.dynamodb_endpoint,
        verify_requests=False,
        default_time_zone="America/New_York",
        time_zone_lookup=False,
        public_url=PUBLIC,
    )
    return create_app({"SETTINGS": with_url, "CATALOGUE": two_languages, "TESTING": True}).test_client()


def test_each_partner_hears_tonights_question_in_their_own_locale(bilingual: FlaskClient) -> None:
    here = Conversation(bilingual, locale="en-US")
    there = Conversation(bilingual, device_id="amzn1.ask.device.LANG_B", locale="de-DE")
    link(here, there, AT, join_after=timedelta(0))
    asked_there = there.one_shot("TonightsQuestionIntent", AT)
    asked_here = here.one_shot("TonightsQuestionIntent", AT)
    assert asked_there.startswith(HELLO) and HELLO not in asked_here, (asked_here, asked_there)
    question = asked_here.rsplit(". ", 1)[-1]
    assert question.endswith("?") and f"Hallo, {question}" in asked_there, (asked_here, asked_there)
    # What one partner said is never translated: the other hears it as it was said.
    there.say("QuestionAnswerIntent", AT, answer="der See im Morgengrauen")
    here.say("QuestionAnswerIntent", AT, answer="our first trip together")
    revealed = here.say("AMAZON.YesIntent", AT)
    assert "der See im Morgengrauen" in revealed and HELLO not in revealed, revealed


def test_the_hour_changes_the_words_of_each_language_by_its_own_table(bilingual: FlaskClient) -> None:
    morning = AT.replace(hour=8)
    said = Conversation(bilingual, locale="de-DE").launch(morning)
    assert said.startswith("Guten Tag!") and HELLO not in said, said
    evening = Conversation(bilingual, locale="de-DE").launch(AT)
    assert evening.startswith(HELLO) and "Guten Tag!" not in evening, evening


def test_a_reminder_is_set_in_the_requests_locale_on_its_clock(bilingual: FlaskClient) -> None:
    with RemindersApi() as api:
        german = Conversation(Device(bilingual, api, locale="de-DE"))
        said = german.one_shot("SetReminderIntent", AT, time="20:30")
        english = Conversation(Device(bilingual, api, locale="en-GB", token="token-lang-en"))
        said_en = english.one_shot("SetReminderIntent", AT, time="20:30")
        bodies = list(api.bodies.values())
    assert "20:30" in said and HELLO in said, said
    assert "8:30" in said_en and "20:30" not in said_en, said_en
    spoken = sorted((b["alertInfo"]["spokenInfo"]["content"][0] for b in bodies), key=lambda s: str(s["locale"]))
    assert [s["locale"] for s in spoken] == ["de-DE", "en-GB"], spoken
    assert spoken[0]["text"].startswith(HELLO) and not spoken[1]["text"].startswith(HELLO), spoken


def test_a_languages_time_words_mend_a_said_time(bilingual: FlaskClient) -> None:
    # The made-up language says "at 13" as "at thirteen" (as Spanish says "a las 1" as "a la 1"),
    # never before another digit: "at 130" would stay.
    with RemindersApi() as api:
        mended = Conversation(Device(bilingual, api, locale="de-DE")).one_shot("SetReminderIntent", AT, time="13:30")
        other = Conversation(Device(bilingual, api, locale="de-DE", token="t-2")).one_shot(
            "SetReminderIntent", AT, time="20:30"
        )
    assert "at thirteen:30" in mended and "at 13" not in mended, mended
    assert "at 20:30" in other, other


def test_an_unknown_locale_hears_english(bilingual: FlaskClient) -> None:
    said = Conversation(bilingual, locale="fr-FR").launch(AT)
    assert said and HELLO not in said, said


class Screen:
    """Posts as an Echo Show in a locale."""

    def __init__(self, client: FlaskClient, locale: str) -> None:
        self.client, self.locale = client, locale

    def post(self, path: str, *, data: bytes, content_type: str = "application/json") -> Any:
        env = json.loads(data)
        on_screen(env, {"mode": "HUB", "shape": "RECTANGLE", "pixelWidth": 960, "pixelHeight": 480, "dpi": 160})
        env["request"]["locale"] = self.locale
        return self.client.post(path, data=json.dumps(env).encode(), content_type=content_type)


def _render(c: Conversation) -> dict[str, Any]:
    found: dict[str, Any] = next(
        d for d in c.last["response"]["directives"] if d["type"] == "Alexa.Presentation.APL.RenderDocument"
    )
    return found


def test_screens_and_the_strip_speak_the_requests_language(bilingual: FlaskClient) -> None:
    german = Conversation(Screen(bilingual, "de-DE"))
    german.one_shot("TonightsExerciseIntent", AT)
    assert _render(german)["datasources"]["practice"]["heading"] == "Heute Abend"
    english = Conversation(Screen(bilingual, "en-US"))
    english.one_shot("TonightsExerciseIntent", AT)
    assert _render(english)["datasources"]["practice"]["heading"] == "Tonight"
    german.one_shot("CompletedExerciseIntent", AT)
    german.one_shot("WeeklySummaryIntent", AT + timedelta(minutes=5))
    assert _render(german)["datasources"]["week"]["heading"] == "Deine Woche"
    label = _render(german)["datasources"]["week"]["label"]  # the week's dates, in German month names
    assert any(f". {month}" in label for month in ("November", "Dezember", "Januar")), label
    letters = [day["letter"] for day in _render(german)["datasources"]["week"]["days"]]
    assert sorted(letters) == sorted(["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]), letters
    url = german.last["response"]["card"]["image"]["smallImageUrl"]
    assert url.startswith(PUBLIC) and url.endswith("-de.png"), url
    path = url.removeprefix(PUBLIC)
    german_png = bilingual.get(path)
    english_png = bilingual.get(path.replace("-de.png", ".png"))
    assert german_png.status_code == english_png.status_code == 200
    assert german_png.data != english_png.data  # other day letters, another streak line
    assert bilingual.get(path.replace("-de.png", "-en.png")).status_code == 404  # English has one path
    assert bilingual.get(path.replace("-de.png", "-fr.png")).status_code == 404


def test_a_step_named_by_its_number_in_the_languages_words(tmp_path: Path) -> None:
    english = load_catalogue()
    for heard in ("step five", "step number 5", "the fifth step", "5th step"):
        found = find_practice(english, None, heard)
        assert found is not None and found.number == 5 and found.kind == "step", heard
    root = made_up(tmp_path)
    language = root / "de" / "language.toml"
    language.write_text(
        language.read_text()
        + '\n[numbers]\ncounting = ["eins", "zwei", "drei", "vier", ["fünf", "fuenf"], "sechs", "sieben", "acht",'
        ' "neun", "zehn", "elf", "zwölf"]\nordinals = ["erste", "zweite", "dritte", "vierte", ["fünfte", "fünften"],'
        ' "sechste", "siebte", "achte", "neunte", "zehnte", "elfte", "zwölfte"]\n'
        "steps = ['^schritt (?:nummer )?(\\w+)$', '^(\\w+) schritt$']\n"
    )
    german = load_languages(root).for_locale("de-DE")
    for heard in ("Schritt fünf", "der fünfte Schritt", "schritt 5"):
        found = find_practice(german, None, heard)
        assert found is not None and found.number == 5, heard
    assert find_practice(german, None, "step five") is None  # English's words are English's
