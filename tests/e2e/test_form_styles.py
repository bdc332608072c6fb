"""Every kind of form field looks the same and can be tapped; choices are laid out readably.

Measured in Chromium at a phone's width and a desktop's: the browser's own look of a password,
number, date or file input is 21 px high, too small to tap and unlike the text fields beside it.
"""

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

TAP_TARGET = 44  # px, WCAG 2.5.5 / Apple's and Google's guidelines
FIELD_KINDS = ["text", "password", "number", "date", "file"]


def _log_in(browser: Browser, demo_site: str, width: int) -> Page:
    page = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{demo_site}/fr/espace-membre/connexion/")
    page.get_by_label("Adresse e-mail").fill("contact@roue-libre.example")
    page.get_by_label("Mot de passe").fill("apess53-membre-roue-libre")
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{demo_site}/fr/espace-membre/")
    return page


def _height(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed on {page.url}"
    return box["height"]


@pytest.mark.parametrize("width", [375, 1280])
def test_every_input_type_has_the_text_fields_size(browser: Browser, demo_site: str,
                                                   width: int) -> None:
    page = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{demo_site}/fr/espace-membre/connexion/")
    heights = {"password": _height(page, "input[type=password]")}
    page = _log_in(browser, demo_site, width)
    page.goto(f"{demo_site}/fr/espace-membre/annonces/nouvelle/offer/")
    for kind in ("text", "date", "file"):
        heights[kind] = _height(page, f"main input[type={kind}]")
    page.goto(f"{demo_site}/fr/espace-membre/annonces/")
    page.locator("a[href*='/cloturer/']").first.click()
    heights["number"] = _height(page, "main input[type=number]")

    assert set(heights) == set(FIELD_KINDS)
    for kind, height in heights.items():
        assert height >= TAP_TARGET, f"{kind} input is {height} px high at {width} px"
        assert abs(height - heights["text"]) <= 10, (
            f"{kind} input is {height} px high, text inputs {heights['text']} px ({width} px)"
        )


@pytest.mark.parametrize("width", [375, 1280])
def test_close_form_outcomes_are_one_under_the_other(browser: Browser, demo_site: str,
                                                     width: int) -> None:
    page = _log_in(browser, demo_site, width)
    page.goto(f"{demo_site}/fr/espace-membre/annonces/")
    page.locator("a[href*='/cloturer/']").first.click()

    fieldset = page.get_by_role("group", name="Résultat")
    fieldset_box = fieldset.bounding_box()
    labels = [fieldset.locator("label", has_text=name) for name in ("Pourvue", "Retirée")]
    options = [label.locator("input[type=radio]") for label in labels]
    boxes = [label.bounding_box() for label in labels]
    for label, box in zip(labels, boxes, strict=True):
        text = label.inner_text()
        assert box["height"] >= TAP_TARGET, f"« {text} » is {box['height']} px high"
        assert box["x"] >= fieldset_box["x"]
        assert box["x"] + box["width"] <= fieldset_box["x"] + fieldset_box["width"] + 1, text
    # Stacked in one column, in order: not cut into two columns of half-labels.
    assert boxes[0]["x"] == boxes[1]["x"]
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"]
    # Each radio sits on the first line of its own label.
    for option, box in zip(options, boxes, strict=True):
        radio = option.bounding_box()
        assert box["y"] <= radio["y"] <= box["y"] + box["height"]
        assert radio["width"] >= 18
