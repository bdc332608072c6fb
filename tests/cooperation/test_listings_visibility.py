"""Coopération: what the public never sees, whatever the surface."""


import pytest

from tests.pages import listed

from .listing_helpers import HOME, INDEX

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- what the public never sees

STATES = ["open", "expired", "withdrawn", "fulfilled", "draft", "moderation"]


def shown_on_index(client, listing) -> bool:
    slugs, _pages = listed(client, INDEX["fr"])
    return listing.slug in slugs


def shown_on_index_search(client, listing) -> bool:
    slugs, _pages = listed(client, f"{INDEX['fr']}?q={listing.slug}")
    return listing.slug in slugs


def shown_at_its_url(client, listing) -> bool:
    response = client.get(listing.get_url())
    status = response.status_code
    # 410: a closed listing's address says it is closed, and shows none of its content.
    assert status in (200, 404, 410)
    if status == 410:
        assert listing.summary not in response.content.decode()
    return status == 200


def linked_from(client, url: str, listing) -> bool:
    response = client.get(url)
    assert response.status_code == 200
    return f'href="{listing.get_url()}"' in response.content.decode()


def shown_on_structure_page(client, listing) -> bool:
    return linked_from(client, listing.structure.get_url(), listing)


def shown_on_home_page(client, listing) -> bool:
    return linked_from(client, HOME["fr"], listing)


def shown_in_search(client, listing) -> bool:
    return linked_from(client, f"/fr/recherche/?q={listing.slug}", listing)


def shown_in_api(client, listing) -> bool:
    found = False
    for model in ("OfferPage", "RequestPage"):
        response = client.get(f"/api/v2/pages/?type=cooperation.{model}&limit=100")
        assert response.status_code == 200
        assert response.json()["meta"]["total_count"] <= 100
        found |= listing.pk in [item["id"] for item in response.json()["items"]]
    # Not found, the API answers 404, which the language middleware turns into a redirect.
    detail = client.get(f"/api/v2/pages/{listing.pk}/")
    assert detail.status_code in (200, 302, 404)
    return found or detail.status_code == 200


def shown_in_sitemap(client, listing) -> bool:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return listing.get_url() in response.content.decode()


SURFACES = {
    "index": shown_on_index,
    "index search": shown_on_index_search,
    "its url": shown_at_its_url,
    "structure page": shown_on_structure_page,
    "home page": shown_on_home_page,
    "search page": shown_in_search,
    "api": shown_in_api,
    "sitemap": shown_in_sitemap,
}


def visibility_cases():
    # A closed or expired listing may still be live until the periodic jobs run: every
    # surface must hide it all the same.
    for state in STATES:
        for surface in SURFACES:
            yield pytest.param(state, surface, id=f"{state}-{surface}")


@pytest.mark.parametrize(("state", "surface"), visibility_cases())
def test_only_open_listings_are_ever_public(client, listing_factory, state, surface):
    """An offer and a request in each state; "open" shows the checks can see a listing."""
    listings = [listing_factory(f"zorglub{state}{kind}", state=state, kind=kind)
                for kind in ("offer", "request")]
    for listing in listings:
        assert SURFACES[surface](client, listing) == (state == "open"), listing.slug


def test_a_change_in_moderation_stays_private(client, listing_factory):
    """A member edits a published listing: the public sees the approved version meanwhile."""
    from django.contrib.auth import get_user_model

    from members.moderation import workflow_for

    listing = listing_factory("zorglubpending").specific
    listing.title = "Annonce zorglubchanged"
    listing.summary = "Résumé zorglubchanged"
    member = get_user_model().objects.get(username="membre-jardins")
    listing.save_revision(user=member)
    workflow_for(listing).start(listing, member)
    for url in (INDEX["fr"], f"{INDEX['fr']}?q=zorglubchanged", listing.get_url(),
                listing.structure.get_url(), HOME["fr"], "/fr/recherche/?q=zorglubchanged",
                "/api/v2/pages/?type=cooperation.OfferPage&limit=100&fields=summary",
                "/api/v2/pages/?search=zorglubchanged&type=cooperation.OfferPage"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Annonce zorglubchanged" not in response.content.decode(), url
        assert "Résumé zorglubchanged" not in response.content.decode(), url
    assert "Annonce zorglubpending" in client.get(listing.get_url()).content.decode()
