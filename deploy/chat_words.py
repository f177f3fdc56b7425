"""`make chat`'s ear: the everyday phrasings of Alexa's built-in intents, the words around the
invocation name, and how spoken numbers, ordinals, times and dates become slot values as Alexa fills them."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

# Everyday phrasings Alexa maps to its built-in intents (used only for built-ins the model lists).
BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.HelpIntent": (
        "help",
        "help me",
        "help please",
        "what can i say",
        "what can i do",
        "what do i say",
        "how does this work",
        "i need help",
        "what can you do",
        "what do i do",
    ),
    "AMAZON.StopIntent": (
        "stop",
        "quit",
        "be quiet",
        "shut up",
        "goodbye",
        "bye",
        "good night",
        "that's all",
        "that's enough",
        "enough",
        "off",
    ),
    "AMAZON.CancelIntent": ("cancel", "cancel that", "never mind", "nevermind", "forget it"),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "go to home", "go back home"),
    "AMAZON.YesIntent": (
        "yes",
        "yeah",
        "yep",
        "yup",
        "yes please",
        "sure",
        "sure thing",
        "ok",
        "okay",
        "alright",
        "all right",
        "sounds good",
        "of course",
        "go ahead",
        "please do",
        "why not",
        "definitely",
        "absolutely",
        "i'd like that",
        "we'd like that",
        "let's do that",
    ),
    "AMAZON.NoIntent": (
        "no",
        "nope",
        "nah",
        "no thanks",
        "no thank you",
        "not now",
        "not really",
        "no way",
        "not tonight",
        "maybe later",
        "i don't think so",
    ),
    "AMAZON.NextIntent": ("next", "next one", "skip", "skip it", "skip that", "skip this one", "go on"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back", "the last one", "previous one"),
    "AMAZON.RepeatIntent": (
        "repeat",
        "repeat that",
        "say that again",
        "again",
        "what did you say",
        "pardon",
        "come again",
        "one more time",
    ),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again", "begin again", "from the top"),
    "AMAZON.PauseIntent": ("pause", "hold on", "wait", "wait a moment"),
    "AMAZON.ResumeIntent": ("resume", "continue", "carry on", "keep going"),
    "AMAZON.MoreIntent": ("more", "tell me more", "show me more"),
}
WAKE_WORDS = ("alexa", "echo", "computer", "amazon")
LAUNCH_VERBS = (
    "open",
    "start",
    "launch",
    "begin",
    "load",
    "run",
    "play",
    "resume",
    "talk to",
    "use",
    "let's talk to",
    "enable",
)
ONE_SHOT_VERBS = ("ask", "tell", "talk to")
CONNECTORS = ("to", "for", "about", "that", "if", "whether", "and", "using", "with", "by", "from")
EXIT_WORDS = ("exit",)  # Alexa ends the session itself and sends SessionEndedRequest

CONTRACTIONS = {
    "what's": "what is",
    "let's": "let us",
    "we're": "we are",
    "we've": "we have",
    "we'd": "we would",
    "we'll": "we will",
    "i'm": "i am",
    "i've": "i have",
    "i'd": "i would",
    "i'll": "i will",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "how's": "how is",
    "who's": "who is",
    "you're": "you are",
    "you've": "you have",
    "they're": "they are",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "haven't": "have not",
    "couldn't": "could not",
    "wouldn't": "would not",
    "shouldn't": "should not",
    "where's": "where is",
    "when's": "when is",
}
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )
    )
}
NUMBER_WORDS.update(
    {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1}
)

ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        (
            "zeroth",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        )
    )
}

SLOT = re.compile(r"\{([A-Za-z0-9_]+)\}")


# A letter in any language ("ö", "ñ", "é"), not a digit or "_": what a word is made of.
_LETTER = r"[^\W\d_]"


def normalise(text: str) -> str:
    """Lower case, plain apostrophes, no punctuation ("¿", "¡", commas), contractions spelled out,
    single spaces. Letters of every language survive ("öffne", "señal", "qué").

    Slot references ({name}) survive, so samples and typed lines go through the same function.
    """
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^\w'{}\s.-]", " ", text)
    text = re.sub(rf"(?<!{_LETTER})\.|\.(?!{_LETTER})", " ", text)  # full stops, not "p.m."
    text = text.replace("-", " ")
    words = [CONTRACTIONS.get(w, w) for w in text.split()]
    return " ".join(w.strip("'") if w.startswith("'") or w.endswith("'") else w for w in words)


def number_value(text: str, numbers: Mapping[str, int] = NUMBER_WORDS) -> str | None:
    """AMAZON.NUMBER as Alexa fills it: digits ("three" -> "3", "twenty one" -> "21")."""
    words = text.split()
    if len(words) == 1 and words[0].isdigit():
        return words[0]
    total = 0
    for word in words:
        if word not in numbers or (
            numbers[word] == 1 and word in ("a", "an", "ein", "eine", "un", "una") and len(words) > 1
        ):
            return None
        total += numbers[word]
    return str(total) if words else None


def ordinal_value(
    text: str, ordinals: Mapping[str, int] = ORDINAL_WORDS, numbers: Mapping[str, int] = NUMBER_WORDS
) -> str | None:
    """AMAZON.Ordinal as Alexa fills it: digits ("fifth" -> "5", "5th" -> "5", "twenty first" -> "21",
    "fünften" -> "5", "5." -> "5", "quinto" -> "5", "5º" -> "5")."""
    words = text.split()
    if len(words) == 1 and re.fullmatch(r"[0-9]+(st|nd|rd|th|\.|º|ª|o|a|er)", words[0]):
        return re.match(r"[0-9]+", words[0]).group(0)  # type: ignore[union-attr]
    if not words or words[-1] not in ordinals:
        return None
    head = number_value(" ".join(words[:-1]), numbers) if len(words) > 1 else "0"
    return None if head is None else str(int(head) + ordinals[words[-1]])


def time_value(text: str) -> str | None:
    """AMAZON.TIME as Alexa fills it: "eight" -> "08:00", "half past eight pm" -> "20:30", "evening" -> "EV"."""
    parts = {"evening": "EV", "night": "NI", "tonight": "NI", "morning": "MO", "afternoon": "AF"}
    if text in parts:
        return parts[text]
    found = re.fullmatch(
        r"(half past |quarter past )?(.+?)( thirty| fifteen| forty five)?( o'clock)?"
        r"( in the evening| at night| pm| p\.m\.| am| a\.m\.)?",
        text,
    )
    hour = number_value(found.group(2)) if found else None
    if found is None or hour is None or not 0 <= int(hour) <= 23:
        return None
    minute = {"half past ": 30, "quarter past ": 15, " thirty": 30, " fifteen": 15, " forty five": 45}
    value = int(hour) + (
        12 if (found.group(5) or "").strip() in ("in the evening", "at night", "pm", "p.m.") and int(hour) < 12 else 0
    )
    return f"{value:02d}:{minute.get(found.group(1) or found.group(3) or '', 0):02d}"


DAY_OFFSETS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}


def date_value(text: str, today: date, offsets: Mapping[str, int] = DAY_OFFSETS) -> str:
    return (today + timedelta(days=offsets[text])).isoformat() if text in offsets else text


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
