"""Searching through the read-only API (/api/v2/pages/?search=…) works on every page type, as
on the search page, and never shows a closed or expired listing."""

import pytest

from wagtail.models import Page

from home.models import StandardPage

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"
LISTING_TYPES = ["cooperation.OfferPage", "cooperation.RequestPage"]


def found_ids(client, **params) -> set[int]:
    response = client.get(API, {"limit": 100, **params})
    assert response.status_code == 200, response.content[:300]
    return {item["id"] for item in response.json()["items"]}


def versions(*pages: Page) -> set[int]:
    """The pages and their versions in the other languages (their English aliases)."""
    keys = [page.translation_key for page in pages]
    return set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


@pytest.mark.parametrize("page_type", [None, "cooperation.OfferPage", ",".join(LISTING_TYPES)])
def test_search_hides_closed_and_expired_listings_with_or_without_a_type(
    client, listing_factory, page_type
):
    shown = listing_factory("zorglubouvert", summary="Vélo zorglubapi")
    hidden = [listing_factory(f"zorglub{state}", state=state, summary="Vélo zorglubapi")
              for state in ("withdrawn", "fulfilled", "expired")]
    params = {"search": "zorglubapi"} | ({"type": page_type} if page_type else {})

    assert found_ids(client, **params) == versions(shown)
    assert len(versions(shown)) == 2  # French and its English alias
    # Each of the hidden ones is live: only the API's rule keeps it out.
    assert all(listing.live for listing in hidden)


@pytest.mark.parametrize("page_type", [None, "directory.StructurePage"])
def test_a_visitor_word_finds_the_demo_pages_through_the_api(client, demo, page_type):
    roue_libre = Page.objects.get(slug="roue-libre", locale__language_code="fr")
    params = {"search": "vélo"} | ({"type": page_type} if page_type else {})

    assert roue_libre.pk in found_ids(client, **params)


def test_search_without_a_type_finds_every_page_type_at_once(client, demo, listing_factory):
    listing = listing_factory("zorglubcommun")
    page = StandardPage(title="Charte zorglubcommun", slug="charte-zorglubcommun")
    demo.add_child(instance=page)
    page.save_revision().publish()

    assert found_ids(client, search="zorglubcommun") == versions(listing, page)
