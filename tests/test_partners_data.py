"""A linked couple's data: deleting by voice, SkillDisabled on one account, isolation between couples,
and the read cost of resolving a couple, through real envelopes and DynamoDB Local."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from content.schema import Catalogue
from devtools.envelopes import envelope, new_user_id, skill_disabled_event
from skill.app import create_app
from skill.core.settings import Settings
from skill.domain.profile import Profile, merge_profiles
from skill.store import keys
from skill.store.couples import CoupleStore, to_item
from skill.web.verification import RequestVerifier

from support.alexa import Conversation
from support.certs import DEFAULT_CHAIN_URL, make_pki
from support.couples import account, code_from, link, partition, put_raw, skill_disabled, sort_keys, two_partners
from support.partners import DEVICE_B, evening
from support.settings import skill_settings

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
    assert "are deleted" in b.say("AMAZON.YesIntent", evening(0, 21))
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
    signed = skill_settings(dynamodb_endpoint=settings.dynamodb_endpoint, verify_requests=True)
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
