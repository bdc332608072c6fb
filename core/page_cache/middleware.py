"""The page cache's two middleware: Django's, for anonymous visitors only, keyed without the
CSRF cookie."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.urls import reverse


@contextmanager
def _keyed_without_csrf_cookie(request: HttpRequest) -> Iterator[None]:
    """Pages vary on cookies (a member's session), so Django keys each cached page by the
    Cookie header too. The CSRF cookie changes nothing in an anonymous page (forms get their
    token outside the cache), so it is left out of the key: a visitor who has been shown a
    form keeps being served cached pages, instead of a copy of each page of their own."""
    cookies = request.COOKIES  # parsed (and kept by Django) before the header is changed
    header = request.META.get("HTTP_COOKIE")
    if header is None or (header and settings.CSRF_COOKIE_NAME not in cookies):
        yield
        return
    others = "; ".join(
        f"{name}={value}" for name, value in cookies.items()
        if name != settings.CSRF_COOKIE_NAME
    )
    # No other cookie (or an empty header): keyed as a browser that sends no Cookie header at
    # all, since Django keys an absent header apart from an empty one.
    if others:
        request.META["HTTP_COOKIE"] = others
    else:
        del request.META["HTTP_COOKIE"]
    try:
        yield
    finally:
        request.META["HTTP_COOKIE"] = header


def _may_cache(request: HttpRequest) -> bool:
    """Whole-page caching is for anonymous visitors only: a member's or editor's pages (member
    area, previews, admin) are never stored nor served from the cache."""
    user = getattr(request, "user", None)
    return (
        (user is None or not user.is_authenticated)
        and not request.path.startswith(reverse("wagtailadmin_home"))
        and not getattr(request, "is_preview", False)
    )


class AnonymousUpdateCacheMiddleware(UpdateCacheMiddleware):
    """Django's page cache (right inside the per-visitor middleware, so it stores the response
    with every header), for anonymous visitors. Responses that vary on cookies are stored per
    cookie, and none is stored that sets a cookie for a visitor without one (Django's own
    rules): a page with `{% csrf_token %}` is never handed to somebody else. A form on a
    cacheable page uses `{% form_token %}`, filled in per visitor by the first middleware,
    outside this one (core/form_token.py). purge.py empties the cache whenever published
    content changes."""

    def _should_update_cache(self, request, response) -> bool:
        return super()._should_update_cache(request, response) and _may_cache(request)

    def process_response(self, request, response):
        with _keyed_without_csrf_cookie(request):
            return super().process_response(request, response)


class AnonymousFetchFromCacheMiddleware(FetchFromCacheMiddleware):
    """Last in MIDDLEWARE: after authentication, so members always get fresh pages."""

    def process_request(self, request):
        if not _may_cache(request):
            request._cache_update_cache = False
            return None
        with _keyed_without_csrf_cookie(request):
            return super().process_request(request)
