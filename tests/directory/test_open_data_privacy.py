"""Open data and privacy: JSON-LD, and no e-mail address anywhere."""

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from directory.factories import StructurePageFactory
from directory.models import StructurePage
from tests.directory.test_directory import ALL

from .open_data_helpers import (
    EMAILS,
    add_structure,
    body,
    emails_in,
    structure,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- JSON-LD

def json_ld(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    page = BeautifulSoup(response.content, "html.parser")
    (script,) = page.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def all_values(data) -> list:
    if isinstance(data, dict):
        return [*data, *(v for value in data.values() for v in all_values(value))]
    if isinstance(data, list):
        return [v for value in data for v in all_values(value)]
    return [data]


def test_json_ld_of_a_structure(client, demo):
    StructurePageFactory(title="Atelier Zorglub", postcode="53000", city="Laval",
                         latitude=Decimal("48.0707"), longitude=Decimal("-0.7734"),
                         siret="732 829 320 00074")
    data = json_ld(client, "/fr/annuaire/atelier-zorglub/")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Atelier Zorglub"
    assert data["url"] == "http://testserver/fr/annuaire/atelier-zorglub/"
    assert data["address"]["postalCode"] == "53000"
    assert data["address"]["addressLocality"] == "Laval"
    assert (data["geo"]["latitude"], data["geo"]["longitude"]) == (48.0707, -0.7734)
    assert data["identifier"]["value"] == "73282932000074"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_json_ld_of_every_structure_matches_it_and_has_no_email(client, demo, language):
    for slug in sorted(ALL):
        page = structure(slug, language)
        data = json_ld(client, page.get_url())
        assert data["@type"] == "Organization", slug
        assert data["name"] == page.title, slug
        assert data["address"]["postalCode"] == page.postcode, slug
        assert data["geo"]["latitude"] == float(page.latitude), slug
        assert data["geo"]["longitude"] == float(page.longitude), slug
        values = [str(value).lower() for value in all_values(data)]
        assert not [value for value in values if "email" in value or "@" in value.lstrip("@")]


def test_json_ld_without_coordinates_has_no_geo(client, demo):
    add_structure(city="Laval", postcode="53000")
    data = json_ld(client, "/fr/annuaire/essai/")
    assert "geo" not in data
    assert data["address"]["postalCode"] == "53000"


def test_json_ld_cannot_be_broken_out_of(client, demo):
    title = '</script><script>alert("x")</script> & <!--'
    add_structure(title=title, summary="<b>gras</b> ]]>")
    response = client.get("/fr/annuaire/essai/")
    assert b'<script>alert("x")' not in response.content
    data = json_ld(client, "/fr/annuaire/essai/")
    assert data["name"] == title
    assert data["description"] == "<b>gras</b> ]]>"


# ---------------------------------------------------------------- no e-mail address anywhere

def test_demo_structures_have_the_addresses_looked_for(demo):
    """The checks below look for these addresses: they must be the structures' real ones."""
    assert sorted(StructurePage.objects.filter(locale__language_code="fr")
                  .values_list("email", flat=True)) == EMAILS


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_email_on_the_structure_pages(client, demo, language):
    for slug in sorted(ALL):
        response = client.get(structure(slug, language).get_url())
        assert response.status_code == 200
        assert emails_in(response.content.decode()) == [], slug


@pytest.mark.parametrize(
    "url",
    ["/fr/annuaire/", "/fr/annuaire/?page=2", "/en/directory/", "/en/directory/?page=2",
     "/fr/annuaire/?q=contact", "/fr/annuaire/?q=example", "/fr/recherche/?q=atelier",
     "/en/search/?q=atelier", "/sitemap.xml"],
)
def test_no_email_on_listings(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert emails_in(response.content.decode()) == []


@pytest.mark.parametrize("url", ["/fr/annuaire/export/csv/", "/fr/annuaire/export/json/",
                                 "/en/directory/export/csv/", "/en/directory/export/json/"])
def test_no_email_in_the_exports(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    text = body(response).decode("utf-8-sig")
    assert emails_in(text) == []
    assert "email" not in text.lower().split("\n", 1)[0]  # no such column
    if url.endswith("json/"):
        assert "email" not in json.dumps(json.loads(text)).lower()


def test_no_email_in_the_api(client, demo):
    response = client.get("/api/v2/pages/?type=directory.StructurePage&fields=*&limit=50",
                          follow=True)
    assert response.status_code == 200
    assert emails_in(response.content.decode()) == []
    items = response.json()["items"]
    assert items
    for item in items:
        assert "email" not in item
        detail = client.get(item["meta"]["detail_url"].replace("http://localhost", ""))
        assert emails_in(detail.content.decode()) == []


def test_api_exposes_the_structures_public_fields(client, demo):
    response = client.get(
        "/api/v2/pages/?type=directory.StructurePage&fields=summary,city,latitude,longitude"
        "&locale=fr&limit=50"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 21
    roue_libre = next(item for item in data["items"] if item["meta"]["slug"] == "roue-libre")
    assert roue_libre["city"] == "Laval"
    assert float(roue_libre["latitude"]) == pytest.approx(48.0707)
    assert client.post("/api/v2/pages/", {}).status_code == 405  # read-only
