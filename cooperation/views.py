"""Public views of the marketplace: the index and a listing with its response form."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from directory.contact import ContactForm, submit

from .filters import SORTS, ListingFilters
from .models import ListingPage
from .models.listings import MAX_EXCHANGE_HOURS, MAX_EXCHANGE_VALUE, ListingKind

RELATED_COUNT = 4


def impact_figures() -> dict:
    """The network's fulfilled exchanges, each counted once whatever its translations.

    A value or a number of hours beyond the bounds (stored before they were enforced) is left
    out rather than allowed to drown the total."""
    sources = ListingPage.objects.counted_exchanges().order_by("translation_key", "pk")
    keys = set()
    exchanges = value = hours = 0
    for listing in sources.only("translation_key", "estimated_value", "hours_saved"):
        if listing.translation_key in keys:
            continue
        keys.add(listing.translation_key)
        exchanges += 1
        if listing.estimated_value and listing.estimated_value <= MAX_EXCHANGE_VALUE:
            value += listing.estimated_value
        if listing.hours_saved and listing.hours_saved <= MAX_EXCHANGE_HOURS:
            hours += listing.hours_saved
    return {"exchanges": exchanges, "value": value, "hours": hours}


def cooperation_index(index, request: HttpRequest) -> HttpResponse:
    filters = ListingFilters.from_query(request.GET)
    search = filters.search(
        index.listings().select_related("structure", "category").prefetch_related("terms"),
        index.locale,
    )
    sorts = [
        ("newest", _("Newest first")),
        ("expiring", _("Expiring soon")),
    ]
    if search.query:
        sorts.insert(0, ("relevance", _("Best matches first")))
    return index.render(
        request,
        context_overrides={
            "filters": filters,
            "facets": search.facets(),
            "listings": search.page(
                request.GET.get("page"), settings.PAGE_SIZES["cooperation"],
                SORTS[filters.ordering],
                by_relevance=filters.ordering == "relevance",
            ),
            "pagination_query": filters.query_string(),
            "impact": impact_figures(),
            "sorts": [
                (value, label, filters.query_string(sort=value)) for value, label in sorts
            ],
        },
    )


def related_listings(listing: ListingPage) -> dict:
    siblings = ListingPage.objects.open().sibling_of(listing, inclusive=False)
    opposite = ListingKind.REQUEST if listing.kind == ListingKind.OFFER else ListingKind.OFFER
    return {
        "same_structure": siblings.filter(structure_id=listing.structure_id)
        .select_related("category").order_by("-first_published_at")[:RELATED_COUNT],
        "similar": siblings.filter(kind=opposite, category__translation_key=(
            listing.category.translation_key
        )).select_related("structure", "category").order_by("expires_on")[:RELATED_COUNT],
        "opposite_kind": opposite,
    }


def serve_listing(listing: ListingPage, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """A listing and its response form. Closed or expired listings are not public."""
    if not listing.is_open and not getattr(request, "is_preview", False):
        raise Http404(_("This listing is closed."))
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            submit(form, listing.structure, listing)
            messages.success(
                request,
                _("Thank you, your answer has been sent to %(name)s. They will answer you by "
                  "e-mail.") % {"name": listing.structure.title},
            )
            return redirect(f"{listing.get_url(request)}#contact")
    else:
        form = ContactForm()
    context = listing.get_context(request, *args, **kwargs)
    context.update(contact_form=form, **related_listings(listing))
    return TemplateResponse(
        request, listing.get_template(request), context,
        status=400 if request.method == "POST" else 200,
    )
