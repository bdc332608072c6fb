"""The search page as visitors meet it: only what the public may see, filter counts that keep
their word, odd input that breaks nothing, a helpful empty state, the site's listings searched
by the same service, and the editors' promoted results.

Listings made here hold invented words ("zorglub…") found nowhere in the demo content.
"""

import re

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from cooperation.models import ListingPage
from home.models import HomePage, StandardPage
from members.moderation import workflow_for

from .results import (
    SUGGESTIONS_URL,
    all_result_urls,
    facet_options,
    get_page,
    language_and_slug,
    result_links,
    results_count,
    search,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["expired", "withdrawn", "fulfilled", "draft", "moderation"]


def suggested(client, language: str, query: str) -> list[dict]:
    response = client.get(SUGGESTIONS_URL[language], {"q": query})
    assert response.status_code == 200
    return response.json()["suggestions"]


def found(client, language: str, query: str, **filters) -> list[tuple[str, str]]:
    return [language_and_slug(url)
            for url in all_result_urls(client, language, {"q": query, **filters})]


# ------------------------------------------------------------ what the public may not see

@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_a_listing_the_public_may_not_see_is_neither_found_nor_suggested(
    client, listing_factory, state
):
    # Both share a word of their summary; only the open one may be found by it.
    listing_factory("zorglubouvert", summary="Perceuse zorglubcommun")
    listing_factory(f"zorglub{state}", state=state, summary="Perceuse zorglubcommun")

    assert found(client, "fr", "zorglubouvert") == [("fr", "zorglubouvert")]
    assert found(client, "fr", f"zorglub{state}") == []
    assert found(client, "fr", "zorglubcommun") == [("fr", "zorglubouvert")]
    assert results_count(search(client, "fr", {"q": "zorglubcommun"})) == 1
    assert found(client, "fr", "zorglubcommun", type="offer") == [("fr", "zorglubouvert")]

    titles = [item["title"] for item in suggested(client, "fr", "zorglub")]
    assert titles == ["Annonce zorglubouvert"]
    assert suggested(client, "fr", f"zorglub{state}") == []


def test_changes_waiting_for_moderation_are_not_found_before_approval(client, listing_factory):
    listing = listing_factory("zorglubpublie")
    member = get_user_model().objects.get(username="membre-jardins")
    listing.title = "Annonce zorglubcorrige"
    listing.summary = "Résumé zorglubcorrige"
    listing.save_revision(user=member)
    workflow_for(listing).start(listing, member)

    assert found(client, "fr", "zorglubcorrige") == []
    assert suggested(client, "fr", "zorglubcorr") == []
    assert found(client, "fr", "zorglubpublie") == [("fr", "zorglubpublie")]


def test_a_draft_page_is_neither_found_nor_suggested(client, demo):
    draft = StandardPage(title="Charte zorglubbrouillon", slug="charte-zorglubbrouillon",
                         intro="Texte zorglubbrouillon.", live=False)
    demo.add_child(instance=draft)
    draft.save_revision()

    assert found(client, "fr", "zorglubbrouillon") == []
    assert suggested(client, "fr", "zorglubbrouillon") == []
    assert client.get("/fr/charte-zorglubbrouillon/").status_code == 404


@pytest.mark.parametrize(("language", "query"), [
    ("fr", "velo"), ("fr", "association"), ("en", "velo"), ("en", "association"),
    ("en", "camion"), ("en", "cooperative"),
])
def test_results_and_suggestions_are_pages_of_the_visitors_language(
    client, demo, language, query
):
    urls = all_result_urls(client, language, {"q": query})
    assert urls, "the query must find something for this test to mean anything"
    assert {language_and_slug(url)[0] for url in urls} == {language}
    suggestions = suggested(client, language, query[:4])
    assert {language_and_slug(item["url"])[0] for item in suggestions} <= {language}


def test_a_translation_is_found_in_its_own_language_only(client, demo):
    # "12 m³ van at weekends" is the English translation of annonce-01.
    assert found(client, "en", "weekends") == [("en", "van-at-weekends")]
    assert found(client, "fr", "weekends") == []
    assert "12 m³ van at weekends" in [i["title"] for i in suggested(client, "en", "weeken")]
    assert suggested(client, "fr", "weeken") == []
    # The French original is not found on the English site by its French words.
    assert ("en", "van-at-weekends") not in found(client, "en", "camion")
    assert ("fr", "annonce-01") in found(client, "fr", "camion")


# -------------------------------------------------------------- facet counts keep their word

FACET_SEARCHES = [
    ("fr", {"q": "velo"}),
    ("fr", {"q": "laval", "type": "offer"}),
    ("fr", {"q": "cooperative", "territory": "meslay-grez"}),
    ("fr", {"q": "vehicules", "category": "vehicules", "territory": "laval-agglo"}),
    ("fr", {"q": "associations", "sector": "services"}),
    ("en", {"q": "velo"}),
]


@pytest.mark.parametrize(("language", "params"), FACET_SEARCHES)
def test_each_option_count_is_the_number_of_results_it_gives(client, demo, language, params):
    page = search(client, language, params)
    facets = facet_options(page)
    assert {"type", "sector", "category", "territory"} <= set(facets)
    mismatches = []
    for name, options in facets.items():
        assert options, f"facet {name} has no option"
        for value, count, selected in options:
            assert selected == (params.get(name) == value), (name, value)
            shown = results_count(search(client, language, {**params, name: value}))
            if shown != count:
                mismatches.append(f"{name}={value}: option says {count}, page shows {shown}")
    assert not mismatches, "\n".join(mismatches)
    # Every result has exactly one type: the type counts add up to the results without it.
    without_type = {key: value for key, value in params.items() if key != "type"}
    total = results_count(search(client, language, without_type))
    assert total > 0
    assert sum(count for _value, count, _selected in facets["type"]) == total


# ------------------------------------------------------------------ odd input breaks nothing

def test_a_very_long_query_is_cut_and_says_so(client, demo):
    # 1,250 times "atelier ": cut after the 32nd, at a space.
    query = "atelier " * 1250
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    notice = page.select_one(".notice")
    assert notice is not None, "no notice that the query was cut"
    assert "256" in notice.get_text()
    assert len(page.select_one("input[name=q]")["value"]) <= 256
    # What is left of it is still searched.
    assert ("fr", "roue-libre") in [language_and_slug(url) for url in result_links(page)]


def test_a_query_of_256_characters_is_not_said_to_be_cut(client, demo):
    query = ("atelier " * 32).strip() + "s"
    assert len(query) == 256
    page = search(client, "fr", {"q": query})
    assert page.select_one(".notice") is None
    assert result_links(page)


@pytest.mark.parametrize("query", [
    "", "   ", '"', "'", "*", "(", ")", '"(*)"', "***", "-", "’", ":^~/", "\\", "%",
    "\x00", "\x00\x00\x00", '" OR 1=1 --', "NEAR(", "AND", "!!!???",
])
def test_punctuation_null_bytes_and_empty_queries_find_nothing_and_break_nothing(
    client, demo, query
):
    response = client.get("/fr/recherche/", {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert result_links(page) == []
    assert "\x00" not in response.content.decode()


@pytest.mark.parametrize("params", [
    {"q": "velo\x00"},
    {"q": "\x00velo"},
    {"q": "velo", "type": "\x00"},
    {"q": "velo", "sector": "mobilite\x00"},
    {"q": "velo", "page": "\x00"},
    {"q": "velo", "territory": "x" * 5000},
])
def test_null_bytes_and_long_values_beside_words_break_nothing(client, demo, params):
    response = client.get("/fr/recherche/", params)
    assert response.status_code == 200


def test_null_bytes_separate_words(client, demo):
    assert ("fr", "roue-libre") in found(client, "fr", "velo\x00reparation")
    assert ("fr", "roue-libre") in found(client, "fr", "\x00VÉLO\x00")


@pytest.mark.parametrize(("typed", "title"), [
    ("epicerie", "Épicerie solidaire du Craonnais"),
    ("EPIC", "Épicerie solidaire du Craonnais"),
    ("theatre", "Théâtre en Chemin"),
    ("energ", "Énergies Citoyennes 53"),
    ("atelier velo", "Atelier vélo Roue Libre"),
    ("mutualiser un vehi", "Exemple : mutualiser un véhicule entre associations"),
])
def test_suggestions_ignore_accents(client, demo, typed, title):
    # A French visitor types without accents, in the search box as on the search page.
    assert title in [item["title"] for item in suggested(client, "fr", typed)]


@pytest.mark.parametrize("query", ["\x00", "ve\x00lo", "\x00" * 300])
def test_suggestions_take_null_bytes_too(client, demo, query):
    response = client.get(SUGGESTIONS_URL["fr"], {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


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

