"""Two partners on two devices as one couple: linking, merging what each did alone, codes that are
wrong, expired, used or guessed, and unlinking, all through real envelopes and DynamoDB Local. What
happens to the couple's data (deleting, SkillDisabled, isolation, the read cost) is test_partners_data.py."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import envelope, new_user_id
from skill.domain.link import JoinOutcome
from skill.domain.profile import MERGE_RULES, Profile, merge_profiles
from skill.store import keys
from skill.store.couples import CoupleStore
from skill.store.partners import JOIN_TRIES_PER_HOUR, Partners

from support.alexa import Conversation
from support.couples import account, code_from, link, partition, put_raw, sort_keys, two_partners
from support.partners import DEVICE_B, evening

# -- linking ------------------------------------------------------------------------------------


def test_two_partners_link_and_build_one_streak(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client)
    a.one_shot("CompletedExerciseIntent", evening(0))
    link(a, b, evening(0, 21))
    # Each partner's "we did it" on their own device counts for the one couple.
    b.one_shot("CompletedExerciseIntent", evening(1))
    a.one_shot("CompletedExerciseIntent", evening(2))
    said_a = a.one_shot("StreakIntent", evening(2, 21))
    said_b = b.one_shot("StreakIntent", evening(2, 21))
    assert "Your streak is 3 days" in said_a and "Your streak is 3 days" in said_b
    shared_a, shared_b = store.load_for_user(a.user_id), store.load_for_user(b.user_id)
    assert shared_a.couple_id == shared_b.couple_id
    assert sorted(shared_a.members) == sorted([account(a), account(b)])
    # Neither account's own id is the shared couple: each own item is only a pointer.
    assert store.load(account(a)).linked_to == shared_a.couple_id
    assert store.load(account(b)).linked_to == shared_a.couple_id


def test_tonights_pick_is_the_same_on_both_devices(client: FlaskClient, catalogue: Catalogue) -> None:
    a, b = two_partners(client)
    link(a, b, evening(0, 18))
    said_a = a.one_shot("TonightsExerciseIntent", evening(0))
    said_b = b.one_shot("TonightsExerciseIntent", evening(0, 21))
    names = [p.name for p in catalogue.practices]
    assert [n for n in names if n in said_a] == [n for n in names if n in said_b] != []


def test_joining_merges_what_the_partner_did_alone(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client)
    a.one_shot(
        "CompletedExerciseIntent",
        evening(0),
    )
    a.one_shot("CompletedExerciseIntent", evening(1))
    for day in range(2, 6):  # B alone: a longer run, ending yesterday
        b.post(
            envelope(
                "intent",
                user_id=b.user_id,
                at=evening(day),
                intent="CompletedExerciseIntent",
                attributes={"practice": "mirror_listening"},
                new=True,
            )
        )
    put_raw(store, account(b), "GRAT#2026-11-05#b1", note="kept")
    a_before, b_before = store.load(account(a)), store.load(account(b))
    link(a, b, evening(6, 19))
    shared = store.load_for_user(a.user_id)
    assert shared.streak == 4 and shared.longest == 4  # B's live run wins; A's older days don't shorten it
    assert {d for d, _ in shared.done} == {d for d, _ in a_before.done + b_before.done}
    assert shared.last_done["mirror_listening"] == evening(5).date().isoformat()
    # B's other items moved into the shared partition, and out of B's own.
    assert "GRAT#2026-11-05#b1" in sort_keys(store, shared.couple_id)
    assert sort_keys(store, account(b)) == {"PROFILE"} | {
        s for s in sort_keys(store, account(b)) if s.startswith((keys.JOIN_TRIES_PREFIX, keys.REPLY_PREFIX))
    }
    # Completing tonight extends the merged streak for both.
    assert "5 days" in a.one_shot("CompletedExerciseIntent", evening(6))


def test_every_profile_field_has_a_merge_rule() -> None:
    fields = set(Profile.__dataclass_fields__)
    assert fields == set(MERGE_RULES), "add a rule to MERGE_RULES in skill/domain/profile.py for each new field"
    base = Profile(
        couple_id="shared",
        version=3,
        streak=2,
        longest=6,
        last_active="2026-11-05",
        done=[["2026-11-05", "touch_map"]],
        last_done={"touch_map": "2026-11-05"},
        members=["a"],
    )
    joining = Profile(
        couple_id="b",
        version=9,
        time_zone="Europe/Berlin",
        streak=1,
        longest=1,
        last_active="2026-11-06",
        done=[["2026-11-06", "gratitude"]],
        last_done={"touch_map": "2026-10-01", "gratitude": "2026-11-06"},
        members=["b"],
    )
    merged = merge_profiles(base, joining, datetime(2026, 11, 6).date())
    assert (merged.couple_id, merged.version, merged.members) == ("shared", 3, ["a", "b"])
    assert (merged.streak, merged.longest, merged.last_active) == (3, 6, "2026-11-06")
    assert merged.time_zone == "Europe/Berlin"
    assert merged.last_done == {"touch_map": "2026-11-05", "gratitude": "2026-11-06"}


def test_a_wrong_code_gets_a_clear_answer_and_the_session_stays_open(client: FlaskClient) -> None:
    a, b = two_partners(client)
    a.one_shot("LinkPartnerIntent", evening(0))
    code = code_from(a)
    wrong = "123456" if code != "123456" else "654321"
    said = b.one_shot("JoinPartnerIntent", evening(0), code=wrong)
    assert "couldn't find that code" in said and said.endswith("?") and not b.ended and b.reprompt
    assert "You're linked" in b.say("JoinPartnerIntent", evening(0), code=code)


def test_join_without_a_code_asks_for_it(client: FlaskClient) -> None:
    a, b = two_partners(client)
    a.one_shot("LinkPartnerIntent", evening(0))
    said = b.one_shot("JoinPartnerIntent", evening(0))
    assert "six-digit code" in said and not b.ended
    assert "You're linked" in b.say("JoinPartnerIntent", evening(0), code=code_from(a))


def test_an_expired_code_is_refused(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client)
    a.one_shot("LinkPartnerIntent", evening(0))
    code = code_from(a)
    said = b.one_shot("JoinPartnerIntent", evening(0) + timedelta(minutes=10, seconds=1), code=code)
    assert "run out" in said
    assert store.load_for_user(b.user_id).couple_id == account(b)


def test_a_code_works_once(client: FlaskClient) -> None:
    a, b = two_partners(client)
    code = link(a, b, evening(0))
    c = Conversation(client, device_id="amzn1.ask.device.THIRD")
    assert "couldn't find that code" in c.one_shot("JoinPartnerIntent", evening(0, 20, 35), code=code)
    assert "already linked" in a.one_shot("LinkPartnerIntent", evening(0, 21))


def test_two_joins_of_one_code_cannot_both_succeed(store: CoupleStore) -> None:
    issuer, joiners = new_user_id(), [new_user_id() for _ in range(6)]
    partners = Partners(store)
    code = partners.issue_code(issuer, evening(0))
    assert code is not None
    barrier = threading.Barrier(len(joiners))
    outcomes: list[JoinOutcome] = []

    def join(user: str) -> None:
        barrier.wait()
        outcomes.append(Partners(store).join(user, code, evening(0, 20, 31), evening(0).date()).outcome)

    threads = [threading.Thread(target=join, args=(u,)) for u in joiners]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count(JoinOutcome.JOINED) == 1, outcomes
    assert set(outcomes) <= {JoinOutcome.JOINED, JoinOutcome.WRONG, JoinOutcome.TAKEN}
    assert len(store.load_for_user(issuer).members) == 2


def test_guessing_is_throttled_per_account(client: FlaskClient) -> None:
    a, guesser = two_partners(client)
    a.one_shot("LinkPartnerIntent", evening(0))
    code = code_from(a)
    wrong = [f"{n:06d}" for n in range(100000, 100000 + JOIN_TRIES_PER_HOUR) if f"{n:06d}" != code]
    for guess in wrong[:JOIN_TRIES_PER_HOUR]:
        assert "couldn't find" in guesser.one_shot("JoinPartnerIntent", evening(0, 20, 31), code=guess)
    # Past the limit even the right code is refused, and the refusal says what the limit is.
    said = guesser.one_shot("JoinPartnerIntent", evening(0, 20, 32), code=code)
    assert "five code attempts an hour" in said
    # The throttled attempt didn't use the code up: the real partner can still join with it.
    partner = Conversation(client, device_id=DEVICE_B)
    assert "You're linked" in partner.one_shot("JoinPartnerIntent", evening(0, 20, 33), code=code)
    # Next hour the guesser may try again.
    assert "couldn't find" in guesser.one_shot("JoinPartnerIntent", evening(0, 21, 40), code="999999")


def test_unlink_leaves_each_a_copy_of_the_shared_streak(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client)
    link(a, b, evening(0, 18))
    a.one_shot("CompletedExerciseIntent", evening(0))
    b.one_shot("CompletedExerciseIntent", evening(1))
    shared_id = store.load_for_user(a.user_id).couple_id
    put_raw(store, shared_id, "GRAT#2026-11-03#x", note="ours")
    said = b.one_shot("UnlinkPartnerIntent", evening(1, 21))
    assert "separate again" in said and "2 days" in said
    assert "isn't linked" in b.one_shot("UnlinkPartnerIntent", evening(1, 22))
    for conv in (a, b):
        solo = store.load_for_user(conv.user_id)
        assert solo.couple_id == account(conv) and solo.streak == 2 and not solo.members and not solo.linked_to
        assert "GRAT#2026-11-03#x" in sort_keys(store, account(conv))
    assert partition(store, shared_id) == []
    # From now on they count separately.
    a.one_shot("CompletedExerciseIntent", evening(2))
    assert "3 days" in a.one_shot("StreakIntent", evening(2, 21))
    assert "2 days" in b.one_shot("StreakIntent", evening(2, 21))
