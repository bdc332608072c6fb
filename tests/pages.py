"""Reading the site's HTML in tests: a response's page, the cards it lists, every page of a
paginated index."""

from urllib.parse import urljoin

from bs4 import BeautifulSoup


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def card_slugs(page: BeautifulSoup, selector: str = ".card__title a") -> list[str]:
    """The last path segment of each card's link, in the order shown."""
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select(selector)]


def listed(client, url: str) -> tuple[list[str], list[BeautifulSoup]]:
    """The cards on every page of an index, following the "next page" links."""
    slugs, pages = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        page = html(response)
        pages.append(page)
        slugs += card_slugs(page)
        following = page.select_one(".pagination a[rel=next]")
        url = urljoin(url, following["href"]) if following else None
        assert len(pages) < 5, "pagination does not end"
    return slugs, pages
