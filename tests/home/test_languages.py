"""The language switcher leads to the same page in the other language, or falls back sensibly."""

import pytest
from bs4 import BeautifulSoup

from home.models import NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db


def switcher(client, url: str) -> dict[str, str]:
    page = BeautifulSoup(client.get(url).content, "html.parser")
    nav = page.find("nav", class_="language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def alternates(client, url: str) -> dict[str, str]:
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")
            if link.get("hreflang")}


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("/fr/", "/en/"),
        ("/fr/association/", "/en/association/"),
        ("/fr/adherer/", "/en/join/"),
        ("/fr/mentions-legales/", "/en/legal-notice/"),
        ("/fr/actualites/", "/en/news/"),
        ("/fr/agenda/", "/en/events/"),
    ],
)
def test_switcher_points_to_the_translated_page(client, demo, french, english):
    assert switcher(client, french) == {"en": english}
    assert switcher(client, english) == {"fr": french}
    assert alternates(client, french) == {"en": f"http://testserver{english}"}


def test_untranslated_page_is_shown_in_french_with_a_notice(client, demo):
    """The synchronised tree gives each French news page an English alias until translated."""
    news = NewsPage.objects.get(slug="exemple-mutualiser-un-vehicule", locale__language_code="en")
    assert news.alias_of is not None
    response = client.get(news.get_url())
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "en"
    assert "not been translated yet" in page.find(class_="notice--language").get_text()
    assert page.find(class_="page-content")["lang"] == "fr"
    # No hreflang alternate announces an English page that is really French.
    assert alternates(client, news.alias_of.get_url()) == {}


def test_switcher_falls_back_to_the_home_page_when_a_page_has_no_translation(client, demo):
    index = NewsIndexPage.objects.get(locale__language_code="fr")
    lonely = NewsPage(title="Seulement en français", slug="seulement-en-francais",
                      locale=index.locale)
    index.add_child(instance=lonely)  # added outside the admin: no English alias is made
    lonely.save_revision().publish()
    assert switcher(client, "/fr/actualites/seulement-en-francais/") == {"en": "/en/"}


def test_new_french_page_gets_an_english_alias_in_the_admin(admin_client, demo, english):
    """Creating a page in the admin keeps the English tree in sync (wagtail-localize)."""
    home = demo
    response = admin_client.post(
        f"/admin/pages/add/home/standardpage/{home.pk}/",
        {
            "title": "Nos partenaires", "slug": "partenaires", "intro": "",
            "body-count": "0", "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    page = StandardPage.objects.get(slug="partenaires", locale__language_code="fr")
    alias = page.get_translation(english)
    assert alias.alias_of_id == page.pk
    assert alias.get_url() == "/en/partenaires/"
