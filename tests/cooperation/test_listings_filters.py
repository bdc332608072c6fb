"""Coopération: the marketplace shows exactly the open listings that match, and nothing else.

The demo (cooperation/demo.py) posts 40 French listings, annonce-01 … annonce-40: offers for
odd numbers, requests for even ones, each by the structure whose activity it fits (every demo
structure posts one to four; no two share a title); annonce-04, -14, -24, -34 are fulfilled
and unpublished; annonce-01, -10, -19, -28 and -37 expire in 5 days, the others in 30 days
or more. English has an alias of each
(annonce-NN) except annonce-01, translated as van-at-weekends.

The expected listings are computed here with plain ORM filters on the demo data, not with the
marketplace's filter code; a few are also written out by hand, to check those computations.
"""

import datetime
import re
from urllib.parse import parse_qsl

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from cooperation.models import ListingTerm, ResourceCategory
from cooperation.models.index import STRUCTURES_SHOWN
from cooperation.models.listings import ListingKind
from directory.models import StructurePage, Territory
from tests.pages import card_slugs, html, listed

from .listing_helpers import INDEX, SEARCH, expected_slugs, visible

pytestmark = pytest.mark.django_db


ALL_FR = {f"annonce-{n:02d}" for n in range(1, 41)} - {
    "annonce-04", "annonce-14", "annonce-24", "annonce-34"}

# query string → the listings /fr/cooperation/ shows (on all its pages). A set is written out by
# hand from cooperation/demo.py; None: worked out by expected_slugs.
FILTERS = [
    ("", ALL_FR),
    # Each filter alone.
    ("kind=offer", {f"annonce-{n:02d}" for n in range(1, 41, 2)}),
    ("kind=request", None),
    ("category=vehicules", {"annonce-01", "annonce-02", "annonce-19", "annonce-21",
                            "annonce-28", "annonce-36"}),
    ("category=locaux", {"annonce-03", "annonce-15", "annonce-16", "annonce-29"}),
    ("category=achats-groupes", {"annonce-13", "annonce-37"}),
    ("category=autre", set()),
    ("terms=loan", None),
    ("terms=shared_use", None),
    ("terms=gift", {"annonce-17", "annonce-22", "annonce-23", "annonce-30", "annonce-36"}),
    ("territory=laval-agglo", None),  # the listings of Laval, Bonchamp, Changé…
    ("territory=ernee", None),
    ("territory=meslay-grez", {"annonce-20", "annonce-21", "annonce-40"}),  # -34: fulfilled
    ("structure=roue-libre", {"annonce-01", "annonce-19", "annonce-35"}),  # -04: fulfilled
    ("structure=cuisine-collective", None),
    ("structure=jardins-du-maine", {"annonce-10", "annonce-28", "annonce-37"}),
    ("q=camion", SEARCH["camion"]),
    ("q=Barnum", SEARCH["barnum"]),
    ("q=zzzqqq", set()),
    # Combinations.
    ("kind=request&category=vehicules", {"annonce-02", "annonce-28", "annonce-36"}),
    ("kind=offer&terms=loan&territory=laval-agglo", None),
    ("category=materiel&structure=ressourcerie-lassay", {"annonce-05"}),
    ("structure=roue-libre&category=locaux", set()),  # its only one, annonce-04, is fulfilled
    ("kind=offer&q=camion", SEARCH["camion"]),
    ("kind=request&q=camion", set()),
    ("terms=rental&q=camion&structure=roue-libre", {"annonce-01"}),
    ("kind=offer&category=vehicules&terms=loan&territory=meslay-grez&structure="
     "ferme-grez", {"annonce-21"}),
    ("kind=offer&category=locaux&terms=gift", set()),
    # Unknown values: an unknown kind, terms or sort is ignored; an unknown category,
    # territory or structure matches nothing.
    ("kind=bogus", ALL_FR),
    ("terms=bogus", ALL_FR),
    ("sort=bogus", ALL_FR),
    ("page=abc", ALL_FR),
    ("category=n-existe-pas", set()),
    ("territory=paris", set()),
    ("structure=inconnue", set()),
    ("kind=offer&category=n-existe-pas", set()),
    ("kind=%20offer%20", {f"annonce-{n:02d}" for n in range(1, 41, 2)}),
    ("kind=offer&terms=bogus", {f"annonce-{n:02d}" for n in range(1, 41, 2)}),
]


def test_demo_is_what_the_table_assumes(demo):
    assert set(visible("fr").values_list("slug", flat=True)) == ALL_FR
    assert visible("fr").count() == 36
    assert visible("en").count() == 36
    assert set(visible("fr").filter(expires_on__lte=timezone.localdate()
                                    + datetime.timedelta(days=7)).values_list("slug", flat=True)
               ) == {"annonce-01", "annonce-10", "annonce-19", "annonce-28", "annonce-37"}


@pytest.mark.parametrize(("query", "hand_written"), FILTERS)
def test_filters_show_exactly_the_matching_listings(client, demo, query, hand_written):
    expected = expected_slugs(query)
    if hand_written is not None:
        assert expected == hand_written, "the ORM expectation disagrees with the demo data"
    slugs, pages = listed(client, f"{INDEX['fr']}?{query}")
    assert len(slugs) == len(set(slugs)), "a listing is shown twice"
    assert set(slugs) == expected
    count = re.match(r"(\d+) ", pages[0].select_one("#results-title").get_text(strip=True))
    assert count and int(count[1]) == len(expected)
    for page in pages:  # every card leads to a French listing
        assert all(a["href"].startswith(INDEX["fr"]) for a in page.select(".card__title a"))


@pytest.mark.parametrize("query", ["", "kind=offer", "category=vehicules", "terms=loan",
                                   "territory=ernee", "structure=roue-libre", "q=camion",
                                   "kind=request&category=materiel", "category=bogus"])
def test_english_index_shows_the_english_listings(client, demo, query):
    slugs, _pages = listed(client, f"{INDEX['en']}?{query}")
    assert len(slugs) == len(set(slugs))
    assert set(slugs) == expected_slugs(query, "en")
    if not query:
        assert "van-at-weekends" in slugs and "annonce-01" not in slugs
        assert len(slugs) == 36


def test_twenty_listings_a_page(client, demo):
    first = card_slugs(html(client.get(INDEX["fr"])))
    second = card_slugs(html(client.get(f"{INDEX['fr']}?page=2")))
    assert (len(first), len(second)) == (20, 16)
    assert set(first) | set(second) == ALL_FR
    assert card_slugs(html(client.get(f"{INDEX['fr']}?page=99"))) == second


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sorting(client, demo, language):
    newest = [p.slug for p in visible(language).order_by("-first_published_at", "-pk")]
    expiring = [p.slug for p in visible(language).order_by("expires_on", "pk")]
    shown, _pages = listed(client, INDEX[language])
    assert shown == newest
    shown, _pages = listed(client, f"{INDEX[language]}?sort=expiring")
    assert shown == expiring
    first = visible(language).get(slug=shown[0])
    assert first.expires_on == min(visible(language).values_list("expires_on", flat=True))
    assert first.expires_on == timezone.localdate() + datetime.timedelta(days=5)
    # Sorting keeps the filters, and filtering keeps the sort.
    shown, _pages = listed(client, f"{INDEX[language]}?sort=expiring&kind=request")
    assert shown == [slug for slug in expiring if slug in expected_slugs("kind=request",
                                                                         language)]


def facets(page: BeautifulSoup) -> dict[str, dict[str, int]]:
    """{filter: {option value: count}} from the filter form's selects."""
    result = {}
    for select in page.select(".filter-form select"):
        options = {}
        for option in select.select("option"):
            if option["value"]:
                options[option["value"]] = int(
                    re.fullmatch(r".+ \((\d+)\)", option.get_text(strip=True))[1]
                )
        result[select["name"]] = options
    return result


def with_option(query: str, name: str, value: str) -> str:
    params = [(key, val) for key, val in parse_qsl(query) if key != name]
    return "&".join(f"{key}={val}" for key, val in [*params, (name, value)])


@pytest.mark.parametrize(("language", "query"), [
    ("fr", ""), ("fr", "kind=request"), ("fr", "category=vehicules&terms=loan"),
    ("fr", "territory=laval-agglo&kind=offer"), ("fr", "q=camion"),
    ("fr", "structure=ressourcerie-lassay&category=materiel"), ("en", ""), ("en", "kind=offer"),
])
def test_option_counts_are_what_choosing_the_option_would_show(client, demo, language, query):
    """Each option counts the listings the filters would show with it chosen instead."""
    shown = facets(html(client.get(f"{INDEX[language]}?{query}")))
    locale = {"locale__language_code": language}
    values = {
        "kind": ListingKind.values,
        "category": list(ResourceCategory.objects.filter(**locale).values_list("slug", flat=True)),
        "terms": list(ListingTerm.objects.values_list("code", flat=True)),
        "territory": list(Territory.objects.filter(**locale).values_list("slug", flat=True)),
    }
    for name, options in values.items():
        assert shown[name] == {
            value: len(expected_slugs(with_option(query, name, value), language))
            for value in options
        }, name
    # Structures: those with a matching listing, the STRUCTURES_SHOWN with the most (ties are
    # test_structure_facet's business), and the chosen one.
    chosen = dict(parse_qsl(query)).get("structure")
    counts = {slug: len(expected_slugs(with_option(query, "structure", slug), language))
              for slug in StructurePage.objects.filter(**locale).values_list("slug", flat=True)}
    matching = {slug: n for slug, n in counts.items() if n or slug == chosen}
    ranked = {slug: n for slug, n in shown["structure"].items() if slug != chosen}
    assert shown["structure"] == {slug: matching[slug] for slug in shown["structure"]}
    assert chosen is None or chosen in shown["structure"]
    assert len(ranked) == min(STRUCTURES_SHOWN, len(set(matching) - {chosen}))
    left_out = set(matching) - set(shown["structure"])
    assert all(matching[slug] <= min(ranked.values()) for slug in left_out)
    if not query:
        assert shown["kind"] == {"offer": 20, "request": 16}
