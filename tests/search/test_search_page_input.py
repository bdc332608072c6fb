"""The search page: filter counts that keep their word, odd input that breaks nothing."""


import pytest
from bs4 import BeautifulSoup

from .results import (
    SUGGESTIONS_URL,
    facet_options,
    language_and_slug,
    result_links,
    results_count,
    search,
)
from .search_page_helpers import (
    found,
    suggested,
)

pytestmark = pytest.mark.django_db


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
