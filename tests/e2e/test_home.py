"""The public site in a real browser: languages, keyboard access, accessibility, privacy."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import blocking_violations, report

pytestmark = pytest.mark.e2e

# Pages of the demo site (load_demo) checked by axe-core and for outgoing requests.
PAGES = ["/fr/", "/en/", "/fr/actualites/", "/fr/agenda/"]


def test_french_home(page: Page, demo_site: str) -> None:
    page.goto(f"{demo_site}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_be_visible()
    expect(page).to_have_title(re.compile("APESS 53"))


def test_english_home(page: Page, demo_site: str) -> None:
    page.goto(f"{demo_site}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_be_visible()


def test_language_switcher_keeps_the_page(page: Page, demo_site: str) -> None:
    switcher = page.locator("nav.language-switcher")
    page.goto(f"{demo_site}/fr/association/")

    switcher.locator('a[data-language="en"]').click()
    expect(page).to_have_url(f"{demo_site}/en/association/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switcher.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{demo_site}/fr/association/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_skip_link_is_first_in_tab_order(page: Page, demo_site: str) -> None:
    page.goto(f"{demo_site}/fr/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_count(1)
    assert focused.evaluate("element => element.tagName") == "A"
    expect(focused).to_have_attribute("href", re.compile(r"#contenu$"))




@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(page: Page, demo_site: str, path: str) -> None:
    page.goto(f"{demo_site}{path}")
    blocking = blocking_violations(page)
    assert not blocking, f"axe-core on {path}:\n{report(blocking)}"


@pytest.mark.parametrize("path", [*PAGES, "/fr/association/"])
def test_nothing_leaves_the_machine(
    page: Page, requested_urls: list[str], demo_site: str, path: str
) -> None:
    page.goto(f"{demo_site}{path}", wait_until="networkidle")
    assert requested_urls, "the page requested nothing at all"
    elsewhere = [url for url in requested_urls if not url.startswith(f"{demo_site}/")]
    assert not elsewhere, f"{path} requested URLs outside the live server: {elsewhere}"
