"""`make chat`'s ear per language: the words Alexa itself adds around a locale's model (waking it,
opening or asking a skill, its built-in intents) and how spoken numbers, ordinals, times and dates
become slot values, in English (devtools/chat_words.py), German and Spanish. The model's own samples
come from deploy/model/<lang>/; a new language adds its Ear here."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from devtools.chat_words import (
    BUILTIN_PHRASES,
    CONNECTORS,
    DAY_OFFSETS,
    EXIT_WORDS,
    LAUNCH_VERBS,
    NUMBER_WORDS,
    ONE_SHOT_VERBS,
    ORDINAL_WORDS,
    WAKE_WORDS,
    number_value,
    time_value,
)


def _clock(hour: int, minute: int, later: bool) -> str | None:
    """ "HH:MM", moved to the afternoon or evening when the words said so ("acht abends")."""
    hour += 12 if later and hour < 12 else 0
    return f"{hour:02d}:{minute:02d}" if 0 <= hour <= 23 and 0 <= minute <= 59 else None


def german_time_value(text: str) -> str | None:
    """AMAZON.TIME as Alexa fills it in German: "um acht" -> "08:00", "20 uhr 30" -> "20:30", "halb
    neun abends" -> "20:30" (half TO nine), "viertel nach acht" -> "08:15", "abends" -> "EV"."""
    parts = {"abends": "EV", "am abend": "EV", "heute abend": "EV", "nachts": "NI", "heute nacht": "NI"}
    parts |= {"morgens": "MO", "am morgen": "MO", "nachmittags": "AF", "am nachmittag": "AF"}
    text = text.removeprefix("um ").removeprefix("gegen ")
    if text in parts:
        return parts[text]
    found = re.fullmatch(
        r"(halb |viertel nach |viertel vor )?(.+?)( uhr)?( [0-9]+| dreißig| fünfzehn| fünfundvierzig)?"
        r"( abends| am abend| in der nacht| nachts| morgens| am morgen| nachmittags| am nachmittag)?",
        text,
    )
    hour = number_value(found.group(2), GERMAN_NUMBERS) if found else None
    if found is None or hour is None:
        return None
    words = {" dreißig": 30, " fünfzehn": 15, " fünfundvierzig": 45}
    minute = words.get(found.group(4) or "", 0) if not (found.group(4) or "").strip().isdigit() else int(found.group(4))
    lead = found.group(1) or ""
    hours = int(hour) - (1 if lead in ("halb ", "viertel vor ") else 0)
    minute = {"halb ": 30, "viertel nach ": 15, "viertel vor ": 45}.get(lead, minute)
    later = (found.group(5) or "").strip() in (
        "abends",
        "am abend",
        "in der nacht",
        "nachts",
        "nachmittags",
        "am nachmittag",
    )
    return _clock(hours, minute, later)


def spanish_time_value(text: str) -> str | None:
    """AMAZON.TIME as Alexa fills it in Spanish: "a las ocho" -> "08:00", "las ocho y media de la
    noche" -> "20:30", "nueve menos cuarto" -> "08:45", "20 30" -> "20:30", "por la noche" -> "NI"."""
    parts = {"por la noche": "NI", "esta noche": "NI", "en la noche": "NI", "de noche": "NI"}
    parts |= {"por la tarde": "AF", "esta tarde": "AF", "en la tarde": "AF", "por la mañana": "MO"}
    text = text.removeprefix("a ").removeprefix("las ").removeprefix("la ")
    if text in parts:
        return parts[text]
    found = re.fullmatch(
        r"(.+?)( [0-9]+| y media| y cuarto| menos cuarto| y treinta| y quince)?( en punto)?"
        r"( de la noche| de la tarde| por la noche| por la tarde| de la mañana| por la mañana| pm| am)?",
        text,
    )
    hour = number_value(found.group(1), SPANISH_NUMBERS) if found else None
    if found is None or hour is None:
        return None
    after = found.group(2) or ""
    words = {" y media": 30, " y treinta": 30, " y cuarto": 15, " y quince": 15, " menos cuarto": 45}
    minute = int(after) if after.strip().isdigit() else words.get(after, 0)
    hours = int(hour) - (1 if after == " menos cuarto" else 0)
    later = (found.group(4) or "").strip() in ("de la noche", "de la tarde", "por la noche", "por la tarde", "pm")
    return _clock(hours, minute, later)


@dataclass(frozen=True)
class Ear:
    """What `make chat` hears around a language's model: the words that wake Alexa, open a skill or
    pass it a request, Alexa's own phrasings of its built-in intents, and spoken numbers. The model's
    samples come from deploy/model/<lang>/; these are the words Alexa itself adds in that language."""

    wake_words: tuple[str, ...]
    launch_verbs: tuple[str, ...]
    one_shot_verbs: tuple[str, ...]
    connectors: tuple[str, ...]
    exit_words: tuple[str, ...]
    builtin_phrases: Mapping[str, tuple[str, ...]]
    numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    articles: tuple[str, ...] = field(default=())  # "open THE close together"
    times: Callable[[str], str | None] = time_value  # AMAZON.TIME
    days: Mapping[str, int] = field(default_factory=lambda: dict(DAY_OFFSETS))  # AMAZON.DATE: "tomorrow" +1


def _counted(words: str, start: int = 0) -> dict[str, int]:
    return {w: i for i, w in enumerate(words.split(), start) if w != "-"}


def _ordinals(stems: str, endings: tuple[str, ...], start: int = 1) -> dict[str, int]:
    return {stem + ending: i for i, stem in enumerate(stems.split(), start) for ending in endings}


ENGLISH = Ear(
    WAKE_WORDS,
    LAUNCH_VERBS,
    ONE_SHOT_VERBS,
    CONNECTORS,
    EXIT_WORDS,
    BUILTIN_PHRASES,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    ("the",),
)
GERMAN_NUMBERS = _counted("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn")
GERMAN_NUMBERS |= _counted("fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig", 15)
GERMAN_NUMBERS |= {"ein": 1, "eine": 1, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60}
GERMAN = Ear(
    wake_words=WAKE_WORDS,
    launch_verbs=("öffne", "starte", "spiele", "aktiviere", "lade", "beginne", "benutze", "sprich mit"),
    one_shot_verbs=("frag", "frage", "sag", "sage", "bitte", "sprich mit"),
    connectors=("nach", "ob", "dass", "zu", "um", "wegen", "und", "mit", "von", "für"),
    exit_words=("beenden", "exit"),
    builtin_phrases={
        "AMAZON.HelpIntent": ("hilfe", "hilf mir", "was kann ich sagen", "wie funktioniert das"),
        "AMAZON.StopIntent": ("stopp", "stop", "halt", "aufhören", "hör auf", "tschüss", "gute nacht", "das wars"),
        "AMAZON.CancelIntent": ("abbrechen", "vergiss es", "egal", "lass es"),
        "AMAZON.NavigateHomeIntent": ("startseite", "nach hause", "geh nach hause"),
        "AMAZON.YesIntent": ("ja", "jawohl", "klar", "gern", "gerne", "ja bitte", "okay", "ok", "genau", "na klar"),
        "AMAZON.NoIntent": ("nein", "nö", "nee", "nein danke", "lieber nicht", "jetzt nicht", "heute nicht"),
        "AMAZON.NextIntent": ("weiter", "nächster", "nächste", "überspringen"),
        "AMAZON.PreviousIntent": ("zurück", "vorheriger", "vorherige"),
        "AMAZON.RepeatIntent": ("wiederholen", "wiederhole das", "noch mal", "nochmal", "wie bitte"),
        "AMAZON.StartOverIntent": ("von vorne", "neu starten", "noch einmal von vorne"),
        "AMAZON.PauseIntent": ("pause", "warte", "moment"),
        "AMAZON.ResumeIntent": ("fortsetzen", "weitermachen", "mach weiter"),
        "AMAZON.MoreIntent": ("mehr", "erzähl mir mehr"),
    },
    numbers=GERMAN_NUMBERS,
    times=german_time_value,
    days={"heute": 0, "heute abend": 0, "morgen": 1, "übermorgen": 2, "gestern": -1},
    ordinals=_ordinals(
        "ers zwei drit vier fünf sechs sieb ach neun zehn elf zwölf", ("te", "ten", "ter", "tes", "tem")
    ),
)
SPANISH_NUMBERS = _counted("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince")
SPANISH_NUMBERS |= _counted("dieciséis diecisiete dieciocho diecinueve veinte", 16)
SPANISH_NUMBERS |= {"un": 1, "una": 1, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60}
SPANISH = Ear(
    wake_words=WAKE_WORDS,
    launch_verbs=("abre", "inicia", "empieza", "comienza", "activa", "juega", "pon", "habla con", "lanza"),
    one_shot_verbs=("pide a", "pídele a", "pregunta a", "pregúntale a", "dile a", "di a", "habla con"),
    connectors=("que", "si", "por", "para", "sobre", "y", "con"),
    exit_words=("salir", "exit"),
    builtin_phrases={
        "AMAZON.HelpIntent": ("ayuda", "ayúdame", "qué puedo decir", "cómo funciona"),
        "AMAZON.StopIntent": ("para", "detente", "basta", "adiós", "buenas noches", "ya está", "eso es todo"),
        "AMAZON.CancelIntent": ("cancela", "cancelar", "olvídalo", "déjalo"),
        "AMAZON.NavigateHomeIntent": ("inicio", "ir al inicio", "vuelve al inicio"),
        "AMAZON.YesIntent": ("sí", "si", "claro", "vale", "dale", "sí por favor", "por supuesto", "de acuerdo", "ok"),
        "AMAZON.NoIntent": ("no", "no gracias", "ahora no", "hoy no", "mejor no", "para nada"),
        "AMAZON.NextIntent": ("siguiente", "el siguiente", "salta", "saltar"),
        "AMAZON.PreviousIntent": ("anterior", "atrás", "vuelve atrás"),
        "AMAZON.RepeatIntent": ("repite", "repítelo", "otra vez", "cómo", "qué dijiste"),
        "AMAZON.StartOverIntent": ("empieza de nuevo", "desde el principio", "vuelve a empezar"),
        "AMAZON.PauseIntent": ("pausa", "espera", "un momento"),
        "AMAZON.ResumeIntent": ("continúa", "sigue", "reanuda"),
        "AMAZON.MoreIntent": ("más", "cuéntame más"),
    },
    numbers=SPANISH_NUMBERS,
    times=spanish_time_value,
    days={"hoy": 0, "esta noche": 0, "mañana": 1, "pasado mañana": 2, "ayer": -1},
    ordinals=_ordinals("primer segund tercer cuart quint sext séptim octav noven décim", ("o", "a"), 1)
    | {"primer": 1, "tercer": 3, "undécimo": 11, "duodécimo": 12},
)
EARS: dict[str, Ear] = {"en": ENGLISH, "de": GERMAN, "es": SPANISH}


def ear(locale_or_language: str) -> Ear:
    """The ear for a locale ("de-DE") or a language ("de"); English for one not known here."""
    return EARS.get(locale_or_language.split("-")[0].lower(), ENGLISH)
