"""Addresses and ORM-computed expectations shared by the test_listings_* modules."""

from urllib.parse import parse_qsl

from django.utils import timezone

from cooperation.models import ListingPage, Terms
from cooperation.models.listings import ListingKind
from directory.models import Territory

INDEX = {"fr": "/fr/cooperation/", "en": "/en/cooperation/"}
HOME = {"fr": "/fr/", "en": "/en/"}
STRUCTURE = {"fr": "/fr/annuaire/", "en": "/en/directory/"}

# What the search finds in the demo listings (French words of their titles and summaries).
SEARCH = {
    "camion": {"annonce-01", "annonce-21"},  # "Camion utilitaire…", "Camion frigorifique…"
    "barnum": {"annonce-06"},
    "cargo": {"annonce-19"},
    "zzzqqq": set(),
}


def visible(language: str):
    """What the public may see, in plain ORM terms."""
    return ListingPage.objects.filter(
        live=True, status="open", expires_on__gte=timezone.localdate(),
        locale__language_code=language,
    )


def expected_slugs(query: str, language: str = "fr") -> set[str]:
    """The listings a query string must show, worked out without the marketplace's code."""
    params = {name: value.strip() for name, value in parse_qsl(query)}
    listings = visible(language)
    if params.get("kind") in ListingKind.values:  # anything else is ignored
        listings = listings.filter(kind=params["kind"])
    if params.get("category"):
        listings = listings.filter(category__slug=params["category"])
    if params.get("terms") in Terms.values:  # anything else is ignored
        listings = listings.filter(terms__code=params["terms"])
    if params.get("structure"):
        listings = listings.filter(structure__slug=params["structure"])
    slugs = set(listings.values_list("slug", flat=True))
    if params.get("territory"):  # the listing's own territory, else its structure's
        slugs = {
            listing.slug for listing in listings.select_related("territory", "structure")
            if (listing.territory or listing.structure.territories.first() or Territory()).slug
            == params["territory"]
        }
    if params.get("q"):
        found = SEARCH[params["q"].lower()]
        if language != "fr":  # an English alias shows its French source's words
            found = set(ListingPage.objects.filter(
                locale__language_code=language, alias_of__slug__in=found,
            ).values_list("slug", flat=True))
        slugs &= found
    return slugs
