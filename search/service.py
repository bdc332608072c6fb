"""The one search service: every listing of the site and the search page go through `Search`.

A caller gives the queryset of pages it may show (live, its language, its own visibility
rules), the visitor's words, its facets and the values selected; `Search` returns a page of
results, their number and each facet's options with their counts (facets: search/facets.py).

The words are matched by the configured Wagtail search backend (French-aware on each, see
search/database.py and search/elasticsearch.py), over live pages of every language: a page
of the visitor's language is a result when it matches itself or, if it is an untranslated
page (an alias), when its source matches. An alias shows its source's content, and its own
index entry lacks the related names (sectors, territories) copied after it was indexed.
Everything else (facets, visibility, counts, pagination) is SQL on the caller's queryset,
so it behaves the same whatever the backend.
"""

import json
from collections.abc import Mapping, Sequence
from functools import cached_property

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from .facets import CountedFacet, Facet
from .text import normalise_query

# Every backend gives at most this many matches, best first (Elasticsearch's default
# `index.max_result_window`; the same on SQLite and PostgreSQL, whose lists are read once and
# passed to each count as one parameter).
MAX_LISTED_HITS = 10_000


class Search:
    """One search: `page()` for the results, `facets()` for the counts, `matching()` for all."""

    def __init__(
        self,
        queryset: QuerySet,
        *,
        query: str = "",
        selected: Mapping[str, str] | None = None,
        facets: Sequence[Facet] = (),
    ) -> None:
        self.queryset = queryset
        self.query, self.truncated = normalise_query(query)
        self.definitions = {facet.name: facet for facet in facets}
        self.selected = {
            name: value for name, value in (selected or {}).items()
            if value and name in self.definitions
        }

    # The key a page is matched by: itself, or the source of an alias.
    @cached_property
    def _key(self):
        if hasattr(self.queryset.model, "alias_of"):
            return Coalesce(F("alias_of_id"), F("pk"))
        return F("pk")

    @cached_property
    def _hits(self) -> list[int]:
        """The primary keys of the matching live pages (every language), best first, read
        once: as a subquery, PostgreSQL's full-text query ran again in every facet count
        (six times for one search)."""
        model = self.queryset.model
        searchable = model.objects.live() if hasattr(model.objects, "live") else model.objects.all()
        results = searchable.search(self.query, operator="and", order_by_relevance=True)
        if hasattr(results, "ranked_pks"):  # search/sqlite.py, search/elasticsearch.py
            return results.ranked_pks(MAX_LISTED_HITS)
        if hasattr(results, "get_queryset"):  # PostgreSQL: ranked in SQL
            return list(results.get_queryset().values_list("pk", flat=True)[:MAX_LISTED_HITS])
        return [hit.pk for hit in results[:MAX_LISTED_HITS]]

    def _hit_keys(self) -> "RawSQL | list[int]":
        return key_list(self._hits, self.queryset.db)

    def filtered(self, skip: str = "") -> QuerySet:
        """The caller's pages with every selected facet but `skip`, whatever the words."""
        pages = self.queryset
        manager = self.queryset.model.objects
        for name, value in self.selected.items():
            if name != skip:
                # A subquery, not a join: a page in two sectors stays one result.
                condition = self.definitions[name].condition(value)
                pages = pages.filter(pk__in=manager.filter(condition).values("pk"))
        return pages

    def matching(self, skip: str = "") -> QuerySet:
        """Every result (unordered), with every selected facet but `skip`."""
        pages = self.filtered(skip)
        if self.query:
            pages = pages.annotate(search_key=self._key).filter(search_key__in=self._hit_keys())
        return pages

    def page(
        self, number: str | int | None, per_page: int, order_by: Sequence[str] = ("pk",),
        by_relevance: bool = True,
    ) -> PaginatorPage:
        """One page of results: best matches first when there are words and `by_relevance`,
        else in `order_by`. A bad or out-of-range number gives a valid page."""
        if not self.query or not by_relevance:
            ordered = self.matching().order_by(*order_by)
            page = Paginator(ordered.values("pk"), per_page).get_page(number)
            # The database sorts the keys, then reads the page's full rows: sorting whole rows
            # (texts, joined structure…) made SQLite slow for the home page's latest offers
            # at 20,000 listings. One query still: the page is a subquery.
            page.object_list = list(
                self.queryset.filter(pk__in=page.object_list).order_by(*order_by)
            )
            return page
        shown = self.filtered().annotate(search_key=self._key)
        allowed = set(
            shown.filter(search_key__in=self._hit_keys()).values_list("search_key", flat=True)
        )
        keys = [key for key in self._hits if key in allowed]
        page = Paginator(keys, per_page).get_page(number)
        page_keys = list(page.object_list)
        pages = {item.search_key: item for item in shown.filter(search_key__in=page_keys)}
        page.object_list = [pages[key] for key in page_keys if key in pages]
        return page

    def facets(self) -> list[CountedFacet]:
        """Each facet's options, counted among the results of every other selected facet:
        the count is how many results choosing that option gives."""
        return [
            facet.count(self.matching(skip=name).order_by(), self.selected.get(name),
                        self.queryset)
            for name, facet in self.definitions.items()
        ]


def key_list(keys: list[int], alias: str) -> RawSQL | list[int]:
    """`keys` as one SQL parameter, for `__in`. The list of matches (up to 10,000) is used by
    every facet count and the page: passed as 10,000 parameters each time, Django spent 0.2 s
    per search preparing them."""
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(keys),))
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::integer[])", (keys,))
    return keys
