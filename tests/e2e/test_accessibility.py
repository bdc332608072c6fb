"""RGAA / WCAG 2.1 AA in a real browser (issue #6, item 8).

- axe-core on every kind of page, public and member space, in French and in English:
  no serious or critical violation;
- forms sent back with errors tie each error to its field and announce a summary;
- everything works with the keyboard alone: a member logs in and posts an offer without
  a single click, and the focus is always visible.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from cooperation.models import ListingPage

from .axe import blocking_violations, report
from .navigation import visit

pytestmark = pytest.mark.e2e

MEMBER_EMAIL = "contact@roue-libre.example"
MEMBER_PASSWORD = "apess53-membre-roue-libre"
MEMBER_HOME = {"fr": "/fr/espace-membre/", "en": "/en/member-area/"}
STRUCTURE_EDIT = "structure-edit"  # its URL names the structure's id: found on the member home

# (name, French path, English path, member page?)
PAGES = [
    ("home", "/fr/", "/en/", False),
    ("news-page", "/fr/actualites/exemple-mutualiser-un-vehicule/",
     "/en/news/exemple-mutualiser-un-vehicule/", False),
    ("directory-filtered", "/fr/annuaire/?sector=environnement&territory=laval-agglo",
     "/en/directory/?sector=environnement&territory=laval-agglo", False),
    ("structure-page", "/fr/annuaire/roue-libre/", "/en/directory/roue-libre/", False),
    ("cooperation-index", "/fr/cooperation/", "/en/cooperation/", False),
    ("listing-page", "/fr/cooperation/annonce-01/", "/en/cooperation/van-at-weekends/", False),
    ("search-results", "/fr/recherche/?q=velo", "/en/search/?q=van", False),
    ("search-facets", "/fr/recherche/?q=velo&type=offer", "/en/search/?q=van&type=offer", False),
    ("login", "/fr/espace-membre/connexion/", "/en/member-area/connexion/", False),
    ("member-home", "/fr/espace-membre/", "/en/member-area/", True),
    ("member-structure-edit", STRUCTURE_EDIT, STRUCTURE_EDIT, True),
    ("member-listings", "/fr/espace-membre/annonces/", "/en/member-area/annonces/", True),
    ("member-new-offer", "/fr/espace-membre/annonces/nouvelle/offer/",
     "/en/member-area/annonces/nouvelle/offer/", True),
    ("member-my-data", "/fr/espace-membre/mes-donnees/", "/en/member-area/mes-donnees/", True),
]
PAGE_PARAMS = [
    pytest.param(lang, path, member, id=f"{name}-{lang}")
    for name, fr_path, en_path, member in PAGES
    for lang, path in (("fr", fr_path), ("en", en_path))
]

# Does the focused element show a focus indicator (outline or box-shadow)?
FOCUS_IS_VISIBLE = """element => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow !== "none" && style.boxShadow !== "");
}"""




def _log_in(page: Page, base: str, lang: str) -> None:
    """Through the real login form, in the given language."""
    page.goto(f"{base}{MEMBER_HOME[lang]}")
    expect(page).to_have_url(re.compile(r"/connexion/"))
    page.locator("#id_email").fill(MEMBER_EMAIL)
    page.locator("#id_password").fill(MEMBER_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}{MEMBER_HOME[lang]}")


@pytest.mark.parametrize(("lang", "path", "member"), PAGE_PARAMS)
def test_no_serious_accessibility_violation(
    page: Page, demo_site: str, lang: str, path: str, member: bool
) -> None:
    if member:
        _log_in(page, demo_site, lang)
    if path == STRUCTURE_EDIT:
        path = page.locator("main a[href*='/structures/']").first.get_attribute("href")
        assert path and path.startswith(f"/{lang}/"), path
    response = visit(page, f"{demo_site}{path}")
    assert response is not None and response.ok, (path, response and response.status)
    expect(page).to_have_url(f"{demo_site}{path}")  # not sent back to the login form
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if "?" in path and "/connexion/" not in path:  # filters and facets: results, not none
        expect(page.locator("#results-title")).not_to_have_text(re.compile(r"^\s*0 "))
    blocking = blocking_violations(page)
    assert not blocking, f"axe-core on {path}:\n{report(blocking)}"


def _assert_errors_tied_to_fields(form, expected_ids: set[str]) -> None:
    """Each invalid field: aria-invalid, and described by an error message it points to."""
    invalid = form.locator('[aria-invalid="true"]')
    expect(invalid).not_to_have_count(0)
    ids = set(invalid.evaluate_all("elements => elements.map(element => element.id)"))
    assert expected_ids <= ids, (expected_ids, ids)
    for field_id in ids:
        described = form.page.evaluate(
            """id => {
                const field = document.getElementById(id);
                const refs = (field.getAttribute("aria-describedby") || "").split(/\\s+/);
                return refs.map(ref => document.getElementById(ref)).filter(Boolean)
                    .filter(element => element.matches(".errorlist, .errorlist *, [role=alert] *"))
                    .map(element => element.textContent.trim()).filter(Boolean);
            }""",
            field_id,
        )
        assert described, f"#{field_id} is invalid but describedby no error message"
    summary = form.locator("[role=alert][data-error-summary]")
    expect(summary).to_have_count(1)
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()


def test_contact_form_errors_are_tied_to_their_fields(page: Page, demo_site: str) -> None:
    page.goto(f"{demo_site}/fr/annuaire/roue-libre/")
    form = page.locator("#contact form")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/fr/annuaire/roue-libre/#contact$"))
    _assert_errors_tied_to_fields(page.locator("#contact form"), {"id_name", "id_email",
                                                                   "id_message"})


def test_new_offer_form_errors_are_tied_to_their_fields(page: Page, demo_site: str) -> None:
    _log_in(page, demo_site, "fr")
    page.goto(f"{demo_site}/fr/espace-membre/annonces/nouvelle/offer/")
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator("main form [role=alert][data-error-summary]")).to_be_visible()
    _assert_errors_tied_to_fields(page.locator("main form"), {"id_title", "id_summary"})


def _focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate("sel => document.activeElement.matches(sel)", selector)


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Tab until the focus reaches `selector`; every stop on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        html = focused.evaluate("element => element.outerHTML.slice(0, 120)")
        assert focused.evaluate("element => element !== document.body"), "focus lost"
        assert focused.evaluate(FOCUS_IS_VISIBLE), f"no visible focus on {html}"
        if _focused_matches(page, selector):
            return
    raise AssertionError(f"{limit} Tab presses never reached {selector} (keyboard trap?)")


def test_skip_link_is_the_first_tab_stop_with_a_visible_focus(page: Page, demo_site: str) -> None:
    page.goto(f"{demo_site}/fr/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class(re.compile(r"\bskip-link\b"))
    expect(focused).to_have_attribute("href", re.compile(r"#contenu$"))
    expect(focused).to_be_in_viewport()
    assert focused.evaluate(FOCUS_IS_VISIBLE)
    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()


def test_a_member_posts_an_offer_with_the_keyboard_alone(page: Page, demo_site: str) -> None:
    title = "Perceuse à colonne à prêter, au clavier"
    base = demo_site

    # Log in: Tab to the fields, type, Enter.
    page.goto(f"{base}/fr/espace-membre/")
    expect(page).to_have_url(re.compile(r"/fr/espace-membre/connexion/"))
    if not _focused_matches(page, "#id_email"):  # the login form puts the focus there itself
        _tab_to(page, "#id_email")
    page.keyboard.type(MEMBER_EMAIL)
    _tab_to(page, "#id_password", limit=1)
    page.keyboard.type(MEMBER_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/fr/espace-membre/")

    # Reach "Mes annonces", then the new-offer form.
    _tab_to(page, "main a[href='/fr/espace-membre/annonces/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/fr/espace-membre/annonces/")
    _tab_to(page, "main a[href*='/annonces/nouvelle/offer/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/fr/espace-membre/annonces/nouvelle/offer/"))

    # Fill every required field, and a term, with the keyboard.
    _tab_to(page, "#id_title")
    page.keyboard.type(title)
    _tab_to(page, "#id_summary", limit=1)
    page.keyboard.type("Une perceuse à colonne, à venir chercher à Laval.")
    _tab_to(page, "#id_description", limit=1)
    page.keyboard.type("Prêtée à la journée.")
    page.keyboard.press("Enter")
    page.keyboard.type("Mèches fournies.")
    _tab_to(page, "#id_category", limit=1)
    category = page.locator("#id_category")
    before = category.input_value()
    page.keyboard.press("ArrowDown")
    expect(category).not_to_have_value(before)
    _tab_to(page, "#id_terms_0", limit=1)
    page.keyboard.press("Space")
    expect(page.locator("#id_terms_0")).to_be_checked()
    expect(page.locator("#id_expires_on")).not_to_have_value("")

    # Submit with the keyboard: Enter on "Soumettre à la modération".
    _tab_to(page, "button[name=action][value=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/fr/espace-membre/annonces/")
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("transmise à l'équipe")
    row = page.locator(".listing-row", has_text=title)
    expect(row).to_have_attribute("data-state", "in_moderation")
    listing = ListingPage.objects.get(draft_title=title)
    assert not listing.live
