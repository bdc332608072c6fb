"""Security headers that Django does not set itself.

- Content-Security-Policy: django-csp's middleware, with a second, looser policy for the
  Wagtail admin (its pages carry inline scripts and styles); both are in settings
  (`CONTENT_SECURITY_POLICY`, `CONTENT_SECURITY_POLICY_ADMIN`).
- Permissions-Policy: the browser features no page of the site uses (`PERMISSIONS_POLICY`).
- Cache-Control: private, no-store on everything under the member area (`/fr/espace-membre/`,
  `/en/member-area/`): a member's pages and personal-data export stay out of shared caches and
  off the disk of a borrowed computer.

And the anonymous page cache of production (`AnonymousUpdateCacheMiddleware`,
`AnonymousFetchFromCacheMiddleware`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's policy everywhere, the admin's policy under the Wagtail admin's URL.

    A view that sets its own policy (django-csp's `@csp`, `@csp_update`, `@csp_replace`,
    `@csp_exempt`) or its own header (Wagtail's document view) keeps it.

    Wagtail renders a preview by running a request for the page's public URL through the
    middleware: the preview gets the site's policy (an editor sees what visitors will), but
    may be shown in the admin's preview panel (frame-ancestors 'self').
    """

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(self.admin_prefix):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        if getattr(request, "is_preview", False):
            parts.replace = {"frame-ancestors": [SELF], **(parts.replace or {})}
        return parts


class PermissionsPolicyMiddleware:
    """`Permissions-Policy: camera=(), microphone=(), …` on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowlist)})"
            for feature, allowlist in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class MemberAreaNoStoreMiddleware:
    """`Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private` on every
    response under the member area's URL, in each language, whatever view answered."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = []
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                self.prefixes.append(f"/{language}/{translation.gettext('member-area/')}")
        self.prefixes = tuple(self.prefixes)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefixes):
            add_never_cache_headers(response)
        return response


@contextmanager
def _keyed_without_csrf_cookie(request) -> Iterator[None]:
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


def _may_cache(request) -> bool:
    """Whole-page caching is for anonymous visitors only: a member's or editor's pages (member
    area, previews, admin) are never stored nor served from the cache."""
    user = getattr(request, "user", None)
    return (
        (user is None or not user.is_authenticated)
        and not request.path.startswith(reverse("wagtailadmin_home"))
        and not getattr(request, "is_preview", False)
    )


class AnonymousUpdateCacheMiddleware(UpdateCacheMiddleware):
    """Django's page cache (second in MIDDLEWARE, so it stores the response with every
    header), for anonymous visitors. Responses that vary on cookies are stored per cookie,
    and none is stored that sets a cookie for a visitor without one (Django's own rules): a
    page with `{% csrf_token %}` is never handed to somebody else. A form on a cacheable page
    uses `{% form_token %}`, filled in per visitor by the first middleware, outside this one
    (home/form_token.py). home/cache.py empties the cache whenever published content
    changes."""

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


class AdminLanguageMiddleware:
    """The Wagtail admin speaks the site's language (French) unless the person chose another
    in their account (Wagtail then applies it): not the browser's, which LocaleMiddleware
    would take for the admin's URLs, having no language prefix. Wagtail also writes its
    e-mails to the team in the admin request's language when the person chose none."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def __call__(self, request):
        if request.path_info.startswith(self.admin_prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
