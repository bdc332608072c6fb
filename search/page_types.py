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

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, get_page_models

from core.visibility import visible

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

    def keys_by_option() -> dict[str, list[int]]:
        return {
            value: [content_type.pk
                    for content_type in ContentType.objects.get_for_models(*models).values()]
            for value, (_label, models) in groups.items()
        }

    return FacetDefinition(
        "type", _("Type"), lambda: [(value, label) for value, (label, _m) in ordered], condition,
        count_by="content_type", keys_by_option=keys_by_option,
    )


def _on_pages(model: type[Page], definition: FacetDefinition) -> FacetDefinition:
    """A model's facet, as a condition on `Page` (the search page's queryset), counted
    through the page's row of `model` (its key lookups, prefixed)."""

    def condition(value: str) -> Q:
        return Q(pk__in=model.objects.filter(definition.condition(value)).values("pk"))

    counted: tuple[str, ...] = ()
    if definition.count_by and definition.limit is None:
        row = model._meta.get_ancestor_link(Page).related_query_name()
        counted = tuple(f"{row}__{lookup}" for lookup in definition.count_lookups)
    return FacetDefinition(
        definition.name, definition.label, definition.options, condition,
        count_by=counted, keys_by_option=definition.keys_by_option if counted else None,
    )


def page_facets(locale: Locale) -> list[FacetDefinition]:
    """The type facet, then every model's facets, merged by name."""
    merged: dict[str, FacetDefinition] = {}
    for model in _declaring("search_facets"):
        for definition in model.search_facets(locale):
            on_pages = _on_pages(model, definition)
            if definition.name in merged:
                # Both models' terms (a territory of structures and of listings): the
                # first's options and keys; a page is of one model, so the first key that
                # is not null is its own.
                first = merged[definition.name]
                both = first.count_by and on_pages.count_by
                on_pages = FacetDefinition(
                    first.name, first.label, first.options,
                    lambda value, a=first.condition, b=on_pages.condition: a(value) | b(value),
                    count_by=first.count_lookups + on_pages.count_lookups if both else "",
                    keys_by_option=first.keys_by_option if both else None,
                )
            merged[definition.name] = on_pages
    # Classifications before places.
    rest = sorted(merged.values(), key=lambda facet: facet.name == "territory")
    return [type_facet(), *rest]


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
