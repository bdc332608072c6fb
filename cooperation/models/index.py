"""Coopération: the marketplace index, its filters (searched and counted by the search
service, `search.service.Search`) and the network's impact figures."""

import django_filters

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page

from core.filters import QueryFilters
from core.index_page import FilteredIndexPage
from core.visibility import AliasRestrictionsMixin
from search.facets import ChoicesFacet, Facet, TopFacet
from search.service import Search

from .listings import ListingPage
from .rules import MAX_EXCHANGE_HOURS, MAX_EXCHANGE_VALUE, ListingKind
from .taxonomies import ListingTerm, Terms

SORTS = {
    "relevance": ("-first_published_at", "-pk"),  # best matches first when there are words
    "newest": ("-first_published_at", "-pk"),
    "expiring": ("expires_on", "pk"),
}


class TermsFacet(Facet):
    """The fixed terms a listing offers. Counted by one aggregate per option, not grouped:
    four options through a many-to-many, where one aggregate per option measured at least as
    fast as grouping."""

    def __init__(self) -> None:
        super().__init__("terms", _("Terms"))

    def options(self) -> list[tuple[str, str]]:
        return [(term.code, term.get_code_display()) for term in ListingTerm.objects.all()]

    def condition(self, value: str) -> Q:
        return Q(terms__code=value)


# The structures shown in the filter: two thousand options would weigh more than the results.
STRUCTURES_SHOWN = 15


def more_structures(count: int) -> str:
    """The line under the structure filter about the `count` structures it leaves out: their
    name is searched by the keywords (listings are indexed with their structure's title)."""
    return ngettext(
        "%(count)s other structure is not listed here: type its name in the Keywords "
        "field, or find it in the directory.",
        "%(count)s other structures are not listed here: type a name in the Keywords "
        "field, or find them in the directory.",
        count,
    ) % {"count": number_format(count, force_grouping=True)}


def structure_facet() -> TopFacet:
    """The structures with the most listings among the results, and the selected one, by slug
    (untranslated listings point to the source language's structure page, of the same slug)."""
    return TopFacet(
        "structure", _("Structure"), value_by="structure__slug", label_by="structure__title",
        limit=STRUCTURES_SHOWN, more=more_structures,
    )


class ListingFilters(QueryFilters):
    kind = django_filters.ChoiceFilter(choices=ListingKind.choices)
    category = django_filters.CharFilter()
    terms = django_filters.ChoiceFilter(choices=Terms.choices)
    territory = django_filters.CharFilter()
    structure = django_filters.CharFilter()
    q = django_filters.CharFilter()
    sort = django_filters.ChoiceFilter(choices=[(name, name) for name in SORTS])

    ORDERING = {"sort": ""}

    @property
    def ordering(self) -> str:
        """The chosen sort, else by relevance when there are words, else newest first."""
        return self.sort or ("relevance" if self.q.strip() else "newest")

    def search(self, listings: QuerySet, locale: Locale) -> Search:
        return Search(listings, query=self.q, selected=self.selection(), facets=[
            ChoicesFacet("kind", _("Offers or requests"), ListingKind),
            *ListingPage.search_facets(locale),
            TermsFacet(),
            structure_facet(),
        ])


def impact_figures() -> dict:
    """The network's fulfilled exchanges, each counted once whatever its translations.

    A value or a number of hours beyond the bounds (stored before they were enforced) is left
    out rather than allowed to drown the total."""
    sources = ListingPage.objects.counted_exchanges().order_by("translation_key", "pk")
    keys = set()
    exchanges = value = hours = 0
    for listing in sources.only("translation_key", "estimated_value", "hours_saved"):
        if listing.translation_key in keys:
            continue
        keys.add(listing.translation_key)
        exchanges += 1
        if listing.estimated_value and listing.estimated_value <= MAX_EXCHANGE_VALUE:
            value += listing.estimated_value
        if listing.hours_saved and listing.hours_saved <= MAX_EXCHANGE_HOURS:
            hours += listing.hours_saved
    return {"exchanges": exchanges, "value": value, "hours": hours}



class CooperationIndexPage(AliasRestrictionsMixin, FilteredIndexPage):
    """Coopération: the open offers and requests of the language, filtered and sorted."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    filters_class = ListingFilters
    page_size = "cooperation"

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cooperation.OfferPage", "cooperation.RequestPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("cooperation index")
        verbose_name_plural = _("cooperation indexes")

    def listings(self):
        return ListingPage.objects.child_of(self).open()

    def items(self) -> QuerySet:
        return self.listings().select_related("structure", "category").prefetch_related("terms")

    def filtered(self, items: QuerySet, filters: ListingFilters) -> Search:
        return filters.search(items, self.locale)

    def paginate(self, request, filtered: Search, filters: ListingFilters):
        return filtered.page(
            request.GET.get(self.page_parameter), settings.PAGE_SIZES[self.page_size],
            SORTS[filters.ordering], by_relevance=filters.ordering == "relevance",
        )

    def index_context(self, request, filters, filtered, page) -> dict:
        sorts = [
            ("newest", _("Newest first")),
            ("expiring", _("Expiring soon")),
        ]
        if filtered.query:
            sorts.insert(0, ("relevance", _("Best matches first")))
        return {
            "filters": filters,
            "facets": filtered.facets(),
            "listings": page,
            "pagination_query": filters.query_string(),
            "impact": impact_figures(),
            "sorts": [
                (value, label, filters.query_string(sort=value)) for value, label in sorts
            ],
        }
