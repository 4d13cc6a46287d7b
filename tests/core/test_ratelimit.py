"""The shared rate limits: counting, windows, refunds, and the client's address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import RequestFactory

from convene.core import ratelimit
from convene.core.models import RateLimitCounter

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.CONVENE_RATE_LIMITS = {"poke": "3/1m/account,5/1m/address,2/1m/account+address"}


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2025, 3, 1, 12, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def accepted(n, **who):
    count = 0
    for _ in range(n):
        try:
            ratelimit.consume(action="poke", **who)
        except ratelimit.RateLimited:
            continue
        count += 1
    return count


def test_each_limit_lets_exactly_its_amount_through(limits, clock):
    assert accepted(10, account=1) == 3
    assert accepted(10, address="192.0.2.1") == 5
    assert accepted(10, account=2, address="192.0.2.2") == 2


def test_a_refusal_counts_nothing(limits, clock):
    assert accepted(2, account=1, address="192.0.2.1") == 2
    with pytest.raises(ratelimit.RateLimited) as refused:
        ratelimit.consume(action="poke", account=1, address="192.0.2.1")
    assert refused.value.rate.per == "account+address"
    # The address's count stayed at 2: three more from other accounts pass.
    assert accepted(1, account=2, address="192.0.2.1") == 1
    assert accepted(1, account=3, address="192.0.2.1") == 1
    assert accepted(1, account=4, address="192.0.2.1") == 1
    assert accepted(1, account=5, address="192.0.2.1") == 0


def test_a_window_starts_at_its_first_hit_and_ends_after_its_duration(limits, clock):
    assert accepted(3, account=1) == 3
    clock.shift(timedelta(seconds=59))
    assert accepted(1, account=1) == 0
    clock.shift(timedelta(seconds=1))
    assert accepted(5, account=1) == 3


def test_refund_gives_back_what_was_counted(limits, clock):
    hits = ratelimit.consume(action="poke", account=1)
    ratelimit.refund(hits)
    assert accepted(5, account=1) == 3


def test_keys_do_not_hold_emails_or_addresses(limits, clock):
    ratelimit.consume(action="poke", account="ana@example.org", address="192.0.2.7")
    keys = " ".join(RateLimitCounter.objects.values_list("key", flat=True))
    assert "ana" not in keys
    assert "192.0.2" not in keys


def test_an_ipv6_client_is_counted_by_its_64(limits, clock):
    assert accepted(3, address="2001:db8::1") == 3
    assert accepted(3, address="2001:db8::ffff") == 2
    assert accepted(1, address="2001:db8:0:1::1") == 1


def test_no_rates_no_limit(settings):
    settings.CONVENE_RATE_LIMITS = {"poke": ""}
    assert accepted(100, account=1, address="192.0.2.1") == 100


def test_rates_are_parsed():
    assert ratelimit.parse_rates("5/1m/account, 30/1h/address,2/30s/account+address") == (
        ratelimit.Rate(5, 60, "account"),
        ratelimit.Rate(30, 3600, "address"),
        ratelimit.Rate(2, 30, "account+address"),
    )
    with pytest.raises(ValueError):
        ratelimit.parse_rates("5/1m/ip")


# --- The client's address ----------------------------------------------------


def address(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return ratelimit.client_address(RequestFactory().get("/", **extra))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.CONVENE_TRUSTED_PROXIES = []
    settings.CONVENE_TRUSTED_PROXY_COUNT = 0
    assert address("203.0.113.5", "198.51.100.1") == "203.0.113.5"
    assert address("127.0.0.1", "198.51.100.1") == "127.0.0.1"


def test_behind_trusted_proxies_the_header_is_read_from_the_right(settings):
    settings.CONVENE_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    settings.CONVENE_TRUSTED_PROXY_COUNT = 0
    # nginx appends the address it saw; whatever the client wrote stands to its left.
    assert address("127.0.0.1", "198.51.100.1") == "198.51.100.1"
    assert address("127.0.0.1", "6.6.6.6, 198.51.100.1") == "198.51.100.1"
    assert address("127.0.0.1", "198.51.100.1, 10.1.2.3") == "198.51.100.1"
    # A request not from a trusted proxy: its header is a client's claim, ignored.
    assert address("203.0.113.5", "198.51.100.1") == "203.0.113.5"
    # No header, or nothing readable: the nearest trusted hop.
    assert address("127.0.0.1") == "127.0.0.1"
    assert address("127.0.0.1", "not-an-address, 10.1.2.3") == "10.1.2.3"
    assert address("127.0.0.1", "[2001:db8::1]:443") == "2001:db8::1"


def test_a_proxy_count_takes_that_many_places_from_the_right(settings):
    settings.CONVENE_TRUSTED_PROXIES = []
    settings.CONVENE_TRUSTED_PROXY_COUNT = 1
    assert address("127.0.0.1", "6.6.6.6, 198.51.100.1") == "198.51.100.1"
    assert address("127.0.0.1") == "127.0.0.1"
    settings.CONVENE_TRUSTED_PROXY_COUNT = 2
    assert address("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2") == "198.51.100.1"
    # Fewer entries than proxies: the request did not come through them.
    assert address("203.0.113.5", "198.51.100.1") == "203.0.113.5"


def test_allauth_sees_the_same_address(settings):
    from allauth.account.adapter import get_adapter

    settings.CONVENE_TRUSTED_PROXIES = ["127.0.0.1"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert get_adapter(request).get_client_ip(request) == "198.51.100.9"
