"""Mes annonces: members post, edit, renew and close their structures' offers and requests.

Like the directory's member space, posting or editing never touches the live site: the form
stores a revision (a new listing is created not live) and, when the member asks for it,
submits it to the listings' moderation workflow; the APESS 53 team approves it in the Wagtail
admin. Renewing (same content, a later end date) is published directly; closing takes the
listing off the site but keeps it here and in the network's figures.
"""

import datetime
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, PageLogEntry, WorkflowState

from directory.conflicts import (
    BASE_REVISION,
    conflict_message,
    differences,
    is_stale,
    revision_marker,
)
from directory.member_space import MAX_ID, structures_of
from directory.models import ContactMessage, StructurePage
from directory.moderation import (
    cancel_moderation,
    latest_workflow_state,
    rejection_comment,
    save_draft,
    submit_for_moderation,
)

from .forms import (
    CloseListingForm,
    ListingForm,
    OfferForm,
    RequestForm,
    expiry_moment,
    listing_form_class,
)
from .models import (
    CooperationIndexPage,
    ListingPage,
    ListingStatus,
    ListingSubmission,
    OfferPage,
    RequestPage,
)
from .models.listings import DEFAULT_VALIDITY, MAX_VALIDITY, ListingKind
from .submissions import already_sent, submission_token
from .workflows import listings_workflow

EXPIRING_SOON = datetime.timedelta(days=7)  # shown as "expires soon", and may be renewed
KINDS = {ListingKind.OFFER: (OfferPage, OfferForm), ListingKind.REQUEST: (RequestPage, RequestForm)}

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- where it stands

@dataclass
class ListingState:
    code: str  # draft, in_moderation, rejected, published, expiring, expired, offline,
    #            fulfilled, withdrawn
    label: str
    comment: str = ""  # the moderator's, when rejected
    online: bool = False  # the public can see it now
    draft_changes: bool = False  # saved changes not sent for moderation
    can_edit: bool = False
    can_renew: bool = False
    can_close: bool = False


def has_draft_changes(listing: ListingPage) -> bool:
    """Is the latest revision one that was never published?"""
    if listing.latest_revision_id is None:
        return False
    if listing.live:
        return listing.has_unpublished_changes
    return not PageLogEntry.objects.filter(
        page_id=listing.pk, action="wagtail.publish", revision_id=listing.latest_revision_id
    ).exists()


def listing_state(listing: ListingPage) -> ListingState:
    today = timezone.localdate()
    closed = listing.status != ListingStatus.OPEN
    published_once = listing.first_published_at is not None
    expired = listing.expires_on < today or (not listing.live and listing.expired)
    state = ListingState(
        code="", label="", online=listing.live and listing.is_open,
        can_edit=not closed, can_close=not closed,
        can_renew=(not closed and published_once and (listing.live or listing.expired)
                   and listing.expires_on <= today + EXPIRING_SOON),
    )
    workflow_state = None if closed else latest_workflow_state(listing)
    if closed:
        state.code, state.label = listing.status, listing.get_status_display()
    elif workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        state.code, state.label = "in_moderation", _("Waiting for moderation")
    elif workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.code, state.label = "rejected", _("Not accepted by the APESS 53 team")
        state.comment = rejection_comment(workflow_state)
    elif expired:
        state.code, state.label = "expired", _("Expired")
    elif not listing.live and not published_once:
        state.code, state.label = "draft", _("Draft: not sent for moderation")
    elif not listing.live:
        state.code, state.label = "offline", _("Taken offline by the APESS 53 team")
    elif listing.expires_on <= today + EXPIRING_SOON:
        state.code, state.label = "expiring", _("Published, expires soon")
    else:
        state.code, state.label = "published", _("Published")
    if state.code in ("published", "expiring", "expired", "offline"):
        state.draft_changes = has_draft_changes(listing)
    return state


# --------------------------------------------------------------------------- who may do what

def member_listings(structure: StructurePage):
    """The listings a structure posted (its source-language pages, not their translations)."""
    return (
        ListingPage.objects.filter(
            structure=structure, locale_id=structure.locale_id, alias_of__isnull=True
        )
        .specific()
    )


def own_listing(request: HttpRequest, pk: int) -> ListingPage:
    """The listing, if the member belongs to the structure that posted it; else 403."""
    if pk > MAX_ID:  # larger numbers overflow the database's integers
        raise Http404
    listing = get_object_or_404(ListingPage, pk=pk, alias_of__isnull=True).specific
    allowed = {structure.pk for structure in structures_of(request.user)}
    if listing.structure_id not in allowed or listing.locale_id != listing.structure.locale_id:
        raise PermissionDenied(_("You can only manage the listings of your structures."))
    return listing


# --------------------------------------------------------------------------- actions

def _set_end(page: ListingPage, expires_on: datetime.date) -> None:
    page.expires_on = expires_on
    page.expire_at = expiry_moment(expires_on)
    page.reminder_sent_on = None


@transaction.atomic
def renew(listing: ListingPage, user) -> datetime.date:
    """The published content, online again until today + 90 days, without moderation.

    Changes still waiting for moderation (or saved as a draft) keep waiting, with the new end
    date, so that their approval does not bring the old one back.
    """
    today = timezone.localdate()
    expires_on = min(today + DEFAULT_VALIDITY, today + MAX_VALIDITY)
    pending = WorkflowState.objects.active().for_instance(listing).first()
    draft = listing.get_latest_revision_as_object() if has_draft_changes(listing) else None
    # The database row holds the last published content (also after Wagtail's expiry).
    published = ListingPage.objects.get(pk=listing.pk).specific
    _set_end(published, expires_on)
    revision = published.save_revision(user=user, log_action=True, changed=False)
    # Members may not publish; this is the one change they publish themselves. Publishing
    # cancels any moderation in progress (Wagtail), which is started again below.
    revision.publish(user=user, changed=False, skip_permission_checks=True)
    if draft is not None:
        _set_end(draft, expires_on)
        draft.save_revision(user=user, log_action=True)
        if pending and pending.status == WorkflowState.STATUS_IN_PROGRESS:
            listings_workflow().start(
                ListingPage.objects.get(pk=listing.pk).specific, pending.requested_by or user
            )
    return expires_on


@transaction.atomic
def close(listing: ListingPage, user, data: dict) -> None:
    """Fulfilled or withdrawn: off the site, still in Mes annonces and in the figures."""
    cancel_moderation(listing, user)
    page = ListingPage.objects.get(pk=listing.pk).specific  # the last published content
    page.status = data["status"]
    page.closed_on = timezone.localdate()
    page.partner_structure = data.get("partner_structure")
    page.estimated_value = data.get("estimated_value")
    page.hours_saved = data.get("hours_saved")
    page.save()
    revision = page.save_revision(user=user, log_action=True)
    if page.live:
        # The other languages' aliases take the closed status, then go offline with the page.
        page.update_aliases(revision=revision)
        UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)


# --------------------------------------------------------------------------- views

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
        request, "cooperation/member_space/listings.html",
        {"sections": sections, "kinds": ListingKind},
    )


def _save(request: HttpRequest, page: ListingPage) -> None:
    if request.POST.get("action") == "submit":
        submit_for_moderation(page, request.user, listings_workflow())
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
        request, "cooperation/member_space/edit.html", {"form": form, **context},
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
        return redirect("cooperation:listings")
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
                    return redirect("cooperation:listings")
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
        return redirect(f"{reverse('cooperation:listings')}#listing-{listing.pk}")
    if not listing_state(listing).can_renew:
        messages.error(
            request, _("Only a published listing that expires within a week, or has expired, "
                       "can be renewed.")
        )
        return redirect("cooperation:listings")
    expires_on = renew(listing, request.user)
    messages.success(
        request,
        _("“%(title)s” is online until %(date)s.")
        % {"title": listing.title, "date": date_format(expires_on)},
    )
    return redirect("cooperation:listings")


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
        return redirect("cooperation:listings")
    return TemplateResponse(
        request, "cooperation/member_space/close.html", {"form": form, "listing": listing},
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("annonces/", listings, name="listings"),
    path("annonces/nouvelle/<str:kind>/", new_listing, name="new_listing"),
    path("annonces/<int:pk>/", edit_listing, name="edit_listing"),
    path("annonces/<int:pk>/renouveler/", renew_listing, name="renew_listing"),
    path("annonces/<int:pk>/cloturer/", close_listing, name="close_listing"),
]
