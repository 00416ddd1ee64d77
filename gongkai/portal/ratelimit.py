"""Fixed-window counters in Django's cache, for the portal's rate limits.

The cache is the shared state (one per deployment), so the limits hold across web processes
when a shared cache (Redis, Memcached, database) is configured; the default local-memory
cache limits per process only.

Settings (``(count, seconds)`` pairs, read with defaults):

PORTAL_APPLY_LIMIT_PER_IP        online applications from one address (default 10 per hour)
PORTAL_APPLY_LIMIT_PER_IDENTITY  online applications by one applicant (default 10 per hour)
PORTAL_TRACK_LIMIT_PER_IP        tracking attempts from one address (default 30 per hour)
PORTAL_CLIENT_IP_HEADER          META key holding the client address behind a trusted proxy
                                 (e.g. ``"HTTP_X_REAL_IP"``); default: REMOTE_ADDR only
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULTS: dict[str, tuple[int, int]] = {
    "PORTAL_APPLY_LIMIT_PER_IP": (10, 3600),
    "PORTAL_APPLY_LIMIT_PER_IDENTITY": (10, 3600),
    "PORTAL_TRACK_LIMIT_PER_IP": (30, 3600),
}


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @property
    def window_text(self) -> str:
        if self.seconds % 3600 == 0:
            hours = self.seconds // 3600
            return "每小时" if hours == 1 else f"每{hours}小时"
        if self.seconds % 60 == 0:
            return f"每{self.seconds // 60}分钟"
        return f"每{self.seconds}秒"


def limit(name: str) -> Limit:
    count, seconds = getattr(settings, name, DEFAULTS[name])
    return Limit(int(count), int(seconds))


def client_ip(request: HttpRequest) -> str | None:
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", None)
    if header:
        # The proxy appends; the left-most address is the client as the proxy saw it.
        forwarded = request.META.get(header, "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


def _key(scope: str, key: str, lim: Limit) -> str:
    window = int(time.time() // lim.seconds)
    # Hashed: cache keys must be ASCII without spaces, and an ID number should not sit in the cache.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]
    return f"portal:rl:{scope}:{window}:{digest}"


def used(scope: str, key: str, lim: Limit) -> int:
    return int(cache.get(_key(scope, key, lim), 0))


def exceeded(scope: str, key: str, lim: Limit) -> bool:
    """True when ``key`` has already used up ``lim`` in the current window."""
    return used(scope, key, lim) >= lim.count


def hit(scope: str, key: str, lim: Limit) -> int:
    """Count one use; returns the uses in the current window including this one."""
    cache_key = _key(scope, key, lim)
    cache.add(cache_key, 0, timeout=lim.seconds)
    try:
        return int(cache.incr(cache_key))
    except ValueError:
        # The entry expired between add and incr: start the new window with this use.
        cache.set(cache_key, 1, timeout=lim.seconds)
        return 1
