"""Rate limits in Django's cache: how many times a client may do something in a window.

Generic (search imports no app of the project, every app may import search): the password
reset form, the search suggestions… each name their own scope, limit and window.

Fixed windows: a counter per (scope, identifier, window number), created with the window's
lifetime by `cache.add` then incremented atomically by `cache.incr` (atomic in Redis and
Memcached; the local-memory and database caches are good enough for one machine).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

__all__ = ["RateLimit", "client_ip"]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address (also axes' `AXES_CLIENT_IP_CALLABLE`, through members.accounts).

    Behind `TRUSTED_PROXY_COUNT` reverse proxies (0: none), REMOTE_ADDR is the nearest
    proxy's: take the address the outermost trusted proxy saw, appended by it at the right
    of X-Forwarded-For (the left part is whatever the client sent, so never trusted).
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote_addr
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote_addr
    return forwarded[-count]


class RateLimit:
    """At most `limit` hits per `window` seconds for each identifier (an address, an IP…)."""

    cache_alias = "default"

    def __init__(self, scope: str, limit: int, window: int) -> None:
        self.scope, self.limit, self.window = scope, limit, window

    def _key(self, identifier: str, now: float | None = None) -> str:
        number = int((time.time() if now is None else now) // self.window)
        digest = hashlib.sha256(str(identifier).encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}:{number}"

    def count(self, identifier: str) -> int:
        return caches[self.cache_alias].get(self._key(identifier), 0)

    def hit(self, identifier: str | None) -> bool:
        """Count one more hit; False when it goes over the limit (the caller refuses)."""
        if not identifier:
            return True
        cache = caches[self.cache_alias]
        key = self._key(identifier)
        cache.add(key, 0, timeout=self.window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window + 1)
            count = 1
        return count <= self.limit

    def retry_after(self) -> int:
        """Seconds until the current window ends."""
        return int(self.window - time.time() % self.window) + 1
