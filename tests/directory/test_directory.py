"""Annuaire: every filter, alone and combined, shows exactly the matching structures.

The expected structures are read by hand from STRUCTURES in directory/demo.py and written
out below: a change of the demo data or of the filters shows up here.
"""

import re

import pytest
from bs4 import BeautifulSoup

from directory.models import StructurePage
from tests.pages import card_slugs, html, listed

pytestmark = pytest.mark.django_db

INDEX = {"fr": "/fr/annuaire/", "en": "/en/directory/"}

ALL = {
    "roue-libre", "jardins-du-maine", "scop-charpente", "scic-energie", "cae-entreprendre",
    "mutuelle-bocage", "fondation-avenir", "recyclerie-ernee", "epicerie-craon",
    "theatre-itinerant", "garage-solidaire", "habitat-partage", "cigales-53",
    "ressourcerie-lassay", "cuisine-collective", "mjc-avaloirs", "aide-domicile", "compta-coop",
    "tiers-lieu-cosse", "ferme-grez", "atelier-numerique",
}
MOBILITE = {"roue-libre", "garage-solidaire"}
INSERTION = {
    "jardins-du-maine", "recyclerie-ernee", "garage-solidaire", "aide-domicile",
    "atelier-numerique",
}
ASSOCIATIONS = {
    "roue-libre", "jardins-du-maine", "recyclerie-ernee", "epicerie-craon", "theatre-itinerant",
    "ressourcerie-lassay", "mjc-avaloirs", "aide-domicile", "tiers-lieu-cosse",
    "atelier-numerique",
}
LAVAL_AGGLO = {"roue-libre", "jardins-du-maine", "cae-entreprendre", "garage-solidaire",
               "cigales-53"}

# query string → the slugs of the structures the directory must show (on every page).
FILTERS = [
    ("", ALL),
    # Each filter alone.
    ("sector=mobilite", MOBILITE),
    ("sector=insertion", INSERTION),
    ("sector=culture", {"theatre-itinerant", "mjc-avaloirs", "tiers-lieu-cosse"}),
    ("legal_form=scop", {"scop-charpente", "compta-coop"}),
    ("legal_form=association", ASSOCIATIONS),
    ("territory=laval-agglo", LAVAL_AGGLO),
    ("territory=pays-craon", {"epicerie-craon", "cuisine-collective", "tiers-lieu-cosse"}),
    ("relation=partner", {"scic-energie", "habitat-partage"}),
    ("relation=sympathiser", {"epicerie-craon", "cigales-53", "mjc-avaloirs",
                              "atelier-numerique"}),
    # Text search: accents and case do not matter; every word must match.
    ("q=velo", {"roue-libre"}),
    ("q=v%C3%A9lo", {"roue-libre"}),
    ("q=V%C3%89LO", {"roue-libre"}),
    ("q=Velo", {"roue-libre"}),
    ("q=evron", {"scic-energie", "aide-domicile"}),
    ("q=laval", LAVAL_AGGLO),
    ("q=insertion", INSERTION),
    ("q=legumes", {"jardins-du-maine"}),
    ("q=atelier+velo", {"roue-libre"}),
    ("q=zzzqqq", set()),
    # Pairs.
    ("sector=insertion&territory=laval-agglo", {"jardins-du-maine", "garage-solidaire"}),
    ("sector=insertion&legal_form=association",
     {"jardins-du-maine", "recyclerie-ernee", "aide-domicile", "atelier-numerique"}),
    ("territory=laval-agglo&relation=adherent",
     {"roue-libre", "jardins-du-maine", "cae-entreprendre", "garage-solidaire"}),
    ("legal_form=association&relation=sympathiser",
     {"epicerie-craon", "mjc-avaloirs", "atelier-numerique"}),
    ("sector=alimentation&q=laval", {"jardins-du-maine"}),
    ("sector=mobilite&legal_form=scop", set()),
    # Triples.
    ("sector=insertion&legal_form=association&relation=adherent",
     {"jardins-du-maine", "recyclerie-ernee", "aide-domicile"}),
    ("sector=environnement&territory=bocage-mayennais&legal_form=association",
     {"ressourcerie-lassay"}),
    ("sector=culture&territory=pays-craon&relation=adherent", {"tiers-lieu-cosse"}),
    # All four, then with a search too.
    ("sector=insertion&legal_form=association&territory=laval-agglo&relation=adherent",
     {"jardins-du-maine"}),
    ("sector=education&legal_form=association&territory=mont-des-avaloirs&relation=sympathiser",
     {"mjc-avaloirs"}),
    ("sector=insertion&legal_form=association&territory=laval-agglo&relation=adherent"
     "&q=legumes", {"jardins-du-maine"}),
    ("sector=insertion&legal_form=association&territory=laval-agglo&relation=adherent&q=velo",
     set()),
    # Unknown values: an unknown sector or territory matches nothing; an invalid legal form or
    # relation is ignored.
    ("sector=n-existe-pas", set()),
    ("territory=paris", set()),
    ("legal_form=sarl", ALL),
    ("relation=ennemi", ALL),
    ("sector=mobilite&legal_form=sarl", MOBILITE),
    ("sector=%20mobilite%20", MOBILITE),
]


def heading(page: BeautifulSoup) -> str:
    return " ".join(page.select_one("#results-title").get_text().split())


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_filters_show_exactly_the_matching_structures(client, demo, language, query, expected):
    slugs, pages = listed(client, f"{INDEX[language]}?{query}")
    assert len(slugs) == len(set(slugs)), "a structure is listed twice"
    assert set(slugs) == expected
    count = re.match(r"(\d+) structures?$", heading(pages[0]))
    assert count and int(count[1]) == len(expected), heading(pages[0])
    for page in pages:  # every card links to a page of the visitor's language
        assert all(a["href"].startswith(INDEX[language])
                   for a in page.select(".card__title a"))


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/fr/annuaire/", "21 structures"),
        ("/fr/annuaire/?q=velo", "1 structure"),
        ("/fr/annuaire/?sector=n-existe-pas", "0 structure"),  # French: 0 is singular
        ("/en/directory/", "21 structures"),
        ("/en/directory/?q=velo", "1 structure"),
        ("/en/directory/?sector=n-existe-pas", "0 structures"),
    ],
)
def test_results_heading_is_pluralised_in_the_visitors_language(client, demo, url, text):
    assert heading(html(client.get(url))) == text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_twenty_structures_per_page(client, demo, language):
    first = html(client.get(INDEX[language]))
    second = html(client.get(f"{INDEX[language]}?page=2"))
    assert len(card_slugs(first)) == 20
    assert len(card_slugs(second)) == 1
    assert set(card_slugs(first)) | set(card_slugs(second)) == ALL
    assert heading(second) == "21 structures"
    # A page number out of range or not a number still gives a page, not an error.
    assert card_slugs(html(client.get(f"{INDEX[language]}?page=99"))) == card_slugs(second)
    assert card_slugs(html(client.get(f"{INDEX[language]}?page=abc"))) == card_slugs(first)


@pytest.mark.parametrize("q", ['"', '"velo', 'velo"', "*", "(", "AND", "x" * 300])
def test_odd_searches_never_break_the_directory(client, demo, q):
    """What a visitor (or a robot) types in the search box answers 200, never 500."""
    client.raise_request_exception = False
    for url in ("/fr/annuaire/", "/fr/annuaire/export/csv/", "/fr/annuaire/export/json/"):
        assert client.get(url, {"q": q}).status_code == 200, url


# ---------------------------------------------------------------- facet counts

SECTORS = ["insertion", "alimentation", "culture", "environnement", "mobilite", "habitat",
           "sante-social", "education", "finance", "services"]
TERRITORIES = ["laval-agglo", "mayenne-communaute", "pays-chateau-gontier", "pays-craon", "ernee",
               "bocage-mayennais", "mont-des-avaloirs", "coevrons", "meslay-grez"]
LEGAL_FORMS = ["association", "scop", "scic", "cae", "cooperative", "mutual", "foundation", "esus",
               "other"]
RELATIONS = ["adherent", "sympathiser", "partner", "support", "funder"]
ALL_SECTORS = {"insertion": 5, "alimentation": 4, "culture": 3, "environnement": 5,
               "mobilite": 2, "habitat": 2, "sante-social": 4, "education": 4, "finance": 2,
               "services": 3}
ALL_TERRITORIES = {"laval-agglo": 5, "mayenne-communaute": 2, "pays-chateau-gontier": 2,
                   "pays-craon": 3, "ernee": 1, "bocage-mayennais": 2, "mont-des-avaloirs": 2,
                   "coevrons": 2, "meslay-grez": 2}
ALL_LEGAL_FORMS = {"association": 10, "scop": 2, "scic": 2, "cae": 1, "cooperative": 2,
                   "mutual": 1, "foundation": 1, "esus": 1, "other": 1}
ALL_RELATIONS = {"adherent": 12, "sympathiser": 4, "partner": 2, "support": 2, "funder": 1}

# query → the count each option must show (options not listed: 0). A facet's own filter is
# left out of its counts, the other filters are not.
FACETS = [
    ("", {"sector": ALL_SECTORS, "territory": ALL_TERRITORIES,
          "legal_form": ALL_LEGAL_FORMS, "relation": ALL_RELATIONS}),
    ("territory=laval-agglo", {
        "sector": {"mobilite": 2, "insertion": 2, "alimentation": 1, "environnement": 1,
                   "services": 1, "finance": 1},
        "territory": ALL_TERRITORIES,
        "legal_form": {"association": 2, "cae": 1, "esus": 1, "other": 1},
        "relation": {"adherent": 4, "sympathiser": 1},
    }),
    ("sector=insertion", {
        "sector": ALL_SECTORS,
        "territory": {"laval-agglo": 2, "ernee": 1, "coevrons": 1, "mayenne-communaute": 1},
        "legal_form": {"association": 4, "esus": 1},
        "relation": {"adherent": 4, "sympathiser": 1},
    }),
    ("q=laval&legal_form=association", {
        "sector": {"mobilite": 1, "environnement": 1, "insertion": 1, "alimentation": 1},
        "territory": {"laval-agglo": 2},
        "legal_form": {"association": 2, "cae": 1, "esus": 1, "other": 1},
        "relation": {"adherent": 2},
    }),
]


def facets(page: BeautifulSoup) -> dict[str, dict[str, tuple[str, int, bool]]]:
    """{filter: {option value: (label, count, selected)}} from the filter form's selects."""
    result = {}
    for select in page.select(".filter-form select"):
        options = {}
        for option in select.select("option"):
            if not option["value"]:
                continue
            label, count = re.fullmatch(r"(.+) \((\d+)\)", option.get_text(strip=True)).groups()
            options[option["value"]] = (label, int(count), option.has_attr("selected"))
        result[select["name"]] = options
    return result


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("query", "expected"), FACETS)
def test_facet_counts_follow_the_other_filters(client, demo, language, query, expected):
    shown = facets(html(client.get(f"{INDEX[language]}?{query}")))
    for name, values in [("sector", SECTORS), ("territory", TERRITORIES),
                         ("legal_form", LEGAL_FORMS), ("relation", RELATIONS)]:
        counts = {value: count for value, (_, count, _) in shown[name].items()}
        assert counts == {value: expected[name].get(value, 0) for value in values}, name


def test_a_structure_given_a_term_and_its_translation_counts_once(client, demo):
    """The admin lists the terms of both languages: an editor may tick both "Mobilité" and
    "Mobility". The option still counts the structure once, as choosing it shows."""
    from directory.models import Sector

    french = Sector.objects.get(slug="mobilite", locale__language_code="fr")
    english = Sector.objects.get(translation_key=french.translation_key,
                                 locale__language_code="en")
    StructurePage.sectors.through.objects.create(
        structurepage=structure("roue-libre"), sector=english
    )
    for language in ("fr", "en"):
        shown = facets(html(client.get(INDEX[language])))
        slugs, _pages = listed(client, f"{INDEX[language]}?sector=mobilite")
        assert shown["sector"]["mobilite"][1] == len(slugs) == len(MOBILITE), language


def test_a_term_chosen_by_its_slug_in_the_other_language_still_filters(client, demo):
    """A link shared from the English directory, whose terms may have slugs of their own."""
    from directory.models import Sector

    french = Sector.objects.get(slug="mobilite", locale__language_code="fr")
    Sector.objects.filter(translation_key=french.translation_key,
                          locale__language_code="en").update(slug="mobility")
    assert set(listed(client, "/fr/annuaire/?sector=mobility")[0]) == MOBILITE
    assert set(listed(client, "/en/directory/?sector=mobilite")[0]) == MOBILITE
    english = facets(html(client.get("/en/directory/?territory=laval-agglo")))
    assert english["sector"]["mobility"][1] == 2


@pytest.mark.parametrize(
    ("url", "label"),
    [("/fr/annuaire/?territory=laval-agglo", "Mobilité (2)"),
     ("/en/directory/?territory=laval-agglo", "Mobility (2)")],
)
def test_facet_labels_are_translated_and_the_active_option_selected(client, demo, url, label):
    page = html(client.get(url))
    mobility = page.select_one('select[name="sector"] option[value="mobilite"]')
    assert mobility.get_text(strip=True) == label
    selected = page.select('select[name="territory"] option[selected]')
    assert [option["value"] for option in selected] == ["laval-agglo"]
    assert not page.select('select[name="sector"] option[selected]')


def test_map_of_the_directory_follows_the_filters(client, demo):
    def points(url):
        # The page names the map's points (directory/views.py: directory_map_points).
        source = html(client.get(url)).select_one("#directory-map")["data-map-source"]
        data = client.get(source).json()
        url = data["fields"].index("url")
        return {point[url].rstrip("/").rsplit("/", 1)[-1] for point in data["points"]}

    assert points("/fr/annuaire/") == ALL
    assert points("/fr/annuaire/?sector=mobilite") == MOBILITE
    assert html(client.get("/fr/annuaire/?sector=n-existe-pas")).find(id="directory-map") is None


# ---------------------------------------------------------------- structure pages

def structure(slug: str, language: str = "fr") -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code=language)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_structure_page_answers_with_its_title(client, demo, language):
    for slug in sorted(ALL):
        response = client.get(f"{INDEX[language]}{slug}/")
        assert response.status_code == 200, slug
        page = html(response)
        assert page.html["lang"] == language
        assert page.h1.get_text(strip=True) == structure(slug).title
