"""The marketplace's filters: read from the query string, searched and counted by the search
service (`search.service.Search`)."""

from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from directory.models import StructurePage
from search.filters import QueryFilters
from search.service import FacetDefinition, Search, choices_facet

from .models import ListingPage, ListingTerm, Terms
from .models.listings import ListingKind

SORTS = {
    "relevance": ("-first_published_at", "-pk"),  # best matches first when there are words
    "newest": ("-first_published_at", "-pk"),
    "expiring": ("expires_on", "pk"),
}


def terms_facet() -> FacetDefinition:
    return FacetDefinition(
        "terms", _("Terms"),
        lambda: [(term.code, term.get_code_display()) for term in ListingTerm.objects.all()],
        lambda code: Q(terms__code=code),
    )


def structure_facet(listings: QuerySet) -> FacetDefinition:
    """The structures that post, by slug (untranslated listings point to the source language's
    structure page, of the same slug)."""
    return FacetDefinition(
        "structure", _("Structure"),
        lambda: StructurePage.objects.filter(pk__in=listings.values("structure_id"))
        .order_by("title", "slug").values_list("slug", "title").distinct(),
        lambda slug: Q(structure__slug=slug),
        hide_empty=True,
        count_by="structure__slug",
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
            structure_facet(listings),
        ])
