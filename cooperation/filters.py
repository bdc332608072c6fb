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
from search.facets import ChoicesFacet, Facet, TopFacet
from search.service import Search

from .models import ListingPage, ListingTerm, Terms
from .models.listings import ListingKind

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
            ChoicesFacet("kind", _("Offers or requests"), ListingKind),
            *ListingPage.search_facets(locale),
            TermsFacet(),
            structure_facet(),
        ])
