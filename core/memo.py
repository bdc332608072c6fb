"""What many parts of a page ask the database for, looked up once per request.

Wagtail's `.localized` asks the database for the active locale, then for the translation,
every time it is used: a list of cards each showing a category costs two queries a card.
`localized(obj)` remembers, for the length of a request, the active locale and each
translatable snippet model's translations (one query a model: these tables are short);
pages are looked up once each. `public(pages)` is Wagtail's `.public()`, aliases included,
with the list of view restrictions read once per request. `TranslationMemoMiddleware` gives
each request its memo.
"""

from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet

from core.visibility import restricted_q

_memo: ContextVar[dict | None] = ContextVar("translation_memo", default=None)


class TranslationMemoMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def remembered(key, compute):
    """`compute()`, once per request for `key`."""
    memo = _memo.get()
    if memo is None:  # outside a request (commands, e-mails): no memo
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def active_locale() -> Locale:
    return remembered(("locale", get_language()), Locale.get_active)


def localized(obj):
    """`obj` in the visitor's language (itself when untranslated), as Wagtail's `.localized`."""
    if obj is None:
        return None
    locale = active_locale()
    if getattr(obj, "locale_id", locale.pk) == locale.pk:
        return obj
    if isinstance(obj, Page):
        return remembered(("page", obj.pk, locale.pk), lambda: obj.localized)
    model = type(obj)
    translations = remembered(
        ("model", model._meta.label_lower, locale.pk),
        lambda: {item.translation_key: item for item in model.objects.filter(locale=locale)},
    )
    return translations.get(obj.translation_key, obj)


def public(pages: PageQuerySet) -> PageQuerySet:
    """`pages.public()`, aliases included (core/visibility.py): without the pages a view
    restriction hides, the restrictions read once a request."""
    condition = remembered(("restricted_q",), restricted_q)
    return pages.exclude(condition) if condition else pages
