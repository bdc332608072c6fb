"""Open data: the directory's public fields as CSV and JSON.

`/fr/annuaire/export/csv/` and `/fr/annuaire/export/json/` (and the English ones) hold
the live structures of the language, with the same filters as the directory page. Only the
fields listed in PUBLIC_FIELDS leave the site: never an e-mail address.
"""

import csv
import io
from collections.abc import Iterator
from itertools import islice
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse

from wagtail.models import Locale

from core.memo import active_locale

# By module, not from the package: the directory index page (models/index.py) imports this
# module while the package loads.
from .models.pages import StructurePage
from .models.taxonomies import LegalForm, Relation, Sector, Territory

PUBLIC_FIELDS = [
    "name", "url", "summary", "legal_form", "relation", "sectors", "territories",
    "street_address", "postcode", "city", "latitude", "longitude", "phone", "website",
    "siret", "year_founded", "staff_count", "volunteer_count",
]
# Structures read from the database at a time (with their sectors and territories: two
# queries more a chunk), so that an export's memory does not grow with the directory.
CHUNK_SIZE = 500
# A text cell starting with one of these is read as a formula by spreadsheet software
# (CSV injection, OWASP): such a cell gets a leading single quote, which shows it as text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Bytes of CSV sent at a time: a write to the network per chunk of rows, not per row.
CSV_BUFFER_SIZE = 32 * 1024
# The structures' own fields in the exports, read as plain values: building thousands of page
# objects (and their related managers) took most of an export's time.
VALUE_FIELDS = [
    "pk", "title", "slug", "summary", "legal_form", "relation", "street_address", "postcode",
    "city", "latitude", "longitude", "phone", "website", "siret", "year_founded", "staff_count",
    "volunteer_count",
]


def public_rows(index, request: HttpRequest) -> Iterator[dict]:
    """The public fields of the directory's structures, with the page's filters, by title:
    read as they are iterated, CHUNK_SIZE structures at a time.

    Everything that depends on the request (its language, its memo of translations, its
    address) is read now, while the request is served: a streamed response iterates the
    rows after the view has returned.
    """
    filters = index.read_filters(request.GET)
    structures = (
        filters.search(index.structures(), index.locale).matching()
        .order_by("title")
        .values(*VALUE_FIELDS)
    )
    locale = active_locale()
    return _rows(
        structures,
        # A structure (or an alias of one) is a child of its directory: its URL is the
        # directory's followed by its slug, as Page.get_url would give.
        base_url=request.build_absolute_uri(index.get_url(request)),
        legal_forms={value: str(label) for value, label in LegalForm.choices},
        relations={value: str(label) for value, label in Relation.choices},
        sectors=TermNames("sectors", Sector, locale),
        territories=TermNames("territories", Territory, locale),
    )


class TermNames:
    """A taxonomy's terms of structures (sectors, territories), in one language.

    `of(pks)` reads the terms of a chunk of structures in one query, by name as the
    taxonomy is ordered. Names are as core.memo.localized gives them, without the request's
    memo (gone while a response streams): a term of that language is its own name; another
    language's (an untranslated alias keeps its source's terms) is its translation's, all
    read at the first one needed, or its own if untranslated.
    """

    def __init__(self, field: str, model: type[Sector | Territory], locale: Locale) -> None:
        self.through = StructurePage._meta.get_field(field).remote_field.through
        self.model, self.locale = model, locale
        self.translations: dict | None = None

    def of(self, pks: list[int]) -> dict[int, list[str]]:
        name = self.model._meta.model_name
        terms: dict[int, list[str]] = {}
        for pk, key, locale_id, term in (
            self.through.objects.filter(structurepage_id__in=pks)
            .order_by(f"{name}__name", f"{name}__pk")
            .values_list("structurepage_id", f"{name}__translation_key", f"{name}__locale_id",
                         f"{name}__name")
        ):
            terms.setdefault(pk, []).append(self.name(key, locale_id, term))
        return terms

    def name(self, key: UUID, locale_id: int, name: str) -> str:
        if locale_id == self.locale.pk:
            return name
        if self.translations is None:
            self.translations = dict(
                self.model.objects.filter(locale=self.locale).values_list("translation_key", "name")
            )
        return self.translations.get(key, name)


def _rows(
    structures: QuerySet, *, base_url: str, legal_forms: dict[str, str],
    relations: dict[str, str], sectors: TermNames, territories: TermNames,
) -> Iterator[dict]:
    values = structures.iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(values, CHUNK_SIZE)):
        pks = [structure["pk"] for structure in chunk]
        sectors_of, territories_of = sectors.of(pks), territories.of(pks)
        for structure in chunk:
            latitude, longitude = structure["latitude"], structure["longitude"]
            yield {
                "name": structure["title"],
                "url": f"{base_url}{structure['slug']}/",
                "summary": structure["summary"],
                "legal_form": legal_forms.get(structure["legal_form"], structure["legal_form"]),
                "relation": relations.get(structure["relation"], structure["relation"]),
                "sectors": sectors_of.get(structure["pk"], []),
                "territories": territories_of.get(structure["pk"], []),
                "street_address": structure["street_address"],
                "postcode": structure["postcode"],
                "city": structure["city"],
                "latitude": float(latitude) if latitude is not None else None,
                "longitude": float(longitude) if longitude is not None else None,
                "phone": structure["phone"],
                "website": structure["website"],
                "siret": structure["siret"],
                "year_founded": structure["year_founded"],
                "staff_count": structure["staff_count"],
                "volunteer_count": structure["volunteer_count"],
            }


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, as inert text; numbers (a
    negative longitude) stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


def csv_lines(rows: Iterator[dict]) -> Iterator[str]:
    """The CSV file, a few kilobytes at a time, as the rows are read."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that spreadsheet software reads the accents as UTF-8
    writer = csv.DictWriter(buffer, fieldnames=PUBLIC_FIELDS, delimiter=";")
    writer.writeheader()
    for row in rows:
        row["sectors"] = ", ".join(row["sectors"])
        row["territories"] = ", ".join(row["territories"])
        writer.writerow({field: spreadsheet_safe(value) for field, value in row.items()})
        if buffer.tell() >= CSV_BUFFER_SIZE:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(index, request: HttpRequest) -> HttpResponse:
    """The CSV export, streamed: with thousands of structures, neither the rows nor the file
    are held in memory."""
    response = StreamingHttpResponse(
        csv_lines(public_rows(index, request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="annuaire-ess-mayenne.csv"'
    return response


def json_response(index, request: HttpRequest) -> HttpResponse:
    rows = list(public_rows(index, request))
    return JsonResponse(
        {"count": len(rows), "fields": PUBLIC_FIELDS, "structures": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
