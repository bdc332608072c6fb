"""Open data: the directory's public fields as CSV and JSON.

`/fr/annuaire/export/csv/` and `/fr/annuaire/export/json/` (and the English ones) hold
the live structures of the language, with the same filters as the directory page. Only the
fields listed in PUBLIC_FIELDS leave the site: never an e-mail address.
"""

import csv

from django.http import HttpRequest, HttpResponse, JsonResponse

from home.memo import localized

from .filters import DirectoryFilters

PUBLIC_FIELDS = [
    "name", "url", "summary", "legal_form", "relation", "sectors", "territories",
    "street_address", "postcode", "city", "latitude", "longitude", "phone", "website",
    "siret", "year_founded", "staff_count", "volunteer_count",
]


def public_rows(index, request: HttpRequest) -> list[dict]:
    filters = DirectoryFilters.from_query(request.GET)
    structures = (
        filters.search(index.structures(), index.locale).matching()
        .prefetch_related("sectors", "territories")
        .order_by("title")
    )
    rows = []
    for structure in structures:
        rows.append({
            "name": structure.title,
            "url": request.build_absolute_uri(structure.get_url(request)),
            "summary": structure.summary,
            "legal_form": structure.get_legal_form_display(),
            "relation": structure.get_relation_display(),
            "sectors": [localized(sector).name for sector in structure.sectors.all()],
            "territories": [localized(territory).name for territory in structure.territories.all()],
            "street_address": structure.street_address,
            "postcode": structure.postcode,
            "city": structure.city,
            "latitude": float(structure.latitude) if structure.latitude is not None else None,
            "longitude": float(structure.longitude) if structure.longitude is not None else None,
            "phone": structure.phone,
            "website": structure.website,
            "siret": structure.siret,
            "year_founded": structure.year_founded,
            "staff_count": structure.staff_count,
            "volunteer_count": structure.volunteer_count,
        })
    return rows


def csv_response(index, request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="annuaire-ess-mayenne.csv"'
    response.write("\ufeff")  # so that spreadsheet software reads the accents as UTF-8
    writer = csv.DictWriter(response, fieldnames=PUBLIC_FIELDS, delimiter=";")
    writer.writeheader()
    for row in public_rows(index, request):
        row["sectors"] = ", ".join(row["sectors"])
        row["territories"] = ", ".join(row["territories"])
        writer.writerow(row)
    return response


def json_response(index, request: HttpRequest) -> HttpResponse:
    rows = public_rows(index, request)
    return JsonResponse(
        {"count": len(rows), "fields": PUBLIC_FIELDS, "structures": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
