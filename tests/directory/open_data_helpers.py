"""Export addresses and readers shared by the test_open_data_* modules."""

import csv
import html
import io
import json
from urllib.parse import unquote

from directory.models import DirectoryIndexPage, StructurePage
from tests.directory.test_directory import ALL

EXPORT = {"fr": "/fr/annuaire/export/", "en": "/en/directory/export/"}
PUBLIC_FIELDS = [
    "name", "url", "summary", "legal_form", "relation", "sectors", "territories",
    "street_address", "postcode", "city", "latitude", "longitude", "phone", "website",
    "siret", "year_founded", "staff_count", "volunteer_count",
]
EMAILS = [f"contact@{slug}.example" for slug in sorted(ALL)]


def structure(slug: str, language: str = "fr") -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code=language)


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def body(response) -> bytes:
    """The bytes of a response, streamed (the CSV export) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> tuple[list[str], list[dict]]:
    assert response.status_code == 200
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""),
                            delimiter=";")
    rows = list(reader)
    return reader.fieldnames, rows


def json_data(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def emails_in(text: str) -> list[str]:
    """The demo structures' addresses found in a document, even escaped or percent-encoded."""
    readable = html.unescape(unquote(text))
    return [address for address in EMAILS
            if address in text or address in readable or address in text.replace("\\u0040", "@")]


def add_structure(**fields) -> StructurePage:
    index = DirectoryIndexPage.objects.get(locale__language_code="fr")
    values = {"title": "Structure d'essai", "slug": "essai", "summary": "Une structure.",
              "legal_form": "association", "relation": "adherent",
              "email": "secret@essai.example"}
    values.update(fields)
    page = index.add_child(instance=StructurePage(**values))
    page.save_revision().publish()
    return page
