"""What the search page finds, discovered from the page models instead of named.

A page model may declare, as class attributes:
- `search_type = ("offer", _("Offer"))`: its entry in the "type" facet (else "page");
- `search_facets(locale)`: facets of its own pages (`search.service.FacetDefinition`); facets
  of the same name from several models (a territory of structures and of listings) merge;
- `search_hidden()`: a queryset of primary keys never to show, live or not (closed listings);
- `search_suggested = True`: its newest pages are suggested when a search finds nothing;
- `search_meta`: the date or place shown under a result.
"""

from collections.abc import Iterator
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, get_page_models

from .service import FacetDefinition

DEFAULT_TYPE = ("page", _("Page"))


def _declaring(name: str) -> Iterator[type[Page]]:
    """Each page model that declares the class attribute `name` itself (not inherited)."""
    for model in get_page_models():
        if name in vars(model):
            yield model


def type_of(page_or_model) -> tuple[str, str]:
    return getattr(page_or_model, "search_type", DEFAULT_TYPE)


def type_facet() -> FacetDefinition:
    groups: dict[str, tuple[str, list[type[Page]]]] = {}
    for model in get_page_models():
        if model is Page:
            continue
        value, label = type_of(model)
        groups.setdefault(value, (label, []))[1].append(model)
    # Named types first, in the order of the apps; other pages last.
    ordered = sorted(groups.items(), key=lambda item: item[0] == DEFAULT_TYPE[0])

    def condition(value: str) -> Q:
        models = groups.get(value, ("", []))[1]
        content_types = ContentType.objects.get_for_models(*models).values() if models else []
        return Q(content_type__in=list(content_types))

    return FacetDefinition(
        "type", _("Type"), lambda: [(value, label) for value, (label, _m) in ordered], condition
    )


def _on_pages(model: type[Page], definition: FacetDefinition) -> FacetDefinition:
    """A model's facet, as a condition on `Page` (the search page's queryset)."""

    def condition(value: str) -> Q:
        return Q(pk__in=model.objects.filter(definition.condition(value)).values("pk"))

    return FacetDefinition(definition.name, definition.label, definition.options, condition)


def page_facets(locale: Locale) -> list[FacetDefinition]:
    """The type facet, then every model's facets, merged by name."""
    merged: dict[str, FacetDefinition] = {}
    for model in _declaring("search_facets"):
        for definition in model.search_facets(locale):
            on_pages = _on_pages(model, definition)
            if definition.name in merged:
                first = merged[definition.name]
                on_pages = FacetDefinition(
                    first.name, first.label, first.options,
                    lambda value, a=first.condition, b=on_pages.condition: a(value) | b(value),
                )
            merged[definition.name] = on_pages
    # Classifications before places.
    rest = sorted(merged.values(), key=lambda facet: facet.name == "territory")
    return [type_facet(), *rest]


def searchable_pages(locale: Locale) -> QuerySet:
    """Live public pages of `locale` below its home page, without what models hide."""
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=2)
    hidden = [model.search_hidden() for model in _declaring("search_hidden")]
    if hidden:
        pages = pages.exclude(reduce(or_, (Q(pk__in=keys) for keys in hidden)))
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
