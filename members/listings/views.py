"""Mes annonces: members post, edit, renew and close their structures' offers and requests.

Like the profile in the member space, posting or editing never touches the live site: the form
stores a revision (a new listing is created not live) and, when the member asks for it,
submits it to the listings' moderation workflow; the APESS 53 team approves it in the Wagtail
admin.
"""

import logging
import uuid
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from cooperation.forms import (
    CloseListingForm,
    ListingForm,
    OfferForm,
    RequestForm,
    listing_form_class,
)
from cooperation.models import (
    CooperationIndexPage,
    ListingPage,
    ListingSubmission,
    OfferPage,
    RequestPage,
)
from cooperation.models.listings import ListingKind
from directory.models import ContactMessage
from members.conflicts import (
    BASE_REVISION,
    conflict_message,
    differences,
    is_stale,
    revision_marker,
)
from members.moderation import save_draft, submit_for_moderation
from members.profile import structures_of

from .actions import close, member_listings, own_listing, renew
from .state import listing_state
from .submissions import already_sent, submission_token

KINDS = {ListingKind.OFFER: (OfferPage, OfferForm), ListingKind.REQUEST: (RequestPage, RequestForm)}

logger = logging.getLogger(__name__)


@login_required
def listings(request: HttpRequest) -> HttpResponse:
    sections = []
    for structure in structures_of(request.user):
        pages = list(member_listings(structure).order_by("-pk"))
        responses = defaultdict(list)
        for message in ContactMessage.objects.filter(
            page__translation_key__in=[page.translation_key for page in pages]
        ).select_related("page").order_by("-created_at"):
            responses[message.page.translation_key].append(message)
        rows = [
            (page, listing_state(page), responses[page.translation_key]) for page in pages
        ]
        sections.append((structure, rows))
    return TemplateResponse(
        request, "members/listings/listings.html",
        {"sections": sections, "kinds": ListingKind},
    )


def _save(request: HttpRequest, page: ListingPage) -> None:
    if request.POST.get("action") == "submit":
        submit_for_moderation(page, request.user)
        messages.success(
            request,
            _("Thank you: your listing was sent to the APESS 53 team. It will be published once "
              "approved; you will be told by e-mail."),
        )
    else:
        save_draft(page, request.user)
        messages.success(
            request,
            _("Your draft is saved. Nothing is published until you send it for moderation."),
        )


def _failed(request, form: ListingForm, **context) -> HttpResponse:
    """The database refused the saving half-way: everything of it was rolled back, and the
    member gets the form back, filled in, with an explanation (not a server error page)."""
    logger.exception("Saving a listing failed")
    # Messages added before the failure belong to what was rolled back.
    list(messages.get_messages(request))
    form.add_error(None, _(
        "A technical problem stopped the saving: nothing was saved. Your text is still here; "
        "please try again in a moment."
    ))
    response = _form_response(request, form, **context)
    response.status_code = 503
    return response


def _form_response(request, form: ListingForm, **context) -> HttpResponse:
    return TemplateResponse(
        request, "members/listings/edit.html", {"form": form, **context},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def new_listing(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    structures = structures_of(request.user)
    asked = request.POST.get("structure") or request.GET.get("structure")
    if not structures or (asked and asked not in {str(s.pk) for s in structures}):
        raise PermissionDenied(_("You can only post listings for your structures."))
    token = submission_token(request) if request.method == "POST" else None
    if token and (done := already_sent(request, token)):
        return done
    model, form_class = KINDS[kind]
    locale = structures[0].locale
    page = model(locale=locale, owner=request.user, contact_member=request.user, live=False)
    form = form_class(
        request.POST or None, request.FILES or None, instance=page,
        structures=structures, locale=locale, initial={"structure": asked} if asked else None,
    )
    # The same token again when the form comes back with errors: still one listing.
    context = {"kind": kind, "listing": None, "submission_token": token or uuid.uuid4()}
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                page = form.apply(request.user)
                index = CooperationIndexPage.objects.filter(
                    locale_id=page.structure.locale_id
                ).first()
                if index is None:
                    raise Http404(_("The cooperation section does not exist yet."))
                page.locale_id = index.locale_id
                page.slug = find_available_slug(index, slugify(page.title) or "annonce")
                index.add_child(instance=page)  # not live: nothing public before approval
                if token:
                    ListingSubmission.objects.create(token=token, listing=page,
                                                     user=request.user)
                _save(request, page)
        except IntegrityError:
            # Sent twice at the same moment: the other request recorded the token first.
            if token and (done := already_sent(request, token)):
                return done
            return _failed(request, form, **context)
        except DatabaseError:
            return _failed(request, form, **context)
        return redirect("members:listings")
    return _form_response(request, form, **context)


class StaleEdit(Exception):
    """The listing has a newer revision than the one the form was opened on."""


@login_required
def edit_listing(request: HttpRequest, pk: int) -> HttpResponse:
    listing = own_listing(request, pk)
    state = listing_state(listing)
    if not state.can_edit:
        raise PermissionDenied(_("A closed listing can no longer be changed."))
    locale = Locale.objects.get(pk=listing.locale_id)
    draft = listing.get_latest_revision_as_object()
    form = listing_form_class(draft)(
        request.POST or None, request.FILES or None, instance=draft,
        structures=[listing.structure], locale=locale,
    )
    context = {"kind": listing.kind, "listing": listing, "state": state,
               "base_revision": request.POST.get(BASE_REVISION, revision_marker(listing))}
    if request.method == "POST":
        try:
            with transaction.atomic():
                if is_stale(request, listing):
                    raise StaleEdit
                if form.is_valid():
                    _save(request, form.apply(request.user))
                    return redirect("members:listings")
        except StaleEdit:
            return _conflict(request, listing, locale, context)
        except DatabaseError:
            return _failed(request, form, **context)
    return _form_response(request, form, **context)


def _conflict(request: HttpRequest, listing: ListingPage, locale, context) -> HttpResponse:
    """Nothing saved: the member's text in the form, beside the version saved meanwhile."""
    listing.refresh_from_db()
    current = listing.get_latest_revision_as_object()
    form_class = listing_form_class(current)
    options = {"structures": [listing.structure], "locale": locale}
    saved = form_class(instance=current, **options)
    data = request.POST.copy()  # sent again, it replaces the version saved now
    data[BASE_REVISION] = revision_marker(listing)
    form = form_class(data, instance=current, **options)
    form.is_valid()
    response = _form_response(
        request, form, **{**context, "base_revision": data[BASE_REVISION]},
        conflict=conflict_message(), differences=differences(form, saved),
        files_dropped=bool(request.FILES),
    )
    response.status_code = 409
    return response


@login_required
@require_http_methods(["GET", "POST"])
def renew_listing(request: HttpRequest, pk: int) -> HttpResponse:
    listing = own_listing(request, pk)
    if request.method == "GET":
        # The address pasted in a browser, or opened from a bookmark: renewing is done by the
        # button of Mes annonces (a POST, so that no link or prefetch renews by itself).
        messages.info(
            request, _("To renew “%(title)s”, use its “Renew for 90 days” button below.")
            % {"title": listing.title},
        )
        return redirect(f"{reverse('members:listings')}#listing-{listing.pk}")
    if not listing_state(listing).can_renew:
        messages.error(
            request, _("Only a published listing that expires within a week, or has expired, "
                       "can be renewed.")
        )
        return redirect("members:listings")
    expires_on = renew(listing, request.user)
    messages.success(
        request,
        _("“%(title)s” is online until %(date)s.")
        % {"title": listing.title, "date": date_format(expires_on)},
    )
    return redirect("members:listings")


@login_required
def close_listing(request: HttpRequest, pk: int) -> HttpResponse:
    listing = own_listing(request, pk)
    if not listing_state(listing).can_close:
        raise PermissionDenied(_("This listing is already closed."))
    form = CloseListingForm(request.POST or None, listing=listing)
    if request.method == "POST" and form.is_valid():
        close(listing, request.user, form.cleaned_data)
        messages.success(
            request, _("“%(title)s” is closed and no longer shown on the site.")
            % {"title": listing.title},
        )
        return redirect("members:listings")
    return TemplateResponse(
        request, "members/listings/close.html", {"form": form, "listing": listing},
        status=400 if request.method == "POST" else 200,
    )
