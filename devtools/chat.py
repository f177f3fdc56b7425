"""`make chat`: talk to the skill from a terminal, as you would to an Echo.

Type what you would say ("open close together", "what's tonight's exercise", "we did it"). Each line
is matched to an intent and its slots using the project's own interaction model
(deploy/skill-package/interactionModels/custom/<locale>.json) plus everyday phrasings of Amazon's
built-in intents, turned into a real Alexa request envelope (devtools/envelopes, as the tests send them)
and posted to ``http://127.0.0.1:$PORT/alexa``. Session attributes are carried from turn to turn.
If nothing answers on that port, the skill is started the way `make run` starts it and stopped
again when you leave.

The user and device ids persist in .local/chat/ids.json; ``--partner 2`` speaks as the second
partner (their own Alexa account and device). Lines starting with "/" are commands: /help lists them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from content.speech import plain
from devtools import envelopes
from devtools.chat_match import Match, Matcher, elicited, hear
from devtools.chat_skill import Unreachable, answering, healthy, local_skill, post
from skill.alexa import held

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = ROOT / ".local" / "chat"


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
    lines.extend(played_lines(response.get("directives") or []))
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


def held_words(seconds: float) -> str:
    minutes = seconds / 60
    if minutes >= 1 and float(minutes).is_integer():
        return f"{int(minutes)} minute{'s' if minutes != 1 else ''}"
    return f"{seconds:g} seconds"


def played_lines(directives: list[dict[str, Any]]) -> list[str]:
    """What an APL for Audio directive plays after the speech, shown instead of waited out: the held
    time ("[2 minutes held, then a soft chime]") and what is said after it."""
    lines: list[str] = []
    pending: float | None = None
    for kind, value in held.played(directives):
        if kind == "silence":
            pending = (pending or 0.0) + float(value)
        elif kind == "audio":
            lines.append(f"  [{held_words(pending)} held, then a soft chime]" if pending else "  [a soft chime]")
            pending = None
        elif kind == "speech":
            if pending:
                lines.append(f"  [{held_words(pending)} held]")
                pending = None
            lines.append(f"alexa: {plain(str(value))}")
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
    parser.add_argument(
        "--locale",
        default="en-US",
        help="the locale its envelopes carry (the words the skill answers in) and whose model it matches against",
    )
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
