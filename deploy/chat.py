"""`make chat`: talk to the skill from a terminal, as you would to an Echo.

Type what you would say ("open close together", "what's tonight's exercise", "we did it"). Each line
is matched to an intent and its slots using the project's own interaction model
(deploy/skill-package/interactionModels/custom/<locale>.json) plus everyday phrasings of Amazon's
built-in intents, turned into a real Alexa request envelope (deploy/envelopes, as the tests send them)
and posted to ``http://127.0.0.1:$PORT/alexa``. Session attributes are carried from turn to turn.
If nothing answers on that port, the skill is started the way `make run` starts it and stopped
again when you leave.

The user and device ids persist in .local/chat/ids.json; ``--partner 2`` speaks as the second
partner (their own Alexa account and device). Lines starting with "/" are commands: /help lists them.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from content.speech import plain
from deploy import envelopes

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
MODELS = DEPLOY / "skill-package" / "interactionModels" / "custom"
STATE_DIR = ROOT / ".local" / "chat"

# -- matching utterances ---------------------------------------------------------------------------

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

_SLOT = re.compile(r"\{([A-Za-z0-9_]+)\}")


def normalise(text: str) -> str:
    """Lower case, plain apostrophes, no punctuation, contractions spelled out, single spaces.

    Slot references ({name}) survive, so samples and typed lines go through the same function.
    """
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^a-z0-9'{}_\s.-]", " ", text)
    text = re.sub(r"(?<![a-z])\.|\.(?![a-z])", " ", text)  # full stops, not "p.m."
    text = text.replace("-", " ")
    words = [CONTRACTIONS.get(w, w) for w in text.split()]
    return " ".join(w.strip("'") if w.startswith("'") or w.endswith("'") else w for w in words)


def number_value(text: str) -> str | None:
    """AMAZON.NUMBER as Alexa fills it: digits ("three" -> "3", "twenty one" -> "21")."""
    words = text.split()
    if len(words) == 1 and words[0].isdigit():
        return words[0]
    total = 0
    for word in words:
        if word not in NUMBER_WORDS or (word in ("a", "an") and len(words) > 1):
            return None
        total += NUMBER_WORDS[word]
    return str(total) if words else None


def ordinal_value(text: str) -> str | None:
    """AMAZON.Ordinal as Alexa fills it: digits ("fifth" -> "5", "5th" -> "5", "twenty first" -> "21")."""
    words = text.split()
    if len(words) == 1 and re.fullmatch(r"[0-9]+(st|nd|rd|th)", words[0]):
        return words[0][:-2]
    if not words or words[-1] not in ORDINAL_WORDS:
        return None
    head = number_value(" ".join(words[:-1])) if len(words) > 1 else "0"
    return None if head is None else str(int(head) + ORDINAL_WORDS[words[-1]])


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


def date_value(text: str, today: date) -> str:
    offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
    return (today + timedelta(days=offsets[text])).isoformat() if text in offsets else text


FREE_SLOT_TYPES = {"AMAZON.SearchQuery", "AMAZON.FirstName", None}


@dataclass(frozen=True)
class Sample:
    intent: str
    text: str  # as written in the model
    pattern: re.Pattern[str]
    slots: tuple[str, ...]
    literal: int  # characters outside slots: more means more specific


@dataclass
class Match:
    intent: str
    sample: str
    slots: dict[str, str] = field(default_factory=dict)
    # slot -> (id, canonical value) for custom slot values the model lists; None when it lists none
    resolved: dict[str, tuple[str, str] | None] = field(default_factory=dict)


class Matcher:
    """Maps a typed line to an intent and slot values using one locale's interaction model."""

    def __init__(self, language_model: dict[str, Any], today: date | None = None) -> None:
        self.invocation = normalise(str(language_model["invocationName"]))
        self.today = today
        self.slot_types: dict[tuple[str, str], str] = {}
        self.values: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in language_model.get("types", []):
            table: dict[str, tuple[str, str]] = {}
            for value in slot_type.get("values", []):
                name = value["name"]["value"]
                ident = value.get("id") or name
                for word in [name, *value["name"].get("synonyms", [])]:
                    table[normalise(word)] = (ident, name)
            self.values[slot_type["name"]] = table
        self.intents = [i["name"] for i in language_model["intents"]]
        self.literals: dict[str, Sample] = {}
        self.builtins: dict[str, Sample] = {}
        self.patterns: list[Sample] = []
        # Slot samples: what Alexa takes as the slot's value while the skill elicits it (Dialog.ElicitSlot).
        self.slot_samples: dict[tuple[str, str], list[Sample]] = {}
        for intent in language_model["intents"]:
            for slot in intent.get("slots", []):
                self.slot_types[(intent["name"], slot["name"])] = slot["type"]
                compiled = [self._compile(intent["name"], text) for text in slot.get("samples", [])]
                self.slot_samples[(intent["name"], slot["name"])] = sorted(compiled, key=lambda s: -s.literal)
            for text in intent.get("samples", []):
                sample = self._compile(intent["name"], text)
                if sample.slots:
                    self.patterns.append(sample)
                else:
                    self.literals.setdefault(normalise(text), sample)
            for text in BUILTIN_PHRASES.get(intent["name"], ()):
                self.builtins.setdefault(normalise(text), self._compile(intent["name"], text))
        self.patterns.sort(key=lambda s: -s.literal)

    @classmethod
    def for_locale(cls, locale: str = "en-US", models: Path = MODELS) -> Matcher:
        data = json.loads((models / f"{locale}.json").read_text())
        return cls(data["interactionModel"]["languageModel"])

    @staticmethod
    def _compile(intent: str, text: str) -> Sample:
        parts = _SLOT.split(text)  # literal, slot name, literal, ...: slot names keep their case
        slots = tuple(parts[1::2])
        pieces = [normalise(p) if i % 2 == 0 else f"(?P<s{i}>.+?)" for i, p in enumerate(parts)]
        regex = " ".join(re.escape(p) if i % 2 == 0 else p for i, p in enumerate(pieces) if p)
        literal = sum(len(p) for p in pieces[::2])
        return Sample(intent, text, re.compile(f"^{regex}$"), slots, literal)

    def match(self, line: str) -> Match | None:
        """The best intent for a line: a sample word for word, a built-in phrasing, then a sample with slots."""
        text = normalise(line)
        if not text:
            return None
        for table in (self.literals, self.builtins):
            if text in table:
                return Match(table[text].intent, table[text].text)
        best: tuple[tuple[int, int, int], Match] | None = None
        for sample in self.patterns:
            found = sample.pattern.match(text)
            if not found:
                continue
            candidate = self._fill(sample, [found.group(f"s{i}") for i in range(1, 2 * len(sample.slots), 2)])
            if candidate is None:
                continue
            unresolved = sum(1 for v in candidate.resolved.values() if v is None)
            # Between equally literal samples, a typed slot (a number, a listed value) beats free words.
            typed = sum(1 for name in sample.slots if self.slot_types.get((sample.intent, name)) not in FREE_SLOT_TYPES)
            rank = (-unresolved, sample.literal, typed)
            if best is None or rank > best[0]:
                best = (rank, candidate)
        return best[1] if best else None

    def match_elicited(self, line: str, intent: str, slot: str) -> Match | None:
        """While the skill elicits ``slot`` of ``intent``: a built-in or a word-for-word sample still
        means its own intent ("skip", "stop", "help"), else the line fills the slot through its samples."""
        text = normalise(line)
        for table in (self.literals, self.builtins):
            if text in table:
                return Match(table[text].intent, table[text].text)
        for sample in self.slot_samples.get((intent, slot), []):
            found = sample.pattern.match(text)
            if found:
                filled = self._fill(sample, [found.group(f"s{i}") for i in range(1, 2 * len(sample.slots), 2)])
                if filled is not None:
                    return filled
        return self.match(line)

    def _fill(self, sample: Sample, values: list[str]) -> Match | None:
        found = Match(sample.intent, sample.text)
        for name, raw in zip(sample.slots, values, strict=True):
            value = raw.strip()
            slot_type = self.slot_types.get((sample.intent, name), "AMAZON.SearchQuery")
            if slot_type == "AMAZON.NUMBER":
                number = number_value(value)
                if number is None:
                    return None
                value = number
            elif slot_type == "AMAZON.Ordinal":
                ordinal = ordinal_value(value)
                if ordinal is None:
                    return None
                value = ordinal
            elif slot_type == "AMAZON.TIME":
                time_text = time_value(value)
                if time_text is None:
                    return None
                value = time_text
            elif slot_type == "AMAZON.DATE":
                value = date_value(value, self.today or datetime.now(UTC).date())
            elif slot_type == "AMAZON.FirstName" and not re.fullmatch(r"[a-z'\-]+( [a-z'\-]+)?", value):
                return None  # a first name is a word or two, not a sentence
            elif slot_type in self.values:
                found.resolved[name] = self.values[slot_type].get(value)
            found.slots[name] = value
        return found

    def closest(self, line: str, n: int = 5) -> list[tuple[str, str]]:
        """The samples nearest to a line that matched nothing, as (intent, sample)."""
        pool: dict[str, tuple[str, str]] = {}
        for sample in [*self.literals.values(), *self.patterns, *self.builtins.values()]:
            pool.setdefault(normalise(sample.text), (sample.intent, sample.text))
        text = normalise(line)
        near = difflib.get_close_matches(text, list(pool), n=n, cutoff=0.0)
        return [pool[k] for k in near]

    def samples(self, intent: str | None = None) -> list[tuple[str, str]]:
        every = [*self.literals.values(), *self.patterns, *self.builtins.values()]
        return sorted({(s.intent, s.text) for s in every if intent is None or s.intent.lower() == intent.lower()})


@dataclass
class Heard:
    """What a typed line means to Alexa: open the skill, an intent (maybe one-shot), or end the session."""

    kind: str  # "launch", "intent", "end"
    match: Match | None = None
    one_shot: bool = False


def _strip_prefix(text: str, prefixes: Iterable[str]) -> str | None:
    for prefix in sorted(prefixes, key=len, reverse=True):
        if text == prefix:
            return ""
        if text.startswith(prefix + " "):
            return text[len(prefix) + 1 :]
    return None


def elicited(reply: dict[str, Any] | None) -> tuple[str, str] | None:
    """(intent, slot) when the skill's last answer elicits a slot and keeps the session open."""
    response = (reply or {}).get("response", {})
    if response.get("shouldEndSession") is True:
        return None
    for directive in response.get("directives", []):
        if directive.get("type") == "Dialog.ElicitSlot":
            return str(directive["updatedIntent"]["name"]), str(directive["slotToElicit"])
    return None


def hear(matcher: Matcher, line: str, eliciting: tuple[str, str] | None = None) -> Heard | None:
    """Interpret a line the way Alexa would, including "open ..." and "ask ... to ..." around the skill."""
    text = normalise(line)
    if eliciting is not None and _strip_prefix(text, WAKE_WORDS) is None:
        found = matcher.match_elicited(line, *eliciting)
        if found is not None:
            return Heard("intent", found)
    rest = _strip_prefix(text, WAKE_WORDS)
    text = rest if rest is not None else text
    if text in EXIT_WORDS:
        return Heard("end")
    invocation = matcher.invocation
    if text == invocation:
        return Heard("launch")
    opened = _strip_prefix(text, (normalise(v) for v in LAUNCH_VERBS))
    if opened is not None and (opened == invocation or opened == f"the {invocation}"):
        return Heard("launch")
    asked = _strip_prefix(text, ONE_SHOT_VERBS)
    if asked is not None:
        inner = _strip_prefix(asked, (invocation,))
        if inner is not None:
            if not inner:
                return Heard("launch")
            for candidate in (inner, _strip_prefix(inner, CONNECTORS)):
                found = matcher.match(candidate) if candidate else None
                if found:
                    return Heard("intent", found, one_shot=True)
            return None
    found = matcher.match(text)
    return Heard("intent", found) if found else None


# -- envelopes -------------------------------------------------------------------------------------


def slots_of(match: Match, application_id: str = envelopes.APP_ID) -> dict[str, Any]:
    """The heard slots as Alexa sends them: a custom slot type's value carries its entity resolution."""
    slots: dict[str, Any] = {}
    for name, value in match.slots.items():
        heard: dict[str, Any] = {"value": value, "confirmationStatus": "NONE"}
        if name in match.resolved:
            authority = f"amzn1.er-authority.echo-sdk.{application_id}.{name}"
            heard = envelopes.resolved(value, authority=authority, match=match.resolved[name])
        slots[name] = {**heard, "source": "USER"}
    return slots


def render(reply: dict[str, Any]) -> list[str]:
    """The lines a person reads: speech, reprompt, card, and whether the session ended."""
    response = reply.get("response", {})
    lines = []
    speech = response.get("outputSpeech") or {}
    spoken = plain(speech.get("ssml", "")) if "ssml" in speech else str(speech.get("text", ""))
    lines.append(f"alexa: {spoken}" if spoken else "alexa: (says nothing)")
    reprompt = (response.get("reprompt") or {}).get("outputSpeech") or {}
    if reprompt:
        lines.append(f"  reprompt: {plain(reprompt.get('ssml', '')) or reprompt.get('text', '')}")
    card = response.get("card")
    if card:
        body = card.get("content") or card.get("text") or ""
        lines.append(f"  card: {card.get('title', '')}")
        lines.extend(f"    {line}" for line in str(body).splitlines())
    if response.get("shouldEndSession") is True:
        lines.append("  (the skill closed the session)")
    return lines


# -- identities ------------------------------------------------------------------------------------


def identity(partner: int, state_dir: Path = STATE_DIR) -> dict[str, str]:
    """This partner's Alexa user and device id, made once and kept in .local/chat/ids.json."""
    path = state_dir / "ids.json"
    ids: dict[str, dict[str, str]] = json.loads(path.read_text()) if path.exists() else {}
    key = f"partner{partner}"
    if key not in ids:
        ids[key] = {
            "userId": f"amzn1.ask.account.CHAT{secrets.token_hex(24).upper()}",
            "deviceId": f"amzn1.ask.device.CHAT{secrets.token_hex(16).upper()}",
        }
        state_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(ids, indent=2) + "\n")
    return ids[key]


# -- the skill -------------------------------------------------------------------------------------


class Unreachable(RuntimeError):
    """Nothing answers at the skill's address."""


def post(url: str, body: dict[str, Any], timeout: float = 15.0) -> dict[str, Any]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            data: dict[str, Any] = json.loads(reply.read())
            return data
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace")
        raise RuntimeError(f"the skill answered HTTP {err.code}: {detail}") from err
    except (urllib.error.URLError, ConnectionError) as err:
        raise Unreachable(str(err)) from err


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
            return bool(reply.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def answering(port: int) -> bool:
    """Something listens on the port (the skill may be up with its database down: talk to it anyway)."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextlib.contextmanager
def local_skill(port: int, ddb_port: int, log_path: Path, out: TextIO, timeout: float = 120.0) -> Iterator[None]:
    """Start the skill as `make run` does (deploy/run-local.sh: DynamoDB Local, table, gunicorn); stop it after."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PORT": str(port), "DDB_PORT": str(ddb_port)}
    print(f"(nothing answers on port {port}: starting the skill as `make run` does; log in {log_path})", file=out)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [str(DEPLOY / "run-local.sh")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout
        while not healthy(port):
            if process.poll() is not None:
                tail = log_path.read_text(errors="replace").splitlines()[-15:]
                raise RuntimeError("the skill did not start:\n" + "\n".join(tail))
            if time.monotonic() > deadline:
                raise RuntimeError(f"the skill did not answer within {timeout:.0f}s; see {log_path}")
            time.sleep(0.2)
        print("(the skill is up; it stops when you leave the chat)", file=out)
        yield
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C for the whole group, as a person would stop `make run`; harder only if it lingers."""
    for sig, wait in ((signal.SIGINT, 30.0), (signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        if process.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=wait)
    with contextlib.suppress(ProcessLookupError):  # anything of the group still around (DynamoDB Local)
        os.killpg(process.pid, signal.SIGTERM)


# -- the conversation ------------------------------------------------------------------------------

HELP = """Type what you would say to Alexa, e.g. "open close together" or "what's tonight's exercise".
Commands:
  /samples [intent]          what the skill understands (all, or one intent's samples)
  /intent NAME [slot=value]  send an intent as it is, e.g. /intent AMAZON.FallbackIntent
  /end                       end the session as Alexa does when you walk away (SessionEndedRequest)
  /tomorrow                  move the clock one day on (streaks count days)
  /who                       show this partner's user and device id
  /quit                      leave (Ctrl-D works too)"""


@dataclass
class Chat:
    """One partner talking to the skill: the session, its attributes, the clock."""

    url: str
    matcher: Matcher
    user_id: str
    device_id: str
    out: TextIO
    locale: str = "en-US"
    application_id: str | None = None
    clock_offset: timedelta = timedelta(0)
    session_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    last: dict[str, Any] | None = None

    def now(self) -> datetime:
        return datetime.now(UTC) + self.clock_offset

    def say(self, line: str) -> bool:
        """Handle one typed line. Returns False when the person wants to leave."""
        line = line.strip()
        if not line:
            return True
        if line.startswith("/"):
            return self.command(line)
        self.matcher.today = self.now().date()
        heard = hear(self.matcher, line, elicited(self.last) if self.session_id else None)
        if heard is None:
            self.print("(no intent matches that; the closest things the skill understands:)")
            for intent, sample in self.matcher.closest(line):
                self.print(f"    {sample}    [{intent}]")
            if self.session_id and "AMAZON.FallbackIntent" in self.matcher.intents:
                # In an open session Alexa sends what matches nothing to the skill as FallbackIntent.
                self.print("  -> AMAZON.FallbackIntent")
                self.send("intent", Match("AMAZON.FallbackIntent", ""))
            return True
        if heard.kind == "end":
            if self.session_id:
                self.send("end")
            self.print("(session ended)")
            self.session_id = None
            return True
        if heard.kind == "launch" or heard.one_shot:
            self.session_id = None
        assert heard.match is None or heard.kind == "intent"
        if heard.match:
            slots = "".join(f" {k}={v!r}" for k, v in heard.match.slots.items())
            self.print(f"  -> {heard.match.intent}{slots}")
        self.send(heard.kind, heard.match)
        return True

    def send(self, kind: str, match: Match | None = None, reason: str = "USER_INITIATED") -> dict[str, Any]:
        new = self.session_id is None
        if new:
            self.session_id = envelopes.new_session_id()
            self.attributes = {}
        body = envelopes.envelope(
            "session_ended" if kind == "end" else kind,
            user_id=self.user_id,
            device_id=self.device_id,
            session_id=self.session_id,
            new=new,
            attributes=self.attributes,
            at=self.now(),
            locale=self.locale,
            intent=match.intent if match else None,
            slots=slots_of(match, self.application_id or envelopes.APP_ID) if match else None,
            application_id=self.application_id,
        )
        if kind == "end":
            body["request"]["reason"] = reason
        reply = post(self.url, body)
        self.last = reply
        if kind == "end":
            self.session_id = None
            return reply
        self.attributes = reply.get("sessionAttributes") or {}
        for text in render(reply):
            self.print(text)
        if reply.get("response", {}).get("shouldEndSession") is True:
            self.session_id = None
        return reply

    def command(self, line: str) -> bool:
        name, *args = line[1:].split()
        if name in ("quit", "exit", "q"):
            return False
        if name == "help":
            self.print(HELP)
        elif name == "samples":
            for intent, sample in self.matcher.samples(args[0] if args else None):
                self.print(f"    {sample}    [{intent}]")
        elif name == "intent" and args:
            slots = dict(a.split("=", 1) for a in args[1:] if "=" in a)
            self.send("intent", Match(args[0], "", slots))
        elif name == "end":
            if self.session_id:
                self.send("end")
            self.session_id = None
            self.print("(session ended)")
        elif name == "tomorrow":
            self.clock_offset += timedelta(days=1)
            self.session_id = None
            self.print(f"(the clock now reads {self.now():%A %d %B %Y, %H:%M} UTC)")
        elif name == "who":
            self.print(f"user {self.user_id}\ndevice {self.device_id}")
        else:
            self.print(f"(unknown command /{name}; /help lists them)")
        return True

    def print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def leave(self) -> None:
        if self.session_id:
            with contextlib.suppress(Unreachable, RuntimeError):
                self.send("end")


def run(chat: Chat, lines: TextIO, interactive: bool) -> None:
    chat.print(HELP.splitlines()[0] + " /help for more.")
    while True:
        if interactive:
            try:
                line = input("you> ")
            except EOFError:
                chat.print("")
                break
        else:
            line = lines.readline()
            if not line:
                break
            chat.print(f"you> {line.rstrip()}")
        if not chat.say(line):
            break
    chat.leave()


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make chat", description="Talk to the skill from a terminal.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--ddb-port", type=int, default=int(os.environ.get("DDB_PORT", "8000")))
    parser.add_argument(
        "--partner",
        type=int,
        choices=(1, 2),
        default=int(os.environ.get("PARTNER", "1")),
        help="speak as the first or the second partner (their own user and device id)",
    )
    parser.add_argument("--locale", default="en-US", help="which interaction model to match against")
    parser.add_argument("--state-dir", type=Path, default=STATE_DIR, help="where the ids are kept")
    parser.add_argument("--no-start", action="store_true", help="never start the skill; fail if it is not running")
    parser.add_argument("--skill-id", default=os.environ.get("SKILL_ID"), help="application id to send")
    args = parser.parse_args(argv)
    out = stdout or sys.stdout
    lines = stdin or sys.stdin
    who = identity(args.partner, args.state_dir)
    chat = Chat(
        url=f"http://127.0.0.1:{args.port}/alexa",
        matcher=Matcher.for_locale(args.locale),
        user_id=who["userId"],
        device_id=who["deviceId"],
        out=out,
        locale=args.locale,
        application_id=args.skill_id,
    )
    chat.print(f"(partner {args.partner}, {args.locale}, skill at {chat.url})")
    interactive = stdin is None and sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  - line editing and history for input()
    try:
        if args.no_start or healthy(args.port) or answering(args.port):
            run(chat, lines, interactive)
        else:
            with local_skill(args.port, args.ddb_port, args.state_dir / "server.log", out):
                run(chat, lines, interactive)
    except Unreachable as err:
        print(f"error: nothing answers at {chat.url} ({err}); run `make run` or drop --no-start", file=sys.stderr)
        return 1
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        chat.print("")
    return 0


if __name__ == "__main__":
    sys.exit(main())
