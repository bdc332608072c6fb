"""The marketplace's filters: read from the query string, searched and counted by the search
service (`search.service.Search`)."""

from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import Locale

from core.filters import QueryFilters
from search.service import FacetDefinition, Search, choices_facet

from .models import ListingPage, ListingTerm, Terms
from .models.listings import ListingKind

SORTS = {
    "relevance": ("-first_published_at", "-pk"),  # best matches first when there are words
    "newest": ("-first_published_at", "-pk"),
    "expiring": ("expires_on", "pk"),
}


def terms_facet() -> FacetDefinition:
    # Not `count_by`: four options through a many-to-many, where one aggregate per option
    # measured at least as fast as grouping (on SQLite at 20,000 listings).
    return FacetDefinition(
        "terms", _("Terms"),
        lambda: [(term.code, term.get_code_display()) for term in ListingTerm.objects.all()],
        lambda code: Q(terms__code=code),
    )


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


def structure_facet() -> FacetDefinition:
    """The structures with the most listings among the results, and the selected one, by slug
    (untranslated listings point to the source language's structure page, of the same slug)."""
    return FacetDefinition(
        "structure", _("Structure"),
        lambda: (),  # not called: the options are the counted structures (`limit`)
        lambda slug: Q(structure__slug=slug),
        hide_empty=True,
        count_by="structure__slug",
        limit=STRUCTURES_SHOWN,
        label_by="structure__title",
        more=more_structures,
    )


@dataclass
class ListingFilters(QueryFilters):
    kind: str = ""
    category: str = ""
    terms: str = ""
    territory: str = ""
    structure: str = ""
    q: str = ""
    sort: str = ""

    ORDERING: ClassVar[dict[str, str]] = {"sort": ""}

    @classmethod
    def from_query(cls, params: QueryDict) -> "ListingFilters":
        return cls(
            kind=cls.read(params, "kind", ListingKind.values),
            category=cls.read(params, "category"),
            terms=cls.read(params, "terms", Terms.values),
            territory=cls.read(params, "territory"),
            structure=cls.read(params, "structure"),
            q=cls.read(params, "q"),
            sort=cls.read(params, "sort", SORTS),
        )

    @property
    def ordering(self) -> str:
        """The chosen sort, else by relevance when there are words, else newest first."""
        return self.sort or ("relevance" if self.q.strip() else "newest")

    def search(self, listings: QuerySet, locale: Locale) -> Search:
        return Search(listings, query=self.q, selected=self.selection(), facets=[
            choices_facet("kind", _("Offers or requests"), ListingKind),
            *ListingPage.search_facets(locale),
            terms_facet(),
            structure_facet(),
        ])
