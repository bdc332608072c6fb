"""The language switcher leads to the same page in the other language, or falls back sensibly."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from cooperation.models import ListingPage
from directory.models import StructurePage
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
    # Its own words are marked French; the English interface around them is not.
    assert page.find("h1")["lang"] == "fr"
    assert page.find(class_="page-body")["lang"] == "fr"
    assert not page.find(class_="page-content").has_attr("lang")
    # No hreflang alternate announces an English page that is really French; search engines
    # are told the French page is the one to index.
    assert alternates(client, news.alias_of.get_url()) == {}
    assert alternates(client, news.get_url()) == {}
    assert page.find("link", rel="canonical")["href"] == f"http://testserver{news.alias_of.url}"


def test_switcher_falls_back_to_the_home_page_when_a_page_has_no_translation(client, demo):
    index = NewsIndexPage.objects.get(locale__language_code="fr")
    lonely = NewsPage(title="Seulement en français", slug="seulement-en-francais",
                      locale=index.locale)
    index.add_child(instance=lonely)
    lonely.save_revision().publish()
    # An editor deleted its English alias: no English version at all.
    NewsPage.objects.get(alias_of=lonely).delete()
    assert switcher(client, "/fr/actualites/seulement-en-francais/") == {"en": "/en/"}


def test_the_switcher_leads_to_the_english_alias_of_an_untranslated_page(client, demo):
    news = NewsPage.objects.get(slug="exemple-mutualiser-un-vehicule", locale__language_code="en")
    assert switcher(client, news.alias_of.url) == {"en": news.url}
    assert switcher(client, news.url) == {"fr": news.alias_of.url}


def test_a_page_published_by_code_gets_its_english_alias(client, demo, english):
    """Pages made outside the admin (member space, commands) follow the synchronised tree
    as the admin's do: the English alias appears when the French page is published."""
    index = NewsIndexPage.objects.get(locale__language_code="fr")
    page = NewsPage(title="Publiée par le code", slug="publiee-par-le-code", locale=index.locale,
                    intro="Zorglubcode")
    index.add_child(instance=page)
    page.save_revision().publish()
    alias = page.get_translation(english)
    assert alias.alias_of_id == page.pk and alias.live
    assert alias.url == "/en/news/publiee-par-le-code/"
    assert alias.url in client.get("/en/news/").content.decode()
    # Publishing again changes nothing but the alias's content.
    page.intro = "Zorglubcode changé"
    page.save_revision().publish()
    assert NewsPage.objects.filter(translation_key=page.translation_key).count() == 2
    assert NewsPage.objects.get(pk=alias.pk).intro == "Zorglubcode changé"


@pytest.mark.parametrize("url_of", [
    lambda: NewsPage.objects.get(slug="exemple-mutualiser-un-vehicule", locale__language_code="en"),
    lambda: ListingPage.objects.filter(locale__language_code="en", alias_of__isnull=False,
                                       live=True).order_by("slug").first(),
    lambda: StructurePage.objects.get(slug="roue-libre", locale__language_code="en"),
], ids=["news", "listing", "structure"])
def test_only_an_alias_s_own_words_are_marked_french(client, demo, url_of):
    alias = url_of()
    assert alias.alias_of_id
    page = BeautifulSoup(client.get(alias.url).content, "html.parser")
    switcher_links = page.select("nav.language-switcher [lang]")
    marked = [element for element in page.find_all(attrs={"lang": "fr"})
              if element not in switcher_links]
    assert page.find("h1") in marked
    # Header, footer, forms and buttons stay English: no marked element holds them.
    for element in marked:
        assert not element.find_parent("header", class_="site-header")
        assert not element.find_parent(["footer", "form"])
        assert not element.find(["form", "button", "label", "input", "nav"])
        assert element.name not in {"main", "body", "article", "form", "section", "div"} or (
            "page-body" in element.get("class", []))
    for label in page.select("header a, footer a, form label, form button, .notice"):
        assert label.find_parent(attrs={"lang": "fr"}) is None, label
    # The language link itself is the only French word of the header.
    assert [a.get_text() for a in page.select("header.site-header [lang=fr]")] == ["Français"]


def test_the_sitemap_lists_the_english_pages_with_their_alternates(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
             "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.fromstring(response.content).findall("s:url", names)
    # Paths: the host is the Wagtail site's.
    locations = [urlsplit(url.findtext("s:loc", namespaces=names)).path for url in urls]
    assert "/en/" in locations
    assert "/en/news/" in locations
    assert "/en/join/" in locations
    assert "/fr/adherer/" in locations
    # A translated page names its versions; an untranslated alias is not listed.
    alias = NewsPage.objects.get(slug="exemple-mutualiser-un-vehicule", locale__language_code="en")
    assert alias.url not in locations
    assert alias.alias_of.url in locations
    join = next(url for url in urls
                if url.findtext("s:loc", namespaces=names).endswith("/en/join/"))
    assert {(link.get("hreflang"), urlsplit(link.get("href")).path)
            for link in join.findall("x:link", names)} == {("fr", "/fr/adherer/"),
                                                           ("en", "/en/join/")}
    assert len(locations) == len(set(locations))


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
