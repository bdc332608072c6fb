"""The marketplace's filters: read from the query string, applied to listings, counted.

Plain GET parameters (`?kind=request&category=vehicules&terms=loan&q=camion`): every view
works without JavaScript and can be shared as a link.
"""

from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Count, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from directory.filters import Facet, Option, QueryFilters
from directory.models import StructurePage, Territory
from search.text import normalise_query

from .models import ListingPage, ListingTerm, ResourceCategory, Terms
from .models.listings import ListingKind

SORTS = {"newest": ("-first_published_at", "-pk"), "expiring": ("expires_on", "pk")}


@dataclass
class ListingFilters(QueryFilters):
    kind: str = ""
    category: str = ""
    terms: str = ""
    territory: str = ""
    structure: str = ""
    q: str = ""
    sort: str = "newest"

    ORDERING: ClassVar[dict[str, str]] = {"sort": "newest"}

    @classmethod
    def from_query(cls, params: QueryDict) -> "ListingFilters":
        return cls(
            kind=cls.read(params, "kind", ListingKind.values),
            category=cls.read(params, "category"),
            terms=cls.read(params, "terms", Terms.values),
            territory=cls.read(params, "territory"),
            structure=cls.read(params, "structure"),
            q=cls.read(params, "q"),
            sort=cls.read(params, "sort", SORTS, default="newest"),
        )

    def apply(self, listings: QuerySet, skip: str = "") -> QuerySet:
        """Listings matching every filter but `skip` (used to count a facet's options)."""
        if self.kind and skip != "kind":
            listings = listings.filter(kind=self.kind)
        if self.category and skip != "category":
            keys = ResourceCategory.objects.filter(slug=self.category).values("translation_key")
            listings = listings.filter(category__translation_key__in=keys)
        if self.terms and skip != "terms":
            listings = listings.filter(terms__code=self.terms)
        if self.territory and skip != "territory":
            keys = Territory.objects.filter(slug=self.territory).values("translation_key")
            # A listing without its own territory takes its structure's.
            listings = listings.filter(
                Q(territory__translation_key__in=keys)
                | Q(territory__isnull=True, structure__territories__translation_key__in=keys)
            )
        if self.structure and skip != "structure":
            listings = listings.filter(structure__slug=self.structure)
        words, _truncated = normalise_query(self.q)
        if words:
            # Until the search service of issue #5: Wagtail's index (accents folded).
            ids = [page.pk for page in ListingPage.objects.live().search(words, operator="and")]
            listings = listings.filter(Q(pk__in=ids) | Q(alias_of_id__in=ids))
        return listings.distinct()

    def facets(self, listings: QuerySet, locale: Locale) -> list[Facet]:
        def counted(name: str, key: str) -> dict:
            base = self.apply(listings, skip=name).order_by()
            return dict(
                base.values_list(key).annotate(n=Count("pk", distinct=True)).values_list(key, "n")
            )

        counts = counted("kind", "kind")
        facets = [Facet("kind", _("Offers or requests"), [
            Option(value, label, counts.get(value, 0), value == self.kind)
            for value, label in ListingKind.choices
        ])]
        counts = counted("category", "category__translation_key")
        facets.append(Facet("category", _("Resource category"), [
            Option(c.slug, c.name, counts.get(c.translation_key, 0), c.slug == self.category)
            for c in ResourceCategory.objects.filter(locale=locale)
        ]))
        counts = counted("terms", "terms__code")
        facets.append(Facet("terms", _("Terms"), [
            Option(term.code, term.get_code_display(), counts.get(term.code, 0),
                   term.code == self.terms)
            for term in ListingTerm.objects.all()
        ]))
        base = self.apply(listings, skip="territory")
        facets.append(Facet("territory", _("Territory"), [
            Option(t.slug, t.name, base.filter(
                Q(territory__translation_key=t.translation_key)
                | Q(territory__isnull=True,
                    structure__territories__translation_key=t.translation_key)
            ).count(), t.slug == self.territory)
            for t in Territory.objects.filter(locale=locale)
        ]))
        counts = counted("structure", "structure__slug")
        posting = StructurePage.objects.filter(
            slug__in=[slug for slug, n in counts.items() if n] + [self.structure],
            locale=locale,
        ).order_by("title")
        facets.append(Facet("structure", _("Structure"), [
            Option(s.slug, s.title, counts.get(s.slug, 0), s.slug == self.structure)
            for s in posting
        ]))
        return facets
