"""Actualités: newest first, filters by tag and category, pagination, RSS and Atom feeds."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from home.factories import NewsCategoryFactory, NewsPageFactory
from home.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in page.select(".listing .card__title")]


@pytest.fixture
def newsroom(demo) -> NewsIndexPage:
    """The French news index without the demo's articles: a test's articles are all it lists."""
    NewsPage.objects.all().delete()
    return NewsIndexPage.objects.get(locale__language_code="fr")


@pytest.fixture
def three_articles(newsroom) -> list[NewsPage]:
    """Three articles, newest first: two tagged "rencontres-zorglub", one in the category
    "cooperation-zorglub" (translated into English)."""
    cooperation = NewsCategoryFactory(name="Coopération Zorglub", english="Zorglub cooperation")
    return [
        NewsPageFactory(title="Le mois Zorglub", date=datetime.date(2024, 11, 2),
                        tags=["rencontres-zorglub"]),
        NewsPageFactory(title="Mutualiser un véhicule Zorglub", date=datetime.date(2024, 10, 1),
                        category=cooperation),
        NewsPageFactory(title="Retour sur l'assemblée Zorglub", date=datetime.date(2024, 6, 20),
                        tags=["rencontres-zorglub"]),
    ]


def test_news_index_lists_newest_first(client, three_articles):
    assert titles(client.get("/fr/actualites/")) == [
        "Le mois Zorglub", "Mutualiser un véhicule Zorglub", "Retour sur l'assemblée Zorglub",
    ]


def test_filter_by_category_and_by_tag(client, three_articles):
    assert titles(client.get("/fr/actualites/?category=cooperation-zorglub")) == [
        "Mutualiser un véhicule Zorglub"
    ]
    assert titles(client.get("/fr/actualites/?tag=rencontres-zorglub")) == [
        "Le mois Zorglub", "Retour sur l'assemblée Zorglub",
    ]
    unknown = client.get("/fr/actualites/?category=n-existe-pas")
    assert unknown.status_code == 200 and titles(unknown) == []


def test_pagination_keeps_the_filter_and_survives_bad_numbers(client, demo):
    for number in range(14):
        NewsPageFactory(title=f"Brève {number}", tags=["brèves"],
                        date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number))
    first = client.get("/fr/actualites/?tag=breves")
    assert len(titles(first)) == 12
    assert 'href="?tag=breves&amp;page=2"' in first.content.decode()
    second = client.get("/fr/actualites/?tag=breves&page=2")
    assert titles(second) == ["Brève 1", "Brève 0"]
    for bad in ["abc", "999", "-1", ""]:
        assert client.get(f"/fr/actualites/?page={bad}").status_code == 200


def test_rss_feed_parses(client, three_articles):
    response = client.get("/fr/actualites/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == "fr"
    assert feed.entries[0].title == "Le mois Zorglub"
    assert len(feed.entries) == 3
    assert feed.entries[0].link == "http://testserver/fr/actualites/le-mois-zorglub/"


def test_atom_feed_parses(client, three_articles):
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


def test_english_news_index_filters_untranslated_articles_by_category(client, three_articles):
    """English aliases keep their French category; the English filter still finds them."""
    response = client.get("/en/news/?category=cooperation-zorglub")
    assert titles(response) == ["Mutualiser un véhicule Zorglub"]
    card = BeautifulSoup(response.content, "html.parser").select_one(".listing .card__meta")
    assert "Zorglub cooperation" in card.get_text()
