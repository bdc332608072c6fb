"""Public views of the directory."""

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from search.sorting import Folded

from .contact import CONFIRMATION_TAG, ContactForm, confirm, confirmation, submit
from .filters import DirectoryFilters

# What the directory's map knows of each structure (the order of each point's values).
MAP_FIELDS = ["name", "url", "city", "lat", "lng"]


def mapped(structures: QuerySet) -> QuerySet:
    """The structures that can be placed on a map."""
    return structures.filter(latitude__isnull=False, longitude__isnull=False)


def directory_index(index, request: HttpRequest) -> HttpResponse:
    filters = DirectoryFilters.from_query(request.GET)
    search = filters.search(
        index.structures().select_related("logo").prefetch_related("sectors"), index.locale
    )
    query = filters.query_string()
    # The map's points are fetched by the map's script (directory_map_points): with thousands
    # of structures they would weigh more than the rest of the page. The page only counts
    # them, for the map's caption.
    map_url = index.get_url(request) + index.reverse_subpage("map_json")
    return index.render(
        request,
        context_overrides={
            "filters": filters,
            "facets": search.facets(),
            # Alphabetical without words; best matches first with words.
            "structures": search.page(
                request.GET.get("page"), settings.PAGE_SIZES["directory"],
                [Folded("title"), "pk"],
            ),
            "map_count": mapped(search.matching()).count(),
            "map_url": f"{map_url}?{query}" if query else map_url,
            "pagination_query": query,
        },
    )


def directory_map_points(index, request: HttpRequest) -> HttpResponse:
    """The points of the directory's map, with the page's filters (`?sector=…&q=…`), as
    `{"count": n, "fields": MAP_FIELDS, "points": [[name, url, town, lat, lng], …]}`:
    a list per point rather than an object, a fifth lighter with thousands of points.

    A handful of queries whatever the number of structures: their fields are read as plain
    values, and each one's URL is its directory's followed by its slug (a structure, or the
    alias of one in another language, is always a child of the directory index).
    """
    filters = DirectoryFilters.from_query(request.GET)
    structures = mapped(filters.search(index.structures(), index.locale).matching())
    base = index.get_url(request)
    points = [
        [title, f"{base}{slug}/", city, float(latitude), float(longitude)]
        for title, slug, city, latitude, longitude in structures.order_by(Folded("title"), "pk")
        .values_list("title", "slug", "city", "latitude", "longitude")
    ]
    response = JsonResponse(
        {"count": len(points), "fields": MAP_FIELDS, "points": points},
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    # The same for every visitor, and as fresh as the directory page that links to it: kept
    # by browsers and by the anonymous page cache (core/page_cache/) as long as pages are.
    patch_cache_control(response, public=True, max_age=settings.CACHE_MIDDLEWARE_SECONDS)
    return response


def serve_structure(structure, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The structure's page, and its contact form (POST, then redirect: no double sending)."""
    if request.method == "POST":
        form = ContactForm(request.POST, request=request, user=request.user, recipient=structure)
        if form.is_valid():
            submit(form, structure, structure)
            confirm(
                request,
                _("Thank you, your message has been sent to %(name)s. They will answer you by "
                  "e-mail.") % {"name": structure.title},
            )
            return redirect(f"{structure.get_url(request)}#{CONFIRMATION_TAG}")
    else:
        form = ContactForm(user=request.user, recipient=structure)
    context = structure.get_context(request, *args, **kwargs)
    context["contact_form"] = form
    context.update(confirmation(request))
    response = TemplateResponse(
        request,
        structure.get_template(request, *args, **kwargs),
        context,
        status=400 if request.method == "POST" else 200,  # shown again with its errors
    )
    if request.user.is_authenticated:  # the form holds the member's name and address
        patch_cache_control(response, private=True, no_store=True)
    return response
