"""Two partners on two devices as one couple: linking, merging, unlinking, deleting, SkillDisabled,
isolation and the read cost of resolving a couple, all through real envelopes and DynamoDB Local."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from deploy.envelopes import envelope, new_user_id, skill_disabled_event
from skill.app import create_app
from skill.core.settings import Settings
from skill.domain.profile import MERGE_RULES, Profile, merge_profiles
from skill.store import keys
from skill.store.couples import CoupleStore, to_item
from skill.store.partners import JOIN_TRIES_PER_HOUR, JoinOutcome, Partners
from skill.web.verification import RequestVerifier

from alexa import Conversation
from certs import DEFAULT_CHAIN_URL, make_pki
from couples import account, code_from, link, partition, sort_keys

NY = ZoneInfo("America/New_York")  # the test settings' default time zone
DEVICE_A = "amzn1.ask.device.PARTNER_A_ECHO"
DEVICE_B = "amzn1.ask.device.PARTNER_B_ECHO"


def evening(day: int, hour: int = 20, minute: int = 30) -> datetime:
    return datetime(2026, 11, 2, hour, minute, tzinfo=NY) + timedelta(days=day)


def two_partners(client: FlaskClient) -> tuple[Conversation, Conversation]:
    return Conversation(client, device_id=DEVICE_A), Conversation(client, device_id=DEVICE_B)


def put_raw(store: CoupleStore, couple_id: str, sk: str, **values: Any) -> None:
    store.client.put_item(TableName=store.table, Item=to_item({"pk": keys.couple_pk(couple_id), "sk": sk, **values}))


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
        s for s in sort_keys(store, account(b)) if s.startswith(keys.JOIN_TRIES_PREFIX)
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


# -- deleting -----------------------------------------------------------------------------------


def test_delete_asks_first_and_no_keeps_everything(client: FlaskClient, store: CoupleStore) -> None:
    a = Conversation(client)
    a.one_shot("CompletedExerciseIntent", evening(0))
    said = a.one_shot("DeleteDataIntent", evening(0, 21))
    assert "Shall I delete it?" in said and not a.ended and a.reprompt
    assert "haven't deleted anything" in a.say("AMAZON.NoIntent", evening(0, 21))
    assert store.load_for_user(a.user_id).streak == 1
    # A "yes" that doesn't answer the delete question deletes nothing.
    a.launch(evening(1))
    a.say("AMAZON.YesIntent", evening(1))
    assert store.load_for_user(a.user_id).streak == 1


def test_delete_by_voice_removes_every_item_of_the_linked_couple(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client)
    stranger = Conversation(client, device_id="amzn1.ask.device.STRANGER")
    stranger.one_shot("CompletedExerciseIntent", evening(0))
    link(a, b, evening(0, 18))
    a.one_shot("CompletedExerciseIntent", evening(0))
    shared_id = store.load_for_user(a.user_id).couple_id
    put_raw(store, shared_id, "GRAT#2026-11-02#a", note="thanks")
    stranger.one_shot("LinkPartnerIntent", evening(0, 19))  # a live code of another couple
    stranger_code = code_from(stranger)

    assert "Shall I delete it?" in b.one_shot("DeleteDataIntent", evening(0, 21))
    assert "is deleted" in b.say("AMAZON.YesIntent", evening(0, 21))
    assert partition(store, shared_id) == []
    for conv in (a, b):
        left = sort_keys(store, account(conv))
        assert not [s for s in left if not s.startswith(keys.JOIN_TRIES_PREFIX)], left
        assert store.load_for_user(conv.user_id).is_new
    assert "Welcome to Close Together" in a.launch(evening(1))
    # Only the asking couple's data was touched.
    assert store.load_for_user(stranger.user_id).streak == 1
    joiner = Conversation(client, device_id="amzn1.ask.device.JOINER")
    assert "You're linked" in joiner.one_shot("JoinPartnerIntent", evening(0, 19, 5), code=stranger_code)


def test_delete_removes_a_solo_couples_codes(client: FlaskClient, store: CoupleStore) -> None:
    a = Conversation(client)
    a.one_shot("LinkPartnerIntent", evening(0))
    code = code_from(a)
    a.one_shot("DeleteDataIntent", evening(0, 20, 31))
    a.say("AMAZON.YesIntent", evening(0, 20, 31))
    assert "Item" not in store.client.get_item(
        TableName=store.table, Key=to_item({"pk": keys.code_pk(code), "sk": keys.CODE_SK})
    )
    b = Conversation(client, device_id=DEVICE_B)
    assert "couldn't find" in b.one_shot("JoinPartnerIntent", evening(0, 20, 32), code=code)


# -- SkillDisabled ------------------------------------------------------------------------------


def skill_disabled(client: FlaskClient, user_id: str, at: datetime) -> dict[str, Any]:
    env = skill_disabled_event(user_id, at)
    reply = client.post("/alexa", data=json.dumps(env), content_type="application/json")
    assert reply.status_code == 200, reply.get_data(as_text=True)
    body: dict[str, Any] = reply.get_json()
    return body


def test_skill_disabled_on_a_solo_account_removes_its_data(client: FlaskClient, store: CoupleStore) -> None:
    a = Conversation(client)
    a.one_shot("CompletedExerciseIntent", evening(0))
    a.one_shot("LinkPartnerIntent", evening(0, 21))
    put_raw(store, account(a), "GRAT#2026-11-02#a", note="thanks")
    body = skill_disabled(client, a.user_id, evening(0, 22))
    assert "outputSpeech" not in body["response"] and "sessionAttributes" not in body
    assert not [s for s in sort_keys(store, account(a)) if not s.startswith(keys.JOIN_TRIES_PREFIX)]


def test_skill_disabled_on_a_linked_account_leaves_the_partner_their_data(
    client: FlaskClient, store: CoupleStore
) -> None:
    a, b = two_partners(client)
    link(a, b, evening(0, 18))
    a.one_shot("CompletedExerciseIntent", evening(0))
    b.one_shot("CompletedExerciseIntent", evening(1))
    shared_id = store.load_for_user(a.user_id).couple_id
    skill_disabled(client, a.user_id, evening(1, 22))
    assert sort_keys(store, account(a)) <= {
        s for s in sort_keys(store, account(a)) if s.startswith(keys.JOIN_TRIES_PREFIX)
    }
    assert partition(store, shared_id) == []
    kept = store.load_for_user(b.user_id)
    assert kept.couple_id == account(b) and kept.streak == 2 and not kept.members
    assert "2 days" in b.one_shot("StreakIntent", evening(1, 23))
    assert store.load_for_user(a.user_id).is_new


def test_skill_disabled_passes_the_verified_web_seam(settings: Settings, catalogue: Catalogue) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    pki = make_pki(now=now)
    verifier = RequestVerifier(skill_id=None, trust_roots=[pki.root_cert], fetcher=lambda url: pki.chain_pem)
    signed = Settings(
        table_name=settings.table_name,
        dynamodb_endpoint=settings.dynamodb_endpoint,
        verify_requests=True,
        time_zone_lookup=False,
    )
    app = create_app({"SETTINGS": signed, "CATALOGUE": catalogue, "VERIFIER": verifier})
    env = skill_disabled_event(new_user_id(), now)
    body = json.dumps(env).encode()
    reply = app.test_client().post(
        "/alexa", data=body, content_type="application/json", headers=pki.headers(body, DEFAULT_CHAIN_URL)
    )
    assert reply.status_code == 200, reply.get_data(as_text=True)
    assert reply.get_json()["response"] == {}


# -- isolation ----------------------------------------------------------------------------------


def test_a_request_cannot_reach_another_couples_items(client: FlaskClient, store: CoupleStore) -> None:
    a, b = two_partners(client)
    link(a, b, evening(0, 18))
    a.one_shot("CompletedExerciseIntent", evening(0))
    shared = store.load_for_user(a.user_id)
    # Session attributes naming the other couple's shared id, or an account's own id, are only hints:
    # they are checked against the couple's members and ignored.
    for forged in (shared.couple_id, account(a), keys.couple_pk(shared.couple_id)):
        intruder = new_user_id()
        env = envelope(
            "intent",
            user_id=intruder,
            at=evening(1),
            intent="CompletedExerciseIntent",
            attributes={"couple": forged, "practice": "touch_map"},
            new=False,
        )
        said = Conversation(client, user_id=intruder).post(env)
        assert "day one" in json.dumps(said)
        env = envelope("intent", user_id=intruder, at=evening(1), intent="StreakIntent", attributes={"couple": forged})
        assert "1 day" in json.dumps(Conversation(client, user_id=intruder).post(env))
    after = store.load_for_user(a.user_id)
    assert (after.version, after.streak, after.done) == (shared.version, shared.streak, shared.done)
    # Deleting and unlinking by the intruder touch only the intruder's items.
    Conversation(client, user_id=intruder).post(
        envelope(
            "intent",
            user_id=intruder,
            at=evening(1),
            intent="AMAZON.YesIntent",
            attributes={"couple": shared.couple_id, "phase": "confirm_delete"},
        )
    )
    assert (
        "isn't linked"
        in Conversation(client, user_id=intruder).post(
            envelope(
                "intent",
                user_id=intruder,
                at=evening(1),
                intent="UnlinkPartnerIntent",
                attributes={"couple": shared.couple_id},
            )
        )["response"]["outputSpeech"]["ssml"]
    )
    assert store.load_for_user(a.user_id).streak == 1 and store.load_for_user(b.user_id).streak == 1
    # A slot naming a couple id instead of a code is just a wrong code.
    slot = Conversation(client, user_id=intruder).post(
        envelope(
            "intent", user_id=intruder, at=evening(1), intent="JoinPartnerIntent", slots={"code": shared.couple_id}
        )
    )
    assert "couldn't find" in json.dumps(slot)
    assert store.load_for_user(intruder).couple_id == keys.couple_id_for_user(intruder)


# -- cost of resolving a couple ---------------------------------------------------------------


class CallCounter:
    def __init__(self, store: CoupleStore) -> None:
        self.calls: list[str] = []
        store.client.meta.events.register("before-call.dynamodb", self._count)

    def _count(self, model: Any, **_: Any) -> None:
        self.calls.append(model.name)

    def take(self) -> list[str]:
        calls, self.calls = self.calls, []
        return calls


def test_resolving_costs_one_read_solo_and_one_read_linked_in_steady_state(
    settings: Settings, catalogue: Catalogue, client: FlaskClient
) -> None:
    a, b = two_partners(client)
    link(a, b, evening(0, 18))
    solo = Conversation(client)
    solo.one_shot("CompletedExerciseIntent", evening(0))

    def fresh_app() -> tuple[Flask, CallCounter]:
        store = CoupleStore(settings)
        return create_app({"SETTINGS": settings, "CATALOGUE": catalogue, "STORE": store}), CallCounter(store)

    app, counter = fresh_app()
    Conversation(app.test_client(), user_id=solo.user_id).one_shot("StreakIntent", evening(1))
    assert counter.take() == ["GetItem"]

    # A linked partner: a process that never saw the account follows the pointer once (two reads) ...
    app, counter = fresh_app()
    partner = Conversation(app.test_client(), user_id=b.user_id, device_id=DEVICE_B)
    partner.launch(evening(1))
    assert counter.take() == ["GetItem", "GetItem"]
    # ... then the session remembers the couple: one read per turn.
    partner.say("StreakIntent", evening(1))
    assert counter.take() == ["GetItem"]
    # A one-shot in a new session is one read too, from the process's cache.
    partner.one_shot("StreakIntent", evening(1, 21))
    assert counter.take() == ["GetItem"]
    # Another process, same session: the session's hint alone gives one read.
    app, counter = fresh_app()
    other = Conversation(
        app.test_client(),
        user_id=b.user_id,
        device_id=DEVICE_B,
        session_id=partner.session_id,
        attributes=dict(partner.attributes),
    )
    other.say("StreakIntent", evening(1, 21))
    assert counter.take() == ["GetItem"]


def test_names_and_voices_survive_a_join() -> None:
    # The partner who joins had already told the skill both names and was recognised by voice.
    base = Profile(couple_id="shared", version=1, members=["a"], reasons_heard=["physical_bond"])
    joining = Profile(
        couple_id="b",
        version=4,
        names=["Sam", "Alex"],
        voices={"amzn1.ask.person.X": 1},
        reasons_heard=["emotional_trust", "physical_bond"],
    )
    merged = merge_profiles(base, joining, datetime(2026, 11, 6).date())
    assert merged.names == ["Sam", "Alex"]
    assert merged.voices == {"amzn1.ask.person.X": 1}
    assert merged.reasons_heard == ["physical_bond", "emotional_trust"]
    # When both gave names, the couple joined keeps its own and voices are re-pointed by name.
    base.names, joining.names = ["Alex", "Sam"], ["Sam", "Alex"]
    assert merge_profiles(base, joining, datetime(2026, 11, 6).date()).voices == {"amzn1.ask.person.X": 0}


def test_both_partners_hear_one_weekly_summary(settings: Settings, catalogue: Catalogue) -> None:
    # Fresh apps, so no worker cache knows the link: each device resolves its couple from scratch.
    def device() -> FlaskClient:
        return create_app({"SETTINGS": settings, "CATALOGUE": catalogue}).test_client()

    a, b = Conversation(device()), Conversation(device())
    link(a, b, evening(0, 18))
    a.one_shot("CompletedExerciseIntent", evening(0))
    b.one_shot("CompletedExerciseIntent", evening(1))
    a.client, b.client = device(), device()
    said_a = a.one_shot("WeeklySummaryIntent", evening(1, 22))
    said_b = b.one_shot("WeeklySummaryIntent", evening(1, 22))
    assert "2 practices" in said_a and "2 practices" in said_b
    assert re.sub(r"Here's one:.*", "", said_a)[:80] == re.sub(r"Here's one:.*", "", said_b)[:80]
