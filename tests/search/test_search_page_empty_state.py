"""The search page: a helpful empty state, and the site's listings searched by the same service.

Listings made here hold invented words ("zorglub…") found nowhere in the demo content.
"""

import re

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from cooperation.models import ListingPage

from .results import (
    get_page,
    language_and_slug,
    result_links,
    results_count,
    search,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------------- the empty state

def empty_state(page: BeautifulSoup) -> BeautifulSoup:
    assert result_links(page) == []
    assert results_count(page) == 0
    empty = page.select_one(".search-empty")
    assert empty is not None, "no empty state"
    return empty


def suggested_listings(empty: BeautifulSoup) -> list[tuple[str, str]]:
    return [language_and_slug(a["href"]) for a in empty.select("a[href]")
            if "/cooperation/" in a["href"]]


def test_nothing_found_suggests_the_newest_open_listings(client, listing_factory):
    listing_factory("zorglubancienne")
    listing_factory("zorglubretiree", state="withdrawn")
    listing_factory("zorglubrecente", kind="request")
    listing_factory("zorglubbrouillon", state="draft")

    listings = suggested_listings(empty_state(search(client, "fr", {"q": "zzzqqq"})))
    # Newest first; closed and unpublished ones are never suggested.
    assert listings[:2] == [("fr", "zorglubrecente"), ("fr", "zorglubancienne")]
    visible = ListingPage.objects.live().filter(
        locale__language_code="fr", status="open", expires_on__gte=timezone.localdate()
    )
    assert {slug for _lang, slug in listings} <= set(visible.values_list("slug", flat=True))


def test_nothing_found_in_english_suggests_english_listings(client, demo):
    listings = suggested_listings(empty_state(search(client, "en", {"q": "zzzqqq"})))
    assert listings
    assert {lang for lang, _slug in listings} == {"en"}


def counts_without(empty: BeautifulSoup) -> list[tuple[str, int]]:
    """(text, count) of each "Without the filter …: N results" line."""
    lines = []
    for item in empty.select("li"):
        if item.select_one("a"):
            continue
        numbers = re.findall(r"\d+", item.get_text())
        assert numbers, item.get_text()
        lines.append((item.get_text(" ", strip=True), int(numbers[-1])))
    return lines


def test_nothing_found_with_a_filter_gives_the_count_without_it(client, demo):
    params = {"q": "velo", "type": "event"}
    page = search(client, "fr", params)
    empty = empty_state(page)
    type_label = page.select_one("label[for=filter-type]").get_text(strip=True)
    ((text, count),) = counts_without(empty)
    assert type_label in text
    assert count == results_count(search(client, "fr", {"q": "velo"})) > 0
    assert empty.select_one('a[href="?q=velo"]') is not None  # search again without filters
    assert suggested_listings(empty)


def test_nothing_found_with_two_filters_gives_the_count_without_each(client, demo):
    params = {"q": "laval", "type": "event", "category": "vehicules"}
    page = search(client, "fr", params)
    empty = empty_state(page)
    labels = {name: page.select_one(f"label[for=filter-{name}]").get_text(strip=True)
              for name in ("type", "category")}
    expected = {
        # Without the type: Laval's vehicle listings; without the category: Laval's events.
        labels["type"]: results_count(search(client, "fr", {"q": "laval",
                                                            "category": "vehicules"})),
        labels["category"]: results_count(search(client, "fr", {"q": "laval",
                                                                "type": "event"})),
    }
    assert expected[labels["type"]] == 3 and expected[labels["category"]] == 2
    lines = counts_without(empty)
    assert len(lines) == 2
    for label, count in expected.items():
        assert [n for text, n in lines if label in text] == [count], lines


def test_words_without_any_filter_show_no_counts_without_filters(client, demo):
    empty = empty_state(search(client, "fr", {"q": "zzzqqq"}))
    assert counts_without(empty) == []


# ------------------------------------------------- the site's listings use the same service

def card_slugs(client, url: str, params: dict) -> list[str]:
    page = get_page(client, url, params)
    section = page.select_one("section.listing") or page
    return [language_and_slug(a["href"])[1]
            for a in section.select("ul.card-list .card__title a[href]")]


@pytest.mark.parametrize(("url", "query", "expected"), [
    ("/fr/annuaire/", "cooperative", {"scop-charpente", "scic-energie", "cae-entreprendre",
                                      "habitat-partage", "compta-coop", "ferme-grez"}),
    ("/fr/annuaire/", "reemploi", {"recyclerie-ernee", "ressourcerie-lassay"}),
    ("/fr/annuaire/", "VÉLO", {"roue-libre"}),
    ("/fr/annuaire/", "reparer", {"roue-libre", "garage-solidaire", "ressourcerie-lassay"}),
    ("/fr/cooperation/", "vehicule", {"annonce-01", "annonce-02", "annonce-19", "annonce-21",
                                      "annonce-28", "annonce-36"}),
    ("/fr/cooperation/", "benevole", {"annonce-09", "annonce-12", "annonce-20", "annonce-26"}),
    ("/fr/cooperation/", "videoprojecteur", {"annonce-03", "annonce-18"}),
    ("/fr/actualites/", "mutualisation", {"exemple-mutualiser-un-vehicule"}),
    ("/fr/actualites/", "vehicules", {"exemple-mutualiser-un-vehicule"}),
    ("/fr/actualites/", "assemblee", {"exemple-assemblee-generale"}),
])
def test_listings_find_unaccented_and_inflected_words(client, demo, url, query, expected):
    slugs = card_slugs(client, url, {"q": query})
    assert expected <= set(slugs), slugs


@pytest.mark.parametrize(("url", "query", "expected"), [
    ("/fr/annuaire/", "velo reparation", {"roue-libre"}),
    ("/fr/cooperation/", "tables et chaises", {"annonce-05"}),
    ("/fr/cooperation/", "stockage", set()),  # the storage request is fulfilled
    ("/fr/actualites/", "zzzqqq", set()),
])
def test_listings_find_exactly_what_matches(client, demo, url, query, expected):
    assert set(card_slugs(client, url, {"q": query})) == expected
