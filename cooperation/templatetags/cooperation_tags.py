"""The marketplace shown by the lower apps' pages: a structure's listings, the home page's latest.

The directory and the home page do not import the cooperation app (imports point
cooperation → directory → home); their templates load these tags instead.
"""

from urllib.parse import urlencode

from django import template

from wagtail.models import Locale, Page

from cooperation.models import CooperationIndexPage, ListingKind, ListingPage
from core.memo import public, remembered
from core.queries import first_rows

register = template.Library()

STRUCTURE_LISTINGS_MAX = 10
LATEST_COUNT = 3


def _index_url(locale: Locale, request) -> str:
    index = public(CooperationIndexPage.objects.live()).filter(locale=locale).first()
    return (index.get_url(request) or "") if index else ""


def index_url(locale: Locale, request, **filters: str) -> str:
    """The marketplace of this language, filtered; "" if there is none. Found once a request."""
    url = remembered(("cooperation_index_url", locale.pk), lambda: _index_url(locale, request))
    query = urlencode({name: value for name, value in filters.items() if value})
    return f"{url}?{query}" if url and query else url


def _open_listings(locale: Locale):
    return (
        ListingPage.objects.open()
        .filter(locale=locale)
        .select_related("structure", "category")
        .order_by("-first_published_at", "-pk")
    )


@register.inclusion_tag("cooperation/includes/structure_listings.html", takes_context=True)
def structure_listings(context, structure) -> dict:
    """The open listings of a structure, in the language of its page.

    The page shown may be the French structure, its English alias or its translation, while
    an English listing (alias or translation) may still point to the French structure: all
    share the structure's translation key.
    """
    request = context.get("request")
    # The structure's pages by key first (an index), then their listings (another): joined
    # the other way, SQLite read every open listing.
    listings = _open_listings(structure.locale).filter(
        structure_id__in=Page.objects.filter(translation_key=structure.translation_key).values("pk")
    )
    total = listings.count()
    return {
        "request": request,
        "structure": structure,
        "listings": first_rows(listings, STRUCTURE_LISTINGS_MAX) if total else [],
        "total": total,
        "index_url": index_url(structure.locale, request, structure=structure.slug)
        if total else "",
    }


@register.inclusion_tag("cooperation/includes/latest_listings.html", takes_context=True)
def latest_listings(context, count: int = LATEST_COUNT) -> dict:
    """The latest open offers and requests of the page's language (else the active one)."""
    request = context.get("request")
    page = context.get("page")
    locale = page.locale if isinstance(page, Page) else Locale.get_active()
    listings = _open_listings(locale)
    return {
        "request": request,
        "offers": first_rows(listings.filter(kind=ListingKind.OFFER), count),
        "requests": first_rows(listings.filter(kind=ListingKind.REQUEST), count),
        "index_url": index_url(locale, request),
        "offers_url": index_url(locale, request, kind=ListingKind.OFFER),
        "requests_url": index_url(locale, request, kind=ListingKind.REQUEST),
    }
