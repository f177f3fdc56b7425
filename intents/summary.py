"""The weekly summary: "how did we do this week?" and "and last week?", spoken and as a card.

Reads the profile (its completions of this week and last, ``HISTORY_DAYS``; the streak; when each
practice was last done) and the week's gratitudes, in one Query (``week_reads``), and writes nothing:
the gratitude read back rotates with the time of asking. Weeks run Monday to Sunday in the couple's
time zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name
from ask_sdk_model import Response

from content import speech
from content.schema import Practice
from intents.base import IntentHandler, Reads, Turn
from intents.state import Phase
from intents.words import clean_words, quote
from skill.alexa import screen
from skill.domain.gratitude import ROUND_ACTIVITY, Gratitude, said_between
from skill.domain.streak import current
from skill.domain.week import Week
from skill.store.gratitude import MAX_WEEK_ENTRIES

# The busiest week, said with the longest names, must fit in 25 s as espeak-ng says it
# (tests/test_spoken_length.py): two practices named aloud, a quote of ten words at most.
MAX_NAMED = 2
SUMMARY_QUOTE_WORDS = 10


def dates(turn: Turn, week: Week) -> str:
    """The week's dates in words ("24 November to 30 November"), for the card and the screen."""

    def day(d: date) -> str:
        return f"{d.day} {d:%B}"

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
        turn,
        week.first,
        dates(turn, week),
        (d for d, _ in done),
        current(profile.streak_state(), today),
        len(entries),
        more,
    )
    which = turn.words("summary_this_week" if weeks_back == 0 else "summary_last_week")
    focus = next_focus(turn)
    spoken: list[str] = []
    card: list[str] = []
    if not done and not entries:
        empty = turn.words("summary_empty", which=which, focus=focus.name, focus_cap=capitalised(focus.name))
        spoken.append(empty)
        card.append(empty)
        return spoken, card

    _practices(turn, done, which, spoken, card)
    _streak(turn, today, spoken, card)
    _gratitudes(turn, entries, more, spoken, card)
    spoken.append(turn.words("summary_focus", focus=focus.name))
    card.append(turn.words("card_week_focus", title=focus.title, intro=focus.intro))
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
        named = speech.and_list(names[:MAX_NAMED])
        key = "summary_days_named" if named else "summary_days"
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
                    words=quote(chosen.words, SUMMARY_QUOTE_WORDS),
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
    week = Week.containing(turn.today, weeks_back)
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
