"""DynamoDB calls and consumed capacity per request type, measured in-process on real requests.

The skill (``skill.app.create_app``) and the peer each get a boto3 client whose event hooks ask
DynamoDB for ``ReturnConsumedCapacity=TOTAL`` on every call and count what comes back; production
code is unchanged. Each couple is seeded with a history, then lives a few evenings of the mix.
"""

from __future__ import annotations

import json
import statistics
import uuid
from dataclasses import dataclass, field
from typing import Any

from flask import Flask

from bench import peer
from bench.answers import success
from bench.mix import BASE_DAY, RequestType, couple, user_id
from bench.names import LONGEST
from bench.seed import PatientClient, SkillSeeder, profile_bytes, seed_peer
from content.schema import Catalogue
from skill.app import create_app
from skill.core.settings import Settings
from skill.store.couples import CoupleStore

READS = {"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"}
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}


@dataclass
class Counter:
    """Counts DynamoDB calls and the capacity DynamoDB says they consumed."""

    reads: int = 0
    writes: int = 0
    read_units: float = 0.0
    write_units: float = 0.0
    other: list[str] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)  # every DynamoDB operation this request made, in order
    units_by_op: list[tuple[str, float]] = field(default_factory=list)  # each call's own units, in order

    def attach(self, events: Any) -> None:
        events.register("provide-client-params.dynamodb.*", self._ask_for_capacity)
        events.register("after-call.dynamodb.*", self._count)

    def reset(self) -> None:
        self.reads = self.writes = 0
        self.read_units = self.write_units = 0.0
        self.other = []
        self.ops = []
        self.units_by_op = []

    @staticmethod
    def _ask_for_capacity(params: dict[str, Any], model: Any, **_: Any) -> None:
        if "ReturnConsumedCapacity" in model.input_shape.members:
            params["ReturnConsumedCapacity"] = "TOTAL"

    def _count(self, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        consumed = parsed.get("ConsumedCapacity") or []
        self.ops.append(model.name)
        units = sum(float(c.get("CapacityUnits", 0)) for c in (consumed if isinstance(consumed, list) else [consumed]))
        self.units_by_op.append((model.name, units))
        if model.name in READS:
            self.reads += 1
            self.read_units += units
        elif model.name in WRITES:
            self.writes += 1
            self.write_units += units
        else:
            self.other.append(model.name)


class CountingClient(PatientClient):
    """The skill's lazy client (patient: counting is never timed), with the counter's hooks on it."""

    def __init__(self, settings: Settings, counter: Counter) -> None:
        super().__init__(settings)
        self.counter = counter
        self.attached = False

    def get(self) -> Any:
        client = super().get()
        if not self.attached:
            self.counter.attach(client.meta.events)
            self.attached = True
        return client


FIGURES = ("reads", "writes", "read_units", "write_units")


class WrongAnswer(AssertionError):
    """A request of the mix got another answer than the one it stands for (the bench would measure an error path)."""


def _speech(body: dict[str, Any]) -> str:
    return str(body.get("response", {}).get("outputSpeech", {}).get("ssml", ""))


def _phase(body: dict[str, Any]) -> Any:
    return (body.get("sessionAttributes") or {}).get("phase")


# What each request type of the mix must do in the skill: (check, what it means). Phases and
# operations are the skill's own (intents/*.py, skill/store/*.py).
SKILL_EXPECTS: dict[str, tuple[Any, str]] = {
    "launch": (
        lambda b, ops: ops[:1] == ["GetItem"] and not b["response"].get("shouldEndSession"),
        "reads the profile and keeps the session open",
    ),
    "tonight": (lambda b, ops: "UpdateItem" in ops or "PutItem" in ops, "stores tonight's suggestion"),
    "start": (lambda b, ops: not b["response"].get("shouldEndSession"), "starts the walkthrough"),
    "did_it": (lambda b, ops: "UpdateItem" in ops or "PutItem" in ops, "stores the completion"),
    "gratitude_start": (lambda b, ops: _phase(b) == "grat_turn", "starts a round (asks the first partner)"),
    # A gratitude is one transaction: its put and the check that the couple is still the couple read.
    "gratitude": (
        lambda b, ops: "TransactWriteItems" in ops and _phase(b) == "grat_turn",
        "stores the gratitude and asks the other partner",
    ),
    "gratitude_last": (
        lambda b, ops: (
            ops.count("PutItem") + ops.count("UpdateItem") + ops.count("TransactWriteItems") == 2
            and b["response"].get("shouldEndSession") is True
        ),
        "stores the gratitude, counts the round, ends",
    ),
    "summary": (
        lambda b, ops: "Query" in ops and "Gratitudes shared: 0" not in str(b["response"].get("card", "")),
        "reads the week's gratitudes and reports them",
    ),
}
NOT_UNDERSTOOD = ("didn't catch", "didn't quite catch", "can't help", "not sure", "something went wrong")


def check_answer(impl: str, name: str, body: dict[str, Any], ops: list[str]) -> None:
    """Raise WrongAnswer unless ``body`` is the answer request type ``name`` stands for."""
    text = _speech(body).lower()
    if not text or any(p in text for p in NOT_UNDERSTOOD) or not success(impl, name, body):
        raise WrongAnswer(f"{impl} {name}: not the expected answer: {text[:160]!r}")
    if impl == "skill":
        check, meaning = SKILL_EXPECTS[name]
        if not check(body, ops):
            raise WrongAnswer(f"skill {name} should {meaning}; DynamoDB calls {ops}, answer {text[:160]!r}")


def _drive(
    app: Flask,
    counter: Counter,
    pool: str,
    types: tuple[RequestType, ...],
    evenings: int,
    impl: str,
    api_endpoint: str = "",
) -> dict[str, dict[str, Any]]:
    client = app.test_client()
    one = couple(pool, 0, BASE_DAY, types, api_endpoint)
    seen: dict[str, list[Counter]] = {t.name: [] for t in types}
    for _ in range(evenings * len(types)):
        rtype, env = one.next()
        counter.reset()
        reply = client.post("/alexa", data=json.dumps(env).encode(), content_type="application/json")
        if reply.status_code != 200:
            raise RuntimeError(f"{rtype.name}: HTTP {reply.status_code}: {reply.get_data(as_text=True)[:200]}")
        body = reply.get_json()
        check_answer(impl, rtype.name, body, counter.ops)
        one.answered(body)
        seen[rtype.name].append(
            Counter(counter.reads, counter.writes, counter.read_units, counter.write_units, ops=list(counter.ops))
        )
    # Per request: the most any evening needed (the first evening after seeding writes the most).
    return {
        name: {f: max(float(getattr(c, f)) for c in runs) for f in FIGURES}
        | {"mean_" + f: statistics.fmean(float(getattr(c, f)) for c in runs) for f in ("read_units", "write_units")}
        | {"calls": sorted({op for c in runs for op in c.ops})}
        # A transactional write costs two units per KB (DynamoDB's prepare and commit): the unit check allows it.
        | {"transact_writes": max(float(c.ops.count("TransactWriteItems")) for c in runs)}
        for name, runs in seen.items()
        if runs
    }


def measure_skill(
    settings: Settings,
    catalogue: Catalogue,
    types: tuple[RequestType, ...],
    history: int,
    evenings: int = 3,
    api_endpoint: str = "",
) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """Per request type: DynamoDB calls and units (most over the evenings), for a couple set up through
    the flows with the two longest names (the largest profile); and the profile item's size in bytes."""
    counter = Counter()
    store = CoupleStore(settings, client=CountingClient(settings, counter))
    pool = f"measure-skill-{history}-{uuid.uuid4()}"
    seeded = SkillSeeder(settings, store, catalogue, api_endpoint).seed(pool, 0, LONGEST, history)
    app = create_app({"SETTINGS": settings, "CATALOGUE": catalogue, "STORE": store, "TESTING": True})
    result = _drive(app, counter, pool, types, evenings, "skill", api_endpoint)
    after = profile_bytes(store, store.load_for_user(user_id(pool, 0)).couple_id)
    return result, {"seeded": seeded["profile_bytes"], "after_evenings": after}


def measure_peer(
    table: str,
    endpoint: str,
    catalogue: Catalogue,
    types: tuple[RequestType, ...],
    history: int,
    evenings: int = 3,
    mode: str = "fair",
) -> dict[str, dict[str, Any]]:
    counter = Counter()
    resource = peer.make_resource(endpoint, "us-east-1")
    counter.attach(resource.meta.client.meta.events)
    pool = f"measure-peer-{mode}-{history}-{uuid.uuid4()}"
    seed_peer(
        resource.Table(table),
        catalogue,
        user_id(pool, 0),
        history,
        LONGEST,
        None if mode == "naive" else peer.RETENTION_DAYS,
        peer.HISTORY_DAYS if mode == "fair" else None,
    )
    app = peer.create_app(resource, table=table, mode=mode)
    return _drive(app, counter, pool, types, evenings, "peer")
