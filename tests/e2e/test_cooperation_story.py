"""The whole story of a request, in a real browser:
member of A posts a request → a moderator approves it in the Wagtail admin → a visitor finds
it in the marketplace and answers it → A's member sees the response and closes the request
as fulfilled with structure B."""

import pytest
from playwright.sync_api import Browser, Page, expect

from cooperation.models import ListingPage
from directory.models import ContactMessage, StructurePage

pytestmark = pytest.mark.e2e

TITLE = "Recherche une bétonnière pour un chantier participatif"


def log_in_member(page: Page, base: str) -> None:
    page.goto(f"{base}/fr/espace-membre/connexion/")
    page.locator("#id_email").fill("contact@roue-libre.example")
    page.locator("#id_password").fill("apess53-membre-roue-libre")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/fr/espace-membre/")


def test_a_request_from_posting_to_fulfilled(browser: Browser, demo_site: str) -> None:
    base = demo_site
    member = browser.new_context(locale="fr-FR").new_page()
    log_in_member(member, base)

    # 1. The member of A posts a request.
    member.goto(f"{base}/fr/espace-membre/annonces/")
    member.locator("a[href*='/annonces/nouvelle/request/']").first.click()
    member.locator("#id_title").fill(TITLE)
    member.locator("#id_summary").fill("Pour couler la dalle d'un abri à vélos, un samedi.")
    member.locator("#id_description").fill("Une bétonnière électrique.\n\nNous venons la chercher.")
    member.locator("#id_category").select_option(label="Matériel")
    member.locator("input[name=terms][value]").first.check()
    member.locator("button[name=action][value=submit]").click()
    row = member.locator(".listing-row", has_text=TITLE)
    expect(row).to_have_attribute("data-state", "in_moderation")
    listing = ListingPage.objects.get(draft_title=TITLE)
    assert not listing.live

    # 2. A moderator approves it in the Wagtail admin.
    moderator = browser.new_context(locale="fr-FR").new_page()
    moderator.goto(f"{base}/admin/login/")
    moderator.locator("#id_username").fill("moderation")
    moderator.locator("#id_password").fill("apess53-moderation")
    moderator.locator("form button[type=submit]").click()
    moderator.goto(f"{base}/admin/pages/{listing.pk}/edit/")
    approve = moderator.locator('button[data-workflow-action-name="approve"]').first
    expect(approve).to_have_count(1)
    approve.evaluate("button => button.click()")  # it sits in the collapsed action menu
    expect(moderator.locator(".messages")).to_contain_text(TITLE[:20], timeout=15_000)
    listing.refresh_from_db()
    assert listing.live
    public_url = f"{base}{listing.get_url()}"

    # 3. A visitor finds it in the marketplace and answers it.
    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(f"{base}/fr/cooperation/?kind=request&category=materiel")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    visitor.locator("#id_name").fill("Dominique Voisin")
    visitor.locator("#id_email").fill("dominique@example.org")
    visitor.locator("#id_message").fill("Nous avons une bétonnière à prêter, libre le samedi.")
    visitor.locator("#contact form button[type=submit]").click()
    # The confirmation is where the form was, in view, and has the focus (screen readers
    # read it; the next Tab starts from there).
    confirmation = visitor.locator("#contact #contact-sent")
    expect(confirmation).to_be_visible()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_be_focused()
    assert visitor.evaluate("document.activeElement.id") == "contact-sent"
    assert ContactMessage.objects.filter(page_id=listing.pk).count() == 1

    # 4. The member of A sees the response and closes the request as fulfilled with B.
    member.goto(f"{base}/fr/espace-membre/annonces/")
    row = member.locator(".listing-row", has_text=TITLE)
    expect(row).to_have_attribute("data-state", "published")
    row.locator("summary").click()
    expect(row.locator(".response__name")).to_have_text("Dominique Voisin")
    row.locator("a.action--close").click()
    member.locator("input[name=status][value=fulfilled]").check()
    partner = StructurePage.objects.get(slug="jardins-du-maine", locale__language_code="fr")
    member.locator("#id_partner_structure").select_option(value=str(partner.pk))
    member.locator("#id_estimated_value").fill("120")
    member.locator("#id_hours_saved").fill("6")
    member.locator("main form button[type=submit]").click()
    row = member.locator(".listing-row", has_text=TITLE)
    expect(row).to_have_attribute("data-state", "fulfilled")
    expect(row).to_contain_text("Les Jardins du Maine")

    # The request has left the public site.
    visitor.goto(f"{base}/fr/cooperation/?kind=request&category=materiel")
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    # Its address now says it is closed (410), without its content or its form.
    assert visitor.goto(public_url).status == 410
    expect(visitor.locator("h1")).to_have_text("Cette annonce est close")
    expect(visitor.locator("#contact")).to_have_count(0)
    listing.refresh_from_db()
    assert not listing.live and listing.status == "fulfilled"
    assert listing.partner_structure_id == partner.pk
