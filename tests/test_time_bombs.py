"""The test store refuses time bombs (tests/support/expiry.py): an item whose expiry has passed, or falls due
before the suite is over, fails the test that writes it, unless the test says it wants one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from skill.core.settings import Settings
from skill.domain.gratitude import Gratitude
from skill.domain.profile import Profile
from skill.store.couples import CoupleStore
from skill.store.errors import StoreError
from skill.store.gratitude import GratitudeLog

from support import expiry
from support.today import coming_at


@pytest.fixture
def log(store: CoupleStore, settings: Settings) -> Iterator[GratitudeLog]:
    yield GratitudeLog(store, settings.gratitude_retention_days)
    expiry.begin(allowed=False)  # the refusals below were the point: they do not fail this test


@pytest.fixture
def couple(log: GratitudeLog) -> Profile:
    """A gratitude lands only in a couple that exists (CoupleStore.identity_check)."""
    return log.store.save(Profile(couple_id=uuid.uuid4().hex))


def said_at(log: GratitudeLog, couple: Profile, at: datetime, request_id: str) -> None:
    log.add(couple, Gratitude("Sam", "Alex", "you listened", at, "r1", 1), at, request_id)


@pytest.mark.parametrize("expires_in", [timedelta(days=-1), timedelta(minutes=30)], ids=["past", "during the run"])
def test_a_gratitude_that_expires_before_the_suite_is_over_is_refused(
    log: GratitudeLog, couple: Profile, expires_in: timedelta
) -> None:
    at = datetime.now(UTC) - log.retention + expires_in
    with pytest.raises((expiry.TimeBomb, StoreError)):
        said_at(log, couple, at, "amzn1.echo-api.request.bomb")
    assert len(expiry.refused()) == 1 and "derive its dates from today" in expiry.refused()[0]


def test_a_date_derived_from_today_is_stored(log: GratitudeLog, couple: Profile) -> None:
    said_at(log, couple, coming_at(0, 20), "amzn1.echo-api.request.safe")
    assert expiry.refused() == []


@pytest.mark.expired_items
def test_a_test_that_wants_an_expired_item_says_so(log: GratitudeLog, couple: Profile) -> None:
    said_at(log, couple, datetime.now(UTC) - log.retention - timedelta(days=1), "amzn1.echo-api.request.gone")
    assert expiry.refused() == []


def test_the_ttl_of_an_update_expression_is_seen() -> None:
    params = {
        "UpdateExpression": "ADD tries :one SET #exp = :exp",
        "ExpressionAttributeNames": {"#exp": "expires_at"},
        "ExpressionAttributeValues": {":one": {"N": "1"}, ":exp": {"N": "1700000000"}},
    }
    assert expiry._ttl_values(params) == [1700000000]
