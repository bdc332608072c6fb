"""Public views of the marketplace: the index and a listing with its response form."""

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from directory.models import StructurePage
from directory.views import ContactFormView
from search.text import french_terms

from .models import ListingKind, ListingPage

RELATED_COUNT = 4


# Words of listings that say nothing of what is exchanged: two listings sharing only these are
# not similar.
GENERIC_WORDS = frozenset(french_terms(
    "recherche recherchons cherche cherchons besoin besoins propose proposons disponible "
    "disponibles offre offres demande demandes annonce structure structures association "
    "associations gratuit gratuite vos nos notre votre pour avec "
    # The terms have their own filter: lending is no likeness.
    "prêt prêter prête prêts location louer loue don donner donne vente vendre vend "
    "échange échanger"
))
SIMILAR_CANDIDATES = 200  # best matches of the search backend weighed here


def listing_words(listing: ListingPage) -> set[str]:
    """The French stems of what a listing is about (title and summary), without filler."""
    text = f"{listing.title} {listing.summary}"
    return {term for term in french_terms(text) if len(term) > 2} - GENERIC_WORDS


def with_place(listings: QuerySet) -> QuerySet:
    """`place`: the translation key of the listing's territory, else its structure's first."""
    structure_territory = StructurePage.territories.through.objects.filter(
        structurepage_id=OuterRef("structure_id")
    ).order_by("pk").values("territory__translation_key")[:1]
    return listings.annotate(
        place=Coalesce(F("territory__translation_key"), Subquery(structure_territory))
    )


def similar_listings(listing: ListingPage, kind: str, count: int = RELATED_COUNT,
                     along: QuerySet | None = None) -> tuple[list, list]:
    """(similar listings, the pages of `along`, newest first). `along`: a few listings of the
    same structure the page also shows, read in the same query (the page's queries stay few).

    Similar: open listings of `kind` from other structures that share words with `listing`
    (French stems, as the search finds them), most shared words first, then those of the same
    category, then of the same territory, then the soonest to expire. None that shares no
    word: nothing is better than unrelated listings."""
    words = listing_words(listing)  # an alias holds a copy of its source's texts
    hits = []
    if words:
        # The search backend narrows thousands of listings to those holding any of the words.
        results = ListingPage.objects.live().search(
            " ".join(sorted(words)), operator="or", order_by_relevance=True
        )
        if hasattr(results, "ranked_pks"):
            hits = results.ranked_pks(SIMILAR_CANDIDATES)
        else:
            hits = [hit.pk for hit in results[:SIMILAR_CANDIDATES]]
    along_pages = Q(pk__in=along.values("pk")) if along is not None else Q(pk__in=[])
    # The listing's own place comes with the candidates, in the same query.
    found = list(
        with_place(ListingPage.objects.all())
        .filter(Q(pk=listing.pk) | along_pages | Q(
            pk__in=ListingPage.objects.open()
            .filter(locale_id=listing.locale_id, kind=kind)
            .filter(Q(pk__in=hits) | Q(alias_of_id__in=hits))
            .exclude(translation_key=listing.translation_key)
            .exclude(structure__translation_key=listing.structure.translation_key)
            .values("pk")
        ))
        .select_related("structure", "category")
    )
    place = next((page.place for page in found if page.pk == listing.pk), None)
    # `along` holds the listing's structure's pages, which are never candidates.
    others = [page for page in found if page.pk != listing.pk]
    alongside = sorted(
        (page for page in others if page.structure_id == listing.structure_id),
        key=lambda page: page.first_published_at, reverse=True,
    )
    candidates = [page for page in others if page.structure_id != listing.structure_id]
    ranked = []
    for candidate in candidates:
        shared = len(words & listing_words(candidate))
        if not shared:
            continue
        ranked.append(((
            -shared,
            candidate.category.translation_key != listing.category.translation_key,
            not (place and candidate.place == place),
            candidate.expires_on, candidate.pk,
        ), candidate))
    ranked.sort(key=lambda item: item[0])
    return [candidate for _key, candidate in ranked[:count]], alongside


def opposite_of(kind: str) -> str:
    return ListingKind.REQUEST if kind == ListingKind.OFFER else ListingKind.OFFER


def related_listings(listing: ListingPage) -> dict:
    siblings = ListingPage.objects.open().sibling_of(listing, inclusive=False)
    opposite = opposite_of(listing.kind)
    similar, same_structure = similar_listings(
        listing, opposite, along=siblings.filter(structure_id=listing.structure_id)
        .order_by("-first_published_at")[:RELATED_COUNT],
    )
    return {"same_structure": same_structure, "similar": similar, "opposite_kind": opposite}


def serve_closed_listing(listing: ListingPage, request: HttpRequest) -> HttpResponse:
    """A fulfilled or withdrawn listing: gone for good (410), said so, with open listings of
    the same kind that are like it."""
    response = TemplateResponse(
        request, "cooperation/listing_closed.html",
        {"page": listing, "listing": listing,
         "similar": similar_listings(listing, listing.kind)[0],
         "index": listing.get_parent()},
        status=410,
    )
    return response


class ListingResponseView(ContactFormView):
    """A listing and its response form, sent to the listing's structure, with related
    listings."""

    sent = _("Thank you, your answer has been sent to %(name)s. They will answer you by "
             "e-mail.")

    def extra_context(self) -> dict:
        return related_listings(self.page)


def serve_listing(listing: ListingPage, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """A listing and its response form. Closed or expired listings are not public."""
    if not getattr(request, "is_preview", False):
        if listing.is_closed:
            return serve_closed_listing(listing, request)
        if not listing.is_open:
            raise Http404(_("This listing is closed."))
    return ListingResponseView(listing, listing.structure).serve(request, *args, **kwargs)
