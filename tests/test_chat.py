"""`make chat`: typed lines matched against the interaction model, sent as real envelopes, answers printed."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from devtools import chat, chat_ears, chat_match, chat_words, dynamodb_local, envelopes, replay

from conftest import ROOT, Served
from support.speaking import LANGUAGES, REPRESENTATIVE, heard_phrase, words

MODEL_DIR = ROOT / "deploy" / "skill-package" / "interactionModels" / "custom"

TOY_MODEL: dict[str, Any] = {
    "invocationName": "close together",
    "intents": [
        {
            "name": "GratitudeIntent",
            "slots": [{"name": "gratitude", "type": "AMAZON.SearchQuery"}],
            "samples": ["i'm grateful for {gratitude}", "thank you for {gratitude}"],
        },
        {
            "name": "BrowseIntent",
            "slots": [{"name": "practice", "type": "PracticeName"}],
            "samples": ["tell us about {practice}", "what is {practice}"],
        },
        {
            "name": "LinkIntent",
            "slots": [{"name": "code", "type": "AMAZON.NUMBER"}],
            "samples": ["our code is {code}", "link with code {code}"],
        },
        {
            "name": "PartnerIntent",
            "slots": [{"name": "partnerName", "type": "AMAZON.FirstName"}],
            "samples": ["my partner is {partnerName}"],
        },
        {"name": "AMAZON.YesIntent", "samples": []},
        {"name": "AMAZON.NoIntent", "samples": ["not tonight thanks"]},
        {"name": "AMAZON.NextIntent", "samples": []},
        {"name": "AMAZON.HelpIntent", "samples": []},
    ],
    "types": [
        {
            "name": "PracticeName",
            "values": [{"id": "mirror_listening", "name": {"value": "mirror listening", "synonyms": ["mirroring"]}}],
        }
    ],
}


def toy() -> Any:
    return chat_match.Matcher(TOY_MODEL)


def test_catch_all_slots_take_the_words_after_the_carrier_phrase() -> None:
    found = toy().match("I'm grateful for your patience tonight!")
    assert (found.intent, found.slots) == ("GratitudeIntent", {"gratitude": "your patience tonight"})
    assert toy().match("my partner is Sam").slots == {"partnerName": "sam"}


def test_custom_slot_values_resolve_to_their_id_and_synonyms_count() -> None:
    found = toy().match("tell us about mirroring")
    assert found is not None and found.resolved == {"practice": ("mirror_listening", "mirror listening")}
    body = envelopes.envelope(
        "intent", user_id="u", device_id="d", at=datetime.now(UTC), intent=found.intent, slots=chat.slots_of(found)
    )
    slot = body["request"]["intent"]["slots"]["practice"]
    assert slot["value"] == "mirroring"
    resolution = slot["resolutions"]["resolutionsPerAuthority"][0]
    assert resolution["status"]["code"] == "ER_SUCCESS_MATCH"
    assert resolution["values"][0]["value"] == {"name": "mirror listening", "id": "mirror_listening"}
    unknown = toy().match("tell us about the weather")
    assert unknown.resolved == {"practice": None}


def test_number_slots_are_digits_and_refuse_other_words() -> None:
    assert toy().match("our code is four two").slots == {"code": "6"}  # summed words, as a toy NUMBER
    assert toy().match("link with code 4821").slots == {"code": "4821"}
    assert toy().match("our code is banana") is None


def test_time_slots_are_filled_as_alexa_fills_amazon_time() -> None:
    assert chat_words.time_value("eight") == "08:00"  # Alexa hears a bare "eight" as the morning hour
    assert chat_words.time_value("half past nine pm") == "21:30"
    assert chat_words.time_value("eight in the evening") == "20:00"
    assert chat_words.time_value("evening") == "EV"
    assert chat_words.time_value("banana") is None


def test_builtin_intents_have_everyday_phrasings_but_model_samples_win() -> None:
    m = toy()
    assert m.match("yeah").intent == "AMAZON.YesIntent"
    assert m.match("Sure thing.").intent == "AMAZON.YesIntent"
    assert m.match("skip").intent == "AMAZON.NextIntent"
    assert m.match("what can I say").intent == "AMAZON.HelpIntent"
    assert m.match("not tonight thanks").intent == "AMAZON.NoIntent"
    assert m.match("stop") is None  # the toy model has no StopIntent, so Alexa could not hear one


def test_open_ask_and_tell_around_the_invocation_name() -> None:
    m = chat_match.Matcher.for_locale("en-GB")

    def heard(line: str) -> chat_match.Heard:
        found = chat_match.hear(m, line)
        assert found is not None, line
        return found

    assert heard("Alexa, open Close Together").kind == "launch"
    assert heard("start close together").kind == "launch"
    told = heard("Alexa, tell Close Together we did it")
    assert told.match is not None and (told.kind, told.one_shot, told.match.intent) == (
        "intent",
        True,
        "CompletedExerciseIntent",
    )
    asked = heard("ask close together to give us another one")
    assert asked.match is not None and (asked.one_shot, asked.match.intent) == (True, "AnotherExerciseIntent")
    assert heard("exit").kind == "end"
    assert chat_match.hear(m, "purple monkeys juggle slowly") is None


def test_no_match_lists_the_closest_samples() -> None:
    near = chat_match.Matcher.for_locale().closest("what's tonights exercise please")
    assert near[0] == ("TonightsExerciseIntent", "what's tonight's exercise please")  # with its everyday "please"


@pytest.mark.parametrize("path", sorted(MODEL_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_every_sample_in_every_locale_is_heard_as_its_own_intent(path: Path) -> None:
    """Whatever intents other conversations add, typing a sample reaches that intent."""
    model = json.loads(path.read_text())["interactionModel"]["languageModel"]
    matcher = chat_match.Matcher(model)
    for intent in model["intents"]:
        types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent["samples"]:

            def fill(ref: re.Match[str], types: dict[str, str] = types) -> str:
                slot_type = types.get(ref.group(1), "")
                if slot_type == "AMAZON.NUMBER":
                    return "three"
                if slot_type == "AMAZON.Ordinal":
                    return "third"
                if slot_type == "AMAZON.TIME":
                    return "eight"
                values = [t for t in model.get("types", []) if t["name"] == slot_type]
                return str(values[0]["values"][0]["name"]["value"]) if values else "something kind"

            typed = re.sub(r"\{(\w+)\}", fill, sample)
            found = matcher.match(typed)
            assert found is not None and found.intent == intent["name"], (sample, found)


def transcript(served: Served, state: Path, lines: list[str], *extra: str) -> str:
    out = io.StringIO()
    code = chat.main(
        ["--port", str(served.port), "--no-start", "--state-dir", str(state), *extra],
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
    )
    assert code == 0, out.getvalue()
    text: str = out.getvalue()
    return text


def test_a_whole_evening_from_the_terminal(served_skill: Served, tmp_path: Path) -> None:
    text = transcript(
        served_skill,
        tmp_path,
        [
            "open close together",
            "yes",
            "let's start",
            "we did it",
            "what's our streak",
            "purple monkeys juggle slowly",
            "help",
            "stop",
        ],
    )
    turns = text.split("you> ")[1:]
    assert "alexa: Welcome" in turns[0]  # a new couple (fresh ids)
    assert "reprompt:" in turns[0]
    # "yes" is only tonight's exercise because the launch's session attributes came back with it
    # The chat runs on the wall clock: before 5 p.m. in New York the card says "Today" (words for the hour).
    assert "-> AMAZON.YesIntent" in turns[1] and ("card: Tonight:" in turns[1] or "card: Today:" in turns[1])
    assert "-> StartExerciseIntent" in turns[2]
    assert "day one" in turns[3]
    assert "1 day" in turns[4] or "one day" in turns[4]
    assert "no intent matches" in turns[5] and "    [" in turns[5]  # the closest samples, with intents
    assert "-> AMAZON.HelpIntent" in turns[6]
    assert "(the skill closed the session)" in turns[7]
    assert "<speak>" not in text and "<break" not in text


def test_ids_persist_and_the_second_partner_has_their_own(served_skill: Served, tmp_path: Path) -> None:
    first = transcript(served_skill, tmp_path, ["tell close together we did it", "/who"])
    again = transcript(served_skill, tmp_path, ["/who"])
    second = transcript(served_skill, tmp_path, ["/who", "ask close together what's our streak"], "--partner", "2")
    ids = json.loads((tmp_path / "ids.json").read_text())
    assert ids["partner1"]["userId"] in first and ids["partner1"]["userId"] in again
    assert ids["partner2"]["userId"] in second and ids["partner1"]["userId"] not in second
    assert ids["partner1"]["deviceId"] != ids["partner2"]["deviceId"]
    assert "day one" in first and "day one" not in second  # partner 2 is a different Alexa account


def test_chat_starts_the_skill_when_nothing_answers_and_stops_it_after(tmp_path: Path) -> None:
    port, ddb_port = dynamodb_local.free_port(), dynamodb_local.free_port()
    env = {**os.environ, "DDB_DATA": str(tmp_path / "data"), "SKILL_TABLE_NAME": "chat-autostart"}
    env.pop("SKILL_DYNAMODB_ENDPOINT", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "devtools.chat",
            "--port",
            str(port),
            "--ddb-port",
            str(ddb_port),
            "--state-dir",
            str(tmp_path / "state"),
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        out, _ = process.communicate("open close together\nwhat's tonight's exercise\n", timeout=150)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
    assert process.returncode == 0, out
    assert "starting the skill" in out and "the skill is up" in out
    assert "-> TonightsExerciseIntent" in out and ("card: Tonight:" in out or "card: Today:" in out)
    assert not dynamodb_local.port_open(port) and not dynamodb_local.port_open(ddb_port)


def test_a_natural_evening_with_pauses_never_loses_its_place(served_skill: Served, tmp_path: Path) -> None:
    """Plain words, not the sample list, with a pause in a walkthrough and in a round."""
    text = transcript(
        served_skill,
        tmp_path,
        [
            "alexa ask close together to walk us through the daily check-in",
            "what do we do",
            "next",
            "alexa ask close together for the next step",
            "hold on",
            "alexa ask close together where were we",
            "alexa ask close together to start a gratitude round",
            "we're sam and alex",
            "yes",
            "the way he makes my coffee every morning without asking",
            "hold on",
            "alexa ask close together where were we",
            "honestly just that she sings in the car",
            "stop",
        ],
    )
    turns = text.split("you> ")[1:]
    assert "Step 1." in turns[0]
    assert "step 1 of 5" in turns[1]  # help keeps the place
    # Minutes of doing: held inside the answer, shown instead of waited out, and the session stays open.
    assert "Step 2." in turns[2] and "minutes held, then a soft chime]" in turns[2]
    assert "(the skill closed the session)" not in turns[2]
    assert "Step 3." in turns[3]
    assert "pause" in turns[4] and "where were we" in turns[4]
    assert "Step 3." in turns[5]  # back where they paused
    assert "-> GratitudeIntent gratitude='the way he makes my coffee every morning without asking'" in turns[9]
    assert "Thank you, Sam" in turns[9] or "Lovely, Sam" in turns[9]
    # "hold on" mid-round is a quiet wait, and the same partner is asked again (HoldOnIntent)
    assert "-> HoldOnIntent" in turns[10] and "Alex, whenever you're ready" in turns[10]
    assert "<break" not in turns[10]  # the silence is heard, not read out
    assert "Alex, what" in turns[11]  # the round, at Alex's turn, not the walkthrough
    assert "-> GratitudeIntent" in turns[12] and "2 gratitudes shared" in turns[12]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_replay_plays_a_practice_in_one_invocation_and_shows_its_held_time(served_skill: Served, lang: str) -> None:
    """`make replay` (devtools/replay.py) counts what a couple does, in each language: one "Alexa, ..."
    for the whole touch map, hands-free (yes to each question, next to each "say next"), a turn per
    step and its held minutes, to the streak's first day (listening figures are printed, not asserted)."""
    locale = REPRESENTATIVE[lang]
    touch_map = next(p for p in words(locale).practices if p.id == "touch_map")
    evening = replay.Evening(
        served_skill.url,
        chat_match.Matcher.for_locale(locale),
        replay.Listener(LANGUAGES[lang].voice),
        locale,
        replay.lines_for(lang),
    )
    tally = replay.practice_tally(evening, touch_map.name)
    assert tally.invocations == 1 and tally.turns >= 7 and tally.held == 600
    assert heard_phrase("completed_first_day", chat.render(evening.chat.last or {})[0], locale)


GERMAN_TOY: dict[str, Any] = {
    "invocationName": "nähe zu zweit",
    "intents": [
        {"name": "TonightsExerciseIntent", "samples": ["was machen wir heute abend", "was steht heute an"]},
        {
            "name": "StepByNumberIntent",
            "slots": [{"name": "number", "type": "AMAZON.NUMBER"}, {"name": "ordinal", "type": "AMAZON.Ordinal"}],
            "samples": ["schritt {number}", "der {ordinal} schritt"],
        },
        {
            "name": "SetReminderIntent",
            "slots": [{"name": "time", "type": "AMAZON.TIME"}],
            "samples": ["erinnere uns um {time}"],
        },
        {"name": "AMAZON.YesIntent", "samples": []},
        {"name": "AMAZON.StopIntent", "samples": []},
    ],
    "types": [],
}
SPANISH_TOY: dict[str, Any] = {
    "invocationName": "más unidos",
    "intents": [
        {"name": "TonightsExerciseIntent", "samples": ["qué hacemos esta noche", "el ejercicio de esta noche"]},
        {
            "name": "StepByNumberIntent",
            "slots": [{"name": "number", "type": "AMAZON.NUMBER"}, {"name": "ordinal", "type": "AMAZON.Ordinal"}],
            "samples": ["el paso {number}", "el {ordinal} paso"],
        },
        {
            "name": "SetReminderIntent",
            "slots": [{"name": "time", "type": "AMAZON.TIME"}],
            "samples": ["recuérdanos a {time}", "recuérdanos {time}"],
        },
        {"name": "AMAZON.YesIntent", "samples": []},
        {"name": "AMAZON.NoIntent", "samples": []},
    ],
    "types": [],
}


def test_a_german_model_is_heard_with_german_words_around_it() -> None:
    """`make chat LOCALE=de-DE`: Alexa's German words for opening and asking a skill, its built-ins,
    umlauts and punctuation as typed, spoken numbers, ordinals and times in German."""
    ear = chat_match.Matcher(GERMAN_TOY, locale="de-DE")
    assert chat_match.hear(ear, "Alexa, öffne Nähe zu zweit").kind == "launch"  # type: ignore[union-attr]
    asked = chat_match.hear(ear, "Alexa, frag Nähe zu zweit, was wir heute Abend machen?")
    assert asked is None  # "was wir ... machen" is no sample: the ear does not guess
    asked = chat_match.hear(ear, "Alexa, frag Nähe zu zweit: Was machen wir heute Abend?")
    assert asked is not None and asked.one_shot and asked.match.intent == "TonightsExerciseIntent"  # type: ignore[union-attr]
    assert ear.match("Ja").intent == "AMAZON.YesIntent"  # type: ignore[union-attr]
    assert ear.match("stopp").intent == "AMAZON.StopIntent"  # type: ignore[union-attr]
    assert ear.match("Schritt fünf").slots == {"number": "5"}  # type: ignore[union-attr]
    assert ear.match("der fünfte Schritt").slots == {"ordinal": "5"}  # type: ignore[union-attr]
    assert ear.match("erinnere uns um halb neun abends").slots == {"time": "20:30"}  # type: ignore[union-attr]
    assert ear.match("erinnere uns um 20 Uhr").slots == {"time": "20:00"}  # type: ignore[union-attr]
    assert ear.match("erinnere uns um Banane") is None
    # the English ear does not open a German skill with "öffne", nor hear "ja"
    english = chat_match.Matcher(GERMAN_TOY)
    assert chat_match.hear(english, "Alexa, öffne Nähe zu zweit") is None
    assert english.match("ja") is None


def test_a_spanish_model_is_heard_with_spanish_words_around_it() -> None:
    ear = chat_match.Matcher(SPANISH_TOY, locale="es-MX")
    assert chat_match.hear(ear, "Alexa, abre Más Unidos").kind == "launch"  # type: ignore[union-attr]
    asked = chat_match.hear(ear, "Alexa, pide a más unidos el ejercicio de esta noche")
    assert asked is not None and asked.one_shot and asked.match.intent == "TonightsExerciseIntent"  # type: ignore[union-attr]
    assert ear.match("¿Qué hacemos esta noche?").intent == "TonightsExerciseIntent"  # type: ignore[union-attr]
    assert ear.match("sí").intent == "AMAZON.YesIntent"  # type: ignore[union-attr]
    assert ear.match("no gracias").intent == "AMAZON.NoIntent"  # type: ignore[union-attr]
    assert ear.match("el paso tres").slots == {"number": "3"}  # type: ignore[union-attr]
    assert ear.match("el quinto paso").slots == {"ordinal": "5"}  # type: ignore[union-attr]
    assert ear.match("recuérdanos a las ocho y media de la noche").slots == {"time": "20:30"}  # type: ignore[union-attr]
    assert ear.match("recuérdanos a las 9").slots == {"time": "09:00"}  # type: ignore[union-attr]


def test_every_generated_locale_has_a_matcher_and_an_unknown_one_is_named() -> None:
    for path in sorted(MODEL_DIR.glob("*.json")):
        matcher = chat_match.Matcher.for_locale(path.stem)
        assert matcher.locale == path.stem and matcher.ear is chat_ears.ear(path.stem)
    with pytest.raises(FileNotFoundError, match="no interaction model for 'xx-XX'"):
        chat_match.Matcher.for_locale("xx-XX")
