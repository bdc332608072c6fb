"""The search page: the editors' promoted results, and a French page that speaks French.

Listings made here hold invented words ("zorglub…") found nowhere in the demo content.
"""


import pytest
from bs4 import BeautifulSoup

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from home.models import HomePage, StandardPage

from .results import (
    search,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------- editors' promotions

def french(slug: str) -> Page:
    return Page.objects.get(locale__language_code="fr", slug=slug)


def promote(query: str, page: Page, order: int = 0) -> SearchPromotion:
    return SearchPromotion.objects.create(
        query=Query.get(query), page=page, sort_order=order,
        description="Toutes les informations pour adhérer.",
    )


def promoted(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select("li.search-promotion a[href]")]


@pytest.mark.parametrize("typed", ["adhesion", "ADHESION", "adhésion", "Adhésion", " adhesion "])
def test_a_promoted_page_comes_first_whatever_the_accents(client, demo, typed):
    promote("adhesion", french("adherer"))
    page = search(client, "fr", {"q": typed})
    assert promoted(page) == ["/fr/adherer/"], f"no promotion shown for {typed!r}"
    promotions = page.select_one(".search-promotions")
    results = page.select_one(".search-results")
    if results is not None:  # the promotion is above the results
        assert promotions.sourceline < results.sourceline
    assert "Toutes les informations pour adhérer." in promotions.get_text()
    assert "Recommandé" in promotions.get_text()


def test_a_promotion_of_an_unpublished_or_foreign_page_is_not_shown(client, demo):
    home = HomePage.objects.get(locale__language_code="fr", depth=2)
    draft = StandardPage(title="Adhésion 2027 (brouillon)", slug="adhesion-2027", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    english_join = Page.objects.get(locale__language_code="en", slug="join")
    promote("adhesion", draft, order=0)
    promote("adhesion", english_join, order=1)
    promote("adhesion", french("adherer"), order=2)

    assert promoted(search(client, "fr", {"q": "adhesion"})) == ["/fr/adherer/"]
    assert promoted(search(client, "en", {"q": "adhesion"})) == ["/en/join/"]


def test_a_promotion_of_a_page_unpublished_later_disappears(client, demo):
    association = french("association")
    promote("adhesion", association)
    assert promoted(search(client, "fr", {"q": "adhesion"})) == ["/fr/association/"]
    association.unpublish()
    assert promoted(search(client, "fr", {"q": "adhesion"})) == []


@pytest.mark.parametrize("state", ["withdrawn", "expired"])
def test_a_promotion_of_a_closed_listing_is_not_shown(client, listing_factory, state):
    # Both are still live: withdrawn without publishing, expired before the daily job.
    listing = listing_factory(f"zorglubpromue{state}", state=state)
    assert listing.live
    promote("adhesion", listing)
    assert promoted(search(client, "fr", {"q": "adhesion"})) == []


def test_promotions_are_only_for_their_words(client, demo):
    promote("adhesion", french("adherer"))
    assert promoted(search(client, "fr", {"q": "velo"})) == []
    assert promoted(search(client, "fr", {"q": "adhesion velo"})) == []


# ------------------------------------------------------ the French page speaks French

def test_the_french_search_page_shows_no_english_interface_text(client, demo):
    promote("adhesion", french("adherer"))
    texts = [
        search(client, "fr", {"q": "adhesion"}).get_text(" "),  # a promotion
        search(client, "fr", {"q": "zzzqqq"}).get_text(" "),  # empty state
        search(client, "fr", {"q": "velo", "type": "event"}).get_text(" "),  # …with a filter
        search(client, "fr", {}).get_text(" "),  # no words yet
        search(client, "fr", {"q": "mutualisation"}).get_text(" "),  # news and event types
    ]
    english = ["Recommended", "Nothing matches your search", "The latest offers and requests",
               "Without the filter", "Search again without any filter",
               "Type one or more words", "News", "Event"]
    leftovers = sorted({phrase for phrase in english for text in texts if phrase in text})
    assert leftovers == [], f"English text on the French search page: {leftovers}"
