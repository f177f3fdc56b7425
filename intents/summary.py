"""The weekly summary: "how did we do this week?" and "and last week?", spoken and as a card.

Reads the profile (its completions of this week and last, ``HISTORY_DAYS``; the streak; when each
practice was last done) and the week's gratitudes, in one Query (``week_reads``), and writes nothing:
the gratitude read back rotates with the time of asking. A week is the last seven evenings
(skill/domain/week.py), so Monday morning still hears the week just lived.

At most one suggestion, and only where it helps (``suggestion``): what they haven't done at all, a
gratitude round when none was shared, or a practice when fewer than half the evenings had one.
Last week's summary gives that week's figures only: no streak (today's would not be that week's)
and no suggestion (it is the past).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content import speech
from content.schema import Practice
from intents.base import IntentHandler, Turn
from intents.state import Phase
from intents.words import SUMMARY_QUOTE_WORDS, clean_words, quote
from skill.alexa import screen
from skill.arrival import Reads
from skill.domain.evening import evening_at
from skill.domain.gratitude import ROUND_ACTIVITY, Gratitude, said_between
from skill.domain.streak import current
from skill.domain.week import EVENINGS, Week
from skill.store.gratitude import MAX_WEEK_ENTRIES

# The busiest week, said with the longest names, must fit in 25 s as espeak-ng says it
# (tests/test_spoken_length.py): two practices named aloud, a quote of SUMMARY_QUOTE_WORDS at most.
MAX_NAMED = 2
# Fewer active evenings than this in the last seven, and a practice is worth suggesting.
SUGGEST_BELOW_DAYS = 4


def dates(turn: Turn, week: Week) -> str:
    """The week's dates in words ("24 November to 30 November"), for the card and the screen."""

    def day(d: date) -> str:  # in the language's words (language.toml [dates]), never the machine's locale
        return turn.content.dates.day.format(day=d.day, month=turn.content.dates.months[d.month - 1])

    return turn.words("card_week_dates", first=day(week.first), last=day(week.last))


def next_focus(turn: Turn) -> Practice:
    """A practice from the guide they haven't done for longest (never done first), in guide order."""
    done = turn.profile.last_done
    return min(turn.content.practices, key=lambda p: done.get(p.id, ""))


def pick_readback(entries: list[Gratitude], asked: datetime) -> Gratitude | None:
    """One entry, rotating with when the couple asks (their local time): the next one a minute
    later, and the next one at the same time the next day. Nothing is stored to rotate it, so the
    summary writes nothing (docs/performance.md)."""
    if not entries:
        return None
    turn_of_the_clock = asked.date().toordinal() + asked.hour * 60 + asked.minute
    return entries[turn_of_the_clock % len(entries)]


def evening_week(turn: Turn, weeks_back: int) -> Week:
    return Week.ending(evening_at(turn.now, turn.time_zone), weeks_back)


def suggestion(active_days: int, gratitudes: int) -> str | None:
    """The one suggestion this week's summary makes, if any: "focus" (a practice) or "round"."""
    if active_days == 0:
        return "focus"
    if gratitudes == 0:
        return "round"
    if active_days < SUGGEST_BELOW_DAYS:
        return "focus"
    return None


def summary(turn: Turn, weeks_back: int) -> tuple[list[str], list[str]]:
    """Spoken sentences and card lines for a week."""
    profile = turn.profile
    today = evening_at(turn.now, turn.time_zone)
    week = evening_week(turn, weeks_back)
    done = [(d, pid) for d, pid in profile.done if week.holds(d)]
    if turn.gratitudes is None:  # not read with the profile (see ``week_reads``)
        entries, more = turn.services.gratitudes.between(profile.couple_id, week.first, week.last, turn.now)
    else:
        entries = said_between(turn.gratitudes[0], week.first, week.last)
        more = turn.gratitudes[1] and len(entries) >= MAX_WEEK_ENTRIES
    streak = current(profile.streak_state(), today) if weeks_back == 0 else 0
    # An earlier week's screen shows that week's longest run, never today's streak.
    shown = streak if weeks_back == 0 else week.longest_run({d for d, _ in done})
    screen.show_week(turn, week.first, dates(turn, week), (d for d, _ in done), shown, len(entries), more)
    which = turn.words("summary_this_week" if weeks_back == 0 else "summary_last_week")
    focus = next_focus(turn)
    spoken: list[str] = []
    card: list[str] = []
    if not done and not entries:
        key: Literal["summary_empty", "summary_empty_before"] = (
            "summary_empty" if weeks_back == 0 and not streak else "summary_empty_before"
        )
        empty = turn.words(key, which=which, focus=focus.name, focus_cap=capitalised(focus.name))
        spoken.append(empty)
        card.append(empty)
        return spoken, card

    _practices(turn, done, which, spoken, card)
    if weeks_back == 0:
        _streak(turn, today, spoken, card)
    _gratitudes(turn, entries, more, spoken, card)
    offer = suggestion(len({d for d, _ in done}), len(entries)) if weeks_back == 0 else None
    if offer == "focus":
        spoken.append(turn.words("summary_focus", focus=focus.name))
        card.append(turn.words("card_week_focus", title=focus.title, intro=focus.intro))
    elif offer == "round":
        spoken.append(turn.words("summary_suggest_round"))
        card.append(turn.words("card_week_suggest_round"))
    return spoken, card


def _practices(turn: Turn, done: list[tuple[str, str]], which: str, spoken: list[str], card: list[str]) -> None:
    days = len({d for d, _ in done})
    if days:
        names: list[str] = []
        for _, pid in done:
            name = (
                turn.words("grat_activity_name")
                if pid == ROUND_ACTIVITY
                else getattr(turn.content.practice(pid), "name", None)
            )
            if name and name not in names:
                names.append(name)
        named = speech.and_list(names[:MAX_NAMED], turn.content.list_and)
        key: Literal["summary_days_named", "summary_days"] = "summary_days_named" if named else "summary_days"
        spoken.append(
            turn.words(key, which=which, days=days, practices=turn.count("count_practices", len(done)), named=named)
        )
        card.append(turn.words("card_week_active", days=days))
        card.append(
            turn.words("card_week_practices_named" if named else "card_week_practices", count=len(done), named=named)
        )
    else:
        spoken.append(turn.words("summary_no_practice", which=which))
        card.append(turn.words("card_week_active", days=0))


def _streak(turn: Turn, today: date, spoken: list[str], card: list[str]) -> None:
    profile = turn.profile
    streak = current(profile.streak_state(), today)
    if streak >= 2 and streak >= profile.longest:
        spoken.append(turn.words("summary_streak_record", streak_words=turn.count("count_days", streak)))
    elif streak:
        spoken.append(turn.words("summary_streak", streak_words=turn.count("count_days", streak)))
    card.append(
        turn.words(
            "card_week_streak",
            streak=turn.count("count_days", streak),
            longest=turn.count("count_days", profile.longest),
        )
    )


def _gratitudes(turn: Turn, entries: list[Gratitude], more: bool, spoken: list[str], card: list[str]) -> None:
    count = turn.words("summary_more_than", count=len(entries)) if more else str(len(entries))
    if entries:
        spoken.append(
            turn.words("summary_gratitudes", count=count, entries=turn.count("word_gratitudes", len(entries)))
        )
        card.append(turn.words("card_week_gratitudes", count=count))
        chosen = pick_readback(entries, turn.now.astimezone(turn.time_zone))
        if chosen is not None:
            spoken.append(
                turn.words(
                    "summary_readback",
                    name=chosen.by,
                    partner=chosen.to,
                    words=quote(chosen.words, turn.content.hearing, SUMMARY_QUOTE_WORDS),
                )
            )
            card.append(
                turn.words("card_week_readback", name=chosen.by, partner=chosen.to, words=clean_words(chosen.words))
            )
    else:
        spoken.append(turn.words("summary_no_gratitudes"))
        card.append(turn.words("card_week_gratitudes", count=0))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def respond(turn: Turn, weeks_back: int) -> Response:
    spoken, card = summary(turn, weeks_back)
    week = evening_week(turn, weeks_back)
    title = turn.words("card_week_title_this" if weeks_back == 0 else "card_week_title_last", dates=dates(turn, week))
    turn.standard_card(title, "\n".join(card))
    text = " ".join(speech.text(s) for s in spoken)
    if weeks_back == 0:
        turn.state.phase = Phase.SUMMARY_MORE
        return turn.ask(f"{text} {turn.say('summary_more')}", turn.say("summary_more_reprompt"))
    turn.state.leave()
    return turn.tell(text)


def week_reads(turn: Turn, weeks_back: int) -> Reads:
    """One read for the profile and the week's gratitudes together. The week's local bounds need the
    couple's time zone (in the profile), so the read starts two days before any zone's first evening could
    be (a local date is at most a day behind UTC's, and an evening before 4 a.m. is the day before)."""
    earliest = turn.now.date() - timedelta(days=2 + EVENINGS - 1 + EVENINGS * weeks_back)
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
