"""The directory's filters: read from the query string, searched and counted by the search
service (`search.service.Search`)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.filters import QueryFilters
from search.facets import ChoicesFacet, Facet
from search.service import Search

from .models import LegalForm, Relation, StructurePage


def structure_facets(locale: Locale) -> list[Facet]:
    return [
        *StructurePage.search_facets(locale),
        ChoicesFacet("legal_form", _("Legal form"), LegalForm),
        ChoicesFacet("relation", _("Relation to APESS 53"), Relation),
    ]


@dataclass
class DirectoryFilters(QueryFilters):
    sector: str = ""
    legal_form: str = ""
    territory: str = ""
    relation: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params: QueryDict) -> "DirectoryFilters":
        return cls(
            sector=cls.read(params, "sector"),
            legal_form=cls.read(params, "legal_form", LegalForm.values),
            territory=cls.read(params, "territory"),
            relation=cls.read(params, "relation", Relation.values),
            q=cls.read(params, "q"),
        )

    def search(self, structures: QuerySet, locale: Locale) -> Search:
        return Search(
            structures, query=self.q, selected=self.selection(), facets=structure_facets(locale)
        )
