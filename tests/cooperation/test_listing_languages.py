"""A listing posted from the member space gets its English alias once approved, as pages made
in the admin do (home/translation_sync.py): English visitors find it in the marketplace and
in search, and the language switcher of each version leads to the other."""

import pytest
from bs4 import BeautifulSoup

from cooperation.models import ListingPage

from .member_listing_helpers import MEMBER_A, MODERATOR, admin_action, created, login, post_new

pytestmark = pytest.mark.django_db


def switcher(client, url: str) -> dict[str, str]:
    page = BeautifulSoup(client.get(url).content, "html.parser")
    nav = page.find("nav", class_="language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def test_an_approved_member_listing_is_shown_in_english_too(client):
    login(client, MEMBER_A)
    assert post_new(client, title="Zorglubtronçonneuse à prêter").status_code == 302
    listing = created("Zorglubtronçonneuse à prêter")
    assert not ListingPage.objects.filter(translation_key=listing.translation_key,
                                          locale__language_code="en").exists()
    client.logout()
    login(client, MODERATOR)
    assert admin_action(client, listing, "approve").status_code == 302
    client.logout()

    listing.refresh_from_db()
    assert listing.live
    alias = ListingPage.objects.get(translation_key=listing.translation_key,
                                    locale__language_code="en")
    assert alias.alias_of_id == listing.pk and alias.live
    assert alias.url == f"/en/cooperation/{listing.slug}/"
    assert client.get(alias.url).status_code == 200
    assert alias.url in client.get("/en/cooperation/").content.decode()
    assert alias.url in client.get("/en/search/?q=zorglubtronconneuse").content.decode()
    # Each version's language link leads to the other.
    assert switcher(client, listing.url) == {"en": alias.url}
    assert switcher(client, alias.url) == {"fr": listing.url}


def test_the_french_page_of_a_demo_listing_links_to_its_english_alias(client, demo):
    alias = ListingPage.objects.filter(locale__language_code="en", alias_of__isnull=False,
                                       live=True).order_by("slug").first()
    source = alias.alias_of
    assert switcher(client, source.url) == {"en": alias.url}
    assert alias.url != "/en/"
