"""The directory's filters: read from the query string, applied to structures, counted.

Filters are plain GET parameters (`?sector=insertion&legal_form=scop&q=velo`), so every
filtered view works without JavaScript and can be shared as a link.
"""

from dataclasses import dataclass, field, fields
from typing import ClassVar

from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from search.text import normalise_query

from .models import LegalForm, Relation, Sector, StructurePage, Territory

QUERY_MAX_LENGTH = 256


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
    options: list[Option] = field(default_factory=list)


class QueryFilters:
    """What GET-parameter filters share (as dataclasses): reading a parameter, knowing whether
    any filter is set, and the query string of a shareable link."""

    # Parameters that order rather than filter, with the value links leave out.
    ORDERING: ClassVar[dict[str, str]] = {}

    @staticmethod
    def read(params: QueryDict, name: str, allowed=None, default: str = "") -> str:
        value = params.get(name, "").strip()[:QUERY_MAX_LENGTH]
        return value if allowed is None or value in allowed else default

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name not in self.ORDERING)

    def query_string(self, **changes: str) -> str:
        params = QueryDict(mutable=True)
        for f in fields(self):
            new = changes.get(f.name, getattr(self, f.name))
            if new and new != self.ORDERING.get(f.name):
                params[f.name] = new
        return params.urlencode()


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

    def apply(self, structures: QuerySet, locale: Locale, skip: str = "") -> QuerySet:
        """Structures matching every filter but `skip` (used to count a facet's options)."""
        if self.sector and skip != "sector":
            keys = Sector.objects.filter(slug=self.sector).values("translation_key")
            structures = structures.filter(sectors__translation_key__in=keys)
        if self.territory and skip != "territory":
            keys = Territory.objects.filter(slug=self.territory).values("translation_key")
            structures = structures.filter(territories__translation_key__in=keys)
        if self.legal_form and skip != "legal_form":
            structures = structures.filter(legal_form=self.legal_form)
        if self.relation and skip != "relation":
            structures = structures.filter(relation=self.relation)
        words, _truncated = normalise_query(self.q)
        if words:
            # Until the search service of issue #5: Wagtail's index (accents folded).
            # Aliases of the synchronised tree are indexed before their sectors are copied:
            # match the source pages and let each alias follow its source.
            ids = [page.pk for page in StructurePage.objects.live().search(words, operator="and")]
            structures = structures.filter(Q(pk__in=ids) | Q(alias_of_id__in=ids))
        return structures.distinct()

    def facets(self, structures: QuerySet, locale: Locale) -> list[Facet]:
        """Each filter's options in the visitor's language, with how many structures each gives."""
        facets = []
        for name, relation, label, model in (
            ("sector", "sectors", _("Sector of activity"), Sector),
            ("territory", "territories", _("Territory"), Territory),
        ):
            base = self.apply(structures, locale, skip=name)
            key = f"{relation}__translation_key"
            # order_by(): the tree's default ordering (path) would split every group.
            counts = dict(
                base.order_by().values_list(key).annotate(n=Count("pk", distinct=True))
                .values_list(key, "n")
            )
            options = [
                Option(item.slug, item.name, counts.get(item.translation_key, 0),
                       item.slug == getattr(self, name))
                for item in model.objects.filter(locale=locale)
            ]
            facets.append(Facet(name, label, options))
        for name, label, choices in (
            ("legal_form", _("Legal form"), LegalForm),
            ("relation", _("Relation to APESS 53"), Relation),
        ):
            base = self.apply(structures, locale, skip=name)
            counts = dict(
                base.order_by().values_list(name).annotate(n=Count("pk", distinct=True))
                .values_list(name, "n")
            )
            options = [
                Option(value, label, counts.get(value, 0), value == getattr(self, name))
                for value, label in choices.choices
            ]
            facets.append(Facet(name, label, options))
        return facets
