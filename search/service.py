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

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Min,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, RowNumber

from .sorting import Folded
from .text import normalise_query

# Every backend gives at most this many matches, best first (Elasticsearch's default
# `index.max_result_window`; the same on SQLite and PostgreSQL, whose lists are read once and
# passed to each count as one parameter).
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
    # Counted by one GROUP BY instead of one aggregate per option, each of which read every
    # result again (a listing's territory: 9 options × 18,000 listings). `count_by`: the
    # lookup of each result's key, or several, of which the first that is not null counts
    # (a listing's own territory, else its structure's). `keys_by_option()`: {option value:
    # its keys} where a key is not the value (a term's keys in every language, a type's
    # content types); mapped in SQL, so that a result with two keys of one option (a term
    # and its translation, both ticked) counts once, as choosing the option shows.
    count_by: str | tuple[str, ...] = ""
    keys_by_option: Callable[[], Mapping[str, Sequence[Any]]] | None = None
    # A list too long to show whole (thousands of structures): only the `limit` options with
    # the most results, ties by label, plus the selected one wherever it ranks. They are
    # counted, ranked and cut in the database (`options` is not called): `count_by` gives the
    # value, `label_by` the label. `more(n)` is the line about the n options left out.
    limit: int | None = None
    label_by: str = ""
    more: Callable[[int], str] | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and not (isinstance(self.count_by, str) and self.count_by
                                           and self.label_by):
            raise ValueError(f"Facet {self.name!r}: a limit needs one count_by and label_by.")

    @property
    def count_lookups(self) -> tuple[str, ...]:
        return (self.count_by,) if isinstance(self.count_by, str) else self.count_by


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
    # How many options with results a `limit` left out, and what the facet says of them.
    hidden: int = 0
    more: str = ""


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

    def facets(self) -> list[Facet]:
        """Each facet's options, counted among the results of every other selected facet:
        the count is how many results choosing that option gives."""
        facets = []
        for name, definition in self.definitions.items():
            pages = self.matching(skip=name).order_by()
            if definition.limit is not None:
                facets.append(self._top_options(name, definition, pages))
                continue
            options = list(definition.options())
            if definition.count_by:
                grouped = self._grouped_counts(definition, pages)
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

    @staticmethod
    def _grouped_counts(definition: FacetDefinition, pages: QuerySet) -> dict[str, int]:
        """Results per option value, by one GROUP BY on the facet's key."""
        lookups = definition.count_lookups
        pages = pages.annotate(
            facet_key=F(lookups[0]) if len(lookups) == 1 else Coalesce(*lookups)
        )
        if definition.keys_by_option is None:
            value = F("facet_key")
        else:
            mapped = [When(facet_key__in=list(keys), then=Value(option))
                      for option, keys in definition.keys_by_option().items() if keys]
            if not mapped:
                return {}
            value = Case(*mapped, default=None, output_field=CharField())
        rows = (
            pages.annotate(facet_value=value).values("facet_value")
            .annotate(facet_count=Count("pk", distinct=True))
            .values_list("facet_value", "facet_count")
        )
        return {option: count for option, count in rows if option is not None}

    def _top_options(self, name: str, definition: FacetDefinition, pages: QuerySet) -> Facet:
        """A `limit`ed facet, in one query: the groups are counted and ranked, and only the
        first `limit` come back (the selected one is put first, so it comes back too), each
        with the number of groups."""
        value, limit, chosen = definition.count_by, definition.limit, self.selected.get(name)
        order = ["facet_rank"]
        if chosen:
            order.insert(0, Case(When(**{value: chosen}, then=Value(0)), default=Value(1)))
        rows = list(
            pages.values(value)
            .annotate(facet_count=Count("pk", distinct=True), facet_label=Min(definition.label_by))
            .annotate(
                facet_rank=Window(RowNumber(), order_by=[
                    F("facet_count").desc(), Folded("facet_label").asc(), F(value).asc(),
                ]),
                facet_groups=Window(Count("*")),
            )
            .order_by(*order)
            .values_list(value, "facet_label", "facet_count", "facet_rank", "facet_groups")
            [:limit + 1]
        )
        kept = sorted((row for row in rows if row[3] <= limit or row[0] == chosen),
                      key=lambda row: row[3])
        options = [Option(option, label, count, option == chosen)
                   for option, label, count, _rank, _groups in kept]
        hidden = (rows[0][4] if rows else 0) - len(options)
        if chosen and not any(option.selected for option in options):
            # Chosen, but with no result among the other filters': still shown (as with
            # `hide_empty`) so that the form keeps it, if one of the caller's pages has it.
            labels = self.queryset.filter(definition.condition(chosen)).order_by()
            options += [Option(chosen, label, 0, True)
                        for label in labels.values_list(definition.label_by, flat=True)[:1]]
        more = definition.more(hidden) if hidden and definition.more else ""
        return Facet(name, definition.label, options, hidden, more)


def choices_facet(name: str, label: str, choices, field: str = "") -> FacetDefinition:
    """A facet of a field's fixed choices (a `TextChoices`)."""
    return FacetDefinition(
        name, label, lambda: choices.choices, lambda value: Q(**{field or name: value}),
        count_by=field or name,
    )


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
