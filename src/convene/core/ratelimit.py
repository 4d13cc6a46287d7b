"""Limits on how often an action may be done, per account and per client address.

Every limit is counted in the database (`RateLimitCounter`), so all web processes share
one count whatever the cache is, and a limit of 20 lets exactly 20 through. A window
starts with its first hit and lasts the rate's duration; one upsert per rate both checks
and counts, so concurrent requests cannot pass the limit together.

The limits are in the setting `CONVENE_RATE_LIMITS`: for each action, comma-separated
rates `amount/duration/per`, a duration such as `30s`, `1m`, `5m`, `1h`, `1d`, and `per`
one of `account`, `address` or `account+address`. An empty string means no limit.
"""

from __future__ import annotations

import hashlib
import ipaddress
import random
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import RateLimitCounter

PER_KINDS = ("account", "address", "account+address")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# One write in this many also deletes the counters whose window is over.
_PRUNE_ONE_IN = 200


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str

    @property
    def minutes(self) -> int:
        """The duration in whole minutes, rounded up: no one is told to wait too little."""
        return max(1, -(-self.seconds // 60))


class RateLimited(Exception):
    """The action was refused: `rate` is the limit that was reached."""

    def __init__(self, *, action: str, rate: Rate) -> None:
        super().__init__(f"{action}: {rate.amount} per {rate.seconds}s per {rate.per}")
        self.action = action
        self.rate = rate

    @property
    def per_address(self) -> bool:
        return self.rate.per == "address"


@dataclass(frozen=True)
class Hits:
    """What one `consume` counted, to be given back with `refund`."""

    keys: tuple[str, ...] = ()


# --- The client address -------------------------------------------------------


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address: Any, proxies: tuple[str, ...]) -> bool:
    return address is not None and any(address in network for network in _networks(proxies))


def client_address(request: HttpRequest) -> str:
    """The address of the person making the request, as far as it can be trusted.

    `X-Forwarded-For` is read only behind a configured proxy: with `CONVENE_TRUSTED_PROXIES`
    when the request comes from one of them (the header is read from the right, skipping
    the trusted proxies), or with `CONVENE_TRUSTED_PROXY_COUNT` (the entry that many places
    from the right). Otherwise, or when the header does not fit, it is `REMOTE_ADDR`.
    """
    remote = _ip(request.META.get("REMOTE_ADDR", ""))
    remote_text = str(remote) if remote else request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = tuple(settings.CONVENE_TRUSTED_PROXIES)
    count = int(settings.CONVENE_TRUSTED_PROXY_COUNT)
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in (part.strip() for part in header.split(",")) if hop]
    if proxies:
        if not _trusted(remote, proxies):
            return remote_text
        nearest = remote_text
        for hop in reversed(hops):
            address = _ip(hop)
            if address is None:
                return nearest
            if not _trusted(address, proxies):
                return str(address)
            nearest = str(address)
        return nearest
    if count > 0 and len(hops) >= count:
        address = _ip(hops[-count])
        if address is not None:
            return str(address)
    return remote_text


def _address_subject(address: str) -> str:
    """An IPv6 client usually holds a whole /64: it is counted as one address."""
    parsed = _ip(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address) + "/64"
    return address


# --- Rates ----------------------------------------------------------------------


def parse_rates(text: str) -> tuple[Rate, ...]:
    rates = []
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        amount, duration, per = part.split("/")
        unit = duration[-1]
        if unit not in _UNITS or per not in PER_KINDS:
            raise ValueError(f"Invalid rate {part!r}")
        rates.append(Rate(int(amount), int(duration[:-1] or 1) * _UNITS[unit], per))
    return tuple(rates)


def rates_for(action: str) -> tuple[Rate, ...]:
    return parse_rates(settings.CONVENE_RATE_LIMITS.get(action, ""))


def _key(action: str, rate: Rate, subject: str) -> str:
    digest = hashlib.sha256(f"{rate.per}\n{subject}".encode()).hexdigest()[:40]
    return f"{action}:{rate.amount}/{rate.seconds}:{digest}"[:100]


def _subject(rate: Rate, account: str, address: str) -> str | None:
    if rate.per == "account":
        return account or None
    if rate.per == "address":
        return _address_subject(address) if address else None
    return f"{account}\n{_address_subject(address)}" if account and address else None


def _hit(key: str, rate: Rate, now: float) -> bool:
    """Count one hit on `key` unless its window is full: one statement, atomic on every
    database (the row is locked by the upsert until the transaction ends)."""
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    sql = (
        f"INSERT INTO {table} (key, hits, window_ends) VALUES (%s, 1, %s) "
        f"ON CONFLICT (key) DO UPDATE SET "
        f"hits = CASE WHEN {table}.window_ends <= %s THEN 1 ELSE {table}.hits + 1 END, "
        f"window_ends = CASE WHEN {table}.window_ends <= %s "
        f"THEN excluded.window_ends ELSE {table}.window_ends END "
        f"WHERE {table}.window_ends <= %s OR {table}.hits < %s "
        f"RETURNING hits"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, now + rate.seconds, now, now, now, rate.amount])
        return cursor.fetchone() is not None


def consume(*, action: str, account: Any = None, address: str = "") -> Hits:
    """Count one `action` by `account` (a user, a user's id or an email) from `address`.

    Raises `RateLimited` when any of the action's limits is reached; then nothing is
    counted. A rate whose account or address is not known is not applied.
    """
    rates = rates_for(action)
    if not rates:
        return Hits()
    if hasattr(account, "pk"):
        account = account.pk if account.is_authenticated else None
    account_text = str(account).strip().lower() if account is not None else ""
    now = time.time()
    keys: list[str] = []
    with transaction.atomic():
        for rate in rates:
            subject = _subject(rate, account_text, address)
            if subject is None:
                continue
            key = _key(action, rate, subject)
            if not _hit(key, rate, now):
                raise RateLimited(action=action, rate=rate)
            keys.append(key)
        if random.randrange(_PRUNE_ONE_IN) == 0:
            _prune(now)
    return Hits(tuple(keys))


def refund(hits: Hits) -> None:
    """Give back what `consume` counted (a sign-in that succeeded was no failure)."""
    if hits.keys:
        RateLimitCounter.objects.filter(key__in=hits.keys, hits__gt=0).update(hits=F("hits") - 1)


def _prune(now: float) -> None:
    RateLimitCounter.objects.filter(window_ends__lt=now).delete()


def address_message() -> str:
    """The refusal when an address, rather than the person, has reached a limit."""
    return _(
        "Too many requests come from your network just now. Please wait a little and try again."
    )


def wait_message(rate: Rate) -> str:
    """The second sentence of a refusal by `rate`, after one that names its amount: how long
    to wait at most (a window lasts the rate's duration from its first hit)."""
    return ngettext(
        "Please wait up to %(minutes)s minute and try again; your text is kept below.",
        "Please wait up to %(minutes)s minutes and try again; your text is kept below.",
        rate.minutes,
    ) % {"minutes": rate.minutes}
