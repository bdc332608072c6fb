"""Security headers that Django does not set itself.

- Content-Security-Policy: django-csp's middleware, with a second, looser policy for the
  Wagtail admin (its pages carry inline scripts and styles); both are in settings
  (`CONTENT_SECURITY_POLICY`, `CONTENT_SECURITY_POLICY_ADMIN`).
- Permissions-Policy: the browser features no page of the site uses (`PERMISSIONS_POLICY`).
- Cache-Control: private, no-store on everything under the member area (`/fr/espace-membre/`,
  `/en/member-area/`): a member's pages and personal-data export stay out of shared caches and
  off the disk of a borrowed computer.
"""

from functools import cached_property

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

from django.conf import settings
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
