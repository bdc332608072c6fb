"""Every demo text stays findable: for each demo listing, news and event, the search page finds
it by the most distinctive word of its title."""

from collections import Counter
from itertools import pairwise
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from cooperation.models import ListingPage
from directory.models import StructurePage
from home.models import EventPage, NewsPage
from search.text import FRENCH_STOP_WORDS, WORD, fold

pytestmark = pytest.mark.django_db


def words_of(title: str) -> list[str]:
    return [word for word in WORD.findall(title.lower())
            if len(word) > 3 and not word.isdigit() and fold(word) not in FRENCH_STOP_WORDS]


def found_urls(client, query: str) -> set[str]:
    """The addresses of every result of the search page, following its pages."""
    urls, url = set(), f"/fr/recherche/?q={query}"
    for _page in range(20):
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.content, "html.parser")
        urls |= {a["href"] for a in page.select(".search-result h3 a")}
        following = page.select_one(".pagination a[rel=next]")
        if following is None:
            return urls
        url = urljoin(url, following["href"])
    raise AssertionError("pagination does not end")


def demo_pages() -> list:
    pages = [*NewsPage.objects.live().filter(locale__language_code="fr"),
             *EventPage.objects.live().filter(locale__language_code="fr"),
             *ListingPage.objects.open().filter(locale__language_code="fr")]
    assert len(pages) > 40
    return pages


def test_each_demo_title_is_found_by_its_most_distinctive_word(client, demo):
    pages = demo_pages()
    # How many titles hold each word: the rarest word of a title is its most distinctive.
    counts = Counter(word for page in pages for word in set(words_of(page.title)))
    missing = []
    for page in pages:
        word = min(words_of(page.title), key=lambda w: (counts[w], -len(w)))
        if page.url not in found_urls(client, word):
            missing.append(f"{word!r} does not find « {page.title} » ({page.url})")
    assert not missing, "\n".join(missing)


def test_the_first_assises_are_found(client, demo):
    found = found_urls(client, "assises")
    # The event, and the association's story (its first Assises in Laval).
    assert {"/fr/agenda/exemple-assises-de-less/", "/fr/association/"} <= found


def test_demo_listings_are_distinct_and_spread_over_the_structures(demo):
    """Each demo structure posts what its own activity offers or needs: no title is repeated
    and no structure is left without a listing."""
    listings = ListingPage.objects.filter(locale__language_code="fr")
    assert listings.count() == 40
    # Not even the same title with a town added: « Vélos cargo à prêter (Laval) ».
    titles = sorted(fold(title).strip() for title in listings.values_list("title", flat=True))
    repeated = [(title, other) for title, other in pairwise(titles)
                if other.startswith(title)]
    assert not repeated, repeated
    structures = StructurePage.objects.filter(locale__language_code="fr")
    posted = Counter(listings.values_list("structure__slug", flat=True))
    assert len(posted) >= 15
    assert not [s.slug for s in structures if not posted[s.slug]]
    assert max(posted.values()) <= 4


@pytest.mark.parametrize("query", ["mois", "Mois de l'ESS", "mois de l’ess"])
def test_the_mois_de_l_ess_is_found(client, demo, query):
    # The association's page tells what it does during the month (the word "mois" was lost
    # by the singular rule before: searched as "moi").
    assert "/fr/association/" in found_urls(client, query)
