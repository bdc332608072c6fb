"""Actualités: newest first, filters by tag and category, pagination, RSS and Atom feeds."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from home.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in page.select(".listing .card__title")]


def test_news_index_lists_newest_first(client, demo):
    assert titles(client.get("/fr/actualites/")) == [
        "Exemple : le mois de l'ESS en Mayenne",
        "Exemple : mutualiser un véhicule entre associations",
        "Exemple : retour sur l'assemblée générale",
    ]


def test_filter_by_category_and_by_tag(client, demo):
    assert titles(client.get("/fr/actualites/?category=cooperation")) == [
        "Exemple : mutualiser un véhicule entre associations"
    ]
    assert titles(client.get("/fr/actualites/?tag=rencontres")) == [
        "Exemple : le mois de l'ESS en Mayenne",
        "Exemple : retour sur l'assemblée générale",
    ]
    unknown = client.get("/fr/actualites/?category=n-existe-pas")
    assert unknown.status_code == 200 and titles(unknown) == []


def test_pagination_keeps_the_filter_and_survives_bad_numbers(client, demo):
    index = NewsIndexPage.objects.get(locale__language_code="fr")
    for number in range(14):
        page = NewsPage(title=f"Brève {number}", slug=f"breve-{number}", locale=index.locale,
                        date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number))
        page.tags.add("brèves")
        index.add_child(instance=page)
        page.save_revision().publish()
    first = client.get("/fr/actualites/?tag=breves")
    assert len(titles(first)) == 12
    assert 'href="?tag=breves&amp;page=2"' in first.content.decode()
    second = client.get("/fr/actualites/?tag=breves&page=2")
    assert titles(second) == ["Brève 1", "Brève 0"]
    for bad in ["abc", "999", "-1", ""]:
        assert client.get(f"/fr/actualites/?page={bad}").status_code == 200


def test_rss_feed_parses(client, demo):
    response = client.get("/fr/actualites/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == "fr"
    assert feed.entries[0].title == "Exemple : le mois de l'ESS en Mayenne"
    assert len(feed.entries) == 3
    assert feed.entries[0].link == "http://testserver/fr/actualites/exemple-mois-de-less-en-mayenne/"


def test_atom_feed_parses(client, demo):
    response = client.get("/fr/actualites/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert len(feed.entries) == 3
    assert all(entry.updated for entry in feed.entries)


def test_english_feed_is_in_english(client, demo):
    feed = feedparser.parse(client.get("/en/news/rss/").content)
    assert feed.feed.language == "en"
    assert feed.feed.title.startswith("News")


def test_news_index_announces_its_feeds(client, demo):
    page = BeautifulSoup(client.get("/fr/actualites/").content, "html.parser")
    types = {link["type"] for link in page.find_all("link", rel="alternate") if link.get("type")}
    assert types == {"application/rss+xml", "application/atom+xml"}


def test_english_news_index_filters_untranslated_articles_by_category(client, demo):
    """English aliases keep their French category; the English filter still finds them."""
    response = client.get("/en/news/?category=cooperation")
    assert titles(response) == ["Exemple : mutualiser un véhicule entre associations"]
    card = BeautifulSoup(response.content, "html.parser").select_one(".listing .card__meta")
    assert "Cooperation" in card.get_text()
