"""Template tags of the directory: the map of structures."""

import json

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _map_settings(map_id: str) -> dict:
    return {
        "map_id": map_id,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


@register.inclusion_tag("directory/includes/map.html", takes_context=True)
def structure_map(context, structures, map_id: str, current=None) -> dict:
    """A Leaflet map of a few structures, their points in the page; nothing if none of them
    has coordinates."""
    request: HttpRequest = context["request"]
    points = [
        {
            "name": structure.title,
            "url": structure.get_url(request),
            "city": structure.city,
            "lat": float(structure.latitude),
            "lng": float(structure.longitude),
            "current": current is not None and structure.pk == current.pk,
        }
        for structure in structures
        if structure.has_coordinates
    ]
    return {
        **_map_settings(map_id),
        "points": points,
        "points_id": f"{map_id}-points",
        "count": len(points),
    }


@register.inclusion_tag("directory/includes/map.html")
def fetched_structure_map(points_url: str, count: int, map_id: str) -> dict:
    """A Leaflet map of many structures, whose points the map's script fetches from
    `points_url` (JSON, see DirectoryIndexPage.map_json in directory/models/index.py);
    `count` of them have coordinates (nothing if none)."""
    return {**_map_settings(map_id), "points_url": points_url, "count": count}


JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def structure_schema(structure, request: HttpRequest) -> dict:
    """schema.org Organization of a structure: public fields only (never its e-mail)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": structure.title,
        "description": structure.summary,
        "url": request.build_absolute_uri(structure.get_url(request)),
    }
    if structure.phone:
        data["telephone"] = structure.phone
    same_as = [url for url in [structure.website] + [u for _, u in structure.social_links] if url]
    if same_as:
        data["sameAs"] = same_as
    if structure.city or structure.postcode or structure.street_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": structure.street_address,
            "postalCode": structure.postcode,
            "addressLocality": structure.city,
            "addressRegion": "Mayenne",
            "addressCountry": "FR",
        }
    if structure.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(structure.latitude),
            "longitude": float(structure.longitude),
        }
    if structure.year_founded:
        data["foundingDate"] = str(structure.year_founded)
    if structure.siret:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "SIRET",
                              "value": structure.siret}
    if structure.staff_count is not None:
        data["numberOfEmployees"] = {"@type": "QuantitativeValue",
                                     "value": structure.staff_count}
    if structure.logo:
        data["logo"] = request.build_absolute_uri(structure.logo.get_rendition("max-400x400").url)
    return data


@register.simple_tag(takes_context=True)
def structure_json_ld(context, structure) -> str:
    payload = json.dumps(structure_schema(structure, context["request"]), ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_ESCAPES)),
    )
