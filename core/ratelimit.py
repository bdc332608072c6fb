"""Rate limits: how many times a client may do something in a window, counted by
django-ratelimit in Django's default cache.

What stays here is small: django-ratelimit's decorator and `ip` key fit views limited by the
request alone, while the contact and account forms count an identifier of their own (an
address, a recipient, an account), may check without counting, and pass no request.
django_ratelimit is not in INSTALLED_APPS: its system check rejects the local-memory cache,
which is good enough for one machine (set CACHE_URL to Redis or Memcached for several).
"""

from django_ratelimit.core import get_usage

from django.conf import settings
from django.http import HttpRequest

__all__ = ["RateLimit", "client_ip"]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address (also axes' `AXES_CLIENT_IP_CALLABLE`, through members.accounts).

    Behind `TRUSTED_PROXY_COUNT` reverse proxies (0: none), REMOTE_ADDR is the nearest
    proxy's: take the address the outermost trusted proxy saw, appended by it at the right
    of X-Forwarded-For (the left part is whatever the client sent, so never trusted).
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
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
    """At most `limit` hits per `window` seconds for each identifier (an address, an IP…).

    Windows are fixed, each identifier's shifted by django-ratelimit so that they do not all
    end at once; the cache holds a hash of the identifier, never the identifier itself.
    """

    def __init__(self, scope: str, limit: int, window: int) -> None:
        self.scope, self.limit, self.window = scope, limit, window

    def _usage(self, identifier: object, increment: bool) -> dict | None:
        return get_usage(
            None, group=self.scope, key=lambda _group, _request: str(identifier),
            rate=(self.limit, self.window), increment=increment,
        )

    def hit(self, identifier: object | None) -> bool:
        """Count one more hit; False when it goes over the limit (the caller refuses)."""
        if not identifier:
            return True
        usage = self._usage(identifier, increment=True)
        return usage is None or not usage["should_limit"]

    def reached(self, identifier: object | None) -> bool:
        """Whether one more hit would go over the limit, without counting one."""
        if not identifier:
            return False
        usage = self._usage(identifier, increment=False)
        return usage is not None and usage["count"] >= self.limit

    def retry_after(self, identifier: object) -> int:
        """Seconds until the identifier's current window ends."""
        usage = self._usage(identifier, increment=False)
        return max(usage["time_left"], 0) + 1 if usage else 0
