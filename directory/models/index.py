"""Annuaire: the directory index, its filters, its map's points and its open-data exports."""

import django_filters

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Locale, Page

from core.filters import QueryFilters
from core.index_page import FilteredIndexPage
from core.memo import public
from core.visibility import AliasRestrictionsMixin
from directory.exports import csv_response, json_response
from search.facets import ChoicesFacet, Facet
from search.service import Search
from search.sorting import Folded

from .pages import StructurePage
from .taxonomies import LegalForm, Relation

# What the directory's map knows of each structure (the order of each point's values).
MAP_FIELDS = ["name", "url", "city", "lat", "lng"]


def structure_facets(locale: Locale) -> list[Facet]:
    return [
        *StructurePage.search_facets(locale),
        ChoicesFacet("legal_form", _("Legal form"), LegalForm),
        ChoicesFacet("relation", _("Relation to APESS 53"), Relation),
    ]


class DirectoryFilters(QueryFilters):
    """Searched and counted by the search service (`search.service.Search`)."""

    sector = django_filters.CharFilter()
    legal_form = django_filters.ChoiceFilter(choices=LegalForm.choices)
    territory = django_filters.CharFilter()
    relation = django_filters.ChoiceFilter(choices=Relation.choices)
    q = django_filters.CharFilter()

    def search(self, structures: QuerySet, locale: Locale) -> Search:
        return Search(
            structures, query=self.q, selected=self.selection(), facets=structure_facets(locale)
        )


def mapped(structures: QuerySet) -> QuerySet:
    """The structures that can be placed on a map."""
    return structures.filter(latitude__isnull=False, longitude__isnull=False)


class DirectoryIndexPage(AliasRestrictionsMixin, FilteredIndexPage):
    """Annuaire: every live structure of the language, filtered, paginated, mapped, exported."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    filters_class = DirectoryFilters
    page_size = "directory"

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.StructurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory")
        verbose_name_plural = _("directories")

    def structures(self):
        return public(StructurePage.objects.live()).child_of(self)

    def items(self) -> QuerySet:
        return self.structures().select_related("logo").prefetch_related("sectors")

    def filtered(self, items: QuerySet, filters: DirectoryFilters) -> Search:
        return filters.search(items, self.locale)

    def paginate(self, request: HttpRequest, filtered: Search, filters: DirectoryFilters):
        # Alphabetical without words; best matches first with words.
        return filtered.page(
            request.GET.get(self.page_parameter), settings.PAGE_SIZES[self.page_size],
            [Folded("title"), "pk"],
        )

    def index_context(self, request, filters, filtered, page) -> dict:
        query = filters.query_string()
        # The map's points are fetched by the map's script (map_json): with thousands of
        # structures they would weigh more than the rest of the page. The page only counts
        # them, for the map's caption.
        map_url = self.get_url(request) + self.reverse_subpage("map_json")
        return {
            "filters": filters,
            "facets": filtered.facets(),
            "structures": page,
            "map_count": mapped(filtered.matching()).count(),
            "map_url": f"{map_url}?{query}" if query else map_url,
            "pagination_query": query,
        }

    @path("export/csv/", name="export_csv")
    def export_csv(self, request: HttpRequest) -> HttpResponse:
        return csv_response(self, request)

    @path("export/json/", name="export_json")
    def export_json(self, request: HttpRequest) -> HttpResponse:
        return json_response(self, request)

    @path("map/json/", name="map_json")
    def map_json(self, request: HttpRequest) -> HttpResponse:
        """The points of the directory's map, with the page's filters (`?sector=…&q=…`), as
        `{"count": n, "fields": MAP_FIELDS, "points": [[name, url, town, lat, lng], …]}`:
        a list per point rather than an object, a fifth lighter with thousands of points.

        A handful of queries whatever the number of structures: their fields are read as
        plain values, and each one's URL is its directory's followed by its slug (a
        structure, or the alias of one in another language, is always a child of the
        directory index).
        """
        filters = self.read_filters(request.GET)
        structures = mapped(filters.search(self.structures(), self.locale).matching())
        base = self.get_url(request)
        points = [
            [title, f"{base}{slug}/", city, float(latitude), float(longitude)]
            for title, slug, city, latitude, longitude in structures.order_by(
                Folded("title"), "pk"
            ).values_list("title", "slug", "city", "latitude", "longitude")
        ]
        response = JsonResponse(
            {"count": len(points), "fields": MAP_FIELDS, "points": points},
            json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
        )
        # The same for every visitor, and as fresh as the directory page that links to it:
        # kept by browsers and by the anonymous page cache (core/page_cache/) as long as
        # pages are.
        patch_cache_control(response, public=True, max_age=settings.CACHE_MIDDLEWARE_SECONDS)
        return response
