"""Reading the search page as a visitor does: its results, their count, its filters."""

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.pages import html

SEARCH_URL = {"fr": "/fr/recherche/", "en": "/en/search/"}
SUGGESTIONS_URL = {"fr": "/fr/recherche/suggestions/", "en": "/en/search/suggestions/"}
# Safety net for following "next page" links: the demo has about 80 pages per language.
MAX_RESULT_PAGES = 12


def language_and_slug(url: str) -> tuple[str, str]:
    """("fr", "roue-libre") for "/fr/annuaire/roue-libre/"."""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    return parts[0], parts[-1]


def result_links(page: BeautifulSoup) -> list[str]:
    return [item.select_one("a[href]")["href"] for item in page.select("li.search-result")]


def results_count(page: BeautifulSoup) -> int:
    """The number announced in "12 résultats" / "1 result"."""
    heading = page.select_one("h2.results-count")
    assert heading is not None, "no results count on the page"
    match = re.search(r"\d[\d\s\u202f\u00a0]*", heading.get_text())
    assert match, heading.get_text()
    return int(re.sub(r"\D", "", match.group()))


def get_page(client, url: str, params=None) -> BeautifulSoup:
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    return html(response)


def search(client, language: str, params: dict) -> BeautifulSoup:
    return get_page(client, SEARCH_URL[language], params)


def all_result_urls(client, language: str, params: dict) -> list[str]:
    """Every result of a search, in order, following the "next page" links."""
    page = search(client, language, params)
    urls = result_links(page)
    pages = 1
    following = page.select_one(".pagination a[rel=next]")
    while following is not None:
        pages += 1
        assert pages <= MAX_RESULT_PAGES, "pagination does not end"
        page = get_page(client, urljoin(SEARCH_URL[language], following["href"]))
        urls += result_links(page)
        following = page.select_one(".pagination a[rel=next]")
    return urls


def facet_options(page: BeautifulSoup) -> dict[str, list[tuple[str, int, bool]]]:
    """{facet name: [(option value, count shown, selected)]} from the filter form."""
    facets = {}
    form = page.select_one("form.search-page-form") or page
    for select in form.select("select[name]"):
        options = []
        for option in select.select("option"):
            value = option.get("value", "")
            if not value:
                continue  # "All"
            match = re.search(r"\((\d+)\)\s*$", option.get_text(strip=True))
            assert match, f"no count in option {option.get_text(strip=True)!r}"
            options.append((value, int(match.group(1)), option.has_attr("selected")))
        facets[select["name"]] = options
    return facets
