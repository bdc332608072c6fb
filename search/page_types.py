"""What the search page finds, discovered from the page models instead of named.

A page model may declare, as class attributes:
- `search_type = ("offer", _("Offer"))`: its entry in the "type" facet (else "page");
- `search_facets(locale)`: facets of its own pages (search/facets.py); facets of the same
  name from several models (a territory of structures and of listings) merge, and the page
  shows them in their `order` (classifications before places);
- `search_hidden()`: a queryset of primary keys never to show, live or not (closed listings);
- `search_suggested = True`: its newest pages are suggested when a search finds nothing;
- `search_meta`: the date or place shown under a result.
"""

from collections.abc import Iterator, Mapping, Sequence
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, get_page_models

from core.visibility import visible

from .facets import Facet, GroupedFacet, Order

DEFAULT_TYPE = ("page", _("Page"))


def _declaring(name: str) -> Iterator[type[Page]]:
    """Each page model that declares the class attribute `name` itself (not inherited)."""
    for model in get_page_models():
        if name in vars(model):
            yield model


def type_of(page_or_model) -> tuple[str, str]:
    return getattr(page_or_model, "search_type", DEFAULT_TYPE)


class TypeFacet(GroupedFacet):
    """The page models' `search_type`s: named types first, in the order of the apps; other
    pages last."""

    order = Order.TYPE
    count_by = ("content_type",)

    def __init__(self) -> None:
        super().__init__("type", _("Type"))
        groups: dict[str, tuple[str, list[type[Page]]]] = {}
        for model in get_page_models():
            if model is not Page:
                value, label = type_of(model)
                groups.setdefault(value, (label, []))[1].append(model)
        self.groups = dict(sorted(groups.items(), key=lambda item: item[0] == DEFAULT_TYPE[0]))

    def options(self) -> list[tuple[str, str]]:
        return [(value, label) for value, (label, _models) in self.groups.items()]

    def _content_types(self, models: list[type[Page]]) -> list[ContentType]:
        return list(ContentType.objects.get_for_models(*models).values()) if models else []

    def condition(self, value: str) -> Q:
        return Q(content_type__in=self._content_types(self.groups.get(value, ("", []))[1]))

    def keys_by_option(self) -> dict[str, list[int]]:
        return {value: [content_type.pk for content_type in self._content_types(models)]
                for value, (_label, models) in self.groups.items()}


class PagesFacet(GroupedFacet):
    """One facet of `Page` (the search page's queryset) from the facets of that name that
    page models declare (a territory of structures and of listings): the first model's
    options; a page is chosen by its own model's condition, and counted through its row of
    its model (the lookups prefixed), where every model's facet is counted by key."""

    def __init__(self, model: type[Page], facet: Facet) -> None:
        super().__init__(facet.name, facet.label)
        self.order = facet.order
        self.parts: list[tuple[type[Page], Facet]] = []
        self.add(model, facet)

    def add(self, model: type[Page], facet: Facet) -> None:
        self.parts.append((model, facet))
        # A page is of one model: of the lookups, the first that is not null is its own.
        row = model._meta.get_ancestor_link(Page).related_query_name()
        self.count_by += tuple(f"{row}__{lookup}" for lookup in getattr(facet, "count_by", ()))

    @property
    def grouped(self) -> bool:
        return all(isinstance(facet, GroupedFacet) for _model, facet in self.parts)

    def options(self) -> Sequence[tuple[str, str]]:
        return self.parts[0][1].options()

    def condition(self, value: str) -> Q:
        return reduce(or_, [Q(pk__in=model.objects.filter(facet.condition(value)).values("pk"))
                            for model, facet in self.parts])

    def keys_by_option(self) -> Mapping[str, Sequence[Any]] | None:
        return self.parts[0][1].keys_by_option()

    def option_counts(self, results: QuerySet, options: list[tuple[str, str]]) -> list[int]:
        if self.grouped:
            return super().option_counts(results, options)
        return Facet.option_counts(self, results, options)


def page_facets(locale: Locale) -> list[Facet]:
    """The type facet, then every model's facets, merged by name, in their `order`."""
    merged: dict[str, PagesFacet] = {}
    for model in _declaring("search_facets"):
        for facet in model.search_facets(locale):
            if facet.name in merged:
                merged[facet.name].add(model, facet)
            else:
                merged[facet.name] = PagesFacet(model, facet)
    return sorted([TypeFacet(), *merged.values()], key=lambda facet: facet.order)


def searchable_pages(locale: Locale) -> QuerySet:
    """Live public pages of `locale` below its home page, without what models hide."""
    pages = visible(Page.objects.live().filter(locale=locale, depth__gt=2))
    # NOT EXISTS, looked up by key for each page, rather than NOT IN the list of hidden keys:
    # PostgreSQL built the whole list (every closed listing) for each query.
    for hidden in (model.search_hidden() for model in _declaring("search_hidden")):
        pages = pages.exclude(Exists(hidden.filter(pk=OuterRef("pk"))))
    return pages


def suggested_pages(locale: Locale, count: int) -> list[Page]:
    """The newest pages of the models that ask to be suggested when nothing is found."""
    declaring = tuple(_declaring("search_suggested"))
    models = [model for model in get_page_models() if issubclass(model, declaring)]
    if not models:
        return []
    content_types = ContentType.objects.get_for_models(*models).values()
    return list(
        searchable_pages(locale).filter(content_type__in=list(content_types))
        .order_by("-first_published_at").specific()[:count]
    )
