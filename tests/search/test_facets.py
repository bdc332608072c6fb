"""Facets (search/facets.py) in the order each page shows them: the search page puts the page
type first, then classifications, then places, whichever app declares them; the directory
and the marketplace keep the order of their own declarations."""

import pytest

from .results import facet_options, get_page, search

pytestmark = pytest.mark.django_db


def test_the_search_page_shows_the_type_then_classifications_then_places(client, demo):
    page = search(client, "fr", {"q": "association"})
    assert list(facet_options(page)) == ["type", "sector", "category", "territory"]


def test_the_directory_and_the_marketplace_keep_their_declared_order(client, demo):
    directory = facet_options(get_page(client, "/fr/annuaire/"))
    assert list(directory) == ["sector", "territory", "legal_form", "relation"]
    marketplace = facet_options(get_page(client, "/fr/cooperation/"))
    assert list(marketplace)[:5] == ["kind", "category", "territory", "terms", "structure"]
