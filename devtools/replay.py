"""`make replay`: one whole evening typed into the skill as `make chat` would send it, measured.

For every practice (asked for by name, then answered with "yes" or "next" until "we did it"), a
gratitude round for two and the weekly summary, it prints how many "Alexa, ..." invocations and
turns it took, the seconds of listening (every answer's speech, said by espeak-ng at 165 words a
minute and measured with sox) and the seconds held in silence for timed steps (APL for Audio, not
listened to). Targets (docs/conversation.md, "One evening, measured"): one invocation per practice,
listening at most 90 s plus the practice's own held time. Starts the skill like `make chat` when
nothing answers on $PORT. ``--locale`` (``make replay LOCALE=de-DE``) replays the evening in that
locale: its words (devtools/replay_lines.toml), its interaction model and its espeak-ng voice.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.languages import language_of, load_languages, read_languages
from content.speech import duration, plain
from devtools.chat import STATE_DIR, Chat
from devtools.chat_match import Matcher, elicited, hear
from devtools.chat_skill import Unreachable, answering, healthy, local_skill
from devtools.envelopes import new_user_id
from skill.alexa import held

LISTENING_TARGET_SECONDS = 90.0
LINES = Path(__file__).resolve().parent / "replay_lines.toml"


def lines_for(language: str) -> dict[str, Any]:
    """What the couple types in ``language`` (devtools/replay_lines.toml)."""
    table: dict[str, Any] | None = tomllib.loads(LINES.read_text()).get(language)
    if table is None:
        raise SystemExit(f"error: devtools/replay_lines.toml has no [{language}] lines to replay")
    return table


@dataclass
class Tally:
    name: str
    invocations: int = 0
    turns: int = 0
    listening: float = 0.0
    held: float = 0.0

    def ok(self) -> bool:
        return self.invocations == 1 and self.listening <= LISTENING_TARGET_SECONDS


class Listener:
    """Seconds of speech as espeak-ng says it at 165 words a minute (sox measures the file)."""

    def __init__(self, voice: str = "en") -> None:
        self.voice = voice  # the language's espeak-ng voice (content/languages.toml)
        self.tools = shutil.which("espeak-ng") is not None and shutil.which("soxi") is not None
        self.dir = Path(tempfile.mkdtemp(prefix="replay-"))
        self.cache: dict[str, float] = {}

    def seconds(self, ssml: str) -> float:
        if not ssml:
            return 0.0
        if ssml not in self.cache:
            self.cache[ssml] = self._measure(ssml) if self.tools else duration(ssml)
        return self.cache[ssml]

    def _measure(self, ssml: str) -> float:
        wav = self.dir / f"{len(self.cache)}.wav"
        subprocess.run(
            ["espeak-ng", "-v", self.voice, "-m", "-s", "165", "-w", str(wav), ssml], check=True, capture_output=True
        )
        out = subprocess.run(["soxi", "-D", str(wav)], check=True, capture_output=True, text=True).stdout
        wav.unlink()
        return float(out)


def heard(reply: dict[str, Any]) -> tuple[list[str], float]:
    """The SSML a couple listens to in one answer (speech, then an APLA directive's speech) and the
    seconds it holds in silence."""
    response = reply.get("response", {})
    said = [str((response.get("outputSpeech") or {}).get("ssml", ""))]
    silence = 0.0
    for kind, value in held.played(response.get("directives") or []):
        if kind == "speech":
            said.append(str(value))
        elif kind == "silence":
            silence += float(value)
    return said, silence


class Evening:
    def __init__(self, url: str, matcher: Matcher, listener: Listener, locale: str, lines: dict[str, Any]) -> None:
        self.chat = Chat(
            url=url,
            matcher=matcher,
            user_id=new_user_id(),
            device_id="amzn1.ask.device.REPLAY",
            out=io.StringIO(),
            locale=locale,
        )
        self.listener = listener
        self.lines = lines

    def line(self, tally: Tally, words: str) -> dict[str, Any]:
        chat = self.chat
        chat.matcher.today = chat.now().date()
        found = hear(chat.matcher, words, elicited(chat.last) if chat.session_id else None)
        if found is None or (found.match is None and found.kind != "launch"):
            raise RuntimeError(f"the replay's line is not understood: {words!r}")
        if found.kind == "launch" or found.one_shot or chat.session_id is None:
            chat.session_id = None
            tally.invocations += 1
        reply = chat.send(found.kind, found.match)
        tally.turns += 1
        said, silence = heard(reply)
        tally.listening += sum(self.listener.seconds(s) for s in said)
        tally.held += silence
        return reply

    @property
    def open(self) -> bool:
        return self.chat.session_id is not None


def answer_for(reply: dict[str, Any], lines: dict[str, Any]) -> str:
    """What a couple says back, hands-free: yes to a question, next to "say next"."""
    said = plain(" ".join(heard(reply)[0]))
    return str(lines["yes"] if said.endswith("?") else lines["next"])


def practice_tally(evening: Evening, name: str) -> Tally:
    tally = Tally(name)
    reply = evening.line(tally, evening.lines["walk"].format(name=name))
    while evening.open and tally.turns < 40:
        reply = evening.line(tally, answer_for(reply, evening.lines))
    return tally


def round_tally(evening: Evening) -> Tally:
    tally = Tally("gratitude round for two")
    evening.line(tally, evening.lines["round"])
    evening.line(tally, evening.lines["names"])
    evening.line(tally, evening.lines["yes"])
    for words in evening.lines["gratitudes"]:
        if not evening.open:
            break
        evening.line(tally, words)
    return tally


def summary_tally(evening: Evening) -> Tally:
    tally = Tally("weekly summary")
    evening.line(tally, evening.lines["summary"])
    if evening.open:
        evening.line(tally, evening.lines["no"])
    return tally


def table(tallies: list[Tally], measured: bool) -> str:
    how = "espeak-ng at 165 wpm, measured with sox" if measured else "estimated at 165 wpm (espeak-ng not found)"
    rows = [
        f"| what | invocations | turns | listening s ({how}) | held s | target met |",
        "|---|---|---|---|---|---|",
    ]
    for t in tallies:
        practice = t.name not in ("gratitude round for two", "weekly summary")
        met = ("yes" if t.ok() else "NO") if practice else "-"
        rows.append(f"| {t.name} | {t.invocations} | {t.turns} | {t.listening:.0f} | {t.held:.0f} | {met} |")
    return "\n".join(rows)


def replay(url: str, locale: str) -> list[Tally]:
    catalogue = load_languages().for_locale(locale)
    languages = read_languages()
    language = language_of(locale, languages)
    lines = lines_for(language)
    listener = Listener(languages[language].voice)
    matcher = Matcher.for_locale(locale)
    tallies = [practice_tally(Evening(url, matcher, listener, locale, lines), p.name) for p in catalogue.practices]
    evening = Evening(url, matcher, listener, locale, lines)
    tallies.append(round_tally(evening))
    tallies.append(summary_tally(evening))
    print(table(tallies, listener.tools))
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make replay", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--ddb-port", type=int, default=int(os.environ.get("DDB_PORT", "8000")))
    parser.add_argument("--locale", default=os.environ.get("LOCALE") or "en-US")
    args = parser.parse_args(argv)
    url = f"http://127.0.0.1:{args.port}/alexa"
    try:
        if healthy(args.port) or answering(args.port):
            tallies = replay(url, args.locale)
        else:
            with local_skill(args.port, args.ddb_port, STATE_DIR / "replay-server.log", sys.stderr):
                tallies = replay(url, args.locale)
    except Unreachable as err:
        print(f"error: nothing answers at {url} ({err})", file=sys.stderr)
        return 1
    practices = [t for t in tallies if t.name not in ("gratitude round for two", "weekly summary")]
    return 0 if all(t.ok() for t in practices) else 2


if __name__ == "__main__":
    sys.exit(main())
