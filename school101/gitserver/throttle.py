"""Rate limits of ``/git/``, which is mounted outside Flask, so Flask-Limiter never sees it.

Limits kept with the ``limits`` library in the storage Flask-Limiter uses
(RATELIMIT_STORAGE_URI: Redis when configured, so every web process shares the counters):

- failed authentications per (client address, user name) pair (GIT_AUTH_FAILURES_PER_CLIENT),
  per user name from any address (GIT_AUTH_FAILURES_PER_USERNAME) and per address whatever the
  name (GIT_AUTH_FAILURES_PER_IP). Credentials are always checked first: a right token works
  whatever others sent, so nobody can lock a candidate out by naming them or by sharing their
  address (a campus NAT). Once a limit is used up, *failing* attempts get 429 with Retry-After
  instead of 401, and the first refusal of each window is audited. What stops guessing is the
  token itself (256 random bits), not these counters;
- requests per authenticated user (GIT_REQUESTS_PER_USER), against runaway scripts.

Nothing is limited when RATELIMIT_ENABLED is off.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerSecond, parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

log = logging.getLogger(__name__)

NAMESPACE = "git"


@dataclass(frozen=True)
class Refusal:
    """A request refused by a limit: which one, for whom, and for how long."""

    scope: str  # "client", "username", "ip" (failed authentications) or "user" (requests)
    key: str  # the address and user name, the user name, the address, or the user id
    retry_after: int  # seconds
    limit: str  # the limit, e.g. "10 per 5 minute"
    first: bool  # the first refusal of this lockout window (the one to audit)


def client_address(remote_addr: str) -> str:
    """The address a client is limited by: itself, or its /64 network for IPv6."""
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return remote_addr or "unknown"
    if address.version == 6 and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    if address.version == 6:
        # One IPv6 host usually owns a whole /64: limiting single addresses would limit nothing.
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _username_key(username: str) -> str:
    # Attacker-chosen text: hash it so storage keys stay short and plain.
    return hashlib.sha256(username.strip().casefold().encode("utf-8")).hexdigest()[:32]


class GitThrottle:
    """The git endpoint's limits, built from the Flask config (see the module docstring)."""

    def __init__(self, config) -> None:
        self.enabled = bool(config.get("RATELIMIT_ENABLED", True))
        self.per_client = parse(config.get("GIT_AUTH_FAILURES_PER_CLIENT", "10 per 5 minutes"))
        self.per_ip = parse(config.get("GIT_AUTH_FAILURES_PER_IP", "10 per 5 minutes"))
        self.per_username = parse(config.get("GIT_AUTH_FAILURES_PER_USERNAME", "10 per 5 minutes"))
        self.per_user = parse(config.get("GIT_REQUESTS_PER_USER", "120 per minute"))
        self.limiter = None
        if self.enabled:
            storage = storage_from_string(
                config.get("RATELIMIT_STORAGE_URI") or "memory://",
                **(config.get("RATELIMIT_STORAGE_OPTIONS") or {}),
            )
            try:
                self.limiter = MovingWindowRateLimiter(storage)
            except NotImplementedError:  # e.g. memcached
                self.limiter = FixedWindowRateLimiter(storage)

    def auth_failed(self, address: str, username: str | None) -> Refusal | None:
        """Count one failed authentication for the (address, user name) pair, the user name
        and the address; a Refusal when one of them was already used up (checked in that order).

        Only ever called for credentials that authenticated nobody: a right token is never
        counted nor refused here.
        """
        if not self.enabled:
            return None
        name = "" if username is None else username
        name_key = _username_key(name)
        checks = [("client", f"{address} {name[:64]!r}", self.per_client, f"{address}|{name_key}")]
        if username is not None:
            checks.append(("username", username, self.per_username, name_key))
        checks.append(("ip", address, self.per_ip, address))
        refusal = None
        for scope, key, item, ident in checks:
            counted = self._guard(self.limiter.hit, item, "auth", scope, ident, default=True)
            if not counted and refusal is None:
                refusal = self._refusal(scope, key, item, ident, "auth")
        return refusal

    def request(self, user_id: int) -> Refusal | None:
        """Count one request of an authenticated user; a Refusal when over their limit."""
        if not self.enabled:
            return None
        ident = str(user_id)
        if self._guard(self.limiter.hit, self.per_user, "requests", "user", ident, default=True):
            return None
        return self._refusal("user", ident, self.per_user, ident, "requests")

    def _refusal(self, scope, key, item: RateLimitItem, ident, kind) -> Refusal:
        stats = self._guard(self.limiter.get_window_stats, item, kind, scope, ident, default=None)
        wait = stats.reset_time - time.time() if stats is not None else item.get_expiry()
        # One marker per lockout window in the shared storage: every process agrees on "first".
        marker = RateLimitItemPerSecond(1, item.get_expiry())
        first = self._guard(self.limiter.hit, marker, "refused", kind, scope, ident, default=True)
        return Refusal(scope, key, max(1, math.ceil(wait)), str(item), bool(first))

    def _guard(self, method, item, *identifiers, default):
        if self.limiter is None:
            return default
        try:
            return method(item, NAMESPACE, *identifiers)
        except Exception:  # a storage outage must not stop pushes before a deadline
            log.exception("git rate limits unavailable (storage error); request let through")
            return default
