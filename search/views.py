"""The search page. Issue #5 replaces the query with the shared French-aware search service."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page

from .text import MAX_QUERY_LENGTH, normalise_query

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    query, truncated = normalise_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active(), depth__gt=2)
            .specific()
            .search(query)
        )
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    # Page types with a public life shorter than "live" (listings: open and not expired) say
    # so with `is_open`; issue #5's search service will filter them in the query itself.
    page_obj.object_list = [page for page in page_obj if getattr(page, "is_open", True)]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "query_truncated": truncated,
            "search_results": page_obj,
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )


SUGGESTIONS = 8


def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles that start like what the visitor is typing (the search box's suggestions)."""
    query, _truncated = normalise_query(request.GET.get("q", ""))
    items = []
    if len(query) >= 2:
        pages = (
            Page.objects.live().public()
            .filter(locale=Locale.get_active(), depth__gt=2)
            .specific()
            .autocomplete(query)[: SUGGESTIONS * 2]
        )
        for page in pages:
            if not getattr(page, "is_open", True):
                continue
            items.append({
                "title": page.title,
                "url": page.get_url(request),
                "type": str(page.specific_class.get_verbose_name()),
            })
            if len(items) == SUGGESTIONS:
                break
    response = JsonResponse({"query": query, "suggestions": items})
    response["Cache-Control"] = "max-age=60"
    return response
