"""The directory's maps at any size (issue #7).

The directory page no longer carries its map's points: the map's script fetches them as JSON
(`<directory>/map/json/`, with the page's filters), read in a few queries whatever the number
of structures. A structure's page maps it and its nearest neighbours only.
"""

import json
import math
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core.page_cache import with_page_cache
from directory.models import DirectoryIndexPage, StructurePage
from directory.models.pages import MAPPED_NEIGHBOURS
from search.text import fold
from tests.directory.test_directory import ALL, FILTERS, INDEX, MOBILITE

pytestmark = pytest.mark.django_db

MAP = {"fr": "/fr/annuaire/map/json/", "en": "/en/directory/map/json/"}
ROUE_LIBRE = (48.0707, -0.7734)  # directory/demo.py


def html(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def map_data(client, url: str) -> dict:
    """The map's JSON, each point turned from its list of values into a dict."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "fields", "points"}
    assert data["fields"] == ["name", "url", "city", "lat", "lng"]
    data["points"] = [dict(zip(data["fields"], values, strict=True)) for values in data["points"]]
    return data


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def add_structure(slug: str, latitude: float | None, longitude: float | None,
                  **fields) -> StructurePage:
    index = DirectoryIndexPage.objects.get(locale__language_code="fr")
    values = {
        "title": f"Structure {slug}", "slug": slug, "summary": "Une structure.",
        "legal_form": "association", "relation": "adherent", "city": "Laval",
        "latitude": None if latitude is None else Decimal(f"{latitude:.6f}"),
        "longitude": None if longitude is None else Decimal(f"{longitude:.6f}"),
    }
    values.update(fields)
    page = index.add_child(instance=StructurePage(**values))
    page.save_revision().publish()
    return page


def distance(point: tuple[float, float], origin: tuple[float, float]) -> float:
    """Squared, in degrees of latitude (equirectangular: as StructurePage.mapped_neighbours)."""
    shrink = math.cos(math.radians(origin[0]))
    return (point[0] - origin[0]) ** 2 + ((point[1] - origin[1]) * shrink) ** 2


# ---------------------------------------------------------------- the directory's map

@pytest.mark.parametrize("language", ["fr", "en"])
def test_directory_page_names_its_points_with_its_filters(client, demo, language):
    page = html(client.get(f"{INDEX[language]}?sector=mobilite&page=1"))
    canvas = page.select_one("#directory-map")
    assert canvas["data-map-source"] == f"{MAP[language]}?sector=mobilite"
    assert canvas.has_attr("hidden")  # until the script has drawn it
    # The points are no longer in the page; its caption still counts them.
    assert page.find("script", id="directory-map-points") is None
    assert page.find("script", type="application/json") is None
    assert "2" in page.select_one(".map figcaption").get_text()
    # Without JavaScript the list holds every result: the map only adds to it.
    assert {slug_of(a["href"]) for a in page.select(".card__title a")} == MOBILITE

    everything = html(client.get(INDEX[language]))
    assert everything.select_one("#directory-map")["data-map-source"] == MAP[language]
    assert str(len(ALL)) in everything.select_one(".map figcaption").get_text()


def test_french_map_caption_is_in_french(client, demo):
    caption = html(client.get("/fr/annuaire/")).select_one(".map figcaption").get_text()
    assert " ".join(caption.split()) == f"Carte des {len(ALL)} structures géolocalisées"


def test_no_map_when_no_structure_matches(client, demo):
    page = html(client.get("/fr/annuaire/?sector=n-existe-pas"))
    assert page.find(id="directory-map") is None
    data = map_data(client, f"{MAP['fr']}?sector=n-existe-pas")
    assert (data["count"], data["points"]) == (0, [])


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_map_points_are_the_filtered_structures(client, demo, language, query, expected):
    data = map_data(client, f"{MAP[language]}?{query}")
    assert {slug_of(point["url"]) for point in data["points"]} == expected
    assert data["count"] == len(data["points"]) == len(expected)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_map_points_are_those_of_the_structure_pages(client, demo, language):
    """Names, towns, coordinates, and the URL Wagtail gives each page (an English alias: the
    English directory's)."""
    data = map_data(client, MAP[language])
    structures = {
        page.slug: page for page in StructurePage.objects.live()
        .filter(locale__language_code=language)
    }
    assert [point["name"] for point in data["points"]] == sorted(
        (point["name"] for point in data["points"]), key=fold)  # accents and case aside
    for point in data["points"]:
        structure = structures[slug_of(point["url"])]
        assert point == {
            "name": structure.title, "url": structure.get_url(), "city": structure.city,
            "lat": float(structure.latitude), "lng": float(structure.longitude),
        }
        assert point["url"].startswith(INDEX[language])
        assert client.get(point["url"]).status_code == 200


def test_map_leaves_out_structures_without_coordinates_and_unpublished_ones(client, demo):
    add_structure("sans-coordonnees", None, None)
    gone = StructurePage.objects.get(slug="roue-libre", locale__language_code="fr")
    gone.unpublish()
    slugs = {slug_of(point["url"]) for point in map_data(client, MAP["fr"])["points"]}
    assert slugs == ALL - {"roue-libre"}
    caption = html(client.get("/fr/annuaire/")).select_one(".map figcaption").get_text()
    assert str(len(ALL) - 1) in caption


def test_map_points_are_cacheable(client, demo):
    """The same for every visitor: stored by browsers and by the page cache."""
    response = client.get(MAP["fr"])
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert control == {"public", f"max-age={settings.CACHE_MIDDLEWARE_SECONDS}"}
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_page_cache_serves_the_points_without_the_database(demo, django_assert_num_queries):
    caches["pages"].clear()
    try:
        chain = with_page_cache(settings.MIDDLEWARE, settings.PER_VISITOR_MIDDLEWARE)
        with override_settings(MIDDLEWARE=chain):
            first = Client().get(MAP["fr"])
            filtered = Client().get(f"{MAP['fr']}?sector=mobilite")
            with django_assert_num_queries(0):
                again = Client().get(MAP["fr"])
                filtered_again = Client().get(f"{MAP['fr']}?sector=mobilite")
    finally:
        caches["pages"].clear()
    assert again.content == first.content
    assert filtered_again.content == filtered.content != first.content


@pytest.mark.parametrize(
    "query", ["", "?legal_form=association&sector=insertion", "?q=association"]
)
def test_map_points_queries_do_not_grow_with_the_structures(client, demo, query):
    url = f"{MAP['fr']}{query}"
    client.get(url)  # warm-up: what a visitor after another sees
    before, shown = queries(client, url), map_data(client, url)["count"]
    for number in range(30):
        add_structure(f"essai-{number}", 48.0 + number / 100, -0.7 - number / 100,
                      summary="Une association d'insertion.")
    client.get(url)
    assert queries(client, url) == before
    if not query:
        assert map_data(client, url)["count"] == shown + 30


# ---------------------------------------------------------------- a structure's map

def structure_points(client, url: str) -> list[dict]:
    page = html(client.get(url))
    return json.loads(page.find("script", id="structure-map-points").string)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_structure_map_shows_it_and_its_nearest_neighbours(client, demo, language):
    points = structure_points(client, f"{INDEX[language]}roue-libre/")
    assert len(points) == 1 + MAPPED_NEIGHBOURS < len(ALL)
    assert points[0]["current"] and slug_of(points[0]["url"]) == "roue-libre"
    assert not any(point["current"] for point in points[1:])
    assert all(point["url"].startswith(INDEX[language]) for point in points)

    others = [
        (distance((float(page.latitude), float(page.longitude)), ROUE_LIBRE), page.slug)
        for page in StructurePage.objects.live().filter(locale__language_code=language)
        .exclude(slug="roue-libre")
    ]
    nearest = [slug for _distance, slug in sorted(others)[:MAPPED_NEIGHBOURS]]
    assert [slug_of(point["url"]) for point in points[1:]] == nearest


def test_structure_map_at_any_size_holds_eleven_points_nearest_first(client, demo):
    url = "/fr/annuaire/roue-libre/"
    client.get(url)
    before = queries(client, url)
    # Far away (Brittany, Normandy): never among the nearest.
    for number in range(20):
        add_structure(f"loin-{number}", 48.5 + number / 50, -3.0 + number / 50)
    # 670 m north and 500 m east: the one to the east is the nearer on the ground, though
    # not in degrees (a degree of longitude is 0.67 of one of latitude here).
    north = add_structure("au-nord", ROUE_LIBRE[0] + 0.006, ROUE_LIBRE[1])
    east = add_structure("a-l-est", ROUE_LIBRE[0], ROUE_LIBRE[1] + 0.0067)
    points = structure_points(client, url)
    assert len(points) == 1 + MAPPED_NEIGHBOURS
    assert [slug_of(point["url"]) for point in points[:3]] == ["roue-libre", east.slug,
                                                               north.slug]
    assert not [point for point in points if slug_of(point["url"]).startswith("loin-")]
    assert queries(client, url) == before


def test_structure_map_alone_when_no_other_has_coordinates(client, demo):
    StructurePage.objects.filter(locale__language_code="fr").exclude(slug="roue-libre").update(
        latitude=None, longitude=None
    )
    points = structure_points(client, "/fr/annuaire/roue-libre/")
    assert [(point["name"], point["current"]) for point in points] == [
        ("Atelier vélo Roue Libre", True)
    ]
