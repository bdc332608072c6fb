"""A visitor searches the site in a real browser (issue #5):
types an unaccented word in the header's search box, is offered real titles as suggestions,
submits, narrows the results by a facet, and opens a result. Plus axe-core on the results
page in both languages, and no request leaving the live server."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from wagtail.models import Page as WagtailPage

from .axe import blocking_violations, report

pytestmark = pytest.mark.e2e

COUNT = re.compile(r"(\d+)")


def _count(results_count: Locator) -> int:
    """The number in the results heading ("12 résultats")."""
    expect(results_count).to_have_text(re.compile(r"^\s*\d+ "))
    match = COUNT.search(results_count.inner_text())
    assert match, results_count.inner_text()
    return int(match.group(1))




def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_visitor_finds_an_offer_without_typing_accents(
    page: Page, requested_urls: list[str], demo_site: str
) -> None:
    base = demo_site
    velo_titles = sorted({
        title for title in WagtailPage.objects.live()
        .filter(locale__language_code="fr").values_list("title", flat=True)
        if "vélo" in title.casefold()
    })
    assert velo_titles, "the demo content has no title with « vélo »"

    # 1. On the home page, the visitor types "velo" (no accent) in the header's search box:
    # the box offers real titles with « vélo », fetched from the suggestions endpoint.
    page.goto(f"{base}/fr/")
    box = page.locator("#search-query")
    with page.expect_response(
        lambda response: "/fr/recherche/suggestions/" in response.url
        and response.url.endswith("q=velo")
    ) as suggestions:
        box.press_sequentially("velo", delay=120)
    assert suggestions.value.ok
    assert suggestions.value.headers["content-type"].startswith("application/json")
    suggested_velo = page.locator(", ".join(
        f"#search-suggestions option[value={_css_string(title)}]" for title in velo_titles
    ))
    expect(suggested_velo).not_to_have_count(0)

    # 2. Enter submits the header's form: the results page shows results and their number.
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/fr/recherche/\?q=velo$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#search-page-query")).to_have_value("velo")
    results = page.locator("li.search-result")
    expect(results).not_to_have_count(0)
    results_count = page.locator(".results-count")
    all_count = _count(results_count)
    assert all_count >= 1
    type_select = page.locator("#filter-type")
    offer_option = type_select.locator('option[value="offer"]')
    expect(offer_option).to_have_text(re.compile(r"^Offre \(\d+\)$"))
    offers_in_facet = int(COUNT.search(offer_option.inner_text()).group(1))
    assert 0 < offers_in_facet < all_count, (offers_in_facet, all_count)

    # 3. The visitor narrows to offers with the "Type" facet and searches again.
    type_select.select_option(value="offer")
    page.locator("form.search-page-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]type=offer(&|$)"))
    expect(type_select).to_have_value("offer")
    expect(results).not_to_have_count(0)
    offer_count = _count(results_count)
    assert offer_count == offers_in_facet
    assert offer_count < all_count
    expect(results.locator(".search-results__type")).to_have_text(
        ["Offre"] * results.count()
    )

    # 4. The visitor opens the first result: its page, titled as the link.
    first_link = results.first.locator("h3 a")
    title = first_link.inner_text().strip()
    href = first_link.get_attribute("href")
    first_link.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.locator("h1")).to_have_text(title)

    elsewhere = [url for url in requested_urls if not url.startswith(f"{base}/")]
    assert not elsewhere, f"the search story requested URLs outside the live server: {elsewhere}"


def test_an_unaccented_singular_finds_the_plural_title(page: Page, demo_site: str) -> None:
    """The suggestions offer « Vélos cargo à prêter » for "velo"; the search should find it."""
    page.goto(f"{demo_site}/fr/recherche/?q=velo&type=offer")
    titles = page.locator("li.search-result h3 a").all_inner_texts()
    assert "Vélos cargo à prêter" in titles, titles


@pytest.mark.parametrize(
    ("path", "lang"), [("/fr/recherche/?q=velo", "fr"), ("/en/search/?q=van", "en")]
)
def test_search_results_are_accessible(page: Page, demo_site: str, path: str, lang: str) -> None:
    page.goto(f"{demo_site}{path}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("li.search-result")).not_to_have_count(0)
    expect(page.locator("#filter-type")).to_be_visible()
    blocking = blocking_violations(page)
    assert not blocking, f"axe-core on {path}:\n{report(blocking)}"
