"""The one search service: every listing of the site and the search page go through `Search`.

A caller gives the queryset of pages it may show (live, its language, its own visibility
rules), the visitor's words, its facets and the values selected; `Search` returns a page of
results, their number and each facet's options with their counts.

The words are matched by the configured Wagtail search backend (French-aware on each, see
search/database.py and search/elasticsearch.py), over live pages of every language: a page
of the visitor's language is a result when it matches itself or, if it is an untranslated
page (an alias), when its source matches. An alias shows its source's content, and its own
index entry lacks the related names (sectors, territories) copied after it was indexed.
Everything else (facets, visibility, counts, pagination) is SQL on the caller's queryset,
so it behaves the same whatever the backend.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from .text import normalise_query

# Backends that answer with a list rather than SQL (Elasticsearch, SQLite) give at most this
# many matches, best first (Elasticsearch's default `index.max_result_window`; SQLite takes
# up to 32,766 values in a query); PostgreSQL has no such limit.
MAX_LISTED_HITS = 10_000


@dataclass(frozen=True)
class FacetDefinition:
    """A filter the visitor can narrow by: its GET parameter, its options in the visitor's
    language as (value, label), and the condition on the searched model for one value."""

    name: str
    label: str
    options: Callable[[], Iterable[tuple[str, str]]]
    condition: Callable[[str], Q]
    # Long lists (structures) leave out the options that would give nothing.
    hide_empty: bool = False
    # A field whose value is the option's value: counted by one GROUP BY instead of one
    # column per option (a list of thousands of structures would pass SQL's column limits).
    count_by: str = ""


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option]


class Search:
    """One search: `page()` for the results, `facets()` for the counts, `matching()` for all."""

    def __init__(
        self,
        queryset: QuerySet,
        *,
        query: str = "",
        selected: Mapping[str, str] | None = None,
        facets: Sequence[FacetDefinition] = (),
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
    def _hits(self) -> tuple[QuerySet | None, list[int] | None]:
        """(the matching pages as ranked SQL, or as a ranked list of primary keys)."""
        model = self.queryset.model
        searchable = model.objects.live() if hasattr(model.objects, "live") else model.objects.all()
        results = searchable.search(self.query, operator="and", order_by_relevance=True)
        if hasattr(results, "ranked_pks"):  # search/sqlite.py, search/elasticsearch.py
            return None, results.ranked_pks(MAX_LISTED_HITS)
        if hasattr(results, "get_queryset"):  # PostgreSQL
            return results.get_queryset(), None
        return None, [hit.pk for hit in results[:MAX_LISTED_HITS]]

    def _hit_keys(self):
        ranked, listed = self._hits
        return ranked.order_by().values("pk") if ranked is not None else listed

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
            return Paginator(self.matching().order_by(*order_by), per_page).get_page(number)
        ranked, listed = self._hits
        shown = self.filtered().annotate(search_key=self._key)
        if ranked is not None:
            keys = ranked.filter(pk__in=shown.values("search_key")).values_list("pk", flat=True)
        else:
            allowed = set(
                shown.filter(search_key__in=listed).values_list("search_key", flat=True)
            )
            keys = [key for key in listed if key in allowed]
        page = Paginator(keys, per_page).get_page(number)
        page_keys = list(page.object_list)
        pages = {item.search_key: item for item in shown.filter(search_key__in=page_keys)}
        page.object_list = [pages[key] for key in page_keys if key in pages]
        return page

    def facets(self) -> list[Facet]:
        """Each facet's options, counted among the results of every other selected facet:
        the count is how many results choosing that option gives."""
        facets = []
        for name, definition in self.definitions.items():
            options = list(definition.options())
            pages = self.matching(skip=name).order_by()
            if definition.count_by:
                grouped = dict(
                    pages.values_list(definition.count_by)
                    .annotate(n=Count("pk", distinct=True)).values_list(definition.count_by, "n")
                )
                counts = [grouped.get(value, 0) for value, _label in options]
            else:
                aggregated = pages.aggregate(**{
                    f"option_{index}": Count(
                        "pk", filter=definition.condition(value), distinct=True
                    )
                    for index, (value, _label) in enumerate(options)
                }) if options else {}
                counts = [aggregated[f"option_{index}"] for index in range(len(options))]
            shown = [
                Option(value, label, count, self.selected.get(name) == value)
                for (value, label), count in zip(options, counts, strict=True)
            ]
            if definition.hide_empty:
                shown = [option for option in shown if option.count or option.selected]
            facets.append(Facet(name, definition.label, shown))
        return facets


def choices_facet(name: str, label: str, choices, field: str = "") -> FacetDefinition:
    """A facet of a field's fixed choices (a `TextChoices`)."""
    return FacetDefinition(
        name, label, lambda: choices.choices, lambda value: Q(**{field or name: value}),
        count_by=field or name,
    )
