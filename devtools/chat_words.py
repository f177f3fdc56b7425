"""`make chat`'s ear: the everyday phrasings of Alexa's built-in intents, the words around the
invocation name, and how spoken numbers, ordinals, times and dates become slot values as Alexa fills them."""

from __future__ import annotations

import re
from collections.abc import Mapping
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
