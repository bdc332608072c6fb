"""The directory's maps in a real browser (issue #7): the directory's map fetches its points
from the site (connect-src 'self') and draws them, with the page's filters; a structure's map
shows it and its nearest neighbours; without JavaScript the list holds every structure."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from directory.models.pages import MAPPED_NEIGHBOURS

pytestmark = pytest.mark.e2e

DEMO_STRUCTURES = 21  # directory/demo.py
MARKERS = "[data-map] path.leaflet-interactive"


def policy_errors(page: Page) -> list[str]:
    """What the Content-Security-Policy blocks in the tab (Chromium logs it as an error)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    return errors


@pytest.mark.parametrize(("language", "path"), [("fr", "/fr/annuaire/"), ("en", "/en/directory/")])
def test_directory_map_draws_the_points_it_fetches(
    page: Page, demo_site: str, language: str, path: str
) -> None:
    blocked = policy_errors(page)
    with page.expect_response(re.compile(r"/map/json/$")) as fetched:
        page.goto(f"{demo_site}{path}")
    assert fetched.value.ok
    assert fetched.value.headers["content-type"] == "application/json"
    expect(page.locator("#directory-map")).to_be_visible()
    expect(page.locator(MARKERS)).to_have_count(DEMO_STRUCTURES)
    expect(page.locator("#directory-map")).to_have_attribute("data-map-state", "drawn")
    expect(page.locator(".map figcaption")).to_contain_text(str(DEMO_STRUCTURES))

    page.locator(MARKERS).first.click(force=True)
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", re.compile(rf"^{re.escape(path)}[a-z0-9-]+/$"))
    link.click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".structure__header h1")).to_have_text(re.compile(r"\S"))
    assert blocked == []


def test_directory_map_follows_the_filters(page: Page, demo_site: str) -> None:
    with page.expect_response(re.compile(r"/map/json/\?sector=mobilite$")):
        page.goto(f"{demo_site}/fr/annuaire/?sector=mobilite")
    expect(page.locator(MARKERS)).to_have_count(2)
    expect(page.locator(".card-list > li")).to_have_count(2)

    # The filter form, sent: the new page fetches the new points.
    page.locator("#filter-sector").select_option("")
    with page.expect_response(re.compile(r"/map/json/$")):
        page.get_by_role("button", name="Afficher les structures").click()
    expect(page.locator(MARKERS)).to_have_count(DEMO_STRUCTURES)


def test_structure_map_shows_its_nearest_neighbours(page: Page, demo_site: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{demo_site}/fr/annuaire/roue-libre/")
    expect(page.locator("#structure-map")).to_be_visible()
    expect(page.locator(MARKERS)).to_have_count(1 + MAPPED_NEIGHBOURS)
    assert not [url for url in requested if "/map/json/" in url]  # its points are in the page


def test_without_javascript_the_directory_lists_every_structure(
    browser: Browser, demo_site: str
) -> None:
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{demo_site}/fr/annuaire/?sector=insertion")
        expect(page.locator(".card-list > li")).to_have_count(5)
        expect(page.locator("#directory-map")).to_be_hidden()
        assert not [url for url in requested if "/map/json/" in url]
    finally:
        context.close()
