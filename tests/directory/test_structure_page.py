"""A structure's page: its profile, its English alias, its related news, its map, and no
English interface text in French."""

import json
import re
from decimal import Decimal

import pytest

from directory.factories import SectorFactory, StructurePageFactory, TerritoryFactory
from directory.models import StructurePage
from home.factories import NewsPageFactory
from home.models import NewsPage
from tests.pages import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def zorglub(demo) -> StructurePage:
    """A structure with every field of its profile, in two sectors and a territory of its own
    (translated into English), at Laval's coordinates."""
    return StructurePageFactory(
        title="Atelier Zorglub", summary="Réparer des vélos à Zorglub, et apprendre à le faire.",
        description="<p>Un atelier participatif.</p><p><i>Structure imaginaire.</i></p>",
        street_address="1 rue Zorglub", postcode="53000", city="Laval",
        latitude=Decimal("48.0707"), longitude=Decimal("-0.7734"), phone="02 43 00 00 01",
        website="https://zorglub.example/", siret="732 829 320 00074", year_founded=1981,
        staff_count=3, volunteer_count=4,
        sectors=[SectorFactory(name="Mobilité Zorglub", english="Zorglub mobility"),
                 SectorFactory(name="Environnement Zorglub", english="Zorglub environment")],
        territories=[TerritoryFactory(name="Pays de Zorglub", english="Zorglub country")],
    )


def test_structure_page_shows_its_profile(client, zorglub):
    response = client.get("/fr/annuaire/atelier-zorglub/")
    assert response.status_code == 200
    page = html(response)
    text = " ".join(page.get_text(" ").split())
    assert page.h1.get_text(strip=True) == "Atelier Zorglub"
    assert page.select_one(".structure__header .lead").get_text(strip=True) == (
        "Réparer des vélos à Zorglub, et apprendre à le faire."
    )
    assert "Un atelier participatif. Structure imaginaire." in text
    assert "Laval" in page.select_one(".structure__header .meta").get_text()
    details = " ".join(page.select_one(".structure__contact-details").get_text(" ").split())
    assert "1 rue Zorglub 53000 Laval" in details
    assert page.select_one('a[href="tel:0243000001"]').get_text(strip=True) == "02 43 00 00 01"
    assert page.select_one('.structure__contact-details a[href="https://zorglub.example/"]')
    facts = [" ".join(dd.get_text(" ").split()) for dd in page.select(".profile-facts dd")]
    assert facts == ["Environnement Zorglub, Mobilité Zorglub", "Pays de Zorglub", "1981", "3",
                     "4", "73282932000074"]


def test_english_alias_of_a_structure_answers(client, zorglub):
    response = client.get("/en/directory/atelier-zorglub/")
    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text(strip=True) == "Atelier Zorglub"
    assert page.select_one(".profile-facts dd").get_text(strip=True) == (
        "Zorglub environment, Zorglub mobility"
    )


NEWS = "Mutualiser un véhicule Zorglub"


def news_titles(client, url: str) -> list[str]:
    section = html(client.get(url)).find(id="structure-news")
    if section is None:
        return []
    return [h.get_text(strip=True) for h in section.find_parent("section").select(".card__title")]


@pytest.fixture
def related_news(zorglub) -> NewsPage:
    """An article about the Atelier Zorglub and a garage; a third structure is not in it."""
    garage = StructurePageFactory(title="Garage Zorglub")
    StructurePageFactory(title="Charpente Zorglub")
    return NewsPageFactory(title=NEWS, related_structures=[zorglub, garage])


def test_structure_page_lists_its_related_news(client, related_news):
    assert news_titles(client, "/fr/annuaire/atelier-zorglub/") == [NEWS]
    assert news_titles(client, "/fr/annuaire/garage-zorglub/") == [NEWS]
    assert news_titles(client, "/fr/annuaire/charpente-zorglub/") == []
    assert news_titles(client, "/en/directory/atelier-zorglub/") == [NEWS]


def test_unpublished_news_is_not_listed_on_the_structure(client, related_news):
    related_news.unpublish()
    assert news_titles(client, "/fr/annuaire/atelier-zorglub/") == []


def test_map_only_when_the_structure_has_coordinates(client, zorglub):
    page = html(client.get("/fr/annuaire/atelier-zorglub/"))
    assert page.find(id="structure-map") is not None
    points = json.loads(page.find("script", id="structure-map-points").string)
    current = [point for point in points if point["current"]]
    assert [(p["name"], p["lat"], p["lng"]) for p in current] == [
        ("Atelier Zorglub", 48.0707, -0.7734)
    ]

    StructurePageFactory(title="Sans adresse précise", slug="sans-adresse", city="Laval",
                         postcode="53000")
    response = client.get("/fr/annuaire/sans-adresse/")
    assert response.status_code == 200
    page = html(response)
    assert page.find(id="structure-map") is None
    assert page.find(attrs={"data-map": True}) is None
    assert page.h1.get_text(strip=True) == "Sans adresse précise"


@pytest.mark.parametrize("url", ["/fr/annuaire/", "/fr/annuaire/atelier-zorglub/"])
def test_french_pages_show_no_english_interface_text(client, zorglub, url):
    text = " ".join(html(client.get(url)).get_text(" ").split())
    english = [
        "Filter the directory", "Show the structures", "Legal form", "Relation to APESS 53",
        "Sector of activity", "Sectors of activity", "Territories", "Founded in", "Employees",
        "Volunteers", "In the news", "Offers and requests", "Write to", "Your name",
        "Your e-mail address", "Your message", "Send the message", "The directory as CSV",
        "Member", "Sympathiser", "Map of",
    ]
    assert [words for words in english if re.search(rf"\b{re.escape(words)}\b", text)] == []
