"""A form's CSRF token filled in per visitor, outside the page cache.

A structure's contact form and a listing's response form sit on pages that are the same for
every anonymous visitor but for the CSRF token, which Django ties to each visitor's cookie.
With `{% csrf_token %}`, such a page sets a cookie and Django's page cache never stores it.
`{% form_token %}` writes a placeholder instead, and `FormTokenMiddleware`, first in
MIDDLEWARE (so outside the page cache: it runs on pages served from the cache too), puts the
visitor's own token in its place and sets their cookie. The cache only ever holds the
placeholder. Forms that are never on a cacheable page keep `{% csrf_token %}`.
"""

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.safestring import SafeString

PLACEHOLDER = "csrf-token-of-the-visitor"
FIELD = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
# The whole field is replaced, never the bare word: a visitor's or a member's text may hold
# the word, but escaped text never holds a tag.
_PLACEHOLDER_FIELD = FIELD.format(PLACEHOLDER).encode()


def token_field() -> SafeString:
    return format_html(FIELD, PLACEHOLDER)


class FormTokenMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response
        # Its process_response sets the CSRF cookie when get_token() made a new one: the
        # inner CsrfViewMiddleware has already answered by the time the token is asked for.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or _PLACEHOLDER_FIELD not in response.content
        ):
            return response
        field = FIELD.format(get_token(request)).encode()
        response.content = response.content.replace(_PLACEHOLDER_FIELD, field)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        # From here on the page is this visitor's: no shared cache on the way may keep it.
        patch_cache_control(response, private=True)
        return self.csrf.process_response(request, response)
