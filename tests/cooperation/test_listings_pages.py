"""Coopération: listings on the structure and home pages, escaping, closing and counting."""


import pytest
from bs4 import BeautifulSoup

from cooperation.models import ListingPage
from cooperation.models.listings import ListingStatus
from directory.models import StructurePage
from tests.pages import card_slugs, html, listed

from .listing_helpers import HOME, INDEX, visible

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the structure and home pages

def cards(page: BeautifulSoup, section: str) -> list[str]:
    return card_slugs(page.select_one(section), ".card__title a")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_structure_page_shows_its_open_listings_only(client, listing_factory, language):
    # The Roue Libre's three open demo listings and eight more: more than the ten the page
    # shows.
    for number in range(8):
        listing_factory(f"zorglubroue{number}", structure="roue-libre")
    structure = StructurePage.objects.get(slug="roue-libre", locale__language_code=language)
    page = html(client.get(structure.get_url()))
    open_listings = visible(language).filter(structure__slug="roue-libre")
    assert open_listings.count() == 11
    newest = [p.slug for p in open_listings.order_by("-first_published_at", "-pk")]
    shown = cards(page, ".structure__listings")
    assert shown == newest[:10]
    assert "annonce-04" not in shown  # fulfilled
    assert all(a["href"].startswith(INDEX[language])
               for a in page.select(".structure__listings .card__title a"))
    # The link leads to all of them, on the marketplace of the same language.
    link = page.select(".structure__listings a")[-1]["href"]
    assert link == f"{INDEX[language]}?structure=roue-libre"
    assert "11" in page.select(".structure__listings a")[-1].get_text()
    slugs, _pages = listed(client, link)
    assert set(slugs) == set(newest)
    if language == "en":
        assert "van-at-weekends" in newest and "annonce-01" not in newest


def test_structure_page_without_listing_says_so(client, demo):
    # Every demo structure posts something: the Charpentiers' only listing is withdrawn.
    ListingPage.objects.filter(structure__slug="scop-charpente").update(
        status=ListingStatus.WITHDRAWN)
    page = html(client.get("/fr/annuaire/scop-charpente/"))
    section = page.select_one(".structure__listings")
    assert section.select(".card") == []
    assert "Cette structure n'a aucune offre ni demande en cours pour le moment." in (
        section.get_text())


def test_structure_page_hides_a_closed_listing(client, listing_factory):
    listing = listing_factory("zorglubcuisine", structure="cuisine-collective")
    url = "/fr/annuaire/cuisine-collective/"
    assert listing.slug in cards(html(client.get(url)), ".structure__listings")
    listing.status = "withdrawn"
    listing.save()
    shown = cards(html(client.get(url)), ".structure__listings")
    assert listing.slug not in shown
    assert set(shown) <= set(visible("fr").filter(structure__slug="cuisine-collective")
                             .values_list("slug", flat=True))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_home_page_shows_the_latest_offers_and_requests(client, demo, language):
    page = html(client.get(HOME[language]))
    section = page.select_one("#latest-listings").parent
    newest = visible(language).order_by("-first_published_at", "-pk")
    offers = [p.slug for p in newest.filter(kind="offer")[:3]]
    requests = [p.slug for p in newest.filter(kind="request")[:3]]
    assert card_slugs(section) == offers + requests
    assert [badge["class"][-1] for badge in section.select(".kind-badge")] == (
        ["kind-badge--offer"] * 3 + ["kind-badge--request"] * 3)
    links = [a["href"] for a in section.select("a")
             if "card__title" not in a.parent.get("class", [])]
    assert links == [f"{INDEX[language]}?kind=offer", f"{INDEX[language]}?kind=request",
                     INDEX[language]]


def test_home_page_without_listings(client, demo):
    ListingPage.objects.update(status="withdrawn")
    section = html(client.get(HOME["fr"])).select_one("#latest-listings").parent
    assert section.select(".card") == []
    assert section.select("a")[-1]["href"] == INDEX["fr"]


def test_a_new_listing_comes_first_on_the_home_page(client, listing_factory):
    offer = listing_factory("zorglubnouvelle")
    request = listing_factory("zorglubrecherche", kind="request")
    shown = card_slugs(html(client.get(HOME["fr"])).select_one("#latest-listings").parent)
    assert shown[0] == offer.slug and shown[3] == request.slug


# ---------------------------------------------------------------- escaping

SCRIPT = "<script>alert(1)</script>"


def test_user_text_is_shown_as_text_everywhere(client, listing_factory):
    listing = listing_factory(
        "zorglubscript", structure="roue-libre", title=f"Prêt {SCRIPT} zorglubscript",
        summary=f"Résumé {SCRIPT}", description=f"Première {SCRIPT}\n\nSeconde <b>gras</b>",
        price=SCRIPT,
    )
    for url in (listing.get_url(), INDEX["fr"], f"{INDEX['fr']}?q=zorglubscript",
                "/fr/annuaire/roue-libre/", HOME["fr"], "/fr/recherche/?q=zorglubscript"):
        content = client.get(url).content.decode()
        assert "<script>alert(1)" not in content, url
        assert "<b>gras" not in content, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, url
        page = html(client.get(url))
        assert SCRIPT in page.get_text(), url  # shown as text
    page = html(client.get(listing.get_url()))
    assert page.select_one("h1").get_text() == listing.title
    assert page.select_one(".lead").get_text() == listing.summary


def test_publishing_a_closed_listing_takes_it_offline(listing_factory):
    """An editor sets "fulfilled" in the admin and publishes: the listing leaves the site."""
    listing = listing_factory("zorglubpubliee").specific
    listing.status = ListingStatus.FULFILLED
    listing.save_revision().publish()
    listing.refresh_from_db()
    assert not listing.live
    assert listing.status == ListingStatus.FULFILLED


def test_fulfilled_exchanges_are_counted_once_on_the_index(client, demo):
    """Closed listings leave the listings but stay in the network's impact figures."""
    fulfilled = ListingPage.objects.filter(
        status=ListingStatus.FULFILLED, locale__language_code="fr", alias_of__isnull=True
    )
    assert fulfilled.count() == 4  # annonce-04, -14, -24, -34 in the demo
    total = sum(listing.estimated_value for listing in fulfilled)
    page = BeautifulSoup(client.get("/fr/cooperation/").content, "html.parser")
    impact = page.select_one(".impact").get_text(" ", strip=True)
    assert impact.startswith("4 échanges pourvus")
    assert f"environ {total:,.0f} € de valeur".replace(",", "\xa0") in impact
    assert not [a for a in page.select(".listing .card__title a")
                if a["href"].rstrip("/").endswith(("annonce-04", "annonce-14"))]
