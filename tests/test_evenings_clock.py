"""Real evenings, by the clock and by ear: openings and closings that follow the local time, tonight's
pick never something just done, offers that read well and don't repeat themselves, and the same
evening typed into `make chat`."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from content.loader import CONTENT_DIR, _phrases, load_catalogue
from content.schema import PARTS_OF_DAY, Catalogue, ContentError, part_of_day
from devtools import chat
from devtools.envelopes import envelope
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore
from skill.store.keys import couple_id_for_user

from conftest import Served
from support.alexa import Conversation, speech_text
from support.evenings import at, named

# -- 4. time of day -----------------------------------------------------------------------------------

NIGHT_WORDS = ("tonight", "goodnight", "good night", "sleep well", "evening")


def night_words(text: str) -> list[str]:
    return [w for w in NIGHT_WORDS if w in text.lower()]


def test_part_of_day_boundaries() -> None:
    assert [part_of_day(h) for h in (4, 5, 11, 12, 16, 17, 23, 0)] == [
        "evening",
        "morning",
        "morning",
        "afternoon",
        "afternoon",
        "evening",
        "evening",
        "evening",
    ]


def test_openings_and_closings_follow_the_local_clock(client: FlaskClient, catalogue: Catalogue) -> None:
    for hour, expect_night in ((8, False), (21, True)):
        new = Conversation(client)
        opening = new.launch(at(0, hour))
        offer = new.say("AMAZON.YesIntent", at(0, hour))
        bye = new.say("AMAZON.StopIntent", at(0, hour))
        returning = Conversation(client)
        returning.one_shot("CompletedExerciseIntent", at(0, hour))
        done = returning.one_shot("CompletedExerciseIntent", at(1, hour))
        back = returning.launch(at(2, hour))
        declined = returning.say("AMAZON.NoIntent", at(2, hour))
        morning = [opening, offer, bye, done, back, declined]
        if expect_night:
            assert "tonight" in opening and "tonight" in offer.lower()
            assert any(w in done.lower() for w in ("goodnight", "sleep well", "see you tomorrow"))
        else:
            assert [night_words(t) for t in morning] == [[]] * len(morning), morning


def test_a_closing_in_the_morning_wishes_a_good_day(client: FlaskClient, catalogue: Catalogue) -> None:
    c = Conversation(client)
    said = c.one_shot("CompletedExerciseIntent", at(0, 8))
    assert not night_words(said)
    assert any(v in said for v in catalogue.phrases.by_part["signoff"]["morning"]), said


def test_no_phrase_says_goodnight_whatever_the_hour(catalogue: Catalogue) -> None:
    """A night-time farewell lives only in the evening entry of a time table (e.g. signoff.evening)."""
    phrases = catalogue.phrases
    for key, variants in phrases.variants.items():
        timeless = (
            variants
            if key not in phrases.by_part
            else [t for part in ("morning", "afternoon") for t in phrases.by_part[key][part]]
        )
        for text in timeless:
            assert not re.search(r"good ?night|sleep well", text, re.I), (key, text)


def test_a_time_table_phrase_must_name_every_part_of_the_day(tmp_path: Path) -> None:
    """Phrases where goodbye lacks its afternoon words: the content is refused at start-up."""
    for source in sorted((CONTENT_DIR / "phrases").glob("*.toml")):
        text = source.read_text()
        if source.name == "core.toml":
            text = re.sub(r"^goodbye\.afternoon = .*\n", "", text, flags=re.M)
        (tmp_path / source.name).write_text(text)
    assert "goodbye.afternoon" not in (tmp_path / "core.toml").read_text()
    with pytest.raises(ContentError, match="goodbye"):
        _phrases(sorted(tmp_path.glob("*.toml")))
    assert set(load_catalogue().phrases.by_part["goodbye"]) == set(PARTS_OF_DAY)


# -- 5. tonight's pick is never something just done ------------------------------------------------------


def test_tonights_pick_done_earlier_this_evening_gives_way_to_a_fresh_one(
    client: FlaskClient, catalogue: Catalogue, store: CoupleStore
) -> None:
    c = Conversation(client)
    first = named(c.one_shot("TonightsExerciseIntent", at(0, 19)), catalogue)
    c.one_shot("CompletedExerciseIntent", at(0, 19, 45))
    said = c.one_shot("TonightsExerciseIntent", at(0, 20, 45))
    done = catalogue.practice(first)
    assert done is not None and said.startswith("That's done for tonight. Here's another.")
    fresh = [p.id for p in catalogue.practices if p.name in said.split("Here's another.")[-1]]
    assert fresh and first not in fresh, said
    assert store.load_for_user(c.user_id).tonight == fresh[0]


def test_nothing_completed_today_or_yesterday_is_picked(
    client: FlaskClient, catalogue: Catalogue, store: CoupleStore
) -> None:
    """Even when every other practice was suggested lately, ones just done are not picked again."""
    ids = [p.id for p in catalogue.practices]
    recent, done_lately = ids[:3], ids[3:]
    today = at(3).date()
    c = Conversation(client)
    profile = store.load(couple_id_for_user(c.user_id))

    def seed(draft: Profile) -> bool:
        for i, practice in enumerate(done_lately):
            draft.record_done(today - timedelta(days=i % 2), practice)  # today or yesterday
        draft.recent = list(recent)
        return True

    store.update(profile, seed)
    for minute in range(3):
        c.session_id = None
        said = c.say("TonightsExerciseIntent" if minute == 0 else "AnotherExerciseIntent", at(3, 20, minute))
        assert named(said, catalogue) in recent, said


# -- 6. offers read well and don't repeat themselves ---------------------------------------------------

OFFER_KEYS = (
    "tonight_offer",
    "another_offer",
    "start_reprompt",
    "guide_opening",
    "explain_reprompt",
    "explain_offer_exercise",
    "completed_first_day",
    "walk_stopped",
    "tonight_done_already",
)
ARTICLES = ("a", "an", "the")
QUANTIFIERS = ("a little", "a bit", "some", "a lot of", "a few")


def slips(text: str) -> list[str]:
    words = re.findall(r"[a-z']+", text.lower())
    found = [f"doubled {a!r}" for a, b in pairwise(words) if a == b and a not in ("very",)]
    found += [f"{a} {b}" for a, b in pairwise(words) if a in ARTICLES and b in ARTICLES]
    found += [f"a {b}" for a, b in pairwise(words) if a == "a" and b[0] in "aeio"]
    found += [f"an {b}" for a, b in pairwise(words) if a == "an" and b[0] not in "aeiouh"]
    return found


def test_every_offer_phrase_reads_well_with_every_practice_name(catalogue: Catalogue) -> None:
    problems = []
    for practice in catalogue.practices:
        if practice.name.lower().startswith(QUANTIFIERS):
            problems.append(f"{practice.id}: name {practice.name!r} reads as an amount after 'try' or 'start'")
        values = {
            "name": practice.name,
            "intro": practice.intro,
            "minutes": practice.minutes,
            "exercise": practice.name,
            "done": practice.name,
            "streak_words": "3 days",
            "signoff": "",
        }
        for key in OFFER_KEYS:
            for text in catalogue.phrases.variants.get(key, ()):
                said = text.format(**values)
                problems += [f"{key}/{practice.id}: {slip}" for slip in slips(said)]
    for key, variants in catalogue.phrases.variants.items():
        for text in variants:
            if re.search(r"\bshare one couple\b", text):
                problems.append(f"{key}: 'share one couple'")
    assert problems == []


def test_the_slip_check_finds_slips() -> None:
    assert slips("Let's try the the touch map") and slips("let's try a the map") and slips("an honest a idea")
    assert not slips("Tonight, let's try an honest talk. Allow about 10 minutes.")


def test_an_offer_says_how_long_it_takes_once(client: FlaskClient, catalogue: Catalogue) -> None:
    for practice in catalogue.practices:
        assert not re.search(r"\bminutes?\b|\bfew minutes\b|\bquick\b", practice.intro), practice.id
    c = Conversation(client)
    said = c.one_shot("TonightsExerciseIntent", at())
    assert len(re.findall(r"\bminutes?\b", said)) == 1, said


def test_another_one_again_and_again_never_opens_alike_twice_running(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("TonightsExerciseIntent", at())
    openers = [" ".join(c.say("AnotherExerciseIntent", at()).split()[:2]) for _ in range(5)]
    assert all(a != b for a, b in pairwise(openers)), openers


def test_a_redelivered_offer_is_said_in_the_same_words(client: FlaskClient) -> None:
    c = Conversation(client)
    c.one_shot("TonightsExerciseIntent", at())
    env = envelope(
        "intent",
        user_id=c.user_id,
        at=at(),
        intent="AnotherExerciseIntent",
        session_id=c.session_id,
        attributes=c.attributes,
        request_id="amzn1.echo-api.request.same-one",
    )
    replies = [
        client.post("/alexa", data=json.dumps(env).encode(), content_type="application/json").get_json()
        for _ in range(2)
    ]
    assert speech_text(replies[0]) == speech_text(replies[1])


# -- the same evening typed into `make chat` ---------------------------------------------------------


def test_make_chat_evening_with_natural_phrasings(served_skill: Served, tmp_path: Path) -> None:
    out = io.StringIO()
    lines = [
        "open close together",
        "next",
        "tell me more",
        "the fifth step",
        "what's step eleven",
        "step twelve",
        "why does closeness matter",
        "another one",
        "stop",
    ]
    code = chat.main(
        ["--port", str(served_skill.port), "--no-start", "--state-dir", str(tmp_path)],
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
    )
    assert code == 0, out.getvalue()
    turns = out.getvalue().split("you> ")[1:]
    assert "-> AMAZON.NextIntent" in turns[1] and "minutes" in turns[1] and "haven't started" not in turns[1]
    assert "-> TellMeMoreIntent" in turns[2] and "?" in turns[2]
    assert "-> StepByNumberIntent ordinal='5'" in turns[3] and "Step 5:" in turns[3]
    assert "-> StepByNumberIntent number='11'" in turns[4] and "Step 11:" in turns[4]
    assert "There are 11 steps" in turns[5]
    assert "physical reasons" in turns[6] and "-> AnotherExerciseIntent" in turns[7]
    assert "(the skill closed the session)" in turns[8]
