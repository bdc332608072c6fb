"""The search page and the search box's suggestions."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from core.ratelimit import RateLimit, client_ip

from .page_types import page_facets, searchable_pages, suggested_pages, type_of
from .service import Search
from .stats import count_search
from .text import MAX_QUERY_LENGTH, fold, normalise_query

SUGGESTED_WHEN_EMPTY = 5


def _promotions(query: str, pages) -> list:
    """Editors' promoted results for these words (Wagtail's search promotions), the visible
    ones. Matched without accents or case: a promotion for "adhésion" answers "adhesion"."""
    wanted = fold(normalise_query_string(query))
    queries = [
        promoted.pk for promoted in Query.objects.filter(editors_picks__isnull=False).distinct()
        if fold(promoted.query_string) == wanted
    ]
    promotions = list(
        SearchPromotion.objects.filter(query__in=queries).select_related("page")
        .order_by("sort_order")
    )
    visible = set(pages.filter(
        pk__in=[p.page_id for p in promotions if p.page_id]
    ).values_list("pk", flat=True))
    return [
        {"title": p.page.specific.title, "url": p.page.url, "description": p.description}
        if p.page_id else
        {"title": p.external_link_text, "url": p.external_link_url, "description": p.description}
        for p in promotions
        if (p.page_id in visible) or (not p.page_id and p.external_link_url)
    ]


def search(request: HttpRequest) -> HttpResponse:
    locale = Locale.get_active()
    pages = searchable_pages(locale)
    facets = page_facets(locale)
    selected = {
        facet.name: request.GET.get(facet.name, "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
        for facet in facets
    }
    searching = Search(pages.specific(), query=request.GET.get("q", ""), selected=selected,
                       facets=facets)
    context = {
        "search_query": searching.query,
        "query_truncated": searching.truncated,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if searching.query:
        results = searching.page(request.GET.get("page"), settings.PAGE_SIZES["search"])
        for result in results:
            result.search_type_label = type_of(result)[1]
        params = QueryDict(mutable=True)
        params.update({"q": searching.query, **searching.selected})
        context.update(
            search_results=results,
            facets=searching.facets(),
            selected=searching.selected,
            promotions=_promotions(searching.query, pages),
            pagination_query=params.urlencode(),
        )
        # Once per search: not again for its next pages, nor for an out-of-range page number.
        counted = request.GET.get("page", "1") in ("", "1")
        if not results.paginator.count:
            context["without_filter"] = [
                {"name": facet.name, "label": facet.label,
                 "count": searching.matching(skip=facet.name).count()}
                for facet in searching.facets() if facet.name in searching.selected
            ]
            context["suggested"] = suggested_pages(locale, SUGGESTED_WHEN_EMPTY)
    response = TemplateResponse(request, "search/search.html", context)
    if searching.query and counted:
        count_search(response, searching.query, get_language(), results.paginator.count)
    return response


SUGGESTIONS = 8
SUGGESTION_CANDIDATES = 200


def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles that start like what the visitor is typing (the search box's suggestions).

    At most 60 requests a minute from a client (a search box asks once per keystroke pause):
    beyond, 429 with a message, and nothing is asked of the index.
    """
    limit = RateLimit("search-suggestions", settings.SEARCH_SUGGESTIONS_RATE_LIMIT, 60)
    if not limit.hit(client_ip(request)):
        response = JsonResponse(
            {
                "error": _("Too many requests. Please wait a minute and try again."),
                "suggestions": [],
            },
            status=429,
        )
        response["Retry-After"] = str(limit.retry_after(client_ip(request)))
        return response
    query, _truncated = normalise_query(request.GET.get("q", ""))
    items = []
    if len(query) >= 2:
        locale = Locale.get_active()
        # The index may only filter on indexed fields: ask it for candidates, then keep those
        # the public may see, in the index's order.
        found = Page.objects.live().filter(locale=locale).autocomplete(query)
        if hasattr(found, "ranked_pks"):
            # One pass over the index (search/sqlite.py), before the language and live
            # filters: take enough candidates for eight of them to remain.
            candidates = found.ranked_pks(SUGGESTION_CANDIDATES)
        else:
            candidates = [page.pk for page in found[: SUGGESTIONS * 3]]
        # Which candidates are visible, by key only; then the rows of the eight shown, as
        # plain pages (their type comes from their content type): loading every candidate's
        # specific page took longer than the search itself.
        visible = set(
            searchable_pages(locale).filter(pk__in=candidates).values_list("pk", flat=True)
        )
        shown = [pk for pk in candidates if pk in visible][:SUGGESTIONS]
        pages = Page.objects.filter(pk__in=shown).in_bulk()
        items = [
            {
                "title": pages[pk].title,
                "url": pages[pk].get_url(request),
                "type": str(type_of(pages[pk].specific_class)[1]),
            }
            for pk in shown
        ]
    response = JsonResponse({"query": query, "suggestions": items})
    response["Cache-Control"] = "max-age=60"
    return response
