"""The marketplace's structure filter at scale: the 15 structures with the most listings among
the results (ties by name), the selected one wherever it ranks, and a line about the others.

`load_scale` adds structures and listings to the demo; the expected counts are worked out here
with plain ORM filters (test_listings.visible), not with the search service.
"""

import re
from collections import Counter
from io import StringIO

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command

from cooperation.models import CooperationIndexPage
from cooperation.models.index import STRUCTURES_SHOWN, ListingFilters
from directory.models import StructurePage
from search.text import fold
from tests.pages import html

from .listing_helpers import INDEX, visible

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_structures(demo) -> list[tuple[str, str, int]]:
    """The French structures with open listings, as (slug, title, listings), most first, then
    by title, accents and case aside: far more than the filter shows."""
    call_command("load_scale", structures=40, listings=200, news=0, events=0, no_index=True,
                 stdout=StringIO())
    counts = Counter(visible("fr").values_list("structure__slug", flat=True))
    titles = dict(StructurePage.objects.filter(locale__language_code="fr")
                  .values_list("slug", "title"))
    ranked = sorted(((slug, titles[slug], n) for slug, n in counts.items()),
                    key=lambda row: (-row[2], fold(row[1]), row[0]))
    assert len(ranked) > STRUCTURES_SHOWN + 5
    return ranked


def structure_options(page: BeautifulSoup) -> list[tuple[str, str, int, bool]]:
    """(value, label, count, selected) of the structure select, in its order."""
    options = []
    for option in page.select("select[name=structure] option"):
        if option["value"]:
            label, count = re.fullmatch(r"(.+) \((\d+)\)", option.get_text(strip=True)).groups()
            options.append((option["value"], label, int(count), option.has_attr("selected")))
    return options


def more_line(page: BeautifulSoup) -> str:
    select = page.select_one("select[name=structure]")
    note = page.find(id=select.get("aria-describedby", "-")) if select else None
    return note.get_text(" ", strip=True) if note else ""


def test_the_filter_shows_the_structures_with_the_most_listings(client, many_structures):
    page = html(client.get(INDEX["fr"]))
    top = many_structures[:STRUCTURES_SHOWN]
    assert structure_options(page) == [(slug, title, n, False) for slug, title, n in top]
    hidden = len(many_structures) - STRUCTURES_SHOWN
    line = more_line(page)
    assert line.startswith(f"{hidden} ")
    assert "Keywords" in line or "Mots-clés" in line
    # The other filters keep every option.
    assert {option["value"] for option in page.select("select[name=kind] option")} == {
        "", "offer", "request"}


def test_a_structure_chosen_outside_the_top_stays_shown_and_selected(client, many_structures):
    slug, title, count = many_structures[-1]
    page = html(client.get(f"{INDEX['fr']}?structure={slug}"))
    top = many_structures[:STRUCTURES_SHOWN]
    assert structure_options(page) == [
        *[(s, t, n, False) for s, t, n in top], (slug, title, count, True),
    ]
    assert more_line(page).startswith(f"{len(many_structures) - STRUCTURES_SHOWN - 1} ")
    assert len(page.select(".card-list > li")) == count


def test_a_structure_chosen_in_the_top_keeps_its_place(client, many_structures):
    slug, title, count = many_structures[2]
    page = html(client.get(f"{INDEX['fr']}?structure={slug}"))
    options = structure_options(page)
    assert [option[0] for option in options] == [s for s, _t, _n in many_structures[:15]]
    assert options[2] == (slug, title, count, True)


def test_a_chosen_structure_without_results_is_still_selected(client, many_structures):
    """Words that find nothing leave no structure with results, but the chosen one stays."""
    slug, title, _count = many_structures[-1]
    page = html(client.get(f"{INDEX['fr']}?structure={slug}&q=zzzqqq"))
    assert structure_options(page) == [(slug, title, 0, True)]
    assert more_line(page) == ""
    # An unknown structure is not made up.
    page = html(client.get(f"{INDEX['fr']}?structure=inconnue"))
    assert all(not selected for *_rest, selected in structure_options(page))


def test_the_structure_facet_is_one_query(many_structures, django_assert_num_queries):
    """Counted, ranked and cut by the database: the structures left out are never fetched."""
    index = CooperationIndexPage.objects.get(locale__language_code="fr")
    search = ListingFilters().search(index.listings(), index.locale)
    search.definitions = {"structure": search.definitions["structure"]}
    with django_assert_num_queries(1) as captured:
        (facet,) = search.facets()
    assert f"LIMIT {STRUCTURES_SHOWN + 1}" in captured.captured_queries[0]["sql"]
    assert len(facet.options) == STRUCTURES_SHOWN
    assert facet.hidden == len(many_structures) - STRUCTURES_SHOWN
