"""The marketplace's part of a member's personal-data export (directory/privacy.py): every
listing of the member's structures, in any state, with its images' descriptions."""

from directory.privacy import page_fields, register_section

from .models import ListingPage, OfferPage, RequestPage


def structure_listings(user, structures) -> list[dict]:
    listings = (
        ListingPage.objects.filter(structure__in=structures, alias_of__isnull=True)
        .specific().order_by("pk")
    )
    rows = []
    for listing in listings:
        model = OfferPage if isinstance(listing, OfferPage) else RequestPage
        row = page_fields(listing, model)
        row["images"] = [
            {"title": item.image.title, "alt_text": item.alt_text}
            for item in listing.images.select_related("image")
        ]
        rows.append(row)
    return rows


def register() -> None:
    register_section("listings_of_my_structures", structure_listings)
