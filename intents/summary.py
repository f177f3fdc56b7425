"""The weekly summary: "how did we do this week?" and "and last week?", spoken and as a card.

Reads the profile (kept 21 days of completions, the streak, when each practice was last done) and
one bounded Query of the week's gratitudes; writes at most the profile's read-back marker, so the
same gratitude isn't read back every time. Weeks run Monday to Sunday in the couple's time zone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content import speech
from content.schema import Practice
from intents.base import IntentHandler, Reads, Turn
from intents.gratitude import ACTIVITY_ID, activity_name, clean_words
from intents.state import Phase
from skill.alexa import screen
from skill.domain.gratitude import Gratitude, said_between
from skill.domain.profile import Profile
from skill.domain.streak import current
from skill.store.errors import StoreUnavailable
from skill.store.gratitude import MAX_WEEK_ENTRIES

log = logging.getLogger("close_together.intents.summary")

MAX_NAMED = 3
QUOTE_WORDS = 12  # the weekly summary reads back no more than this of a gratitude


@dataclass(frozen=True)
class Week:
    first: date  # Monday
    last: date  # Sunday

    @classmethod
    def containing(cls, day: date, weeks_back: int = 0) -> Week:
        monday = day - timedelta(days=day.weekday() + 7 * weeks_back)
        return cls(monday, monday + timedelta(days=6))

    def holds(self, iso: str) -> bool:
        return self.first.isoformat() <= iso <= self.last.isoformat()

    def label(self) -> str:
        def d(day: date) -> str:
            return f"{day.day} {day:%B}"

        return f"{d(self.first)} to {d(self.last)}"


def next_focus(turn: Turn) -> Practice:
    """A practice from the guide they haven't done for longest (never done first), in guide order."""
    done = turn.profile.last_done
    return min(turn.content.practices, key=lambda p: done.get(p.id, ""))


def pick_readback(entries: list[Gratitude], last_key: str | None) -> Gratitude | None:
    """The next entry after the one read back last time, wrapping around: it rotates."""
    if not entries:
        return None
    later = [e for e in entries if last_key is None or e.key > last_key]
    return later[0] if later else entries[0]


def summary(turn: Turn, weeks_back: int) -> tuple[list[str], list[str]]:
    """Spoken sentences and card lines for a week."""
    profile = turn.profile
    today = turn.today
    week = Week.containing(today, weeks_back)
    done = [(d, pid) for d, pid in profile.done if week.holds(d)]
    if turn.gratitudes is None:  # not read with the profile (see ``week_reads``)
        entries, more = turn.services.gratitudes.between(profile.couple_id, week.first, week.last, turn.now)
    else:
        entries = said_between(turn.gratitudes[0], week.first, week.last)
        more = turn.gratitudes[1] and len(entries) >= MAX_WEEK_ENTRIES
    screen.show_week(
        turn, week.first, week.label(), (d for d, _ in done), current(profile.streak_state(), today), len(entries), more
    )
    which = "this week" if weeks_back == 0 else "last week"
    focus = next_focus(turn)
    spoken: list[str] = []
    card: list[str] = []
    if not done and not entries:
        empty = turn.content.say("summary_empty", which=which, focus=focus.name, focus_cap=capitalised(focus.name))
        spoken.append(empty)
        card.append(empty)
        return spoken, card

    days = len({d for d, _ in done})
    if days:
        names: list[str] = []
        for _, pid in done:
            name = activity_name(turn) if pid == ACTIVITY_ID else getattr(turn.content.practice(pid), "name", None)
            if name and name not in names:
                names.append(name)
        named = join_names(names[:MAX_NAMED])
        key = "summary_days_named" if named else "summary_days"
        spoken.append(turn.content.say(key, which=which, days=days, practices=_n(len(done), "practice"), named=named))
        card.append(f"Active days: {days} of 7")
        card.append(f"Practices completed: {len(done)}" + (f" ({named})" if named else ""))
    else:
        spoken.append(turn.content.say("summary_no_practice", which=which))
        card.append("Active days: 0 of 7")

    streak = current(profile.streak_state(), today)
    if streak >= 2 and streak >= profile.longest:
        spoken.append(turn.content.say("summary_streak_record", streak_words=_n(streak, "day")))
    elif streak:
        spoken.append(turn.content.say("summary_streak", streak_words=_n(streak, "day")))
    card.append(f"Current streak: {_n(streak, 'day')}; longest: {_n(profile.longest, 'day')}")

    count = f"more than {len(entries)}" if more else str(len(entries))
    if entries:
        spoken.append(
            turn.content.say(
                "summary_gratitudes", count=count, entries="gratitude" if len(entries) == 1 else "gratitudes"
            )
        )
        card.append(f"Gratitudes shared: {count}")
        chosen = pick_readback(entries, profile.readback)
        if chosen is not None:
            spoken.append(
                turn.content.say("summary_readback", name=chosen.by, partner=chosen.to, words=quote(chosen.words))
            )
            card.append(f"{chosen.by} to {chosen.to}: \u201c{clean_words(chosen.words)}\u201d")
            remember_readback(turn, chosen.key)
    else:
        spoken.append(turn.content.say("summary_no_gratitudes"))
        card.append("Gratitudes shared: 0")

    spoken.append(turn.content.say("summary_focus", focus=focus.name))
    card.append(f"Next week's focus: {focus.title}. {focus.intro}")
    return spoken, card


def remember_readback(turn: Turn, key: str) -> None:
    if turn.profile.readback == key:
        return

    def change(draft: Profile) -> bool:
        draft.readback = key
        return True

    try:
        turn.profile, _ = turn.services.couples.update(turn.profile, change)
    except StoreUnavailable:  # only the rotation is lost; the summary is still worth giving
        log.warning("summary read-back not remembered")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def quote(words: str) -> str:
    """A short, clean quote of a gratitude for the ear: filler dropped, at most QUOTE_WORDS words,
    cut after a comma where one falls late enough to leave a whole thought."""
    said = clean_words(words).split()
    if len(said) <= QUOTE_WORDS:
        return " ".join(said)
    head = said[:QUOTE_WORDS]
    commas = [i for i, w in enumerate(head) if w.endswith(",") and i >= QUOTE_WORDS // 2]
    if commas:
        head = head[: commas[-1] + 1]
    return " ".join(head).rstrip(",")


def join_names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _n(n: int, unit: str) -> str:
    return speech.count_words(n, unit)


def respond(turn: Turn, weeks_back: int) -> Response:
    spoken, card = summary(turn, weeks_back)
    week = Week.containing(turn.today, weeks_back)
    title = ("Your week" if weeks_back == 0 else "Last week") + f": {week.label()}"
    turn.standard_card(title, "\n".join(card))
    text = " ".join(speech.text(s) for s in spoken)
    if weeks_back == 0:
        turn.state.phase = Phase.SUMMARY_MORE
        return turn.ask(f"{text} {turn.say('summary_more')}", turn.say("summary_more_reprompt"))
    turn.state.leave()
    return turn.tell(text)


def week_reads(turn: Turn, weeks_back: int) -> Reads:
    """One read for the profile and the week's gratitudes together. The week's local bounds need the
    couple's time zone (in the profile), so the read starts a day before any zone's Monday could be."""
    earliest = turn.now.date() - timedelta(days=1 + 6 + 7 * weeks_back)
    return Reads(gratitudes_since=earliest, gratitudes_limit=2 * MAX_WEEK_ENTRIES)


class ThisWeekHandler(IntentHandler):
    intents = ("WeeklySummaryIntent",)

    def reads(self, turn: Turn) -> Reads:
        return week_reads(turn, 0)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(self.turn(handler_input), 0)


class LastWeekHandler(IntentHandler):
    intents = ("LastWeekSummaryIntent", "AMAZON.YesIntent")

    def applies(self, turn: Turn) -> bool:
        return get_intent_name(turn.input) != "AMAZON.YesIntent" or turn.phase == Phase.SUMMARY_MORE

    def reads(self, turn: Turn) -> Reads:
        return week_reads(turn, 1)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(self.turn(handler_input), 1)


class NoMoreHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def applies(self, turn: Turn) -> bool:
        return turn.phase == Phase.SUMMARY_MORE

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = self.turn(handler_input)
        turn.state.leave()
        return turn.tell(turn.say("goodbye"))


HANDLERS = (ThisWeekHandler, LastWeekHandler, NoMoreHandler)
